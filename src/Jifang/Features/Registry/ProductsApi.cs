using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

public sealed record ProductRegistration(
    [property: Text(200)] string? Model, [property: Text(200)] string? Manufacturer, [property: Text(100)] string? CertificateNumber, bool InCatalog, bool MeetsStandard);

public sealed record ProductDto(Guid Id, string Model, string Manufacturer, string? CertificateNumber, bool InCatalog, bool MeetsStandard, bool Archived);

public sealed class ProductRegistrationValidator : AbstractValidator<ProductRegistration>
{
    public ProductRegistrationValidator()
    {
        RuleFor(x => x.Model).NotEmpty().WithMessage("缺少产品型号").MaximumLength(200).WithMessage("产品型号不能超过 200 个字符");
        RuleFor(x => x.Manufacturer).NotEmpty().WithMessage("缺少生产厂家").MaximumLength(200).WithMessage("生产厂家不能超过 200 个字符");
        RuleFor(x => x.CertificateNumber).MaximumLength(100).WithMessage("证书编号不能超过 100 个字符");
    }
}

/// <summary>
/// Products (技防产品): a catalogue shared by every jurisdiction. Everyone who reads the registry reads it;
/// police and the platform administrator register, edit and archive products.
/// </summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProducts(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var products = api.MapGroup("/products").WithTags("产品");
        products.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        products.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        products.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        products.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Supervise);
        products.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    public static ProductDto ToDto(Product p) => new(p.Id, p.Model, p.Manufacturer, p.CertificateNumber, p.InCatalog, p.MeetsStandard, p.Archived);

    internal static async Task<Ok<Page<ProductDto>>> List(
        JifangDbContext db, string? search, bool? inCatalog, bool? meetsStandard, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.Products.AsNoTracking().Where(p => p.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(p => p.Model.Contains(search) || p.Manufacturer.Contains(search) || (p.CertificateNumber != null && p.CertificateNumber == search));
        }
        if (inCatalog is { } c)
        {
            q = q.Where(p => p.InCatalog == c);
        }
        if (meetsStandard is { } m)
        {
            q = q.Where(p => p.MeetsStandard == m);
        }
        return TypedResults.Ok(await q.OrderBy(p => p.Model).ThenBy(p => p.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    internal static async Task<Results<Ok<ProductDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound();

    internal static async Task<Results<Created<ProductDto>, ValidationProblem>> Create(
        ProductRegistration request, JifangDbContext db, IValidator<ProductRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        var now = time.GetUtcNow().UtcDateTime;
        var product = new Product { CreatedAt = now };
        Apply(product, request, now);
        db.Products.Add(product);
        await RegistryAudit.SaveAsync(db, audit, "product.created", $"product:{product.Id}", null, null, product.Model, ct);
        return TypedResults.Created($"/api/products/{product.Id}", ToDto(product));
    }

    internal static async Task<Results<Ok<ProductDto>, NotFound, ValidationProblem>> Update(
        Guid id, ProductRegistration request, JifangDbContext db, IValidator<ProductRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        Apply(product, request, time.GetUtcNow().UtcDateTime);
        await RegistryAudit.SaveAsync(db, audit, "product.updated", $"product:{product.Id}", null, null, product.Model, ct);
        return TypedResults.Ok(ToDto(product));
    }

    internal static async Task<Results<NoContent, NotFound>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return TypedResults.NotFound();
        }
        product.Archived = true;
        product.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "product.archived", $"product:{product.Id}", null, null, product.Model, ct);
        return TypedResults.NoContent();
    }

    private static void Apply(Product product, ProductRegistration request, DateTime now)
    {
        product.Model = request.Model!.Trim();
        product.Manufacturer = request.Manufacturer!.Trim();
        product.CertificateNumber = UnitsApi.NullIfEmpty(request.CertificateNumber);
        product.InCatalog = request.InCatalog;
        product.MeetsStandard = request.MeetsStandard;
        product.UpdatedAt = now;
    }
}
