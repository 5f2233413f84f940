using FluentValidation;
using Jifang.Data;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

public sealed class UnitForm
{
    public string? Name { get; set; }
    public string? DivisionCode { get; set; }
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string? ContactPhone { get; set; }

    public UnitRequest ToRequest() => new(Name, DivisionCode?.Trim(), CreditCode?.Trim(), Address, ContactPhone);

    public static UnitForm From(UnitDto u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new() { Name = u.Name, DivisionCode = u.DivisionCode, CreditCode = u.CreditCode, Address = u.Address, ContactPhone = u.ContactPhone };
    }
}

/// <summary>What the create and edit pages of a unit share: the form and how a handler's answer reaches it.</summary>
public abstract class UnitFormPage(JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time) : SignedInPageModel
{
    protected JifangDbContext Db => db;
    protected IValidator<UnitRequest> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public UnitForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    /// <summary>Whether the division code may be changed here: not by a unit's own users (the API refuses it).</summary>
    public virtual bool DivisionLocked => false;

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<UnitDto>(this, result, x => $"已{done}单位「{x.Name}」。", _ => "/Units", "该单位");
}
