using System.Globalization;
using System.Runtime.CompilerServices;
using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Rules.Divisions;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;

namespace Jifang.Features.Import;

/// <summary>One site as a row of the sites export.</summary>
public sealed class SiteExportRow
{
    [ExcelColumn(Name = "场所名称", Width = 28)] public string Name { get; init; } = "";
    [ExcelColumn(Name = "所属单位", Width = 28)] public string Unit { get; init; } = "";
    [ExcelColumn(Name = "行政区划", Width = 30)] public string Division { get; init; } = "";
    [ExcelColumn(Name = "行政区划代码", Width = 12)] public string DivisionCode { get; init; } = "";
    [ExcelColumn(Name = "地址", Width = 36)] public string Address { get; init; } = "";
    [ExcelColumn(Name = "场所类别", Width = 24)] public string Categories { get; init; } = "";
    [ExcelColumn(Name = "联系电话", Width = 16)] public string Phone { get; init; } = "";
    [ExcelColumn(Name = "问题数", Width = 8)] public string Findings { get; init; } = "";
    [ExcelColumn(Name = "状态", Width = 8)] public string State { get; init; } = "";
    [ExcelColumn(Name = "场所标识", Width = 38)] public string Id { get; init; } = "";
}

/// <summary>One unit as a row of the units export.</summary>
public sealed class UnitExportRow
{
    [ExcelColumn(Name = "单位名称", Width = 30)] public string Name { get; init; } = "";
    [ExcelColumn(Name = "统一社会信用代码", Width = 20)] public string CreditCode { get; init; } = "";
    [ExcelColumn(Name = "行政区划", Width = 30)] public string Division { get; init; } = "";
    [ExcelColumn(Name = "行政区划代码", Width = 12)] public string DivisionCode { get; init; } = "";
    [ExcelColumn(Name = "地址", Width = 36)] public string Address { get; init; } = "";
    [ExcelColumn(Name = "联系电话", Width = 16)] public string Phone { get; init; } = "";
    [ExcelColumn(Name = "状态", Width = 8)] public string State { get; init; } = "";
    [ExcelColumn(Name = "单位标识", Width = 38)] public string Id { get; init; } = "";
}

/// <summary>One alarm as a row of the alarms export, in the labels of the consoles.</summary>
public sealed class AlarmExportRow
{
    [ExcelColumn(Name = "报警时间", Width = 20)] public string ReceivedAt { get; init; } = "";
    [ExcelColumn(Name = "场所", Width = 28)] public string Site { get; init; } = "";
    [ExcelColumn(Name = "行政区划", Width = 30)] public string Division { get; init; } = "";
    [ExcelColumn(Name = "设备", Width = 20)] public string Device { get; init; } = "";
    [ExcelColumn(Name = "类型", Width = 12)] public string Type { get; init; } = "";
    [ExcelColumn(Name = "优先级", Width = 8)] public string Priority { get; init; } = "";
    [ExcelColumn(Name = "单位处置", Width = 16)] public string Status { get; init; } = "";
    [ExcelColumn(Name = "报警级别", Width = 20)] public string Level { get; init; } = "";
    [ExcelColumn(Name = "签收", Width = 36)] public string Acknowledged { get; init; } = "";
    [ExcelColumn(Name = "处警反馈", Width = 36)] public string Outcome { get; init; } = "";
    [ExcelColumn(Name = "报警标识", Width = 38)] public string Id { get; init; } = "";
}

/// <summary>One audit entry as a row of the audit export.</summary>
public sealed class AuditExportRow
{
    [ExcelColumn(Name = "序号", Width = 10)] public string Index { get; init; } = "";
    [ExcelColumn(Name = "时间", Width = 20)] public string At { get; init; } = "";
    [ExcelColumn(Name = "操作", Width = 20)] public string Action { get; init; } = "";
    [ExcelColumn(Name = "操作人", Width = 30)] public string Actor { get; init; } = "";
    [ExcelColumn(Name = "对象", Width = 44)] public string Subject { get; init; } = "";
    [ExcelColumn(Name = "行政区划", Width = 12)] public string Division { get; init; } = "";
    [ExcelColumn(Name = "依据", Width = 48)] public string Citation { get; init; } = "";
    [ExcelColumn(Name = "详情", Width = 48)] public string Detail { get; init; } = "";
    [ExcelColumn(Name = "叶哈希", Width = 66)] public string LeafHash { get; init; } = "";
}

