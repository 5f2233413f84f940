using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Jifang.Rules.Divisions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Projects;

/// <summary>检测机构的登记信息及其资质认定</summary>
/// <param name="Name">机构名称，必填，至多 200 字</param>
/// <param name="CreditCode">统一社会信用代码：18 位数字或大写字母，可空</param>
/// <param name="DivisionCode">登记地的行政区划代码（6 位），必填；检测机构可承接任何地方的项目</param>
/// <param name="CertificateNumber">检验检测机构资质认定证书编号，必填，至多 60 字</param>
/// <param name="QualifiedUntil">资质认定有效期至（日期），必填</param>
public sealed record TestingAgencyRegistration(
    [property: Text(200)] string? Name, [property: Text(18)] string? CreditCode, [property: Text(6)] string? DivisionCode,
    [property: Text(60)] string? CertificateNumber, DateOnly? QualifiedUntil);

/// <summary>检测机构</summary>
/// <param name="Id">编号</param>
/// <param name="Name">机构名称</param>
/// <param name="CreditCode">统一社会信用代码</param>
/// <param name="DivisionCode">登记地的行政区划代码</param>
/// <param name="CertificateNumber">资质认定证书编号</param>
/// <param name="QualifiedUntil">资质认定有效期至</param>
/// <param name="Qualified">今天（平台所在地的日期）资质是否有效：未归档且有效期未过</param>
/// <param name="QualifiedLabel">资质状态的中文说明</param>
/// <param name="Archived">是否已归档</param>
public sealed record TestingAgencyDto(
    Guid Id, string Name, string? CreditCode, string DivisionCode, string CertificateNumber, DateOnly QualifiedUntil,
    bool Qualified, string QualifiedLabel, bool Archived);

public sealed class TestingAgencyRegistrationValidator : AbstractValidator<TestingAgencyRegistration>
{
    public TestingAgencyRegistrationValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少机构名称").MaximumLength(200).WithMessage("机构名称不能超过 200 个字符");
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.CreditCode).Matches("^[0-9A-HJ-NPQRTUWXY]{18}\\z").When(x => !string.IsNullOrEmpty(x.CreditCode))
            .WithMessage("统一社会信用代码应为 18 位数字或大写字母");
        RuleFor(x => x.CertificateNumber).NotEmpty().WithMessage("缺少资质认定证书编号")
            .MaximumLength(60).WithMessage("资质认定证书编号不能超过 60 个字符");
        RuleFor(x => x.QualifiedUntil).NotNull().WithMessage("缺少资质认定有效期");
    }
}

