using System.Globalization;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Packs;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Filing;

/// <summary>含视频子系统的技防系统的备案情况：备案期限、现行备案、已备案后登记信息的变化</summary>
/// <param name="SystemId">技防系统编号</param>
/// <param name="SystemName">系统名称</param>
/// <param name="SiteId">场所编号</param>
/// <param name="SiteName">场所名称</param>
/// <param name="UnitId">管理单位编号</param>
/// <param name="DivisionCode">所在地行政区划代码</param>
/// <param name="MustFile">是否属第七条规定的公共场所的系统（必须备案；第九条第二款规定之外的其他公共场所可以备案，不计逾期）</param>
/// <param name="InService">是否已投入使用</param>
/// <param name="Due">备案期限（最后一日），未投入使用为空</param>
/// <param name="DaysOverdue">逾期未备案的天数（必须备案、未备案且已过期限时大于 0）</param>
/// <param name="Filed">是否已备案（有待审核或已受理的备案）</param>
/// <param name="FiledOn">首次提交备案的日期</param>
/// <param name="FilingId">最近一次备案（或备案变更）的编号</param>
/// <param name="FilingState">其状态：`pending` 待审核、`returned` 已退回、`accepted` 已备案</param>
/// <param name="FilingStateLabel">状态的中文名称</param>
/// <param name="Number">现行备案回执编号</param>
/// <param name="Changes">已备案后登记信息发生的变化（须办理备案变更），每项一行</param>
public sealed record FilingSystemDto(
    Guid SystemId, string SystemName, Guid SiteId, string SiteName, Guid UnitId, string DivisionCode, bool MustFile, bool InService,
    DateOnly? Due, int DaysOverdue, bool Filed, DateOnly? FiledOn, Guid? FilingId, string? FilingState, string? FilingStateLabel, string? Number,
    IReadOnlyList<string> Changes)
{
    /// <summary>单位是否有待办：办理备案、更正退回的备案或办理备案变更</summary>
    public bool NeedsAction => FilingState is null or FilingStates.Returned || (FilingState == FilingStates.Accepted && Changes.Count > 0);
}

/// <summary>The work shared by the API and the pages: the systems and their filings, the filed facts, the steps, the numbers.</summary>
public sealed class FilingService(JifangDbContext db, ComplianceService compliance, AuditTrail audit, TimeProvider time)
{
    /// <summary>The citation every filing act carries in the audit log.</summary>
    public const string Citation = "national-2025 14.1";

    /// <summary>The deadlines of 第十四条第一款 as the national pack's filing rule (check kind filing-deadline) states them.</summary>
    public FilingDeadlineRule Rule => FilingRule is { Spec: { Transitional: { } t } spec }
        ? new FilingDeadlineRule(spec.DaysFromInService, t.InUseBefore, t.Deadline)
        : FilingDeadlineRule.National2025;

    /// <summary>The pack's filing rule, found once per request (MustFile is asked for every row of a list).</summary>
    private (RuleDefinition Rule, FilingDeadlineSpec Spec)? FilingRule
    {
        get
        {
            if (!_filingRuleRead)
            {
                _filingRule = compliance.FilingRule(Today);
                _filingRuleRead = true;
            }
            return _filingRule;
        }
    }

    private (RuleDefinition Rule, FilingDeadlineSpec Spec)? _filingRule;
    private bool _filingRuleRead;

