using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Jifang.Rules.Divisions;

namespace Jifang.Features.Registry;

/// <summary>从业单位（技防系统的设计、施工、维修等单位）的登记信息</summary>
/// <param name="Name">单位名称，必填，至多 200 字</param>
/// <param name="CreditCode">统一社会信用代码：18 位数字或大写字母，可空</param>
/// <param name="DivisionCode">所在地的行政区划代码（6 位），必填</param>
/// <param name="QualificationLevel">资质等级，至多 40 字，可空</param>
/// <param name="Qualified">是否取得资质</param>
/// <param name="QualifiedUntil">资质有效期至（日期）；未取得资质的单位不填</param>
public sealed record ContractorRegistration(
    [property: Text(200)] string? Name, [property: Text(18)] string? CreditCode, [property: Text(6)] string? DivisionCode, [property: Text(40)] string? QualificationLevel, bool Qualified, DateOnly? QualifiedUntil);

public sealed record ContractorDto(
    Guid Id, string Name, string? CreditCode, string DivisionCode, string? QualificationLevel, bool Qualified, DateOnly? QualifiedUntil, bool Archived);

public sealed class ContractorRegistrationValidator : AbstractValidator<ContractorRegistration>
{
    public ContractorRegistrationValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少单位名称").MaximumLength(200).WithMessage("单位名称不能超过 200 个字符");
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.CreditCode).Matches("^[0-9A-HJ-NPQRTUWXY]{18}\\z").When(x => !string.IsNullOrEmpty(x.CreditCode))
            .WithMessage("统一社会信用代码应为 18 位数字或大写字母");
        RuleFor(x => x.QualificationLevel).MaximumLength(40).WithMessage("资质等级不能超过 40 个字符");
        RuleFor(x => x.QualifiedUntil).Null().When(x => !x.Qualified).WithMessage("未取得资质的单位不应填写资质有效期");
    }
}

/// <summary>
/// Contractors (从业单位) and their qualification. Scoped like units: police see and register those under their
/// division prefix, the platform administrator all; unit users read every contractor (they choose one) but write none.
/// </summary>
public static class ContractorsApi
{
    public static RouteGroupBuilder MapContractors(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var contractors = api.MapGroup("/contractors").WithTags("从业单位");
        contractors.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        contractors.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        contractors.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        contractors.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Supervise);
        contractors.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    public static ContractorDto ToDto(Contractor c) =>
        new(c.Id, c.Name, c.CreditCode, c.DivisionCode, c.QualificationLevel, c.Qualified, c.QualifiedUntil, c.Archived);

    /// <summary>从业单位名录</summary>
    /// <remarks>公安机关见辖区内的从业单位，平台管理员见全部；使用单位的用户可读全部从业单位（供其选用），但不能修改。按名称排序，分页。</remarks>
    /// <param name="search">单位名称中的文字，或完整的统一社会信用代码</param>
    /// <param name="division">行政区划代码前缀：只列其下的从业单位</param>
    /// <param name="qualified">`true` 只列取得资质的，`false` 只列未取得的</param>
    /// <param name="archived">`true`：只列已归档的；默认只列未归档的</param>
    internal static async Task<Ok<Page<ContractorDto>>> List(
        JifangDbContext db, string? search, string? division, bool? qualified, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.Contractors.AsNoTracking().Where(c => c.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(c => c.Name.Contains(search) || (c.CreditCode != null && c.CreditCode == search));
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            q = q.Where(c => c.DivisionCode.StartsWith(division));
        }
        if (qualified is { } ok)
        {
            q = q.Where(c => c.Qualified == ok);
        }
        return TypedResults.Ok(await q.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>从业单位详情</summary>
    /// <remarks>范围外或不存在的从业单位答复 404。</remarks>
    /// <param name="id">从业单位编号</param>
    internal static async Task<Results<Ok<ContractorDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Contractors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(ToDto(c)) : TypedResults.NotFound();

    /// <summary>登记从业单位</summary>
    /// <remarks>公安机关在辖区内、平台管理员在任何地方登记；辖区外答复 403 `divisionCode`。记入审计日志（`contractor.created`）。</remarks>
    /// <param name="request">从业单位的登记信息</param>
    internal static async Task<Results<Created<ContractorDto>, ValidationProblem, ProblemHttpResult>> Create(
        ContractorRegistration request, JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var contractor = new Contractor { CreatedAt = now };
        Apply(contractor, request, now);
        db.Contractors.Add(contractor);
        await RegistryAudit.SaveAsync(db, audit, "contractor.created", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.Created($"/api/contractors/{contractor.Id}", ToDto(contractor));
    }

    /// <summary>修改从业单位</summary>
    /// <remarks>原所在地与新所在地都须在调用者辖区内，否则 403 `divisionCode`。记入审计日志（`contractor.updated`）。</remarks>
    /// <param name="id">从业单位编号</param>
    /// <param name="request">从业单位的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<ContractorDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ContractorRegistration request, JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var contractor = await db.Contractors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contractor is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!Writable(db.Scope, contractor.DivisionCode) || !Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        Apply(contractor, request, time.GetUtcNow().UtcDateTime);
        await RegistryAudit.SaveAsync(db, audit, "contractor.updated", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.Ok(ToDto(contractor));
    }

    /// <summary>归档从业单位</summary>
    /// <remarks>公安机关（辖区内）与平台管理员归档从业单位。记入审计日志（`contractor.archived`）。</remarks>
    /// <param name="id">从业单位编号</param>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var contractor = await db.Contractors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contractor is null)
        {
            return TypedResults.NotFound();
        }
        if (!Writable(db.Scope, contractor.DivisionCode))
        {
            return UnitsApi.OutsideScope("divisionCode", contractor.DivisionCode);
        }
        contractor.Archived = true;
        contractor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "contractor.archived", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Whether the scope may write a contractor registered under this division: police of it and the administrator.</summary>
    internal static bool Writable(Scope scope, string divisionCode) =>
        scope.Everything || (scope.DivisionPrefix is { } p && divisionCode.StartsWith(p, StringComparison.Ordinal));

    private static void Apply(Contractor contractor, ContractorRegistration request, DateTime now)
    {
        contractor.Name = request.Name!.Trim();
        contractor.CreditCode = UnitsApi.NullIfEmpty(request.CreditCode);
        contractor.DivisionCode = request.DivisionCode!;
        contractor.QualificationLevel = UnitsApi.NullIfEmpty(request.QualificationLevel);
        contractor.Qualified = request.Qualified;
        contractor.QualifiedUntil = request.QualifiedUntil;
        contractor.UpdatedAt = now;
    }
}
