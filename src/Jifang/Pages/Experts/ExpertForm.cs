using FluentValidation;
using Jifang.Data;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Experts;

public sealed class ExpertForm
{
    public string? Name { get; set; }
    public string? DivisionCode { get; set; }
    public string? Specialty { get; set; }
    public string? Employer { get; set; }
    public string? EmployerKind { get; set; } = ExpertEmployers.Other;
    /// <summary>The registered employer chosen in the list (an id, parsed by the page so that a bad one is a Chinese form error).</summary>
    public string? EmployerId { get; set; }
    public bool Available { get; set; } = true;

    /// <summary>The request; the registered employer is sent only for the kinds that name one (the list keeps its choice otherwise).</summary>
    public ExpertRegistration ToRequest(Guid? employerId) =>
        new(Name, DivisionCode?.Trim(), Specialty, Employer, EmployerKind,
            ExpertRegistrationValidator.Registered.Contains(EmployerKind ?? "") ? employerId : null, Available);

    public static ExpertForm From(ExpertDto e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            Name = e.Name, DivisionCode = e.DivisionCode, Specialty = e.Specialty, Employer = e.Employer, EmployerKind = e.EmployerKind,
            EmployerId = e.EmployerId?.ToString(), Available = e.Available,
        };
    }
}

/// <summary>What the create and edit pages of an expert share: the form, the lists it chooses from, and how a handler's answer reaches it.</summary>
public abstract class ExpertFormPage(JifangDbContext db, IValidator<ExpertRegistration> validator, TimeProvider time) : SignedInPageModel
{
    /// <summary>How many entries of each registry the employer list offers.</summary>
    private const int ListSize = 500;

    protected JifangDbContext Db => db;
    protected IValidator<ExpertRegistration> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public ExpertForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    public IReadOnlyList<SelectListItem> KindOptions { get; } =
        ExpertEmployers.All.Select(k => new SelectListItem(ExpertEmployers.Label(k), k)).ToList();

    /// <summary>The registered employers to choose from: contractors and units of the caller's jurisdiction, every testing agency.</summary>
    public IReadOnlyList<SelectListItem> EmployerOptions { get; private set; } = [];

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var contractors = new SelectListGroup { Name = "从业单位（设计施工单位）" };
        var agencies = new SelectListGroup { Name = "检测机构" };
        var units = new SelectListGroup { Name = "单位（使用单位或建设单位）" };
        var options = new List<SelectListItem>();
        options.AddRange((await db.Contractors.AsNoTracking().Where(c => !c.Archived).OrderBy(c => c.Name).ThenBy(c => c.Id).Take(ListSize)
            .Select(c => new { c.Id, c.Name, c.DivisionCode }).ToListAsync(ct))
            .Select(c => new SelectListItem($"{c.Name}（{c.DivisionCode}）", c.Id.ToString()) { Group = contractors }));
        options.AddRange((await db.TestingAgencies.AsNoTracking().Where(a => !a.Archived).OrderBy(a => a.Name).ThenBy(a => a.Id).Take(ListSize)
            .Select(a => new { a.Id, a.Name, a.DivisionCode }).ToListAsync(ct))
            .Select(a => new SelectListItem($"{a.Name}（{a.DivisionCode}）", a.Id.ToString()) { Group = agencies }));
        options.AddRange((await db.Units.AsNoTracking().Where(u => !u.Archived).OrderBy(u => u.Name).ThenBy(u => u.Id).Take(ListSize)
            .Select(u => new { u.Id, u.Name, u.DivisionCode }).ToListAsync(ct))
            .Select(u => new SelectListItem($"{u.Name}（{u.DivisionCode}）", u.Id.ToString()) { Group = units }));
        EmployerOptions = options;
    }

    /// <summary>The form's request, or null when a field could not be read (the error is on the form).</summary>
    protected ExpertRegistration? ReadForm()
    {
        ModelState.ReplaceBindingErrors();
        var employer = ExpertRegistrationValidator.Registered.Contains(Input.EmployerKind ?? "") ? ModelState.ParseId("Input.EmployerId", Input.EmployerId) : null;
        return ModelState.IsValid ? Input.ToRequest(employer) : null;
    }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<ExpertDto>(this, result, x => $"已{done}专家「{x.Name}」。", _ => "/Experts", "该专家");
}
