using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

#pragma warning disable CA1002

/// <summary>建设的一个环节（设计论证、检验、验收）是否进行、如何进行</summary>
/// <param name="Held">是否已进行</param>
/// <param name="Organizer">设计论证的组织者（只用于 `designReview`）：`police` 公安机关、`construction-unit` 建设单位、`construction-unit-with-police` 建设单位会同公安机关</param>
/// <param name="AgencyQualified">检验机构是否具备资质（用于 `inspection`）</param>
/// <param name="Passed">是否通过（用于 `inspection` 与 `acceptance`）</param>
/// <param name="PoliceParticipated">公安机关是否参加（用于 `acceptance`）</param>
/// <param name="Date">日期，可空</param>
public sealed record StepRequest(bool Held, [property: Text(40)] string? Organizer, bool AgencyQualified, bool Passed, bool PoliceParticipated, DateOnly? Date);

/// <summary>系统所用的一种技防产品：产品名录中的条目（productId），或者如以前一样给出型号、厂家和标志，平台据此找到（或登记）名录中的产品；答复两者都给出</summary>
/// <param name="Model">产品型号（未给出 productId 时必填）</param>
/// <param name="Manufacturer">生产厂家</param>
/// <param name="InCatalog">是否列入《安全技术防范产品目录》</param>
/// <param name="MeetsStandard">是否符合产品质量标准</param>
/// <param name="ProductId">产品名录中的产品标识；给出时以名录中的登记为准</param>
public sealed record ProductRequest(
    [property: Text(200)] string? Model, [property: Text(200)] string? Manufacturer, bool InCatalog, bool MeetsStandard, Guid? ProductId = null);

/// <summary>承担系统某项工作的从业单位：从业单位名录中的条目（contractorId），或者如以前一样给出名称和资质，平台据此找到（或在场所所在区划登记）名录中的单位；答复两者都给出</summary>
/// <param name="Name">单位名称（未给出 contractorId 时必填）</param>
/// <param name="Role">承担的工作：`design` 设计、`construction` 施工、`installation` 安装、`supervision` 监理、`maintenance` 维修、`operation` 运营</param>
/// <param name="Qualified">是否具备相应资质</param>
/// <param name="ContractorId">从业单位名录中的单位标识；给出时以名录中的登记为准</param>
public sealed record ContractorRequest([property: Text(200)] string? Name, [property: Text(40)] string? Role, bool Qualified, Guid? ContractorId = null);

/// <summary>技防系统的登记信息：条例据此判定系统的建设、使用是否合规</summary>
/// <param name="Name">系统名称，必填，至多 200 字</param>
/// <param name="Subsystems">子系统代码，至少一个：`intrusion-alarm` 入侵报警、`video` 视频安防监控、`access-control` 出入口控制、`explosive-check` 防爆安全检查</param>
/// <param name="Covers">系统覆盖的部位代码，须是场所已登记的部位（见场所的 `parts`）</param>
/// <param name="NewConstruction">是否属新建、改建、扩建建设工程</param>
/// <param name="DesignReview">设计论证（方案论证）</param>
/// <param name="Inspection">检验</param>
/// <param name="Acceptance">竣工验收</param>
/// <param name="InService">是否已投入使用</param>
/// <param name="InterfaceReserved">是否预留与公安机关联网的接口</param>
/// <param name="AlarmNetworked">报警装置是否与公安机关或者保卫部门联网</param>
/// <param name="RetentionDays">信息资料的保存天数（0 至 3650），可空</param>
/// <param name="PersonnelTrained">设计、施工、维修和操作人员是否经过专业培训</param>
/// <param name="Products">所用的技防产品</param>
/// <param name="Contractors">承担设计、施工等工作的从业单位</param>
/// <param name="InServiceSince">投入使用日期（当地日期，不晚于今天、不早于 1990 年，只用于已投入使用的系统）；信息资料的开始时间不得早于它</param>
/// <param name="SignagePosted">是否在采集区域设置了显著的提示标识（《公共安全视频图像信息系统管理条例》第十三条，适用于视频系统）；可省略：新建时为 false（未设置），修改时保持原值</param>
public sealed record SystemRequest(
    [property: Text(200)] string? Name, [property: Text(64)] List<string>? Subsystems, [property: Text(64)] List<string>? Covers, bool NewConstruction,
    StepRequest? DesignReview, StepRequest? Inspection, StepRequest? Acceptance,
    bool InService, bool InterfaceReserved, bool AlarmNetworked, int? RetentionDays, bool PersonnelTrained,
    List<ProductRequest>? Products, List<ContractorRequest>? Contractors, DateOnly? InServiceSince = null, bool? SignagePosted = null);

