using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Compliance;

public sealed record CountDto(string Key, string Label, int Count);

public sealed record WorstSiteDto(Guid SiteId, string Name, string DivisionCode, int Findings);

public sealed record TrendPointDto(DateOnly Date, int Sites, int SitesWithFindings, int Findings);

public sealed record DashboardDto(int Sites, int SitesWithFindings, int Findings, IReadOnlyList<CountDto> ByArticle, IReadOnlyList<CountDto> ByCategory, IReadOnlyList<CountDto> ByRule, IReadOnlyList<WorstSiteDto> WorstSites, IReadOnlyList<TrendPointDto> Trend);

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

    internal static async Task<Ok<Page<FindingDto>>> List(
        JifangDbContext db, FindingPresenter presenter, Guid? site, string? rule, int? article, string? division, string? category, int? page, int? pageSize, CancellationToken ct)
    {
        var q = Filter(db.Findings.AsNoTracking(), site, rule, article, division, category);
        return TypedResults.Ok(await q.OrderBy(f => f.DivisionCode).ThenBy(f => f.SiteId).ThenBy(f => f.Article).ThenBy(f => f.Id)
            .ToPageAsync(page, pageSize, presenter.Present, ct));
    }

    /// <summary>The filters of the findings list, shared with the export (Features/Import/FindingsExport).</summary>
    internal static IQueryable<StoredFinding> Filter(IQueryable<StoredFinding> q, Guid? site, string? rule, int? article, string? division, string? category)
    {
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
    public static Task<DashboardDto> BuildDashboard(JifangDbContext db, PackSet packs, CountsCache cache, TimeProvider time, string? division, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetOrComputeAsync(db.Scope, $"dashboard|{division}", () => BuildDashboard(db, packs, time, division, ct));
    }

    /// <summary>
    /// Computes the dashboard in a few queries, whatever the number of sites, findings, articles or rules. Its counters and its
    /// trend's point for today are the same figures (<see cref="Standing"/>); the days before are the daily snapshots.
    /// </summary>
    public static async Task<DashboardDto> BuildDashboard(JifangDbContext db, PackSet packs, TimeProvider time, string? division, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(time);
        var sites = db.Sites.AsNoTracking().Where(s => !s.Archived);
        var findings = db.Findings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            sites = sites.Where(s => s.DivisionCode.StartsWith(division));
            findings = findings.Where(f => f.DivisionCode.StartsWith(division));
        }
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var now = Standing.Total(today, await Standing.ByUnitAndDivisionAsync(sites, findings, ct));
        // One pass over the findings for the totals by article, by category and by rule: sums of these few groups (rules × categories).
        var groups = now.Findings == 0 ? [] : await findings.GroupBy(f => new { f.PackId, f.Article, f.Category, f.Rule, f.RuleTitle })
            .Select(g => new { g.Key.PackId, g.Key.Article, g.Key.Category, g.Key.Rule, g.Key.RuleTitle, Count = g.Count() })
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
        var rows = await trend.GroupBy(t => t.Date)
            .Select(g => new { Date = g.Key, Sites = g.Sum(t => t.Sites), With = g.Sum(t => t.SitesWithFindings), Findings = g.Sum(t => t.Findings) })
            .OrderByDescending(p => p.Date).Take(89).ToListAsync(ct);
        var points = rows.OrderBy(r => r.Date).Select(r => new TrendPointDto(r.Date, r.Sites, r.With, r.Findings)).Append(now).ToList();
        var byArticle = groups.GroupBy(g => (g.PackId, g.Article)).Select(x => (x.Key.PackId, x.Key.Article, Count: x.Sum(g => g.Count)));
        var byCategory = groups.GroupBy(g => g.Category).Select(x => (x.Key, Count: x.Sum(g => g.Count)));
        var byRule = groups.GroupBy(g => (g.Rule, g.RuleTitle)).Select(x => (x.Key.Rule, x.Key.RuleTitle, Count: x.Sum(g => g.Count)));
        return new DashboardDto(now.Sites, now.SitesWithFindings, now.Findings,
            byArticle.OrderByDescending(x => x.Count).ThenBy(x => x.PackId, StringComparer.Ordinal).ThenBy(x => x.Article)
                .Select(x => new CountDto($"{x.PackId}/{x.Article}", ArticleLabel(packs, x.PackId, x.Article), x.Count)).ToList(),
            byCategory.OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Select(x => new CountDto(x.Key, Rules.Vocabulary.Vocab.SiteCategories.TryParse(x.Key, out var c) ? Rules.Vocabulary.Vocab.SiteCategories.ShortLabel(c) : x.Key, x.Count)).ToList(),
            byRule.OrderByDescending(x => x.Count).ThenBy(x => x.Rule, StringComparer.Ordinal).ThenBy(x => x.RuleTitle, StringComparer.Ordinal)
                .Select(x => new CountDto(x.Rule, x.RuleTitle, x.Count)).ToList(),
            worst.Where(w => names.ContainsKey(w.SiteId)).Select(w => new WorstSiteDto(w.SiteId, names[w.SiteId].Name, names[w.SiteId].DivisionCode, w.Count)).ToList(),
            points);
    }

    private static string ArticleLabel(PackSet packs, string packId, int article) =>
        packs.TryGet(packId, out var p) ? $"《{p.Pack.Title}》第{ChineseNumerals.Format(article)}条" : $"{packId} 第{article}条";

    internal static async Task<Ok<DashboardDto>> Dashboard(JifangDbContext db, PackSet packs, CountsCache cache, TimeProvider time, string? division, CancellationToken ct) =>
        TypedResults.Ok(await BuildDashboard(db, packs, cache, time, division, ct));

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

    internal static Results<Ok<ArticleDto>, NotFound> Article(string packId, int number, PackSet packs) =>
        FindArticle(packs, packId, number) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();
}
