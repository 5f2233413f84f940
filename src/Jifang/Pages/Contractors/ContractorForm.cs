using System.Globalization;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Contractors;

public sealed class ContractorForm
{
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public string? DivisionCode { get; set; }
    public string? QualificationLevel { get; set; }
    public bool Qualified { get; set; }
    /// <summary>yyyy-MM-dd, parsed by the page so that a malformed date is a Chinese form error.</summary>
    public string? QualifiedUntil { get; set; }

    public ContractorRegistration ToRequest(DateOnly? qualifiedUntil) =>
        new(Name, CreditCode?.Trim(), DivisionCode?.Trim(), QualificationLevel, Qualified, qualifiedUntil);

    public static ContractorForm From(ContractorDto c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Name = c.Name, CreditCode = c.CreditCode, DivisionCode = c.DivisionCode, QualificationLevel = c.QualificationLevel,
            Qualified = c.Qualified, QualifiedUntil = c.QualifiedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>What the create and edit pages of a contractor share: the form and how a handler's answer reaches it.</summary>
public abstract class ContractorFormPage(JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time) : SignedInPageModel
{
    protected JifangDbContext Db => db;
    protected IValidator<ContractorRegistration> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public ContractorForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    /// <summary>The form's request, or null when a field could not be read (the error is on the form).</summary>
    protected ContractorRegistration? ReadForm()
    {
        ModelState.ReplaceBindingErrors();
        var until = ModelState.ParseDate("Input.QualifiedUntil", Input.QualifiedUntil);
        return ModelState.IsValid ? Input.ToRequest(until) : null;
    }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<ContractorDto>(this, result, x => $"已{done}从业单位「{x.Name}」。", _ => "/Contractors", "该从业单位");
}
