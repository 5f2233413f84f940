using Jifang.Rules.Facts;
using Jifang.Rules.Packs;

namespace Jifang.Rules.Engine;

/// <summary>One regulation's part of a judgement under several: its findings, or why it does not judge the date.</summary>
/// <param name="NotInForce">Set when the regulation is not in force on the as-of date (then <paramref name="Judgement"/> is null).</param>
public sealed record RegulationJudgement(Pack Pack, DateOnly AsOf, Judgement? Judgement, string? NotInForce)
{
    /// <summary>Judges facts already read (a site from the registry) under one pack; acts and requests keep their own dates.</summary>
    public static RegulationJudgement Of(CompiledPack pack, DateOnly asOf, IEnumerable<SiteFacts> sites, IEnumerable<ActFacts> acts, IEnumerable<AccessRequestFacts> requests)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(acts);
        ArgumentNullException.ThrowIfNull(requests);
        if (!pack.Pack.InForceOn(asOf))
        {
            return new RegulationJudgement(pack.Pack, asOf, null, MultiCheck.NotInForceReason(pack.Pack, asOf));
        }
        var findings = new List<Finding>();
        var notJudged = new List<NotJudged>();
        foreach (var site in sites)
        {
            pack.JudgeSite(site, asOf, findings);
        }
        foreach (var act in acts)
        {
            pack.JudgeAct(act, asOf, findings, notJudged, sites.FirstOrDefault(s => s.Id == act.SiteId));
        }
        foreach (var request in requests)
        {
            pack.JudgeRequest(request, asOf, findings, notJudged, sites.FirstOrDefault(s => s.Id == request.SiteId));
        }
        findings.Sort(Judgement.Order);
        notJudged.Sort((a, b) => Subject.Compare(a.Subject, b.Subject));
        return new RegulationJudgement(pack.Pack, asOf, new Judgement { Pack = pack.Pack, AsOf = asOf, Findings = findings, NotJudged = notJudged }, null);
    }
}

/// <summary>How judging one facts file under several regulations ended.</summary>
/// <param name="Status">BadInput when the input or a regulation is wrong (nothing judged); else Findings when any regulation finds a breach,
/// else NotInForce when any regulation is not in force on the date, else NoFindings.</param>
public sealed record MultiOutcome(CheckStatus Status, IReadOnlyList<RegulationJudgement> Judgements, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>
/// Judges one facts file under several regulations (<c>jifang check --regulation A --regulation B</c>,
/// <c>jifang compare</c>, the comparison page): each is judged as if named alone, the file's own regulation is ignored.
/// </summary>
public static class MultiCheck
{
    /// <summary>Checks the regulation list before any input is read: at least <paramref name="minimum"/>, each known, none twice.</summary>
    /// <param name="field">The name the messages give the list (the option <c>--regulation</c>, a form field).</param>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> regulations, PackSet packs, string field, int minimum = 1)
    {
        ArgumentNullException.ThrowIfNull(regulations);
        ArgumentNullException.ThrowIfNull(packs);
        var errors = new List<string>();
        var available = string.Join("、", packs.Ids);
        if (regulations.Count < minimum)
        {
            errors.Add(minimum == 2 && regulations.Count == 1
                ? $"{field}: 比较需要两部条例，只给了 \"{regulations[0]}\"；再用一次 {field} 指定另一部（可用：{available}）"
                : $"{field}: 至少需要 {minimum} 部条例（可用：{available}）");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in regulations)
        {
            if (!packs.TryGet(id, out _))
            {
                var hint = packs.Suggest(id) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                errors.Add($"{field}: 未知的条例 \"{id}\"{hint}；可用：{available}");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"{field}: 条例 \"{id}\" 重复；每部条例只需指定一次");
            }
        }
        return errors;
    }

    /// <summary>Judges the facts that <paramref name="open"/> yields (opened once per regulation) under each regulation in turn.</summary>
    public static MultiOutcome Check(Func<Stream> open, PackSet packs, IReadOnlyList<string> regulations, DateOnly? asOf, TimeProvider time, string field = "--regulation")
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(time);
        var invalid = Validate(regulations, packs, field);
        if (invalid.Count > 0)
        {
            return new MultiOutcome(CheckStatus.BadInput, [], invalid, []);
        }
        var judgements = new List<RegulationJudgement>();
        IReadOnlyList<string> warnings = [];
        foreach (var id in regulations)
        {
            CheckOutcome outcome;
            using (var stream = open())
            {
                outcome = Evaluation.Check(stream, packs, id, asOf, time);
            }
            if (judgements.Count == 0)
            {
                warnings = outcome.Warnings; // the same file gives the same warnings under every regulation
            }
            switch (outcome.Status)
            {
                case CheckStatus.BadInput:
                    return new MultiOutcome(CheckStatus.BadInput, [], outcome.Errors, warnings);
                case CheckStatus.NotInForce:
                    var pack = packs.Get(id).Pack;
                    judgements.Add(new RegulationJudgement(pack, outcome.AsOf!.Value, null, outcome.Errors[0]));
                    break;
                default:
                    judgements.Add(new RegulationJudgement(outcome.Judgement!.Pack, outcome.Judgement.AsOf, outcome.Judgement, null));
                    break;
            }
        }
        return new MultiOutcome(StatusOf(judgements), judgements, [], warnings);
    }

    /// <summary>Findings under any → 1; else a regulation not in force → 3; else 0.</summary>
    public static CheckStatus StatusOf(IReadOnlyList<RegulationJudgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        return judgements.Any(j => j.Judgement is { Findings.Count: > 0 }) ? CheckStatus.Findings
            : judgements.Any(j => j.NotInForce is not null) ? CheckStatus.NotInForce
            : CheckStatus.NoFindings;
    }

    /// <summary>Why a pack does not judge a date: not yet in force, or repealed.</summary>
    public static string NotInForceReason(Pack pack, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return asOf < pack.Effective
            ? $"《{pack.Title}》（{pack.Id}）自 {pack.Effective:yyyy-MM-dd} 起施行，评判日期 {asOf:yyyy-MM-dd} 时尚未施行"
            : $"《{pack.Title}》（{pack.Id}）已于 {pack.Until:yyyy-MM-dd} 失效，评判日期为 {asOf:yyyy-MM-dd}";
    }
}
