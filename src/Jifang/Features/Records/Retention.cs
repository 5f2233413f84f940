#pragma warning disable CA2227
using Jifang.Features.Compliance;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Records;

/// <summary>Settings of the records registry (section "Records").</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>
    /// Division-code prefix → minimum retention in days, for jurisdictions whose regulation sets none (nmg-2007). The longest
    /// prefix wins. Where the pack sets a minimum too (province-2012 第二十一条: 30 days), the longer of the two applies.
    /// </summary>
    public Dictionary<string, int> RetentionPolicies { get; set; } = [];

    /// <summary>A break in a stream's recorded time shorter than this is not reported as a gap (segment boundaries).</summary>
    public int GapToleranceSeconds { get; set; } = 60;

    /// <summary>
    /// How far ahead of the platform's clock a record's times may lie (a system whose clock runs a little fast): beyond it the
    /// time is refused, 400 naming the field.
    /// </summary>
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>
    /// The earliest time a record may begin or end (UTC). The registry keeps no in-service date of a system (its in-service is a
    /// flag), and the acceptance date is no bound (records of a system run before acceptance are evidence of that and must be
    /// registrable), so one floor applies to every system: a time before it (year 0001, a clock never set) is refused.
    /// </summary>
    public DateTimeOffset EarliestTime { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>The minimum retention of records in a jurisdiction and what it rests on.</summary>
/// <param name="MinDays">The minimum in days.</param>
/// <param name="PackId">The pack of the jurisdiction.</param>
/// <param name="Citations">The pack's provisions (the retention rule's, e.g. province-2012 21.1), written out.</param>
/// <param name="Policy">The configured jurisdiction policy it rests on, in words, if any.</param>
public sealed record RetentionRule(int MinDays, string PackId, IReadOnlyList<CitationDto> Citations, string? Policy)
{
    public string Basis => Policy is null ? string.Join("；", Citations.Select(c => c.Text)) : Citations.Count == 0 ? Policy : $"{string.Join("；", Citations.Select(c => c.Text))}；{Policy}";
}

/// <summary>Reads the minimum retention from the pack's rule parameters (the retention check's <c>minDays</c>) and the configured policies.</summary>
public sealed class RetentionPolicy(ComplianceService compliance, IOptions<RecordsOptions> options)
{
    /// <summary>
    /// The minimum for records of a site in this division on this date, or null where neither a pack nor a policy sets one: the
    /// longest among the packs in force there (a tie goes to the regional text) and the configured policy.
    /// </summary>
    /// <param name="site">The records' site: a pack's retention rule limited to some sites (national-2025 第十七条: the places of 第七条;
    /// 第九条第二款 exempts the others) applies only to a site it binds; null: the rule applies as if to every site.</param>
    public RetentionRule? For(string divisionCode, DateOnly on, Registry.Site? site = null)
    {
        // The longest minimum among the packs in force there (the national 第十七条 beside the regional text) whose rule binds the
        // site, and the pack that sets it.
        var (pack, fromPack) = compliance.PacksInForce(divisionCode, on)
            .SelectMany(p => p.Pack.Rules.Where(r => r.Valid.Covers(on) && r.Check is RetentionSpec && Binds(r, site))
                .Select(r => (Pack: (Pack?)p.Pack, Spec: (RetentionSpec?)r.Check)))
            .OrderByDescending(x => x.Spec!.MinDays).ThenBy(x => x.Pack!.Jurisdiction.Nationwide)
            .FirstOrDefault();
        pack ??= compliance.PackFor(divisionCode)?.Pack;
        var policy = options.Value.RetentionPolicies
            .Where(kv => divisionCode.StartsWith(kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length)
            .Select(kv => (Prefix: kv.Key, Days: kv.Value))
            .FirstOrDefault();
        var hasPolicy = policy.Prefix is not null;
        if (fromPack is null && !hasPolicy)
        {
            return null;
        }
        var packId = pack?.Id ?? "";
        var citations = fromPack is null ? [] : new[] { FindingPresenter.Cite(pack, fromPack.Cite.ToString()) };
        if (hasPolicy && (fromPack is null || policy.Days > fromPack.MinDays))
        {
            var words = $"辖区信息资料保存期限规定：行政区划 {policy.Prefix} 开头的辖区保存不少于 {policy.Days} 日（平台配置 Records:RetentionPolicies:{policy.Prefix}）";
            return new RetentionRule(policy.Days, packId, citations, words);
        }
        return new RetentionRule(fromPack!.MinDays, packId, citations, null);
    }

    private static bool Binds(RuleDefinition rule, Registry.Site? site) =>
        site is null || rule.Sites is not { } selector || selector.Matches(ComplianceService.CategoriesOf(site), ComplianceService.FlagsOf(site));

    /// <summary>
    /// The provisions that forbid deleting records without authority in this pack (province-2012 17.1.4, nmg-2007 17.1.1):
    /// the prohibitions of the pack's act rules that name <c>records-deleted</c>.
    /// </summary>
    public IReadOnlyList<CitationDto> DeletionProhibitions(string divisionCode, DateOnly on)
    {
        var pack = compliance.PackFor(divisionCode)?.Pack;
        if (pack is null)
        {
            return [];
        }
        return pack.Rules
            .Where(r => r.Valid.Covers(on) && r.Check is ActSpec)
            .SelectMany(r => ((ActSpec)r.Check).Prohibitions)
            .Where(p => p.Kinds.Contains(ActKind.RecordsDeleted))
            .Select(p => p.Cite)
            .Distinct()
            .Order()
            .Select(c => FindingPresenter.Cite(pack, c.ToString()))
            .ToList();
    }

    /// <summary>
    /// When the retention period starts: the later of the record's end and the moment the platform registered it. The end is
    /// what the system says; a record registered today as having ended 40 days ago has been kept by the platform for no day,
    /// and the minimum would otherwise be whatever the client's clock made it.
    /// </summary>
    public static DateTime KeptSince(MediaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.EndsAt > record.RegisteredAt ? record.EndsAt : record.RegisteredAt;
    }

    /// <summary>The day a record may lawfully be deleted from: <see cref="KeptSince"/> plus the minimum (null: no minimum).</summary>
    public static DateTime? KeepUntil(MediaRecord record, RetentionRule? rule) =>
        rule is null ? null : KeptSince(record).AddDays(rule.MinDays);
}
