using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

/// <summary>从业人员的登记信息：所属单位、岗位与培训</summary>
/// <param name="Name">姓名，必填，至多 100 字</param>
/// <param name="EmployerUnitId">所属使用单位的编号；与 `employerContractorId` 二者只填其一</param>
/// <param name="EmployerContractorId">所属从业单位的编号；与 `employerUnitId` 二者只填其一</param>
/// <param name="Job">岗位：`design` 设计、`construction` 施工、`maintenance` 维修、`operation` 操作</param>
/// <param name="Trained">是否经过专业培训</param>
/// <param name="TrainingCertificate">培训证书编号，至多 100 字；未经培训的不填</param>
/// <param name="TrainedOn">培训日期；未经培训的不填</param>
public sealed record PersonRegistration(
    [property: Text(100)] string? Name, Guid? EmployerUnitId, Guid? EmployerContractorId, [property: Text(40)] string? Job, bool Trained, [property: Text(100)] string? TrainingCertificate, DateOnly? TrainedOn);

public sealed record PersonDto(
    Guid Id, string Name, Guid? EmployerUnitId, Guid? EmployerContractorId, string? EmployerName, string Job,
    bool Trained, string? TrainingCertificate, DateOnly? TrainedOn, bool Archived);

public sealed class PersonRegistrationValidator : AbstractValidator<PersonRegistration>
{
    public PersonRegistrationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少姓名").MaximumLength(100).WithMessage("姓名不能超过 100 个字符");
        RuleFor(x => x.EmployerUnitId).Must((x, unit) => (unit is not null) != (x.EmployerContractorId is not null))
            .WithMessage("应填写所属使用单位或所属从业单位，二者只填其一");
        RuleFor(x => x.Job).Must(j => j is not null && PersonnelApi.Jobs.ContainsKey(j))
            .WithMessage((_, j) => $"未知的岗位 \"{j}\"（应为 design、construction、maintenance 或 operation）");
        RuleFor(x => x.TrainingCertificate).MaximumLength(100).WithMessage("培训证书编号不能超过 100 个字符");
        RuleFor(x => x.TrainedOn).Null().When(x => !x.Trained).WithMessage("未经培训的人员不应填写培训日期");
    }
}

/// <summary>
/// Personnel (从业人员) and their training. Scoped through the employer: a unit's staff as the unit's sites,
/// a contractor's staff as contractors (unit users read them but change only their own unit's staff).
/// </summary>
public static class PersonnelApi
{
    /// <summary>The jobs a person is registered for, with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Jobs = new Dictionary<string, string>
    {
        ["design"] = "设计",
        ["construction"] = "施工",
        ["maintenance"] = "维修",
        ["operation"] = "操作",
    };

    public static RouteGroupBuilder MapPersonnel(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var personnel = api.MapGroup("/personnel").WithTags("从业人员");
        personnel.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        personnel.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        personnel.MapPost("/", Create).RequireAuthorization(Policies.RegistryWrite);
        personnel.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.RegistryWrite);
        personnel.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    public static PersonDto ToDto(Person p) =>
        new(p.Id, p.Name, p.EmployerUnitId, p.EmployerContractorId, p.EmployerUnit?.Name ?? p.EmployerContractor?.Name, p.Job,
            p.Trained, p.TrainingCertificate, p.TrainedOn, p.Archived);

