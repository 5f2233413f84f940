using FluentValidation;
using Jifang.Data;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Products;

public sealed class ProductForm
{
    public string? Model { get; set; }
    public string? Manufacturer { get; set; }
    public string? CertificateNumber { get; set; }
    public bool InCatalog { get; set; }
    public bool MeetsStandard { get; set; }

    public ProductRegistration ToRequest() => new(Model, Manufacturer, CertificateNumber?.Trim(), InCatalog, MeetsStandard);

    public static ProductForm From(ProductDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new() { Model = p.Model, Manufacturer = p.Manufacturer, CertificateNumber = p.CertificateNumber, InCatalog = p.InCatalog, MeetsStandard = p.MeetsStandard };
    }
}

/// <summary>What the create and edit pages of a product share: the form and how a handler's answer reaches it.</summary>
public abstract class ProductFormPage(JifangDbContext db, IValidator<ProductRegistration> validator, TimeProvider time) : SignedInPageModel
{
    protected JifangDbContext Db => db;
    protected IValidator<ProductRegistration> Validator => validator;
    protected TimeProvider Time => time;

    /// <summary>The request's audit trail: changes made here are logged as through the API.</summary>
    protected Jifang.Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();

    [BindProperty]
    public ProductForm Input { get; set; } = new();

    public abstract string SubmitLabel { get; }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done) =>
        FormOutcome.Of<ProductDto>(this, result, x => $"已{done}产品「{x.Model}」。", _ => "/Products", "该产品");
}
