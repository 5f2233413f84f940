using System.Text;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Compare;

/// <summary>What a comparison was asked for and what came of it: the comparison, or the problems keyed by form field.</summary>
public sealed record CompareResult(Comparison? Comparison, IReadOnlyDictionary<string, string[]> Errors)
{
    public static CompareResult Bad(string field, params string[] messages) => new(null, new Dictionary<string, string[]> { [field] = messages });
}

/// <summary>
/// The comparison of two regulations on the same facts (issue 11, 条例对照): a registered site the caller may see, or a facts
/// document pasted by the caller, judged under two packs and compared by <see cref="Comparison"/>.
/// </summary>
public sealed class CompareService(JifangDbContext db, PackSet packs, ComplianceService compliance, TimeProvider clock)
{
    /// <summary>The longest facts document the page takes (characters).</summary>
    public const int MaxFactsLength = 200_000;

    public IEnumerable<Pack> Packs => packs.Packs;

    /// <summary>A site in the caller's scope (the query filters), with what judging it reads; null when there is none the caller may see.</summary>
    public async Task<Site?> SiteAsync(Guid id, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().AsSplitQuery()
            .Include(s => s.Systems.Where(x => !x.Archived))
            .Include(s => s.Devices.Where(x => !x.Archived))
            .Include(s => s.Acts)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is not null)
        {
            await RegistryLinks.FillAsync(db, site.Systems, ct);
        }
        return site;
    }

    /// <summary>Sites in the caller's scope whose name contains <paramref name="query"/> (at most 20), to choose one.</summary>
    public Task<List<Site>> FindSitesAsync(string query, CancellationToken ct) =>
        db.Sites.AsNoTracking().Where(s => !s.Archived && s.Name.Contains(query))
            .OrderBy(s => s.Name).ThenBy(s => s.Id).Take(20).ToListAsync(ct);

    /// <summary>
    /// The two regulations offered first: the regional pack of the place and a nationwide one (national-2025 once loaded);
    /// without a place, or when one of them is missing, the packs in order of their effective dates.
    /// </summary>
    /// <summary>The filing status of a site's systems, for <see cref="CompareSite"/>.</summary>
    public Task<IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>> FilingsAsync(Guid siteId, CancellationToken ct) =>
        Filing.FilingService.StatusOfSiteAsync(db, siteId, clock.LocalTimeZone, ct);

    public (string First, string Second) Defaults(string? divisionCode)
    {
        var regional = divisionCode is null ? null : compliance.PackFor(divisionCode)?.Pack;
        var nationwide = packs.Packs.Where(p => p.Jurisdiction.Nationwide && p.Id != regional?.Id).OrderByDescending(p => p.Effective).FirstOrDefault();
        var ordered = new[] { regional, nationwide }.Concat(packs.Packs).OfType<Pack>().Select(p => p.Id).Distinct().ToList();
        return (ordered[0], ordered.Count > 1 ? ordered[1] : ordered[0]);
    }

    /// <summary>Judges a registered site (its systems, devices and acts) as of today under both regulations.</summary>
    /// <param name="filings">Its systems' filing status (<see cref="Filing.FilingService.StatusOfSiteAsync"/>), as the platform judges it.</param>
    public CompareResult CompareSite(Site site, string? first, string? second, IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>? filings = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (Regulations(first, second) is { } bad)
        {
            return bad;
        }
        var facts = ComplianceService.ToFacts(site, filings);
        var acts = site.Acts.Select(a => ComplianceService.ToFacts(a, site)).ToList();
        RegulationJudgement Judge(string id) => RegulationJudgement.Of(packs.Get(id), compliance.Today, [facts], acts, []);
        return new CompareResult(Comparison.Of(Judge(first!), Judge(second!)), new Dictionary<string, string[]>());
    }

    /// <summary>Judges a facts document (the contract's JSON) under both regulations; its own "regulation" is ignored.</summary>
    public CompareResult CompareFacts(string? json, string? first, string? second, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Regulations(first, second) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return CompareResult.Bad("facts", "请粘贴事实 JSON（格式见 shared/contract/README.md），或选择一个场所");
        }
        var bytes = Encoding.UTF8.GetBytes(json);
        var outcome = MultiCheck.Check(() => new MemoryStream(bytes, writable: false), packs, [first!, second!], null, time);
        if (outcome.Status == CheckStatus.BadInput)
        {
            return CompareResult.Bad("facts", outcome.Errors.Select(e => "事实 JSON " + e).ToArray());
        }
        return new CompareResult(Comparison.Of(outcome.Judgements[0], outcome.Judgements[1]), new Dictionary<string, string[]>());
    }

    /// <summary>Both regulations named, known and different; else the problem keyed by "first" or "second".</summary>
    private CompareResult? Regulations(string? first, string? second)
    {
        foreach (var (field, id) in new[] { ("first", first), ("second", second) })
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return CompareResult.Bad(field, $"请选择要对照的条例（可选：{string.Join("、", packs.Ids)}）");
            }
            if (MultiCheck.Validate([id], packs, field) is [var unknown, ..])
            {
                return CompareResult.Bad(field, unknown[(field.Length + 2)..]);
            }
        }
        return first == second ? CompareResult.Bad("second", "两部条例相同：请选择另一部条例对照") : null;
    }
}

public static class CompareModule
{
    public static IServiceCollection AddCompare(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddScoped<CompareService>();
    }
}