    /// <summary>从业人员名录</summary>
    /// <remarks>范围经所属单位而定：使用单位的人员同该单位的场所，从业单位的人员同从业单位（使用单位的用户可读，但只能修改本单位的人员）。答复带所属单位的名称，按姓名排序，分页。</remarks>
    /// <param name="search">姓名中的文字，或完整的培训证书编号</param>
    /// <param name="unit">使用单位编号：只列该单位的人员</param>
    /// <param name="contractor">从业单位编号：只列该从业单位的人员</param>
    /// <param name="job">岗位：`design`、`construction`、`maintenance` 或 `operation`</param>
    /// <param name="trained">`true` 只列经过培训的，`false` 只列未经培训的</param>
    /// <param name="archived">`true`：只列已归档的；默认只列未归档的</param>
    internal static async Task<Ok<Page<PersonDto>>> List(
        JifangDbContext db, string? search, Guid? unit, Guid? contractor, string? job, bool? trained, bool? archived,
        int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.Personnel.AsNoTracking().Include(p => p.EmployerUnit).Include(p => p.EmployerContractor)
            .Where(p => p.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(p => p.Name.Contains(search) || (p.TrainingCertificate != null && p.TrainingCertificate == search));
        }
        if (unit is { } u)
        {
            q = q.Where(p => p.EmployerUnitId == u);
        }
        if (contractor is { } c)
        {
            q = q.Where(p => p.EmployerContractorId == c);
        }
        if (!string.IsNullOrWhiteSpace(job))
        {
            q = q.Where(p => p.Job == job);
        }
        if (trained is { } t)
        {
            q = q.Where(p => p.Trained == t);
        }
        return TypedResults.Ok(await q.OrderBy(p => p.Name).ThenBy(p => p.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>从业人员详情</summary>
    /// <remarks>范围外或不存在的人员答复 404。</remarks>
    /// <param name="id">人员编号</param>
    internal static async Task<Results<Ok<PersonDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await Load(db).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound();

    /// <summary>登记从业人员</summary>
    /// <remarks>单位用户只能登记本单位的人员，公安机关登记辖区内单位或从业单位的人员，平台管理员不限；调用者看不到的所属单位答复 403（不透露它是否存在），已归档的所属单位为 400。记入审计日志（`person.created`）。</remarks>
    /// <param name="request">人员的登记信息</param>
    internal static async Task<Results<Created<PersonDto>, ValidationProblem, ProblemHttpResult>> Create(
        PersonRegistration request, JifangDbContext db, IValidator<PersonRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        var person = new Person();
        if (await ResolveEmployerAsync(person, request, db, ct) is { } refused)
        {
            return refused.Result is ValidationProblem v ? v : (ProblemHttpResult)refused.Result;
        }
        var now = time.GetUtcNow().UtcDateTime;
        person.CreatedAt = now;
        Apply(person, request, now);
        db.Personnel.Add(person);
        await SaveAsync(db, audit, "person.created", person, ct);
        return TypedResults.Created($"/api/personnel/{person.Id}", ToDto(person));
    }

    /// <summary>修改从业人员</summary>
    /// <remarks>以请求中的全部字段替换人员的登记信息；单位用户只能修改本单位的人员（否则 403）。记入审计日志（`person.updated`）。</remarks>
    /// <param name="id">人员编号</param>
    /// <param name="request">人员的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<PersonDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRegistration request, JifangDbContext db, IValidator<PersonRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var person = await Load(db).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        if (NotWritable(db.Scope, person) is { } denied)
        {
            return denied;
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (await ResolveEmployerAsync(person, request, db, ct) is { } refused)
        {
            return refused.Result is ValidationProblem v ? v : (ProblemHttpResult)refused.Result;
        }
        Apply(person, request, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, audit, "person.updated", person, ct);
        return TypedResults.Ok(ToDto(person));
    }

    /// <summary>归档从业人员</summary>
    /// <remarks>单位用户只能归档本单位的人员（否则 403）。记入审计日志（`person.archived`）。</remarks>
    /// <param name="id">人员编号</param>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var person = await db.Personnel.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        if (NotWritable(db.Scope, person) is { } denied)
        {
            return denied;
        }
        person.Archived = true;
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await SaveAsync(db, audit, "person.archived", person, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Saves and logs a change to a person, placed where the employer is: a unit's division and the unit, or a contractor's division.</summary>
    private static async Task SaveAsync(JifangDbContext db, AuditTrail audit, string action, Person person, CancellationToken ct)
    {
        var unit = person.EmployerUnitId is { } u ? await db.Units.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == u, ct) : null;
        var contractor = person.EmployerContractorId is { } c ? await db.Contractors.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == c, ct) : null;
        await RegistryAudit.SaveAsync(db, audit, action, $"person:{person.Id}", unit?.DivisionCode ?? contractor?.DivisionCode, unit?.Id, person.Name, ct);
    }

    private static IQueryable<Person> Load(JifangDbContext db) =>
        db.Personnel.Include(p => p.EmployerUnit).Include(p => p.EmployerContractor);

    /// <summary>Unit users read a contractor's staff but change only their own unit's.</summary>
    private static ProblemHttpResult? NotWritable(Scope scope, Person person) =>
        scope.IsUnit && person.EmployerUnitId != scope.UnitId
            ? UnitsApi.OutsideScope("employerContractorId", person.EmployerContractorId?.ToString() ?? "")
            : null;

    /// <summary>
    /// Sets the employer the request names, if the caller may register staff there: their own unit (unit users), a unit
    /// or contractor of their jurisdiction (police), any (administrator). One the caller cannot see is refused (403)
    /// without telling whether it exists; the administrator, who sees everything, gets a 400 for one that does not.
    /// </summary>
    private static async Task<Results<ValidationProblem, ProblemHttpResult>?> ResolveEmployerAsync(
        Person person, PersonRegistration request, JifangDbContext db, CancellationToken ct)
    {
        if (request.EmployerUnitId is { } unitId)
        {
            if (db.Scope.IsUnit && unitId != db.Scope.UnitId)
            {
                return UnitsApi.OutsideScope("employerUnitId", unitId.ToString());
            }
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null)
            {
                return db.Scope.Everything ? Invalid("employerUnitId", "所属使用单位不存在") : UnitsApi.OutsideScope("employerUnitId", unitId.ToString());
            }
            if (unit.Archived && unit.Id != person.EmployerUnitId)
            {
                return Invalid("employerUnitId", "所属使用单位已归档");
            }
            person.EmployerUnitId = unit.Id;
            person.EmployerUnit = unit;
            person.EmployerContractorId = null;
            person.EmployerContractor = null;
            return null;
        }
        var contractorId = request.EmployerContractorId!.Value;
        var contractor = db.Scope.IsUnit ? null : await db.Contractors.FirstOrDefaultAsync(c => c.Id == contractorId, ct);
        if (contractor is null)
        {
            return db.Scope.Everything ? Invalid("employerContractorId", "所属从业单位不存在") : UnitsApi.OutsideScope("employerContractorId", contractorId.ToString());
        }
        if (contractor.Archived && contractor.Id != person.EmployerContractorId)
        {
            return Invalid("employerContractorId", "所属从业单位已归档");
        }
        person.EmployerContractorId = contractor.Id;
        person.EmployerContractor = contractor;
        person.EmployerUnitId = null;
        person.EmployerUnit = null;
        return null;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static void Apply(Person person, PersonRegistration request, DateTime now)
    {
        person.Name = request.Name!.Trim();
        person.Job = request.Job!;
        person.Trained = request.Trained;
        person.TrainingCertificate = request.Trained ? UnitsApi.NullIfEmpty(request.TrainingCertificate) : null;
        person.TrainedOn = request.Trained ? request.TrainedOn : null;
        person.UpdatedAt = now;
    }
}
