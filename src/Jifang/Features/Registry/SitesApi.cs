using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Jifang.Rules.Divisions;

namespace Jifang.Features.Registry;

#pragma warning disable CA1002 // request records bind JSON arrays

/// <summary>场所的登记信息：条例据此判定它应当安装什么</summary>
/// <param name="UnitId">所属使用单位的编号，必填；单位用户只能是本单位</param>
/// <param name="Name">场所名称，必填，至多 200 字</param>
/// <param name="DivisionCode">场所所在地的行政区划代码（6 位），必填；它决定适用哪些条例（全国性条例与所在地的地方条例）</param>
/// <param name="Address">地址，至多 300 字</param>
/// <param name="Categories">场所类别代码，至少一个、不重复（`vocabulary.yaml` 的 `site-categories`，如 `hotel` 宾馆旅店、`school` 学校、`hospital` 医院、`financial-business-premises` 金融机构营业场所、`other` 其他）</param>
/// <param name="Parts">场所有的部位代码，不重复：`main-entrance` 主要出入口、`passage` 通道、`common-area` 公共区域、`key-part` 重要部位、`vault` 金库、`business-hall` 营业场所、`perimeter` 周界、`other` 其他部位</param>
/// <param name="PublicArea">是否公共区域（province-2012 第九条第（一）项所列范围）</param>
/// <param name="Large">是否大型（大型商贸中心、大型文化体育场所、大型能源动力设施、大型物资储备单位等）</param>
/// <param name="Urban">是否位于城镇（province-2012 第九条第（八）项“城镇学校”）</param>
/// <param name="InvolvesStateSecrets">是否涉及国家秘密</param>
/// <param name="HoldsImportantItems">是否存放有重要物品（nmg-2007 第八条第（九）项纪念馆、展览馆）</param>
/// <param name="ContactPhone">场所的联系电话（报警时公安机关据此联系），至多 40 字：数字、空格、连字符、括号，可以 + 开头，分机写在“转”之后</param>
/// <param name="NonPublicPlace">是否非公共场所（《公共安全视频图像信息系统管理条例》第三十三条：非公共场所安装的视频图像采集设备只适用第三十三条）；可省略：新建时为 false（按公共场所判定），修改时保持原值</param>
public sealed record SiteRequest(
    Guid? UnitId, [property: Text(200)] string? Name, [property: Text(6)] string? DivisionCode, [property: Text(300)] string? Address,
    [property: Text(64)] List<string>? Categories, [property: Text(64)] List<string>? Parts,
    bool PublicArea, bool Large, bool Urban, bool InvolvesStateSecrets, bool HoldsImportantItems,
    [property: Text(SiteRequestValidator.PhoneMaxLength)] string? ContactPhone = null, bool? NonPublicPlace = null);

/// <summary>登记的场所</summary>
/// <param name="PackId">所在地的地方条例（如 `nmg-2007`）；所在地没有地方条例时为空</param>
/// <param name="PackIds">今日据以判定该场所的全部条例：施行中的全国性条例（`national-2025`，2025-04-01 起）与所在地的地方条例</param>
/// <param name="NonPublicPlace">是否非公共场所（《公共安全视频图像信息系统管理条例》第三十三条）</param>
public sealed record SiteDto(
    Guid Id, Guid UnitId, string? UnitName, string Name, string DivisionCode, string Address,
    IReadOnlyList<string> Categories, IReadOnlyList<string> Parts,
    bool PublicArea, bool Large, bool Urban, bool InvolvesStateSecrets, bool HoldsImportantItems,
    bool Archived, int FindingCount, string? PackId, string? ContactPhone, IReadOnlyList<string> PackIds, bool NonPublicPlace);

public sealed record SiteDetailDto(
    SiteDto Site, IReadOnlyList<SystemDto> Systems, IReadOnlyList<DeviceDto> Devices, IReadOnlyList<ActDto> Acts, IReadOnlyList<FindingDto> Findings);

public sealed partial class SiteRequestValidator : AbstractValidator<SiteRequest>
{
    public const int PhoneMaxLength = 40;

    /// <summary>A phone as people write it: digits, spaces, hyphens and brackets, a leading +, an extension after 转.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9（）() -]*[0-9][0-9（）() -]*( *转 *[0-9]+)?\z")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();