/// <summary>
/// The registry of testing agencies (检测机构) with their qualification (资质认定). Every role that takes part in build
/// projects reads it (an owner chooses the agency it commissions; an agency may test anywhere), except that a testing
/// agency's own account sees only its own entry; the police write the agencies registered under their division prefix,
/// the platform administrator all. The entity has no query filter (a project names its agency whoever reads it): the
/// caller's reach is applied here.
/// </summary>
public static class TestingAgenciesApi
{
    public static RouteGroupBuilder MapTestingAgencies(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var agencies = api.MapGroup("/testing-agencies").WithTags("检测机构");
        agencies.MapGet("/", List).RequireAuthorization(Policies.ProjectsRead);
        agencies.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ProjectsRead);
        agencies.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        agencies.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Supervise);
        agencies.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    /// <summary>Today at the platform's place (the local date of the clock): a qualification valid until today is valid today.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetLocalNow().DateTime);
    }

    public static TestingAgencyDto ToDto(TestingAgency a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        var qualified = a.QualifiedOn(today);
        var label = a.Archived ? "已归档" : qualified ? "资质有效" : "资质已过期";
        return new(a.Id, a.Name, a.CreditCode, a.DivisionCode, a.CertificateNumber, a.QualifiedUntil, qualified, label, a.Archived);
    }

    /// <summary>The agencies the scope reads: a testing agency's account its own entry, every other role of the policy all.</summary>
    public static IQueryable<TestingAgency> Visible(JifangDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = db.Scope;
        return scope.Role == Roles.TestingAgency && !scope.Everything
            ? db.TestingAgencies.Where(a => a.Id == scope.AgencyId)
            : db.TestingAgencies;
    }

    /// <summary>检测机构名录</summary>
    /// <remarks>
    /// 公安机关、使用单位、设计施工单位、专家和平台管理员可读全部检测机构（建设单位从中选择委托的机构）；检测机构的账户只见本机构。
    /// 按名称排序，分页。
    /// </remarks>
    /// <param name="search">机构名称中的文字，或完整的统一社会信用代码、资质认定证书编号</param>
    /// <param name="division">行政区划代码前缀：只列登记在其下的机构</param>
    /// <param name="qualified">`true` 只列今天资质有效的，`false` 只列资质已过期的</param>
    /// <param name="includeArchived">`true`：也列已归档的机构</param>
    /// <param name="page">页码，从 1 开始</param>
    /// <param name="pageSize">每页条数</param>
    internal static async Task<Ok<Page<TestingAgencyDto>>> List(
        JifangDbContext db, TimeProvider time, string? search, string? division, bool? qualified, bool? includeArchived, int? page, int? pageSize,
        CancellationToken ct)
    {
        var today = Today(time);
        var q = Visible(db).AsNoTracking();
        if (includeArchived != true)
        {
            q = q.Where(a => !a.Archived);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(a => a.Name.Contains(s) || (a.CreditCode != null && a.CreditCode == s) || a.CertificateNumber == s);
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = division.Trim();
            q = q.Where(a => a.DivisionCode.StartsWith(d));
        }
        if (qualified is { } ok)
        {
            q = ok ? q.Where(a => !a.Archived && a.QualifiedUntil >= today) : q.Where(a => a.Archived || a.QualifiedUntil < today);
        }
        return TypedResults.Ok(await q.OrderBy(a => a.Name).ThenBy(a => a.Id).ToPageAsync(page, pageSize, a => ToDto(a, today), ct));
    }

    /// <summary>检测机构详情</summary>
    /// <remarks>不存在的机构答复 404；检测机构的账户查看其他机构也答复 404。</remarks>
    /// <param name="id">检测机构编号</param>
    internal static async Task<Results<Ok<TestingAgencyDto>, NotFound>> Get(Guid id, JifangDbContext db, TimeProvider time, CancellationToken ct) =>
        await Visible(db).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? TypedResults.Ok(ToDto(a, Today(time))) : TypedResults.NotFound();

    /// <summary>登记检测机构</summary>
    /// <remarks>公安机关在辖区内、平台管理员在任何地方登记；辖区外答复 403 `divisionCode`。记入审计日志（`testing-agency.created`）。</remarks>
    /// <param name="request">检测机构的登记信息</param>
    internal static async Task<Results<Created<TestingAgencyDto>, ValidationProblem, ProblemHttpResult>> Create(
        TestingAgencyRegistration request, JifangDbContext db, IValidator<TestingAgencyRegistration> validator, TimeProvider time, AuditTrail audit,
        CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!ContractorsApi.Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var agency = new TestingAgency { CreatedAt = now };
        Apply(agency, request, now);
        db.TestingAgencies.Add(agency);
        await RegistryAudit.SaveAsync(db, audit, "testing-agency.created", Subject(agency.Id), agency.DivisionCode, null, agency.Name, ct);
        return TypedResults.Created($"/api/testing-agencies/{agency.Id}", ToDto(agency, Today(time)));
    }

    /// <summary>修改检测机构</summary>
    /// <remarks>
    /// 原登记地与新登记地都须在调用者辖区内，否则 403 `divisionCode`。记入审计日志（`testing-agency.updated`）。
    /// </remarks>
    /// <param name="id">检测机构编号</param>
    /// <param name="request">检测机构的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<TestingAgencyDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, TestingAgencyRegistration request, JifangDbContext db, IValidator<TestingAgencyRegistration> validator, TimeProvider time,
        AuditTrail audit, CancellationToken ct)
    {
        var agency = await Visible(db).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!ContractorsApi.Writable(db.Scope, agency.DivisionCode) || !ContractorsApi.Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        Apply(agency, request, time.GetUtcNow().UtcDateTime);
        await RegistryAudit.SaveAsync(db, audit, "testing-agency.updated", Subject(agency.Id), agency.DivisionCode, null, agency.Name, ct);
        return TypedResults.Ok(ToDto(agency, Today(time)));
    }

    /// <summary>归档检测机构</summary>
    /// <remarks>公安机关（辖区内）与平台管理员归档检测机构；归档后其资质不再有效。记入审计日志（`testing-agency.archived`）。</remarks>
    /// <param name="id">检测机构编号</param>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Archive(
        Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var agency = await Visible(db).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return TypedResults.NotFound();
        }
        if (!ContractorsApi.Writable(db.Scope, agency.DivisionCode))
        {
            return UnitsApi.OutsideScope("divisionCode", agency.DivisionCode);
        }
        agency.Archived = true;
        agency.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "testing-agency.archived", Subject(agency.Id), agency.DivisionCode, null, agency.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The audit subject of an agency.</summary>
    public static string Subject(Guid id) => $"testing-agency:{id}";

    private static void Apply(TestingAgency agency, TestingAgencyRegistration request, DateTime now)
    {
        agency.Name = request.Name!.Trim();
        agency.CreditCode = UnitsApi.NullIfEmpty(request.CreditCode);
        agency.DivisionCode = request.DivisionCode!;
        agency.CertificateNumber = request.CertificateNumber!.Trim();
        agency.QualifiedUntil = request.QualifiedUntil!.Value;
        agency.UpdatedAt = now;
    }
}