/// <summary>登记的技防系统</summary>
/// <param name="SignagePosted">是否在采集区域设置了显著的提示标识（《公共安全视频图像信息系统管理条例》第十三条）</param>
/// <param name="LifecycleSource">建设事实（论证、检测、验收、投入使用）的来源：`declared` 单位自报（登记时填写）、`project` 由建设项目流程产生（不能直接修改）</param>
/// <param name="BuildProjectId">建设该系统的建设项目</param>
public sealed record SystemDto(
    Guid Id, Guid SiteId, string Name, IReadOnlyList<string> Subsystems, IReadOnlyList<string> Covers, bool NewConstruction,
    StepRequest DesignReview, StepRequest Inspection, StepRequest Acceptance,
    bool InService, bool InterfaceReserved, bool AlarmNetworked, int? RetentionDays, bool PersonnelTrained,
    IReadOnlyList<ProductRequest> Products, IReadOnlyList<ContractorRequest> Contractors, DateOnly? InServiceSince, bool SignagePosted,
    string LifecycleSource = LifecycleSources.Declared, Guid? BuildProjectId = null);

public sealed class SystemRequestValidator : AbstractValidator<SystemRequest>
{
    public static readonly string[] ContractorRoles = ["design", "construction", "installation", "supervision", "maintenance", "operation"];

    public SystemRequestValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少系统名称").MaximumLength(200);
        RuleFor(x => x.Subsystems).NotEmpty().WithMessage("至少选择一个子系统");
        RuleForEach(x => x.Subsystems).InVocabulary(Vocab.Subsystems);
        RuleForEach(x => x.Covers).InVocabulary(Vocab.Parts);
        RuleFor(x => x.DesignReview!.Organizer!).InVocabulary(Vocab.Organizers).When(x => x.DesignReview?.Organizer is not null);
        RuleFor(x => x.RetentionDays).InclusiveBetween(0, 3650).WithMessage("保存天数应在 0 至 3650 之间");
        RuleFor(x => x.InServiceSince).Must(d => d is null || d.Value.Year >= 1990).WithMessage("投入使用日期不能早于 1990 年")
            .Must(d => d is null || d.Value <= DateOnly.FromDateTime(time.GetLocalNow().DateTime)).WithMessage("投入使用日期不能晚于今天")
            .Must((x, d) => d is null || x.InService).WithMessage("未投入使用的系统不能填写投入使用日期");
        RuleForEach(x => x.Products).NotNull().WithMessage("产品不能为 null").ChildRules(p => p.RuleFor(x => x.Model).NotEmpty().When(x => x.ProductId is null).WithMessage("缺少产品型号").MaximumLength(100));
        RuleForEach(x => x.Contractors).NotNull().WithMessage("承包单位不能为 null").ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().When(x => x.ContractorId is null).WithMessage("缺少单位名称").MaximumLength(200);
            c.RuleFor(x => x.Role).Must(r => r is not null && ContractorRoles.Contains(r))
                .WithMessage($"承包角色应为 {string.Join("、", ContractorRoles)} 之一");
        });
    }
}

