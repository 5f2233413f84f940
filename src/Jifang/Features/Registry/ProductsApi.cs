using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

/// <summary>技防产品名录中的一条</summary>
/// <param name="Model">产品型号，必填，至多 200 字</param>
/// <param name="Manufacturer">生产厂家，必填，至多 200 字</param>
/// <param name="CertificateNumber">证书编号，至多 100 字，可空</param>
/// <param name="InCatalog">是否列入《安全技术防范产品目录》</param>
/// <param name="MeetsStandard">是否符合产品质量标准</param>
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

    /// <summary>产品名录</summary>
    /// <remarks>各辖区共用一份技防产品名录，有登记查询权限的人都可读；按型号排序，分页。</remarks>
    /// <param name="search">型号或生产厂家中的文字，或完整的证书编号</param>
    /// <param name="inCatalog">`true` 只列入目录的，`false` 只列未列入的</param>
    /// <param name="meetsStandard">`true` 只列符合产品质量标准的，`false` 只列不符合的</param>
    /// <param name="archived">`true`：只列已归档的产品；默认只列未归档的</param>
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

    /// <summary>产品详情</summary>
    /// <remarks>不存在的产品答复 404。</remarks>
    /// <param name="id">产品编号</param>
    internal static async Task<Results<Ok<ProductDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound();

    /// <summary>登记产品</summary>
    /// <remarks>公安机关与平台管理员在名录中登记技防产品。记入审计日志（`product.created`）。</remarks>
    /// <param name="request">产品信息</param>
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

    /// <summary>修改产品</summary>
    /// <remarks>公安机关与平台管理员修改名录中的产品。记入审计日志（`product.updated`）。</remarks>
    /// <param name="id">产品编号</param>
    /// <param name="request">产品信息（全部字段）</param>
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

    /// <summary>归档产品</summary>
    /// <remarks>公安机关与平台管理员归档产品：它不再出现在默认列表中。记入审计日志（`product.archived`）。</remarks>
    /// <param name="id">产品编号</param>
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
