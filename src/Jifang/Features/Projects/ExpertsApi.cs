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

/// <summary>专家库中一位专家的登记信息</summary>
/// <param name="Name">姓名，必填，至多 50 字</param>
/// <param name="DivisionCode">所属专家库的地方（行政区划代码，6 位），必填</param>
/// <param name="Specialty">专业领域，必填，至多 100 字</param>
/// <param name="Employer">工作单位名称，必填，至多 200 字</param>
/// <param name="EmployerKind">工作单位的类别：police（公安机关）、testing-agency（检测机构）、contractor（设计施工单位）、unit（使用单位或建设单位）、other（其他）；抽取论证专家时据此回避</param>
/// <param name="EmployerId">工作单位在平台登记的编号：类别为 contractor、testing-agency、unit 时必填，且须是已登记、未归档的从业单位、检测机构或单位；其他类别不填</param>
/// <param name="Available">是否可被抽取</param>
public sealed record ExpertRegistration(
    [property: Text(50)] string? Name, [property: Text(6)] string? DivisionCode, [property: Text(100)] string? Specialty,
    [property: Text(200)] string? Employer, [property: Text(20)] string? EmployerKind, Guid? EmployerId, bool Available);

/// <summary>专家</summary>
/// <param name="Id">编号</param>
/// <param name="Name">姓名</param>
/// <param name="DivisionCode">所属专家库的地方</param>
/// <param name="Specialty">专业领域</param>
/// <param name="Employer">工作单位名称</param>
/// <param name="EmployerKind">工作单位的类别</param>
/// <param name="EmployerKindLabel">工作单位类别的中文名称</param>
/// <param name="EmployerId">工作单位在平台登记的编号</param>
/// <param name="Available">是否可被抽取</param>
/// <param name="Archived">是否已归档</param>
public sealed record ExpertDto(
    Guid Id, string Name, string DivisionCode, string Specialty, string Employer, string EmployerKind, string EmployerKindLabel,
    Guid? EmployerId, bool Available, bool Archived);

public sealed class ExpertRegistrationValidator : AbstractValidator<ExpertRegistration>
{
    /// <summary>The employer kinds whose employer is a registered party (and so is named by its id).</summary>
    public static readonly IReadOnlyList<string> Registered = [ExpertEmployers.Contractor, ExpertEmployers.TestingAgency, ExpertEmployers.Unit];

    public ExpertRegistrationValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少姓名").MaximumLength(50).WithMessage("姓名不能超过 50 个字符");
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.Specialty).NotEmpty().WithMessage("缺少专业领域").MaximumLength(100).WithMessage("专业领域不能超过 100 个字符");
        RuleFor(x => x.Employer).NotEmpty().WithMessage("缺少工作单位").MaximumLength(200).WithMessage("工作单位不能超过 200 个字符");
        RuleFor(x => x.EmployerKind).NotEmpty().WithMessage("缺少工作单位类别")
            .Must(k => ExpertEmployers.All.Contains(k!)).WithMessage((_, k) => $"未知的工作单位类别 \"{k}\"（可选：{string.Join("、", ExpertEmployers.All)}）");
        When(x => Registered.Contains(x.EmployerKind!), () => RuleFor(x => x.EmployerId).NotNull().WithMessage("工作单位是从业单位、检测机构或单位的，须选择其在平台登记的记录"))
            .Otherwise(() => RuleFor(x => x.EmployerId).Null().WithMessage("只有工作单位是从业单位、检测机构或单位的才选择其登记记录"));
    }
}