/// <summary>Systems (技防系统) of a site: create, edit, archive; every change re-judges the site.</summary>
public static class SystemsApi
{
    public static RouteGroupBuilder MapSystems(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/sites/{siteId:guid}/systems", List).WithTags("技防系统").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/sites/{siteId:guid}/systems", Create).WithTags("技防系统").RequireAuthorization(Policies.RegistryWrite);
        api.MapGet("/systems/{id:guid}", Get).WithTags("技防系统").RequireAuthorization(Policies.RegistryRead);
        api.MapPut("/systems/{id:guid}", Update).WithTags("技防系统").RequireAuthorization(Policies.RegistryWrite);
        api.MapPost("/systems/{id:guid}/archive", Archive).WithTags("技防系统").RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    /// <summary>A system's design review, inspection and acceptance as the API states them.</summary>
    public static (StepRequest DesignReview, StepRequest Inspection, StepRequest Acceptance) StepsOf(SecuritySystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return (new StepRequest(s.DesignReviewHeld, s.DesignReviewOrganizer, false, false, false, s.DesignReviewDate),
            new StepRequest(s.InspectionHeld, null, s.InspectionAgencyQualified, s.InspectionPassed, false, s.InspectionDate),
            new StepRequest(s.AcceptanceHeld, null, false, s.AcceptancePassed, s.AcceptancePoliceParticipated, s.AcceptanceDate));
    }

    public static SystemDto ToDto(SecuritySystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (review, inspection, acceptance) = StepsOf(s);
        return new(s.Id, s.SiteId, s.Name, s.Subsystems, s.Covers, s.NewConstruction, review, inspection, acceptance,
            s.InService, s.InterfaceReserved, s.AlarmNetworked, s.RetentionDays, s.PersonnelTrained,
            s.Products.Select(RegistryLinks.ToRequest).ToList(),
            s.Contractors.Select(RegistryLinks.ToRequest).ToList(),
            s.InServiceSince,
            s.SignagePosted,
            s.LifecycleSource,
            s.BuildProjectId);
    }

    /// <summary>场所的技防系统</summary>
    /// <remarks>按名称排序，分页；范围外或不存在的场所答复 404。</remarks>
    /// <param name="siteId">场所编号</param>
    /// <param name="archived">`true`：只列已归档的系统；默认只列未归档的</param>
    internal static async Task<Results<Ok<Page<SystemDto>>, NotFound>> List(Guid siteId, JifangDbContext db, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.Systems.AsNoTracking().Where(s => s.SiteId == siteId && s.Archived == (archived ?? false)).OrderBy(s => s.Name).ThenBy(s => s.Id);
        var found = await q.ToPageAsync(page, pageSize, s => s, ct);
        await RegistryLinks.FillAsync(db, found.Items, ct);
        return TypedResults.Ok(new Page<SystemDto>(found.Items.Select(ToDto).ToList(), found.Total, found.PageNumber, found.PageSize));
    }

