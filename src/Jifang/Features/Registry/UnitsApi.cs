using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Jifang.Rules.Divisions;

namespace Jifang.Features.Registry;

/// <summary>使用单位的登记信息</summary>
/// <param name="Name">单位名称，必填，至多 200 字</param>
/// <param name="DivisionCode">所在地的行政区划代码（GB/T 2260，6 位数字），必填</param>
/// <param name="CreditCode">统一社会信用代码：18 位数字或大写字母，可空</param>
/// <param name="Address">地址，至多 300 字</param>
/// <param name="ContactPhone">联系电话，至多 40 字</param>
public sealed record UnitRequest(
    [property: Text(200)] string? Name, [property: Text(6)] string? DivisionCode, [property: Text(18)] string? CreditCode, [property: Text(300)] string? Address, [property: Text(40)] string? ContactPhone);

public sealed record UnitDto(Guid Id, string Name, string DivisionCode, string? CreditCode, string? Address, string? ContactPhone, bool Archived);

public sealed class UnitRequestValidator : AbstractValidator<UnitRequest>
{
    public UnitRequestValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少单位名称").MaximumLength(200);
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.CreditCode).Matches("^[0-9A-HJ-NPQRTUWXY]{18}\\z").When(x => !string.IsNullOrEmpty(x.CreditCode))
            .WithMessage("统一社会信用代码应为 18 位数字或大写字母");
        RuleFor(x => x.Address).MaximumLength(300);
        RuleFor(x => x.ContactPhone).MaximumLength(40);
    }
}

/// <summary>Units (使用单位): list, search, create (police and administrators), edit, archive.</summary>
public static class UnitsApi
{
    public static RouteGroupBuilder MapUnits(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var units = api.MapGroup("/units").WithTags("单位");
        units.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        units.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        units.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        units.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.RegistryWrite);
        units.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    public static UnitDto ToDto(Unit u) => new(u.Id, u.Name, u.DivisionCode, u.CreditCode, u.Address, u.ContactPhone, u.Archived);

    /// <summary>单位列表</summary>
    /// <remarks>范围内的使用单位，按名称排序，分页。</remarks>
    /// <param name="search">单位名称中的文字，或完整的统一社会信用代码</param>
    /// <param name="division">行政区划代码前缀（2、4 或 6 位）：只列其下的单位</param>
    /// <param name="archived">`true`：只列已归档的单位；默认只列未归档的</param>
    internal static async Task<Ok<Page<UnitDto>>> List(JifangDbContext db, string? search, string? division, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        var q = Filter(db, search, division, archived);
        return TypedResults.Ok(await q.OrderBy(u => u.Name).ThenBy(u => u.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>The filters of the list, shared with the export (Features/Import/ListExports).</summary>
    internal static IQueryable<Unit> Filter(JifangDbContext db, string? search, string? division, bool? archived)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Units.AsNoTracking().Where(u => u.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(u => u.Name.Contains(search) || (u.CreditCode != null && u.CreditCode == search));
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            q = q.Where(u => u.DivisionCode.StartsWith(division));
        }
        return q;
    }

    /// <summary>单位详情</summary>
    /// <remarks>范围外或不存在的单位答复 404。</remarks>
    /// <param name="id">单位编号</param>
    internal static async Task<Results<Ok<UnitDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } u ? TypedResults.Ok(ToDto(u)) : TypedResults.NotFound();

    /// <summary>
    /// A unified social credit code names one legal person: a second unit with it is refused, naming the field (imports
    /// and the portal find a unit by its code; two would make them refuse). Which unit holds it is not said — it may lie
    /// outside the caller's jurisdiction.
    /// </summary>
    private static async Task<ValidationProblem?> CreditCodeTakenAsync(JifangDbContext db, string? creditCode, Guid? except, CancellationToken ct)
    {
        var code = NullIfEmpty(creditCode);
        if (code is null || !await db.Units.IgnoreQueryFilters().AnyAsync(u => u.CreditCode == code && u.Id != except, ct))
        {
            return null;
        }
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["creditCode"] = [$"统一社会信用代码 {code} 已登记为另一个单位"] });
    }

    /// <summary>登记单位</summary>
    /// <remarks>公安机关在本辖区内、平台管理员在任何地方登记使用单位；辖区外的行政区划代码答复 403。记入审计日志（`unit.created`）。</remarks>
    /// <param name="request">单位的登记信息</param>
    internal static async Task<Results<Created<UnitDto>, ValidationProblem, ProblemHttpResult>> Create(
        UnitRequest request, JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!db.Scope.Everything && (db.Scope.DivisionPrefix is not { } prefix || !request.DivisionCode!.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return OutsideScope("divisionCode", request.DivisionCode!);
        }
        if (await CreditCodeTakenAsync(db, request.CreditCode, null, ct) is { } taken)
        {
            return taken;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var unit = new Unit
        {
            Name = request.Name!.Trim(), DivisionCode = request.DivisionCode!, CreditCode = NullIfEmpty(request.CreditCode),
            Address = NullIfEmpty(request.Address), ContactPhone = NullIfEmpty(request.ContactPhone), CreatedAt = now, UpdatedAt = now,
        };
        db.Units.Add(unit);
        await RegistryAudit.SaveAsync(db, audit, "unit.created", $"unit:{unit.Id}", unit.DivisionCode, unit.Id, unit.Name, ct);
        return TypedResults.Created($"/api/units/{unit.Id}", ToDto(unit));
    }

    /// <summary>修改单位</summary>
    /// <remarks>公安机关（辖区内）、单位管理员（本单位）与平台管理员修改单位的登记信息；改到辖区外答复 403，单位用户不能改本单位的行政区划代码（403）。记入审计日志（`unit.updated`）。</remarks>
    /// <param name="id">单位编号</param>
    /// <param name="request">单位的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<UnitDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UnitRequest request, JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!db.Scope.Covers(request.DivisionCode!, unit.Id) || (db.Scope.IsUnit && request.DivisionCode != unit.DivisionCode))
        {
            return OutsideScope("divisionCode", request.DivisionCode!);
        }
        if (await CreditCodeTakenAsync(db, request.CreditCode, unit.Id, ct) is { } taken)
        {
            return taken;
        }
        unit.Name = request.Name!.Trim();
        unit.DivisionCode = request.DivisionCode!;
        unit.CreditCode = NullIfEmpty(request.CreditCode);
        unit.Address = NullIfEmpty(request.Address);
        unit.ContactPhone = NullIfEmpty(request.ContactPhone);
        unit.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "unit.updated", $"unit:{unit.Id}", unit.DivisionCode, unit.Id, unit.Name, ct);
        return TypedResults.Ok(ToDto(unit));
    }

    /// <summary>归档单位</summary>
    /// <remarks>公安机关（辖区内）与平台管理员归档单位：它不再出现在默认列表中，记录保留。记入审计日志（`unit.archived`）。</remarks>
    /// <param name="id">单位编号</param>
    internal static async Task<Results<NoContent, NotFound>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return TypedResults.NotFound();
        }
        unit.Archived = true;
        unit.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "unit.archived", $"unit:{unit.Id}", unit.DivisionCode, unit.Id, unit.Name, ct);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult OutsideScope(string field, string value) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "超出辖区或本单位范围",
        detail: $"{field}: \"{value}\" 不在您的管辖范围内",
        extensions: new Dictionary<string, object?> { ["field"] = field });

    internal static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
