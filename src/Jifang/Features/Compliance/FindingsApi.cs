using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Divisions;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Compliance;

public sealed record CountDto(string Key, string Label, int Count);

public sealed record WorstSiteDto(Guid SiteId, string Name, string DivisionCode, int Findings);

public sealed record TrendPointDto(DateOnly Date, int Sites, int SitesWithFindings, int Findings);

/// <summary>下一级行政区划（省下的市、市下的县）场所的情况</summary>
public sealed record DivisionCountDto(string Prefix, string Name, int Sites, int SitesWithFindings, int Findings)
{
    /// <summary>存在问题的场所占比（百分数；没有场所时为 0）</summary>
    public double Rate => Sites == 0 ? 0 : Math.Round(100.0 * SitesWithFindings / Sites, 1);
}

/// <summary>尚未消除的问题：首次发现的时间和第一项依据</summary>
public sealed record OpenFindingDto(Guid Id, Guid SiteId, string SiteName, string DivisionCode, string RuleTitle, string Message, CitationDto Citation, DateTime RaisedAt, int Days);

/// <param name="Trend">按日：最近 90 天，今日即上面的计数</param>
/// <param name="ByDivision">下一级行政区划（省下的市、市下的县；县级没有），存在问题的场所占比高的在前</param>
/// <param name="TrendByWeek">最近 26 周每周末（周一至周日；本周为今日）的情况</param>
/// <param name="TrendByMonth">最近 13 个月每月末（本月为今日）的情况</param>
/// <param name="OldestFindings">存在时间最长的 10 个问题</param>
/// <param name="ByRegulation">按条例：各条例判定的问题数与有问题的场所数，问题多的在前</param>
public sealed record DashboardDto(int Sites, int SitesWithFindings, int Findings, IReadOnlyList<CountDto> ByArticle, IReadOnlyList<CountDto> ByCategory, IReadOnlyList<CountDto> ByRule, IReadOnlyList<WorstSiteDto> WorstSites, IReadOnlyList<TrendPointDto> Trend,
    IReadOnlyList<DivisionCountDto> ByDivision, IReadOnlyList<TrendPointDto> TrendByWeek, IReadOnlyList<TrendPointDto> TrendByMonth, IReadOnlyList<OpenFindingDto> OldestFindings,
    IReadOnlyList<RegulationCountDto> ByRegulation);

/// <summary>依一部条例判定的问题：问题数与存在这些问题的场所数（各条例的问题数之和即问题总数；一个场所可同时计入几部条例）</summary>
public sealed record RegulationCountDto(string PackId, string Title, int SitesWithFindings, int Findings);

public sealed record ArticleDto(string PackId, string Title, int Number, string Heading, string Text, IReadOnlyList<ArticleRuleDto> Rules);

public sealed record ArticleRuleDto(string Id, string Title, IReadOnlyList<CitationDto> Breaches, ConsequenceDto? Consequence);

