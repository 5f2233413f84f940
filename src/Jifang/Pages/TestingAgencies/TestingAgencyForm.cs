using System.Globalization;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.TestingAgencies;

public sealed class TestingAgencyForm
{
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public string? DivisionCode { get; set; }
    public string? CertificateNumber { get; set; }
    /// <summary>yyyy-MM-dd, parsed by the page so that a malformed date is a Chinese form error.</summary>
    public string? QualifiedUntil { get; set; }

    public TestingAgencyRegistration ToRequest(DateOnly? qualifiedUntil) =>
        new(Name, CreditCode?.Trim(), DivisionCode?.Trim(), CertificateNumber, qualifiedUntil);

    public static TestingAgencyForm From(TestingAgencyDto a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Name = a.Name, CreditCode = a.CreditCode, DivisionCode = a.DivisionCode, CertificateNumber = a.CertificateNumber,
            QualifiedUntil = a.QualifiedUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>What the create and edit pages of a testing agency share: the form and how a handler's answer reaches it.</summary>
public abstract class TestingAgencyFormPage(JifangDbContext db, IValidator<TestingAgencyRegistration> validator, TimeProvider time) : SignedInPageModel
{
    protected JifangDbContext Db => db;
    protected IValidator<TestingAgencyRegistration> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public TestingAgencyForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    /// <summary>The form's request, or null when a field could not be read (the error is on the form).</summary>
    protected TestingAgencyRegistration? ReadForm()
    {
        ModelState.ReplaceBindingErrors();
        var until = ModelState.ParseDate("Input.QualifiedUntil", Input.QualifiedUntil);
        return ModelState.IsValid ? Input.ToRequest(until) : null;
    }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<TestingAgencyDto>(this, result, x => $"已{done}检测机构「{x.Name}」。", _ => "/TestingAgencies", "该检测机构");
}
