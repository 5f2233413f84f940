using System.Globalization;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Personnel;

public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? EmployerUnitId { get; set; }
    public string? EmployerContractorId { get; set; }
    public string? Job { get; set; }
    public bool Trained { get; set; }
    public string? TrainingCertificate { get; set; }
    /// <summary>yyyy-MM-dd, parsed by the page so that a malformed date is a Chinese form error.</summary>
    public string? TrainedOn { get; set; }

    public static PersonForm From(PersonDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, EmployerUnitId = p.EmployerUnitId?.ToString(), EmployerContractorId = p.EmployerContractorId?.ToString(),
            Job = p.Job, Trained = p.Trained, TrainingCertificate = p.TrainingCertificate,
            TrainedOn = p.TrainedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>What the create and edit pages of a person share: the form, the employers to choose from, the handler's answer.</summary>
public abstract class PersonFormPage(JifangDbContext db, IValidator<PersonRegistration> validator, TimeProvider time) : SignedInPageModel
{
    protected JifangDbContext Db => db;
    protected IValidator<PersonRegistration> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    public static IReadOnlyList<Choice> Jobs { get; } = PersonnelApi.Jobs.Select(j => new Choice(j.Key, j.Value)).ToList();

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public IReadOnlyList<Choice> Contractors { get; private set; } = [];

    /// <summary>The units and contractors the user may register staff of (unit users: their unit only).</summary>
    protected async Task LoadEmployersAsync(CancellationToken ct)
    {
        Units = (await UnitsApi.List(Db, null, null, false, 1, 200, ct)).Value!.Items.Select(u => new Choice(u.Id.ToString(), u.Name)).ToList();
        Contractors = Db.Scope.IsUnit
            ? []
            : (await ContractorsApi.List(Db, null, null, null, false, 1, 200, ct)).Value!.Items.Select(c => new Choice(c.Id.ToString(), c.Name)).ToList();
    }

    /// <summary>The form's request, or null when a field could not be read (the error is on the form).</summary>
    protected PersonRegistration? ReadForm()
    {
        ModelState.ReplaceBindingErrors();
        var unit = ModelState.ParseId("Input.EmployerUnitId", Input.EmployerUnitId);
        var contractor = ModelState.ParseId("Input.EmployerContractorId", Input.EmployerContractorId);
        var trainedOn = ModelState.ParseDate("Input.TrainedOn", Input.TrainedOn);
        return ModelState.IsValid
            ? new PersonRegistration(Input.Name, unit, contractor, Input.Job, Input.Trained, Input.TrainingCertificate, trainedOn)
            : null;
    }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<PersonDto>(this, result, x => $"已{done}人员「{x.Name}」。", _ => "/Personnel", "该人员");
}
