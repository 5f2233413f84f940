using System.Globalization;
using System.Runtime.CompilerServices;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;

namespace Jifang.Features.Import;

/// <summary>One finding as a row of the export, in the words people read: every citation written out.</summary>
public sealed class FindingExportRow
{
    [ExcelColumn(Name = "行政区划代码", Width = 12)] public string DivisionCode { get; init; } = "";
    [ExcelColumn(Name = "单位", Width = 28)] public string Unit { get; init; } = "";
    [ExcelColumn(Name = "场所", Width = 28)] public string Site { get; init; } = "";
    [ExcelColumn(Name = "场所类别", Width = 20)] public string Categories { get; init; } = "";
    [ExcelColumn(Name = "条例", Width = 34)] public string Regulation { get; init; } = "";
    [ExcelColumn(Name = "规则", Width = 26)] public string Rule { get; init; } = "";
    [ExcelColumn(Name = "问题", Width = 34)] public string Problem { get; init; } = "";
    [ExcelColumn(Name = "对象类型", Width = 10)] public string SubjectKind { get; init; } = "";
    [ExcelColumn(Name = "对象", Width = 24)] public string Subject { get; init; } = "";
    [ExcelColumn(Name = "违反条款", Width = 48)] public string Breaches { get; init; } = "";
    [ExcelColumn(Name = "条文", Width = 60)] public string Words { get; init; } = "";
    [ExcelColumn(Name = "问题说明", Width = 50)] public string Message { get; init; } = "";
    [ExcelColumn(Name = "处罚依据", Width = 48)] public string Basis { get; init; } = "";
    [ExcelColumn(Name = "处罚机关", Width = 20)] public string Authority { get; init; } = "";
    [ExcelColumn(Name = "责令", Width = 16)] public string Orders { get; init; } = "";
    [ExcelColumn(Name = "罚款", Width = 48)] public string Fines { get; init; } = "";
    [ExcelColumn(Name = "其他法律责任", Width = 40)] public string Other { get; init; } = "";
    [ExcelColumn(Name = "同一违法行为", Width = 60)] public string DoubleFine { get; init; } = "";
    [ExcelColumn(Name = "评判日期", Width = 12)] public string AsOf { get; init; } = "";
    [ExcelColumn(Name = "场所标识", Width = 38)] public string SiteId { get; init; } = "";
}

/// <summary>
/// <c>GET /api/findings/export?format=csv|xlsx</c>: the findings list (with the filters of <c>GET /api/findings</c>) as a
/// CSV file (UTF-8 with BOM, so Excel reads the Chinese) or an .xlsx workbook. Rows are read a batch of sites at a time,
/// so memory does not grow with the list; the CSV goes out as it is written, the workbook from a temporary file.
/// </summary>
public static class FindingsExport
{
    private const int SitesPerBatch = 200;

    public static RouteGroupBuilder MapFindingsExport(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/findings/export", Export).WithTags("导入导出").RequireAuthorization(Policies.RegistryRead);
        return api;
    }

    /// <summary>导出合规问题清单（CSV 或 Excel）</summary>
    /// <remarks>与 `GET /api/findings` 相同的筛选与顺序，每条问题一行，条款写明全称与条文。CSV 为带 BOM 的 UTF-8（Excel 可直接打开）；以 =、+、-、@ 开头的值已转义。格式不是 csv 或 xlsx 的答复 400 `format`。</remarks>
    /// <param name="format">导出格式：`csv`（默认）或 `xlsx`</param>
    /// <param name="site">场所编号：只导出该场所的问题</param>
    /// <param name="rule">规则编号：只导出该规则判定的问题</param>
    /// <param name="article">条（序号）：只导出违反该条的问题</param>
    /// <param name="division">行政区划代码前缀：只导出其下场所的问题</param>
    /// <param name="category">场所类别代码：只导出该类别场所的问题</param>
    /// <param name="regulation">条例编号：只导出依该条例判定的问题</param>
    internal static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> Export(

        JifangDbContext db, FindingPresenter presenter, TimeProvider time, string? format,
        Guid? site, string? rule, int? article, string? division, string? category, string? regulation, CancellationToken ct)
    {
        var findings = FindingsApi.Filter(db.Findings.AsNoTracking(), site, rule, article, division, category, regulation);
        return await TableExport.ResultAsync(format, $"技防问题清单-{time.GetLocalNow():yyyyMMdd}", "问题清单", Rows(db, presenter, findings, ct), ct);
    }