    public SiteRequestValidator(DivisionSet divisions)
    {
        RuleFor(x => x.ContactPhone).MaximumLength(PhoneMaxLength)
            .Must(p => string.IsNullOrWhiteSpace(p) || PhonePattern().IsMatch(p.Trim()))
            .WithMessage("联系电话只能包含数字、空格、“-”、括号、开头的“+”和分机（如 0471-6612345 转 8）");
        RuleFor(x => x.UnitId).NotEmpty().WithMessage("缺少所属单位");
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少场所名称").MaximumLength(200);
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.Address).MaximumLength(300);
        RuleFor(x => x.Categories).NotEmpty().WithMessage("至少选择一个场所类别");
        RuleForEach(x => x.Categories).InVocabulary(Vocab.SiteCategories);
        RuleForEach(x => x.Parts).InVocabulary(Vocab.Parts);
        RuleFor(x => x.Categories).Must(c => c is null || c.Distinct(StringComparer.Ordinal).Count() == c.Count).WithMessage("场所类别重复");
        RuleFor(x => x.Parts).Must(c => c is null || c.Distinct(StringComparer.Ordinal).Count() == c.Count).WithMessage("部位重复");
    }
}

/// <summary>Sites (场所): list, search, create, edit, archive; every change re-judges the site.</summary>
public static class SitesApi
{
    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var sites = api.MapGroup("/sites").WithTags("场所");
        sites.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        sites.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        sites.MapPost("/", Create).RequireAuthorization(Policies.RegistryWrite);
        sites.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.RegistryWrite);
        sites.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    /// <summary>场所列表</summary>
    /// <remarks>范围内的场所及各自的违规发现数，按名称排序，分页。</remarks>
    /// <param name="search">场所名称或地址中的文字</param>
    /// <param name="category">场所类别代码（如 `hotel`）：只列有此类别的场所</param>
    /// <param name="division">行政区划代码前缀：只列其下的场所（辖区外的前缀得到空列表）</param>
    /// <param name="unit">使用单位编号：只列该单位的场所</param>
    /// <param name="hasFindings">`true` 只列有违规发现的场所，`false` 只列没有的</param>
    /// <param name="archived">`true`：只列已归档的场所；默认只列未归档的</param>
    internal static async Task<Ok<Page<SiteDto>>> List(
        JifangDbContext db, ComplianceService compliance, CountsCache cache, string? search, string? category, string? division, Guid? unit,
        bool? hasFindings, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        if (Filter(db, search, category, division, unit, hasFindings, archived) is not { } q)
        {
            // A division outside the police user's jurisdiction: nothing to show, and no need to ask the database.
            return TypedResults.Ok(new Page<SiteDto>([], 0, p, size));
        }
        division = Narrowed(db, division);
        // The total is the same for every page of a list: counted once while the registry is unchanged.
        var total = await cache.GetOrComputeAsync(db.Scope,
            $"sites|{search}|{category}|{division}|{unit}|{hasFindings}|{archived ?? false}", () => q.CountAsync(ct));
        // The page's ids first (ordered and paged reading no other column), then those rows.
        var ids = await q.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((p - 1) * size).Take(size).Select(s => s.Id).ToListAsync(ct);
        var rows = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { Site = s, Findings = db.Findings.Count(f => f.SiteId == s.Id) })
            .ToDictionaryAsync(r => r.Site.Id, ct);
        var units = await UnitNamesAsync(db, rows.Values.Select(r => r.Site.UnitId), ct);
        var items = ids.Where(rows.ContainsKey).Select(id => rows[id])
            .Select(r => ToDto(r.Site, units.GetValueOrDefault(r.Site.UnitId), r.Findings, compliance)).ToList();
        return TypedResults.Ok(new Page<SiteDto>(items, total, p, size));
    }

    /// <summary>
    /// The filters of the list, shared with the export (Features/Import/ListExports): null for a division outside the police
    /// user's jurisdiction (nothing to show, and no need to ask the database).
    /// </summary>
    internal static IQueryable<Site>? Filter(JifangDbContext db, string? search, string? category, string? division, Guid? unit, bool? hasFindings, bool? archived)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Sites.AsNoTracking().Where(s => s.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = db.WhereNameOrAddressContains(q, search);
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            q = db.WhereCategory(q, category);
        }
        if (!string.IsNullOrWhiteSpace(division) && db.Scope.DivisionPrefix is { } prefix
            && !division.StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith(division, StringComparison.Ordinal))
        {
            return null;
        }
        division = Narrowed(db, division);
        if (division is { Length: 6 })
        {
            q = q.Where(s => s.DivisionCode == division);
        }
        else if (!string.IsNullOrWhiteSpace(division))
        {
            q = q.Where(s => s.DivisionCode.StartsWith(division));
        }
        if (unit is { } u)
        {
            q = q.Where(s => s.UnitId == u);
        }
        if (hasFindings is { } has)
        {
            q = has ? q.Where(s => db.Findings.Any(f => f.SiteId == s.Id)) : q.Where(s => !db.Findings.Any(f => f.SiteId == s.Id));
        }
        return q;
    }

    /// <summary>The division filter left once the scope is applied: none when it is wider than the jurisdiction (the scope filter says it all).</summary>
    private static string? Narrowed(JifangDbContext db, string? division) =>
        !string.IsNullOrWhiteSpace(division) && db.Scope.DivisionPrefix is { } prefix && prefix.StartsWith(division, StringComparison.Ordinal) ? null : division;

    /// <summary>
    /// The names of the units that own sites already read in the caller's scope. Police supervise the sites of their division
    /// wherever the owning unit is registered (supervision attaches to the site's location), so a site in scope shows its unit's
    /// name even when the unit itself lies outside the caller's unit registry. The units' query filter is therefore not applied
    /// here, and nothing but the name is read: never join a site to its unit through the filtered <c>Unit</c> navigation, which
    /// would drop such a site from a list whose total still counts it.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> UnitNamesAsync(JifangDbContext db, IEnumerable<Guid> unitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static SiteDto ToDto(Site s, string? unitName, int findings, ComplianceService compliance)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(compliance);
        return new(s.Id, s.UnitId, unitName, s.Name, s.DivisionCode, s.Address, s.Categories, s.Parts,
            s.PublicArea, s.Large, s.Urban, s.InvolvesStateSecrets, s.HoldsImportantItems, s.Archived, findings,
            compliance.PackFor(s.DivisionCode)?.Pack.Id, s.ContactPhone, compliance.PacksInForce(s.DivisionCode, compliance.Today).Select(p => p.Pack.Id).ToList(),
            s.NonPublicPlace);
    }

    /// <summary>场所详情：系统、设备、行为与违规发现</summary>
    /// <remarks>场所及其未归档的技防系统和设备、登记的行为，以及当前的违规发现：每条写明所引条款（条、款、项）、条文原文与处罚幅度。</remarks>
    /// <param name="id">场所编号</param>
    internal static async Task<Results<Ok<SiteDetailDto>, NotFound>> Get(Guid id, JifangDbContext db, ComplianceService compliance, FindingPresenter presenter, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().AsSplitQuery()
            .Include(s => s.Systems.Where(x => !x.Archived)).Include(s => s.Devices.Where(x => !x.Archived)).Include(s => s.Acts)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }
        await RegistryLinks.FillAsync(db, site.Systems, ct);
        var findings = await db.Findings.AsNoTracking().Where(f => f.SiteId == id).OrderBy(f => f.PackId).ThenBy(f => f.SubjectKind).ThenBy(f => f.Article).ThenBy(f => f.Id).ToListAsync(ct);
        var units = await UnitNamesAsync(db, [site.UnitId], ct);
        return TypedResults.Ok(new SiteDetailDto(
            ToDto(site, units.GetValueOrDefault(site.UnitId), findings.Count, compliance),
            site.Systems.OrderBy(x => x.Name).Select(SystemsApi.ToDto).ToList(),
            site.Devices.OrderBy(x => x.Name).Select(DevicesApi.ToDto).ToList(),
            site.Acts.OrderBy(x => x.Date).Select(ActsApi.ToDto).ToList(),
            presenter.PresentAll(findings, findings)));
    }

    /// <summary>登记场所</summary>
    /// <remarks>登记后立即按场所所在地适用的条例判定，答复中有违规发现数。公安机关只能在辖区内登记（否则 403 `divisionCode`），单位用户只能为本单位登记（否则 403 `unitId`）；所属单位不存在或已归档为 400 `unitId`；所在地没有地方条例时只依全国性条例判定，这时平台须有其所在省份的行政区划，否则为 400 `divisionCode`。记入审计日志（`site.created`）。</remarks>
    /// <param name="request">场所的登记信息</param>
    internal static async Task<Results<Created<SiteDto>, ValidationProblem, ProblemHttpResult>> Create(
        SiteRequest request, JifangDbContext db, IValidator<SiteRequest> validator, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        // Outside the caller's own jurisdiction or unit is 403 before the unit is looked up: a site in another
        // county is refused as such, not as "no such unit", and the answer tells nothing about other units.
        if ((db.Scope.IsPolice && !request.DivisionCode!.StartsWith(db.Scope.DivisionPrefix!, StringComparison.Ordinal))
            || (db.Scope.IsUnit && request.UnitId != db.Scope.UnitId))
        {
            return UnitsApi.OutsideScope(db.Scope.IsUnit ? "unitId" : "divisionCode", db.Scope.IsUnit ? request.UnitId.ToString()! : request.DivisionCode!);
        }
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null || unit.Archived)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["unitId"] = ["所属单位不存在或不在您的范围内"] });
        }
        if (!db.Scope.Covers(request.DivisionCode!, unit.Id))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        if (compliance.PlaceProblem(request.DivisionCode!) is { } place)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["divisionCode"] = [place] });
        }
        var now = time.GetUtcNow().UtcDateTime;
        var site = new Site { UnitId = unit.Id, CreatedAt = now };
        Apply(site, request, now);
        db.Sites.Add(site);
        await compliance.SaveAndRejudgeAsync(site.Id, new RegistryChange("site.created", $"site:{site.Id}", site.Name), ct);
        var count = await db.Findings.CountAsync(f => f.SiteId == site.Id, ct);
        return TypedResults.Created($"/api/sites/{site.Id}", ToDto(site, unit.Name, count, compliance));
    }

    /// <summary>修改场所</summary>
    /// <remarks>修改后立即重新判定。使用单位不能改场所的行政区划代码（403：场所迁移由辖区公安机关变更，迁出辖区时在新旧两个代码下都记入审计日志）。记入审计日志（`site.updated`）。</remarks>
    /// <param name="id">场所编号</param>
    /// <param name="request">场所的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<SiteDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SiteRequest request, JifangDbContext db, IValidator<SiteRequest> validator, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (request.UnitId != site.UnitId && await db.Units.FirstOrDefaultAsync(u => u.Id == request.UnitId, ct) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["unitId"] = ["所属单位不存在或不在您的范围内"] });
        }
        if ((db.Scope.IsPolice && !request.DivisionCode!.StartsWith(db.Scope.DivisionPrefix!, StringComparison.Ordinal))
            || (db.Scope.IsUnit && request.UnitId != db.Scope.UnitId))
        {
            return UnitsApi.OutsideScope(db.Scope.IsUnit ? "unitId" : "divisionCode", db.Scope.IsUnit ? request.UnitId.ToString()! : request.DivisionCode!);
        }
        if (db.Scope.IsUnit && request.DivisionCode != site.DivisionCode)
        {
            // A site is supervised where it is: a unit may not move it out of its county (and out of its police's sight).
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "单位不能变更场所的行政区划",
                detail: $"divisionCode: 场所位于 {site.DivisionCode}，使用单位不能将其改为 {request.DivisionCode}；场所迁移须由辖区公安机关变更",
                extensions: new Dictionary<string, object?> { ["field"] = "divisionCode" });
        }
        if (compliance.PlaceProblem(request.DivisionCode!) is { } place)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["divisionCode"] = [place] });
        }
        site.UnitId = request.UnitId!.Value;
        Apply(site, request, time.GetUtcNow().UtcDateTime);
        await compliance.SaveAndRejudgeAsync(site.Id, new RegistryChange("site.updated", $"site:{site.Id}", site.Name), ct);
        var count = await db.Findings.CountAsync(f => f.SiteId == site.Id, ct);
        var units = await UnitNamesAsync(db, [site.UnitId], ct);
        return TypedResults.Ok(ToDto(site, units.GetValueOrDefault(site.UnitId), count, compliance));
    }

    /// <summary>归档场所</summary>
    /// <remarks>归档后不再出现在默认列表中，并重新判定（归档的场所不再有违规发现）。记入审计日志（`site.archived`）。</remarks>
    /// <param name="id">场所编号</param>
    internal static async Task<Results<NoContent, NotFound>> Archive(Guid id, JifangDbContext db, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }
        site.Archived = true;
        site.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await compliance.SaveAndRejudgeAsync(site.Id, new RegistryChange("site.archived", $"site:{site.Id}", site.Name), ct);
        return TypedResults.NoContent();
    }

    internal static void Apply(Site site, SiteRequest r, DateTime now)
    {
        site.Name = r.Name!.Trim();
        site.DivisionCode = r.DivisionCode!;
        site.Address = r.Address?.Trim() ?? "";
        site.ContactPhone = string.IsNullOrWhiteSpace(r.ContactPhone) ? null : r.ContactPhone.Trim();
        site.Categories = r.Categories ?? [];
        site.Parts = r.Parts ?? [];
        site.PublicArea = r.PublicArea;
        site.Large = r.Large;
        site.Urban = r.Urban;
        site.InvolvesStateSecrets = r.InvolvesStateSecrets;
        site.HoldsImportantItems = r.HoldsImportantItems;
        // Optional: clients that predate the national regulation leave it as it is (a new site: a public place).
        site.NonPublicPlace = r.NonPublicPlace ?? site.NonPublicPlace;
        site.UpdatedAt = now;
    }
}