/// <summary>
/// The registry's and the consoles' lists as files (CSV or .xlsx, see <see cref="TableExport"/>), with the filters and the
/// order of their lists and the caller's scope. Ids are read first in the list's order, then the rows a batch at a time,
/// so memory does not grow with the list.
/// </summary>
public static class ListExports
{
    private const int Batch = 500;

    public static RouteGroupBuilder MapListExports(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/sites/export", Sites).WithTags("导入导出").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/units/export", Units).WithTags("导入导出").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/alarms/export", Alarms).WithTags("导入导出").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/audit/entries/export", Audit).WithTags("导入导出").RequireAuthorization(Policies.Supervise);
        return api;
    }

    /// <summary>导出场所清单（CSV 或 Excel）</summary>
    /// <remarks>与 `GET /api/sites` 相同的筛选、顺序与范围，每个场所一行：名称、所属单位、行政区划（全称与代码）、地址、场所类别、联系电话、问题数、状态。CSV 为带 BOM 的 UTF-8；以 =、+、-、@ 开头的值已转义。格式不是 csv 或 xlsx 的答复 400 `format`。</remarks>
    /// <param name="format">导出格式：`csv`（默认）或 `xlsx`</param>
    /// <param name="search">场所名称或地址中的文字</param>
    /// <param name="category">场所类别代码（如 `hotel`）：只导出有此类别的场所</param>
    /// <param name="division">行政区划代码前缀：只导出其下的场所（辖区外的前缀得到只有表头的文件）</param>
    /// <param name="unit">使用单位编号：只导出该单位的场所</param>
    /// <param name="hasFindings">`true` 只导出有违规发现的场所，`false` 只导出没有的</param>
    /// <param name="archived">`true`：只导出已归档的场所；默认只导出未归档的</param>
    internal static Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> Sites(
        JifangDbContext db, DivisionSet divisions, TimeProvider time, string? format, string? search, string? category, string? division,
        Guid? unit, bool? hasFindings, bool? archived, CancellationToken ct)
    {
        var q = SitesApi.Filter(db, search, category, division, unit, hasFindings, archived);
        return TableExport.ResultAsync(format, $"场所清单-{time.GetLocalNow():yyyyMMdd}", "场所", SiteRows(db, divisions, q, ct), ct);
    }

    /// <summary>导出单位清单（CSV 或 Excel）</summary>
    /// <remarks>与 `GET /api/units` 相同的筛选、顺序与范围，每个使用单位一行：名称、统一社会信用代码、行政区划（全称与代码）、地址、联系电话、状态。CSV 为带 BOM 的 UTF-8；以 =、+、-、@ 开头的值已转义。格式不是 csv 或 xlsx 的答复 400 `format`。</remarks>
    /// <param name="format">导出格式：`csv`（默认）或 `xlsx`</param>
    /// <param name="search">单位名称中的文字，或完整的统一社会信用代码</param>
    /// <param name="division">行政区划代码前缀（2、4 或 6 位）：只导出其下的单位</param>
    /// <param name="archived">`true`：只导出已归档的单位；默认只导出未归档的</param>
    internal static Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> Units(
        JifangDbContext db, DivisionSet divisions, TimeProvider time, string? format, string? search, string? division, bool? archived, CancellationToken ct) =>
        TableExport.ResultAsync(format, $"单位清单-{time.GetLocalNow():yyyyMMdd}", "单位",
            UnitRows(db, divisions, UnitsApi.Filter(db, search, division, archived), ct), ct);

    /// <summary>导出报警清单（CSV 或 Excel）</summary>
    /// <remarks>与 `GET /api/alarms` 相同的筛选、顺序（按接收时间从近到远）与范围，每条报警一行：报警时间（服务器本地时间）、场所、行政区划、设备、类型、优先级、单位处置、报警级别、签收、处警反馈。格式不是 csv 或 xlsx 的答复 400 `format`。</remarks>
    /// <param name="format">导出格式：`csv`（默认）或 `xlsx`</param>
    /// <param name="status">状态：`new` 待处置、`confirmed` 已确认（真实警情）、`dismissed` 已排除（误报）</param>
    /// <param name="police">`true`：只导出已报告公安机关的</param>
    /// <param name="awaiting">`true`：只导出已报告、公安机关尚未签收的</param>
    /// <param name="level">已到达的级别：`county` 县级、`city` 市级、`province` 省级公安机关</param>
    /// <param name="site">场所编号：只导出该场所的报警</param>
    /// <param name="system">技防系统编号：只导出该系统的报警</param>
    internal static Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> Alarms(
        JifangDbContext db, DivisionSet divisions, TimeProvider time, string? format, string? status, bool? police, bool? awaiting, string? level,
        Guid? site, Guid? system, CancellationToken ct) =>
        TableExport.ResultAsync(format, $"报警清单-{time.GetLocalNow():yyyyMMdd}", "报警",
            AlarmRows(db, divisions, AlarmsApi.Query(db, status, police, awaiting, level, site, system), ct), ct);

    /// <summary>导出审计日志（CSV 或 Excel）</summary>
    /// <remarks>与 `GET /api/audit/entries` 相同的筛选、顺序（按序号从新到旧）与范围，每条记录一行：序号、时间（服务器本地时间）、操作（中文名称）、操作人、对象、行政区划、依据、详情与叶哈希。行政区划不是 1 至 6 位数字的为 400 `division`，结束时间早于开始时间的为 400 `to`，格式不是 csv 或 xlsx 的为 400 `format`。</remarks>
    /// <param name="format">导出格式：`csv`（默认）或 `xlsx`</param>
    /// <param name="action">动作代码（如 `site.created`），或以 `.` 结尾的前缀（如 `alarm.`）</param>
    /// <param name="actor">操作者（如 `user:…`、`system:alarms`）</param>
    /// <param name="subject">对象（如 `site:…`、`record:…`）</param>
    /// <param name="division">行政区划代码前缀（1 至 6 位数字）</param>
    /// <param name="from">起始时间（含），不带时区的按 UTC</param>
    /// <param name="to">结束时间（不含），不带时区的按 UTC</param>
    internal static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> Audit(
        JifangDbContext db, TimeProvider time, string? format, string? action, string? actor, string? subject, string? division,
        DateTime? from, DateTime? to, CancellationToken ct)
    {
        if (division is { Length: > 0 } d && (d.Length > 6 || !d.All(char.IsAsciiDigit)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["division"] = ["行政区划代码（前缀）应为 1 至 6 位数字"] });
        }
        if (from is { } f && to is { } t && t < f)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["结束时间早于开始时间"] });
        }
        var q = AuditApi.Filter(db.Audit.AsNoTracking(), action, actor, subject, division, from, to);
        return await TableExport.ResultAsync(format, $"审计日志-{time.GetLocalNow():yyyyMMdd}", "审计日志", AuditRows(db, q, ct), ct);
    }

    /// <summary>A time stored in UTC, as the pages show it: local, to the second.</summary>
    public static string Local(DateTime? utc) => utc is { } t
        ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";

    private static string State(bool archived) => archived ? "已归档" : "在用";

    private static async IAsyncEnumerable<SiteExportRow> SiteRows(
        JifangDbContext db, DivisionSet divisions, IQueryable<Site>? sites, [EnumeratorCancellation] CancellationToken ct)
    {
        if (sites is null)
        {
            yield break; // a division outside the jurisdiction: the header alone
        }
        var ids = await sites.OrderBy(s => s.Name).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        foreach (var batch in ids.Chunk(Batch))
        {
            var rows = await db.Sites.AsNoTracking().Where(s => batch.Contains(s.Id))
                .Select(s => new { Site = s, Findings = db.Findings.Count(f => f.SiteId == s.Id) })
                .ToDictionaryAsync(r => r.Site.Id, ct);
            var units = await SitesApi.UnitNamesAsync(db, rows.Values.Select(r => r.Site.UnitId), ct);
            foreach (var id in batch)
            {
                if (!rows.TryGetValue(id, out var r))
                {
                    continue;
                }
                var s = r.Site;
                yield return new SiteExportRow
                {
                    Name = s.Name,
                    Unit = units.GetValueOrDefault(s.UnitId, ""),
                    Division = divisions.FullName(s.DivisionCode),
                    DivisionCode = s.DivisionCode,
                    Address = s.Address ?? "",
                    Categories = string.Join("、", s.Categories.Select(x => Vocab.SiteCategories.TryParse(x, out var v) ? Vocab.SiteCategories.Label(v) : x)),
                    Phone = s.ContactPhone ?? "",
                    Findings = r.Findings.ToString(CultureInfo.InvariantCulture),
                    State = State(s.Archived),
                    Id = s.Id.ToString(),
                };
            }
        }
    }

    private static async IAsyncEnumerable<UnitExportRow> UnitRows(
        JifangDbContext db, DivisionSet divisions, IQueryable<Unit> units, [EnumeratorCancellation] CancellationToken ct)
    {
        var ids = await units.OrderBy(u => u.Name).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        foreach (var batch in ids.Chunk(Batch))
        {
            var rows = await db.Units.AsNoTracking().Where(u => batch.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            foreach (var id in batch)
            {
                if (rows.TryGetValue(id, out var u))
                {
                    yield return new UnitExportRow
                    {
                        Name = u.Name,
                        CreditCode = u.CreditCode ?? "",
                        Division = divisions.FullName(u.DivisionCode),
                        DivisionCode = u.DivisionCode,
                        Address = u.Address ?? "",
                        Phone = u.ContactPhone ?? "",
                        State = State(u.Archived),
                        Id = u.Id.ToString(),
                    };
                }
            }
        }
    }

    private static async IAsyncEnumerable<AlarmExportRow> AlarmRows(
        JifangDbContext db, DivisionSet divisions, IQueryable<Alarm> alarms, [EnumeratorCancellation] CancellationToken ct)
    {
        var ids = await alarms.OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        foreach (var batch in ids.Chunk(Batch))
        {
            var rows = await db.Alarms.AsNoTracking().Where(a => batch.Contains(a.Id))
                .Select(a => new { Alarm = a, SiteName = a.Site!.Name }).ToDictionaryAsync(r => r.Alarm.Id, ct);
            foreach (var id in batch)
            {
                if (!rows.TryGetValue(id, out var r))
                {
                    continue;
                }
                var a = r.Alarm;
                yield return new AlarmExportRow
                {
                    ReceivedAt = Local(a.ReceivedAt),
                    Site = r.SiteName,
                    Division = divisions.FullName(a.DivisionCode),
                    Device = a.Device,
                    Type = AlarmCodes.TypeLabel(a.Type),
                    Priority = AlarmCodes.PriorityLabel(a.Priority),
                    Status = AlarmCodes.StatusLabel(a.Status),
                    Level = a.PoliceLevel is null ? "未报告" : AlarmCodes.LevelLabel(a.PoliceLevel),
                    Acknowledged = a.AcknowledgedAt is { } at
                        ? $"{a.AcknowledgedBy}（{AlarmCodes.LevelLabel(a.AcknowledgedLevel)}）于 {Local(at)} 签收"
                        : a.PoliceLevel is null ? "" : "待签收",
                    Outcome = a.Outcome is { } o ? AlarmCodes.OutcomeLabel(o) + (a.OutcomeNote is { Length: > 0 } note ? "：" + note : "") : "",
                    Id = a.Id.ToString(),
                };
            }
        }
    }

    private static async IAsyncEnumerable<AuditExportRow> AuditRows(
        JifangDbContext db, IQueryable<AuditEntry> entries, [EnumeratorCancellation] CancellationToken ct)
    {
        var indexes = await entries.OrderByDescending(e => e.Index).Select(e => e.Index).ToListAsync(ct);
        foreach (var batch in indexes.Chunk(Batch))
        {
            var rows = await db.Audit.AsNoTracking().Where(e => batch.Contains(e.Index)).ToDictionaryAsync(e => e.Index, ct);
            foreach (var index in batch)
            {
                if (rows.TryGetValue(index, out var e))
                {
                    yield return new AuditExportRow
                    {
                        Index = e.Index.ToString(CultureInfo.InvariantCulture),
                        At = Local(e.At),
                        Action = AuditActions.Label(e.Action),
                        Actor = e.Actor,
                        Subject = e.Subject ?? "",
                        Division = e.DivisionCode ?? "",
                        Citation = e.Citation ?? "",
                        Detail = e.Detail ?? "",
                        LeafHash = Convert.ToHexStringLower(e.LeafHash),
                    };
                }
            }
        }
    }
}