    /// <summary>The findings as export rows, in the order of the findings list, reading a batch of sites at a time.</summary>
    public static async IAsyncEnumerable<FindingExportRow> Rows(
        JifangDbContext db, FindingPresenter presenter, IQueryable<StoredFinding> findings, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(presenter);
        var siteIds = await findings.Select(f => new { f.DivisionCode, f.SiteId }).Distinct()
            .OrderBy(k => k.DivisionCode).ThenBy(k => k.SiteId).Select(k => k.SiteId).ToListAsync(ct);
        foreach (var batch in siteIds.Chunk(SitesPerBatch))
        {
            var ids = batch.ToList();
            var rows = await findings.Where(f => ids.Contains(f.SiteId))
                .OrderBy(f => f.DivisionCode).ThenBy(f => f.SiteId).ThenBy(f => f.PackId).ThenBy(f => f.Article).ThenBy(f => f.Id).ToListAsync(ct);
            // The same conduct under the other regulations, whether or not the filters keep those findings.
            var concurrences = presenter.Concurrences(await db.Findings.AsNoTracking().Where(f => ids.Contains(f.SiteId)).ToListAsync(ct));
            var sites = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, s.Name, s.Categories, s.UnitId }).ToDictionaryAsync(s => s.Id, ct);
            // Not through the Unit navigation: its scope filter would drop a site whose unit is registered outside the division.
            var units = await Registry.SitesApi.UnitNamesAsync(db, sites.Values.Select(s => s.UnitId), ct);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var x in await db.Systems.AsNoTracking().Where(x => ids.Contains(x.SiteId)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
            {
                names[x.Id.ToString()] = x.Name;
            }
            foreach (var x in await db.Devices.AsNoTracking().Where(x => ids.Contains(x.SiteId)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
            {
                names[x.Id.ToString()] = x.Name;
            }
            foreach (var x in await db.Acts.AsNoTracking().Where(x => ids.Contains(x.SiteId)).Select(x => new { x.Id, x.Kind, x.Date }).ToListAsync(ct))
            {
                var kind = Vocab.ActKinds.TryParse(x.Kind, out var k) ? Vocab.ActKinds.ShortLabel(k) : x.Kind;
                names[x.Id.ToString()] = $"{kind}（{x.Date:yyyy-MM-dd}）";
            }
            foreach (var f in rows)
            {
                var site = sites.GetValueOrDefault(f.SiteId);
                var dto = presenter.Present(f);
                var c = dto.Consequence;
                yield return new FindingExportRow
                {
                    DivisionCode = f.DivisionCode,
                    Unit = site is null ? "" : units.GetValueOrDefault(site.UnitId, ""),
                    Site = site?.Name ?? "",
                    Categories = site is null ? "" : string.Join("、", site.Categories.Select(x => Vocab.SiteCategories.TryParse(x, out var v) ? Vocab.SiteCategories.ShortLabel(v) : x)),
                    Regulation = $"《{dto.RegulationTitle}》",
                    Rule = f.Rule,
                    Problem = f.RuleTitle,
                    SubjectKind = Vocab.SubjectKinds.TryParse(f.SubjectKind, out var sk) ? Vocab.SubjectKinds.Label(sk) : f.SubjectKind,
                    Subject = f.SubjectKind == "site" ? site?.Name ?? "" : names.GetValueOrDefault(f.SubjectId, f.SubjectId),
                    Breaches = string.Join("；", dto.Breaches.Select(b => b.Text)),
                    Words = string.Join("\n", dto.Breaches.Select(b => b.Words).Where(w => w.Length > 0)),
                    Message = f.Message,
                    Basis = c?.Basis.Text ?? (presenter.ReferralOf(f.PackId) is { } referral ? $"本条例对此未规定罚则；依{referral.Text}" : "本条例对此未规定罚则"),
                    Authority = c?.Authority ?? "",
                    Orders = c is null ? "" : string.Join("；", c.Orders),
                    Fines = c is null ? "" : string.Join("；", c.Fines.Select(Fine)),
                    Other = c is null ? "" : string.Join("；", c.Other),
                    DoubleFine = concurrences.TryGetValue(f.Id, out var d) ? d.Note : "",
                    AsOf = f.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    SiteId = f.SiteId.ToString(),
                };
            }
        }
    }

    /// <summary>"逾期不改正的，对单位处1万元以上3万元以下罚款": the sentence the pages and the command line show (ConsequenceWording).</summary>
    public static string Fine(FineDto fine)
    {
        ArgumentNullException.ThrowIfNull(fine);
        return fine.Sentence;
    }
}