/// <summary>Findings lists, the jurisdiction dashboard, and the regulation text behind every citation.</summary>
public static class FindingsApi
{
    public static RouteGroupBuilder MapCompliance(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/findings", List).WithTags("合规").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/dashboard", Dashboard).WithTags("合规").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/packs", Packs).WithTags("条例").RequireAuthorization();
        api.MapGet("/packs/{packId}/articles/{number:int}", Article).WithTags("条例").RequireAuthorization();
        return api;
    }

    /// <summary>合规问题清单</summary>
    /// <remarks>调用者范围内各场所现存的问题（条例判定的结果），每条带违反的条款（写明《条例》第几条第几款第几项及条文）与罚则；按行政区划、场所、条排序，分页。问题在登记事实改正后自动消除。</remarks>
    /// <param name="site">场所编号：只列该场所的问题</param>
    /// <param name="rule">规则编号：只列该规则判定的问题</param>
    /// <param name="article">条（序号）：只列违反该条的问题</param>
    /// <param name="division">行政区划代码前缀：只列其下场所的问题</param>
    /// <param name="category">场所类别代码：只列该类别场所的问题</param>
    /// <param name="regulation">条例编号（见 `GET /api/packs`，如 `national-2025`）：只列依该条例判定的问题</param>
    internal static async Task<Ok<Page<FindingDto>>> List(
        JifangDbContext db, FindingPresenter presenter, Guid? site, string? rule, int? article, string? division, string? category, string? regulation,
        int? page, int? pageSize, CancellationToken ct)
    {
        var q = Filter(db.Findings.AsNoTracking(), site, rule, article, division, category, regulation);
        var rows = await q.OrderBy(f => f.DivisionCode).ThenBy(f => f.SiteId).ThenBy(f => f.PackId).ThenBy(f => f.Article).ThenBy(f => f.Id)
            .ToPageAsync(page, pageSize, f => f, ct);
        return TypedResults.Ok(new Page<FindingDto>(await presenter.PresentAsync(db, rows.Items, ct), rows.Total, rows.PageNumber, rows.PageSize));
    }

    /// <summary>The filters of the findings list, shared with the export (Features/Import/FindingsExport).</summary>
    internal static IQueryable<StoredFinding> Filter(IQueryable<StoredFinding> q, Guid? site, string? rule, int? article, string? division, string? category, string? regulation = null)
    {
        if (!string.IsNullOrWhiteSpace(regulation))
        {
            q = q.Where(f => f.PackId == regulation);
        }
        if (site is { } s)
        {
            q = q.Where(f => f.SiteId == s);
        }
        if (!string.IsNullOrWhiteSpace(rule))
        {
            q = q.Where(f => f.Rule == rule);
        }
        if (article is { } a)
        {
            q = q.Where(f => f.Article == a);
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            q = q.Where(f => f.DivisionCode.StartsWith(division));
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            q = q.Where(f => f.Category == category);
        }
        return q;
    }

    /// <summary>The dashboard of the caller's scope (narrowed to a division prefix), from the <see cref="CountsCache"/> while the registry is unchanged.</summary>
    public static Task<DashboardDto> BuildDashboard(JifangDbContext db, PackSet packs, DivisionSet divisions, CountsCache cache, TimeProvider time, string? division, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetOrComputeAsync(db.Scope, $"dashboard|{division}", () => BuildDashboard(db, packs, divisions, time, division, ct));
    }

    /// <summary>
    /// Computes the dashboard in a few queries, whatever the number of sites, findings, articles or rules. Its counters and its
    /// trend's point for today are the same figures (<see cref="Standing"/>); the days before are the daily snapshots.
    /// </summary>
    public static async Task<DashboardDto> BuildDashboard(JifangDbContext db, PackSet packs, DivisionSet divisions, TimeProvider time, string? division, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(time);
        var sites = db.Sites.AsNoTracking().Where(s => !s.Archived);
        var findings = db.Findings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            sites = sites.Where(s => s.DivisionCode.StartsWith(division));
            findings = findings.Where(f => f.DivisionCode.StartsWith(division));
        }
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var standing = await Standing.ByUnitAndDivisionAsync(sites, findings, ct);
        var now = Standing.Total(today, standing);
        // One pass over the findings for the totals by article, by category and by rule: sums of these few groups (rules × categories).
        var groups = now.Findings == 0 ? [] : await findings.GroupBy(f => new { f.PackId, f.Article, f.Category, f.Rule, f.RuleTitle })
            .Select(g => new { g.Key.PackId, g.Key.Article, g.Key.Category, g.Key.Rule, g.Key.RuleTitle, Count = g.Count() })
            .ToListAsync(ct);
        // By regulation: the same findings as the standing's count (their sum is Findings), and the sites having any under each.
        var byRegulation = now.Findings == 0 ? [] : await findings.GroupBy(f => f.PackId)
            .Select(g => new { PackId = g.Key, Sites = g.Select(f => f.SiteId).Distinct().Count(), Count = g.Count() })
            .ToListAsync(ct);
        var worst = await findings.GroupBy(f => f.SiteId).Select(g => new { SiteId = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.SiteId).Take(10).ToListAsync(ct);
        var worstIds = worst.Select(w => w.SiteId).ToList();
        var names = await db.Sites.AsNoTracking().Where(s => worstIds.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.DivisionCode }).ToDictionaryAsync(s => s.Id, ct);
        var trend = db.Trend.AsNoTracking().Where(t => t.Date < today);
        if (!string.IsNullOrWhiteSpace(division))
        {
            trend = trend.Where(t => t.DivisionCode.StartsWith(division));
        }
        // Days of the last 13 months: the daily trend is their last 90, the weekly and monthly trends the last day of each week and month.
        var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-12);
        var rows = await trend.Where(t => t.Date >= since).GroupBy(t => t.Date)
            .Select(g => new { Date = g.Key, Sites = g.Sum(t => t.Sites), With = g.Sum(t => t.SitesWithFindings), Findings = g.Sum(t => t.Findings) })
            .OrderByDescending(p => p.Date).ToListAsync(ct);
        var days = rows.OrderBy(r => r.Date).Select(r => new TrendPointDto(r.Date, r.Sites, r.With, r.Findings)).Append(now).ToList();
        var points = days.TakeLast(90).ToList();
        var byWeek = days.GroupBy(d => d.Date.AddDays(-(((int)d.Date.DayOfWeek + 6) % 7))).Select(g => g.MaxBy(d => d.Date)!).TakeLast(26).ToList();
        var byMonth = days.GroupBy(d => (d.Date.Year, d.Date.Month)).Select(g => g.MaxBy(d => d.Date)!).TakeLast(13).ToList();
        var oldest = await findings.OrderBy(f => f.RaisedAt).ThenBy(f => f.Id).Take(10).ToListAsync(ct);
        var oldestSites = oldest.Select(f => f.SiteId).Distinct().ToList();
        var oldestNames = await db.Sites.AsNoTracking().Where(s => oldestSites.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var utcNow = time.GetUtcNow().UtcDateTime;
        var byArticle = groups.GroupBy(g => (g.PackId, g.Article)).Select(x => (x.Key.PackId, x.Key.Article, Count: x.Sum(g => g.Count)));
        var byCategory = groups.GroupBy(g => g.Category).Select(x => (x.Key, Count: x.Sum(g => g.Count)));
        // A rule id names one conduct in every pack (privacy-zone-capture): counted once across them, with each pack's title.
        var byRule = groups.GroupBy(g => g.Rule).Select(x => (Rule: x.Key,
            RuleTitle: string.Join(" / ", x.OrderBy(g => g.PackId, StringComparer.Ordinal).Select(g => g.RuleTitle).Distinct()), Count: x.Sum(g => g.Count)));
        return new DashboardDto(now.Sites, now.SitesWithFindings, now.Findings,
            byArticle.OrderByDescending(x => x.Count).ThenBy(x => x.PackId, StringComparer.Ordinal).ThenBy(x => x.Article)
                .Select(x => new CountDto($"{x.PackId}/{x.Article}", ArticleLabel(packs, x.PackId, x.Article), x.Count)).ToList(),
            byCategory.OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Select(x => new CountDto(x.Key, Rules.Vocabulary.Vocab.SiteCategories.TryParse(x.Key, out var c) ? Rules.Vocabulary.Vocab.SiteCategories.ShortLabel(c) : x.Key, x.Count)).ToList(),
            byRule.OrderByDescending(x => x.Count).ThenBy(x => x.Rule, StringComparer.Ordinal).ThenBy(x => x.RuleTitle, StringComparer.Ordinal)
                .Select(x => new CountDto(x.Rule, x.RuleTitle, x.Count)).ToList(),
            worst.Where(w => names.ContainsKey(w.SiteId)).Select(w => new WorstSiteDto(w.SiteId, names[w.SiteId].Name, names[w.SiteId].DivisionCode, w.Count)).ToList(),
            points,
            ByDivision(divisions, standing, Narrowest(db.Scope.DivisionPrefix, division)),
            byWeek, byMonth,
            oldest.Select(f => new OpenFindingDto(f.Id, f.SiteId, oldestNames.GetValueOrDefault(f.SiteId, ""), f.DivisionCode, f.RuleTitle, f.Message,
                FindingPresenter.Cite(packs.TryGet(f.PackId, out var pk) ? pk.Pack : null, f.Breaches.FirstOrDefault() ?? ""),
                DateTime.SpecifyKind(f.RaisedAt, DateTimeKind.Utc), Math.Max(0, (int)(utcNow - f.RaisedAt).TotalDays))).ToList(),
            byRegulation.OrderByDescending(x => x.Count).ThenBy(x => x.PackId, StringComparer.Ordinal)
                .Select(x => new RegulationCountDto(x.PackId, packs.TryGet(x.PackId, out var rp) ? rp.Pack.Title : x.PackId, x.Sites, x.Count)).ToList());
    }

    /// <summary>The narrower of the caller's jurisdiction and the filter ("" for the whole country).</summary>
    private static string Narrowest(string? scope, string? filter)
    {
        var a = scope ?? "";
        var b = string.IsNullOrWhiteSpace(filter) ? "" : filter.Trim();
        return b.StartsWith(a, StringComparison.Ordinal) ? b : a;
    }

    /// <summary>
    /// The standing summed by the divisions one level below <paramref name="prefix"/> ("" → provinces, "15" → cities,
    /// "1501" → counties; a county or any other length has none), named from the division list, worst share of sites with
    /// findings first.
    /// </summary>
    public static IReadOnlyList<DivisionCountDto> ByDivision(DivisionSet divisions, IEnumerable<StandingGroup> standing, string prefix)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(prefix);
        int? length = prefix.Length switch { 0 => 2, 2 => 4, 4 => 6, _ => null };
        if (length is not { } n)
        {
            return [];
        }
        return standing.Where(g => g.DivisionCode.Length >= n && g.DivisionCode.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(g => g.DivisionCode[..n])
            .Select(g => new DivisionCountDto(g.Key, divisions.NameOfPrefix(g.Key), g.Sum(x => x.Sites), g.Sum(x => x.SitesWithFindings), g.Sum(x => x.Findings)))
            .OrderByDescending(d => d.Rate).ThenByDescending(d => d.Findings).ThenBy(d => d.Prefix, StringComparer.Ordinal).ToList();
    }

    private static string ArticleLabel(PackSet packs, string packId, int article) =>
        packs.TryGet(packId, out var p) ? $"《{p.Pack.Title}》第{ChineseNumerals.Format(article)}条" : $"{packId} 第{article}条";

    /// <summary>辖区统计</summary>
    /// <remarks>调用者范围内的场所数、有问题的场所数与问题数，按条例、按条、按场所类别、按规则的分布，问题最多的 10 个场所，按日、按周、按月的趋势，下一级行政区划的统计，以及存在时间最长的 10 个问题。</remarks>
    /// <param name="division">行政区划代码前缀：只统计其下的场所</param>
    internal static async Task<Ok<DashboardDto>> Dashboard(JifangDbContext db, PackSet packs, DivisionSet divisions, CountsCache cache, TimeProvider time, string? division, CancellationToken ct) =>
        TypedResults.Ok(await BuildDashboard(db, packs, divisions, cache, time, division, ct));

    /// <summary>平台据以判定的条例</summary>
    /// <remarks>每部条例的编号、标题、适用地域、施行日期、条数与规则数。</remarks>
    internal static Ok<IEnumerable<object>> Packs(PackSet packs) =>
        TypedResults.Ok(packs.Packs.Select(p => (object)new { p.Id, p.Title, Jurisdiction = p.Jurisdiction.Name, Effective = p.Effective, Articles = p.Articles.Count, Rules = p.Rules.Count }));

    public static ArticleDto? FindArticle(PackSet packs, string packId, int number)
    {
        ArgumentNullException.ThrowIfNull(packs);
        if (!packs.TryGet(packId, out var compiled) || compiled.Pack.Article(number) is not { } article)
        {
            return null;
        }
        var pack = compiled.Pack;
        var rules = pack.Rules.Where(r => r.Breaches.Any(b => b.Article == number) || r.Consequence?.Basis.Article == number)
            .Select(r => new ArticleRuleDto(r.Id, r.Title, r.Breaches.Select(b => FindingPresenter.Cite(pack, b.ToString())).ToList(),
                r.Consequence is { } c ? FindingPresenter.Consequence(pack, c) : null)).ToList();
        return new ArticleDto(pack.Id, pack.Title, number, article.Heading, article.Text, rules);
    }

    /// <summary>条例的一条</summary>
    /// <remarks>条文全文，以及据此条判定的规则、各规则违反的条款与罚则；条例或条不存在的答复 404。</remarks>
    /// <param name="packId">条例编号（见 `GET /api/packs`）</param>
    /// <param name="number">条的序号（第几条）</param>
    internal static Results<Ok<ArticleDto>, NotFound> Article(
string packId, int number, PackSet packs) =>
        FindArticle(packs, packId, number) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();
}