    /// <summary>技防系统详情</summary>
    /// <remarks>系统的全部登记信息；范围外或不存在的系统答复 404。</remarks>
    /// <param name="id">技防系统编号</param>
    internal static async Task<Results<Ok<SystemDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct)
    {
        if (await db.Systems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } s)
        {
            return TypedResults.NotFound();
        }
        await RegistryLinks.FillAsync(db, [s], ct);
        return TypedResults.Ok(ToDto(s));
    }

    /// <summary>登记技防系统</summary>
    /// <remarks>为场所登记一个技防系统，并立即重新判定该场所。覆盖部位不是场所部位的子集时为 400 `covers`；场所已归档或不在范围内答复 404。记入审计日志（`system.created`）。</remarks>
    /// <param name="siteId">场所编号</param>
    /// <param name="request">系统的登记信息</param>
    internal static async Task<Results<Created<SystemDto>, NotFound, ValidationProblem>> Create(
        Guid siteId, SystemRequest request, JifangDbContext db, IValidator<SystemRequest> validator, ComplianceService compliance, TimeProvider time,
        AuditTrail audit, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId && !s.Archived, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }
        if (Validate(request, site, validator) is { } problem)
        {
            return problem;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var resolver = new RegistryResolver(db, now);
        var (products, contractors, errors) = await resolver.ResolveAsync(request, site.DivisionCode, null, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var system = new SecuritySystem { SiteId = siteId };
        Apply(system, request, now, products, contractors);
        resolver.AddNew(audit, $"经技防系统「{system.Name}」登记");
        db.Systems.Add(system);
        await compliance.SaveAndRejudgeAsync(siteId, new RegistryChange("system.created", $"system:{system.Id}", system.Name), ct);
        return TypedResults.Created($"/api/systems/{system.Id}", ToDto(system));
    }

    /// <summary>修改技防系统</summary>
    /// <remarks>以请求中的全部字段替换系统的登记信息，并立即重新判定场所。记入审计日志（`system.updated`）。</remarks>
    /// <param name="id">技防系统编号</param>
    /// <param name="request">系统的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<SystemDto>, NotFound, ValidationProblem>> Update(
        Guid id, SystemRequest request, JifangDbContext db, IValidator<SystemRequest> validator, ComplianceService compliance, TimeProvider time,
        AuditTrail audit, CancellationToken ct)
    {
        var system = await db.Systems.Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (system is null)
        {
            return TypedResults.NotFound();
        }
        if (Validate(request, system.Site!, validator) is { } problem)
        {
            return problem;
        }
        // A system a build project builds takes its lifecycle facts from the project's workflow only (docs/decisions/0013).
        if (Projects.ProjectFacts.Changed(system, request) is { Count: > 0 } locked)
        {
            return TypedResults.ValidationProblem(locked);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var resolver = new RegistryResolver(db, now);
        var (products, contractors, errors) = await resolver.ResolveAsync(request, system.Site!.DivisionCode, system, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        Apply(system, request, now, products, contractors);
        resolver.AddNew(audit, $"经技防系统「{system.Name}」登记");
        await compliance.SaveAndRejudgeAsync(system.SiteId, new RegistryChange("system.updated", $"system:{system.Id}", system.Name), ct);
        return TypedResults.Ok(ToDto(system));
    }

    /// <summary>归档技防系统</summary>
    /// <remarks>归档后系统不再参与判定，场所立即重新判定。记入审计日志（`system.archived`）。</remarks>
    /// <param name="id">技防系统编号</param>
    internal static async Task<Results<NoContent, NotFound>> Archive(Guid id, JifangDbContext db, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (system is null)
        {
            return TypedResults.NotFound();
        }
        system.Archived = true;
        system.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await compliance.SaveAndRejudgeAsync(system.SiteId, new RegistryChange("system.archived", $"system:{system.Id}", system.Name), ct);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Validate(SystemRequest request, Site site, IValidator<SystemRequest> validator)
    {
        var result = validator.Validate(request);
        var errors = result.ToErrors();
        var outside = (request.Covers ?? []).Where(c => !site.Parts.Contains(c)).ToList();
        if (outside.Count > 0)
        {
            errors["covers"] = [$"场所未登记这些部位：{string.Join("、", outside)}（覆盖部位必须是场所部位的子集）"];
        }
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    internal static void Apply(SecuritySystem s, SystemRequest r, DateTime now, List<ProductEntry> products, List<ContractorEntry> contractors)
    {
        s.Name = r.Name!.Trim();
        s.Subsystems = r.Subsystems ?? [];
        s.Covers = r.Covers ?? [];
        s.NewConstruction = r.NewConstruction;
        s.DesignReviewHeld = r.DesignReview?.Held ?? false;
        s.DesignReviewOrganizer = r.DesignReview?.Organizer;
        s.DesignReviewDate = r.DesignReview?.Date;
        s.InspectionHeld = r.Inspection?.Held ?? false;
        s.InspectionAgencyQualified = r.Inspection?.AgencyQualified ?? false;
        s.InspectionPassed = r.Inspection?.Passed ?? false;
        s.InspectionDate = r.Inspection?.Date;
        s.AcceptanceHeld = r.Acceptance?.Held ?? false;
        s.AcceptancePassed = r.Acceptance?.Passed ?? false;
        s.AcceptancePoliceParticipated = r.Acceptance?.PoliceParticipated ?? false;
        s.AcceptanceDate = r.Acceptance?.Date;
        s.InService = r.InService;
        s.InServiceSince = r.InService ? r.InServiceSince : null;
        s.InterfaceReserved = r.InterfaceReserved;
        s.AlarmNetworked = r.AlarmNetworked;
        s.RetentionDays = r.RetentionDays;
        s.PersonnelTrained = r.PersonnelTrained;
        // Optional: clients that predate the national regulation leave it as it is (a new system: not posted).
        s.SignagePosted = r.SignagePosted ?? s.SignagePosted;
        s.Products = products;
        s.Contractors = contractors;
        s.UpdatedAt = now;
    }
}