    public JifangDbContext Db => db;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), time.LocalTimeZone));

    /// <summary>
    /// Whether the site's systems must file: the sites the national pack's filing rule binds (its site classes: the public places
    /// of 第七条; 第九条第二款 exempts the others from 第十四条), so that the pages and the engine's findings agree.
    /// </summary>
    public bool MustFile(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return FilingRule is { } f && (f.Rule.Sites?.Matches(ComplianceService.CategoriesOf(site), ComplianceService.FlagsOf(site)) ?? true);
    }

    /// <summary>
    /// For the rules engine (system fact <c>filing</c>): per system of <paramref name="filings"/>, whether it is filed — a
    /// filing the unit submitted that is pending or was accepted (a returned one is not, until it is resubmitted) — and the
    /// local day it was first submitted. A system without such a filing is absent (FilingFacts.None).
    /// </summary>
    public static IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)> Status(IEnumerable<VideoFiling> filings, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(filings);
        ArgumentNullException.ThrowIfNull(zone);
        return filings.Where(f => f.State != FilingStates.Returned)
            .GroupBy(f => f.SystemId)
            .ToDictionary(g => g.Key, g => (true, (DateOnly?)DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(
                DateTime.SpecifyKind(g.Min(f => f.FirstSubmittedAt), DateTimeKind.Utc), zone))));
    }

    /// <summary>The filing status of every system of a site, for ComplianceService.ToFacts (reads past the caller's scope).</summary>
    public static async Task<IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>> StatusOfSiteAsync(JifangDbContext db, Guid siteId, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filings = await db.VideoFilings.IgnoreQueryFilters().AsNoTracking().Where(f => f.SiteId == siteId && f.State != FilingStates.Returned).ToListAsync(ct);
        return Status(filings, zone);
    }

    /// <summary>The video systems in the caller's scope with their filing and deadline, by site and name.</summary>
    public async Task<List<FilingSystemDto>> SystemsAsync(Guid? siteId, Guid? systemId, CancellationToken ct)
    {
        var q = db.Systems.AsNoTracking().Include(s => s.Site!).ThenInclude(s => s.Unit).Where(s => !s.Archived && !s.Site!.Archived);
        if (siteId is { } site) { q = q.Where(s => s.SiteId == site); }
        if (systemId is { } sys) { q = q.Where(s => s.Id == sys); }
        var systems = (await q.OrderBy(s => s.Site!.Name).ThenBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct)).Where(FiledFacts.IsVideo).ToList();
        return await RowsAsync(systems, ct);
    }

    /// <summary>
    /// The video systems in the caller's scope that must be filed, are past their deadline and are not filed, most overdue
    /// first. Only the systems the filing rule has found are read (see the comment inside).
    /// </summary>
    public async Task<List<FilingSystemDto>> OverdueAsync(CancellationToken ct)
    {
        if (FilingRule is not { } rule)
        {
            return [];
        }
        // The candidates are the systems with a stored finding of the filing rule (kept current by every change and, for time
        // alone, by FilingDeadlineWatch), in the caller's scope: a dashboard of a province reads its overdue systems, not every
        // system it has. Which are filed is read in a query of its own, since IgnoreQueryFilters in a subquery would lift the
        // scope of the whole query.
        var ids = (await db.Findings.AsNoTracking().Where(f => f.Rule == rule.Rule.Id && f.SubjectKind == "system")
            .Select(f => f.SubjectId).Distinct().ToListAsync(ct))
            .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var systems = new List<SecuritySystem>();
        foreach (var chunk in ids.Chunk(500))
        {
            systems.AddRange(await db.Systems.AsNoTracking().Include(s => s.Site!).ThenInclude(s => s.Unit)
                .Where(s => chunk.Contains(s.Id) && !s.Archived && !s.Site!.Archived && s.InService).OrderBy(s => s.Id).ToListAsync(ct));
        }
        var rows = await RowsAsync(systems.Where(s => FiledFacts.IsVideo(s) && MustFile(s.Site!)).ToList(), ct);
        return rows.Where(r => r.DaysOverdue > 0).OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.SiteName, StringComparer.Ordinal).ToList();
    }

    private async Task<List<FilingSystemDto>> RowsAsync(List<SecuritySystem> systems, CancellationToken ct)
    {
        var ids = systems.Select(s => s.Id).ToList();
        var filings = new List<VideoFiling>();
        var devices = new List<Device>();
        foreach (var chunk in ids.Chunk(500))
        {
            filings.AddRange(await db.VideoFilings.IgnoreQueryFilters().AsNoTracking().Where(f => chunk.Contains(f.SystemId)).ToListAsync(ct));
            devices.AddRange(await db.Devices.IgnoreQueryFilters().AsNoTracking().Where(d => d.SystemId != null && chunk.Contains(d.SystemId.Value) && !d.Archived).ToListAsync(ct));
        }
        var status = Status(filings, time.LocalTimeZone);
        var bySystem = filings.ToLookup(f => f.SystemId);
        var devicesBySystem = devices.ToLookup(d => d.SystemId!.Value);
        var today = Today;
        return systems.Select(s =>
        {
            var site = s.Site!;
            var latest = bySystem[s.Id].OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id).FirstOrDefault();
            var accepted = bySystem[s.Id].FirstOrDefault(f => f.State == FilingStates.Accepted);
            var changes = accepted is null || latest?.State == FilingStates.Pending
                ? []
                : FiledFacts.FromRegistry(s, site, site.Unit!, devicesBySystem[s.Id]).ChangesSince(FiledFacts.Of(accepted));
            var (filed, filedOn) = status.TryGetValue(s.Id, out var st) ? st : (false, null);
            var mustFile = MustFile(site);
            var due = FilingDeadline.Due(s.InService, s.InServiceSince, Rule);
            return new FilingSystemDto(s.Id, s.Name, site.Id, site.Name, site.UnitId, site.DivisionCode, mustFile, s.InService, due,
                mustFile && !filed ? FilingDeadline.DaysOverdue(due, today) : 0, filed, filedOn, latest?.Id, latest?.State,
                latest is null ? null : FilingStates.Label(latest.State), accepted?.Number, changes);
        }).ToList();
    }

    /// <summary>The facts of a system as the registry holds them now (the form the unit confirms), or null outside scope.</summary>
    public async Task<(SecuritySystem System, FiledFacts Facts)?> CurrentAsync(Guid systemId, CancellationToken ct)
    {
        var system = await db.Systems.Include(s => s.Site!).ThenInclude(s => s.Unit).FirstOrDefaultAsync(s => s.Id == systemId && !s.Archived, ct);
        if (system is null)
        {
            return null;
        }
        var devices = await db.Devices.IgnoreQueryFilters().AsNoTracking().Where(d => d.SystemId == systemId && !d.Archived).ToListAsync(ct);
        return (system, FiledFacts.FromRegistry(system, system.Site!, system.Site!.Unit!, devices));
    }

    /// <summary>A filing in the caller's scope, with its steps in order.</summary>
    public async Task<VideoFiling?> LoadAsync(Guid id, CancellationToken ct)
    {
        var filing = await db.VideoFilings.Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == id, ct);
        filing?.Steps.Sort((a, b) => a.At.CompareTo(b.At) is var c and not 0 ? c : a.Id.CompareTo(b.Id));
        return filing;
    }

    /// <summary>
    /// The next certificate number of a county and year: one statement raises the county's counter and returns it, so that
    /// concurrent acceptances (on either provider) never get the same number; the unique index on the number is the backstop.
    /// Called inside the acceptance's transaction: a number is taken only when the acceptance commits.
    /// </summary>
    public async Task<(int Year, int Sequence, string Number)> AllocateNumberAsync(string division, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(division);
        var year = Today.Year;
        await db.Database.ExecuteSqlAsync($"""INSERT INTO filing_counters ("DivisionCode", "Year", "Next") VALUES ({division}, {year}, 0) ON CONFLICT ("DivisionCode", "Year") DO NOTHING""", ct);
        var next = (await db.Database.SqlQuery<int>($"""UPDATE filing_counters SET "Next" = "Next" + 1 WHERE "DivisionCode" = {division} AND "Year" = {year} RETURNING "Next" AS "Value" """)
            .ToListAsync(ct)).Single();
        return (year, next, Format(division, year, next));
    }

    /// <summary>150102备〔2026〕0001号.</summary>
    public static string Format(string division, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{division}备〔{year}〕{sequence:0000}号");

    /// <summary>Records a step (who, role, when, why), queues its audit entry and saves it with a re-judgement of the site.</summary>
    /// <param name="inTransaction">Work done in the same transaction before saving (the certificate number of an acceptance).</param>
    public async Task StepAsync(VideoFiling f, string step, string auditAction, (string By, string? Name, string? Role) who, string? note, CancellationToken ct,
        Func<CancellationToken, Task>? inTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var entry = new FilingStep { FilingId = f.Id, Action = step, At = Now, By = who.By, ByName = who.Name, Role = who.Role, Note = note };
        if (db.Entry(f).State == EntityState.Detached || db.Entry(f).State == EntityState.Added)
        {
            f.Steps.Add(entry);
        }
        else
        {
            db.Add(entry);
        }
        f.UpdatedAt = entry.At;
        await compliance.SaveAndRejudgeAsync(f.SiteId, null, ct, async c =>
        {
            if (inTransaction is not null)
            {
                await inTransaction(c);
            }
            // Queued here, inside the transaction, so that it carries the number an acceptance has just taken.
            var detail = $"{FilingKinds.Label(f.Kind)}「{f.SystemName}」（{f.SiteName}）：{FilingStates.StepLabel(step)}"
                + (f.Number is { } n && step == "accepted" ? $"，回执 {n}" : "") + (note is { Length: > 0 } ? $"；{note}" : "");
            audit.Add(auditAction, $"filing:{f.Id}", f.DivisionCode, f.UnitId, Records.RecordsApi.Truncate(detail, 3900), Citation);
        });
    }
}