/// <summary>
/// The expert pool (专家库) of each jurisdiction: the police manage the experts whose place lies under their division
/// prefix, the platform administrator all; an expert's own account reads its own entry only. Units, contractors and
/// testing agencies do not read the pool (a review's panel is drawn by the workflow). The entity has no query filter
/// (a panel names its experts whoever reads the project): the caller's reach is applied here.
/// </summary>
public static class ExpertsApi
{
    public static RouteGroupBuilder MapExperts(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var experts = api.MapGroup("/experts").WithTags("专家库");
        experts.MapGet("/", List).RequireAuthorization(Policies.ExpertsRead);
        experts.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ExpertsRead);
        experts.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        experts.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Supervise);
        experts.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    public static ExpertDto ToDto(Expert e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Name, e.DivisionCode, e.Specialty, e.Employer, e.EmployerKind, ExpertEmployers.Label(e.EmployerKind), e.EmployerId, e.Available, e.Archived);
    }

    /// <summary>The experts the scope reads: the administrator all, the police those of their prefix, an expert itself, nobody else any.</summary>
    public static IQueryable<Expert> Visible(JifangDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = db.Scope;
        if (scope.Everything)
        {
            return db.Experts;
        }
        if (scope.DivisionPrefix is { } prefix)
        {
            return db.Experts.Where(e => e.DivisionCode.StartsWith(prefix));
        }
        return scope.ExpertId is { } self ? db.Experts.Where(e => e.Id == self) : db.Experts.Where(e => false);
    }

    /// <summary>专家库</summary>
    /// <remarks>公安机关见所属地方在辖区内的专家，平台管理员见全部，专家的账户只见本人。按姓名排序，分页。</remarks>
    /// <param name="search">姓名或工作单位中的文字</param>
    /// <param name="division">行政区划代码前缀：只列其下的专家</param>
    /// <param name="specialty">专业领域中的文字</param>
    /// <param name="available">`true` 只列可被抽取的，`false` 只列暂不可抽取的</param>
    /// <param name="includeArchived">`true`：也列已归档的专家</param>
    /// <param name="page">页码，从 1 开始</param>
    /// <param name="pageSize">每页条数</param>
    internal static async Task<Ok<Page<ExpertDto>>> List(
        JifangDbContext db, string? search, string? division, string? specialty, bool? available, bool? includeArchived, int? page, int? pageSize,
        CancellationToken ct)
    {
        var q = Visible(db).AsNoTracking();
        if (includeArchived != true)
        {
            q = q.Where(e => !e.Archived);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(e => e.Name.Contains(s) || e.Employer.Contains(s));
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = division.Trim();
            q = q.Where(e => e.DivisionCode.StartsWith(d));
        }
        if (!string.IsNullOrWhiteSpace(specialty))
        {
            var s = specialty.Trim();
            q = q.Where(e => e.Specialty.Contains(s));
        }
        if (available is { } free)
        {
            q = q.Where(e => e.Available == free);
        }
        return TypedResults.Ok(await q.OrderBy(e => e.Name).ThenBy(e => e.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>专家详情</summary>
    /// <remarks>范围外或不存在的专家答复 404。</remarks>
    /// <param name="id">专家编号</param>
    internal static async Task<Results<Ok<ExpertDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await Visible(db).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? TypedResults.Ok(ToDto(e)) : TypedResults.NotFound();

    /// <summary>登记专家</summary>
    /// <remarks>
    /// 公安机关在辖区内、平台管理员在任何地方登记；辖区外答复 403 `divisionCode`。工作单位的登记记录不存在或已归档答复 400 `employerId`。
    /// 记入审计日志（`expert.created`）。
    /// </remarks>
    /// <param name="request">专家的登记信息</param>
    internal static async Task<Results<Created<ExpertDto>, ValidationProblem, ProblemHttpResult>> Create(
        ExpertRegistration request, JifangDbContext db, IValidator<ExpertRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
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
        if (await UnknownEmployerAsync(db, request, ct) is { } unknown)
        {
            return unknown;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var expert = new Expert { CreatedAt = now };
        Apply(expert, request, now);
        db.Experts.Add(expert);
        await RegistryAudit.SaveAsync(db, audit, "expert.created", Subject(expert.Id), expert.DivisionCode, null, expert.Name, ct);
        return TypedResults.Created($"/api/experts/{expert.Id}", ToDto(expert));
    }

    /// <summary>修改专家</summary>
    /// <remarks>原所属地方与新所属地方都须在调用者辖区内，否则 403 `divisionCode`。记入审计日志（`expert.updated`）。</remarks>
    /// <param name="id">专家编号</param>
    /// <param name="request">专家的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<ExpertDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ExpertRegistration request, JifangDbContext db, IValidator<ExpertRegistration> validator, TimeProvider time, AuditTrail audit,
        CancellationToken ct)
    {
        var expert = await Visible(db).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expert is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!ContractorsApi.Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        if ((request.EmployerId != expert.EmployerId || request.EmployerKind != expert.EmployerKind) && await UnknownEmployerAsync(db, request, ct) is { } unknown)
        {
            return unknown;
        }
        Apply(expert, request, time.GetUtcNow().UtcDateTime);
        await RegistryAudit.SaveAsync(db, audit, "expert.updated", Subject(expert.Id), expert.DivisionCode, null, expert.Name, ct);
        return TypedResults.Ok(ToDto(expert));
    }

    /// <summary>归档专家</summary>
    /// <remarks>公安机关（辖区内）与平台管理员归档专家；归档的专家不再被抽取。记入审计日志（`expert.archived`）。</remarks>
    /// <param name="id">专家编号</param>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var expert = await Visible(db).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expert is null)
        {
            return TypedResults.NotFound();
        }
        if (!ContractorsApi.Writable(db.Scope, expert.DivisionCode))
        {
            return UnitsApi.OutsideScope("divisionCode", expert.DivisionCode);
        }
        expert.Archived = true;
        expert.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "expert.archived", Subject(expert.Id), expert.DivisionCode, null, expert.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The audit subject of an expert.</summary>
    public static string Subject(Guid id) => $"expert:{id}";

    /// <summary>
    /// The registered employer the request names, when it names one, must exist and not be archived: in the whole registry
    /// (an expert of one place may work for a company registered elsewhere), so the lookup ignores the caller's filters.
    /// </summary>
    private static async Task<ValidationProblem?> UnknownEmployerAsync(JifangDbContext db, ExpertRegistration request, CancellationToken ct)
    {
        if (request.EmployerId is not { } id)
        {
            return null;
        }
        var exists = request.EmployerKind switch
        {
            ExpertEmployers.Contractor => await db.Contractors.IgnoreQueryFilters().AnyAsync(c => c.Id == id && !c.Archived, ct),
            ExpertEmployers.TestingAgency => await db.TestingAgencies.AnyAsync(a => a.Id == id && !a.Archived, ct),
            _ => await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Id == id && !u.Archived, ct),
        };
        return exists ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["employerId"] = [$"没有登记为{ExpertEmployers.Label(request.EmployerKind!)}的 {id}，或已归档"],
        });
    }

    private static void Apply(Expert expert, ExpertRegistration request, DateTime now)
    {
        expert.Name = request.Name!.Trim();
        expert.DivisionCode = request.DivisionCode!;
        expert.Specialty = request.Specialty!.Trim();
        expert.Employer = request.Employer!.Trim();
        expert.EmployerKind = request.EmployerKind!;
        expert.EmployerId = request.EmployerId;
        expert.Available = request.Available;
        expert.UpdatedAt = now;
    }
}
