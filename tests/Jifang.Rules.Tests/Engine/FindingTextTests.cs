using System.Text;
using System.Text.RegularExpressions;
using Jifang.Rules.Engine;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Engine;

/// <summary>
/// Issue 10: a finding read "金融机构的营业场所的营业场所应当安装…" (a site category named after the part it is). Every rule of every
/// real pack is made to speak — a site of each category (and of all at once), with and without every flag, lacking each part, each
/// pair of parts and all of them; a device of each zone capturing; each act by each actor; each kind of request for each action —
/// and no finding may say a phrase twice in a row (back to back, or joined by 的).
/// </summary>
public sealed partial class FindingTextTests
{
    [GeneratedRegex(@"(\p{IsCJKUnifiedIdeographs}{3,})\1|(\p{IsCJKUnifiedIdeographs}{2,})的\2")]
    private static partial Regex Doubled();

    public static TheoryData<string> PackIds() => new(Judge.RealPacks.Value.Ids);

    [Theory]
    [MemberData(nameof(PackIds))]
    public void No_finding_of_any_rule_says_a_phrase_twice(string pack)
    {
        var outcome = Judge.Run(Facts(pack));
        Assert.Empty(outcome.Errors);
        var findings = outcome.Judgement!.Findings;
        // Every kind of rule spoke, so that the texts below are all the templates there are.
        var rules = Judge.RealPacks.Value.Get(pack).Pack.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var silent = rules.Except(findings.Select(f => f.Rule)).ToList();
        Assert.True(silent.Count == 0, $"rules of {pack} without a finding: {string.Join(", ", silent)}");
        var doubled = findings.Select(f => f.Message).Distinct(StringComparer.Ordinal).Where(m => Doubled().IsMatch(m)).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} findings say a phrase twice, e.g.:\n{string.Join("\n", doubled.Take(10))}");
    }

    [Theory]
    [InlineData(new[] { "金融机构的营业场所" }, new[] { "营业场所" }, "金融机构的营业场所")]
    [InlineData(new[] { "金融机构的营业场所" }, new[] { "营业场所", "重要部位" }, "金融机构的营业场所及其重要部位")]
    [InlineData(new[] { "金融机构的金库", "金融机构的营业场所" }, new[] { "营业场所" }, "金融机构的营业场所")]
    [InlineData(new[] { "金融机构的金库", "金融机构的营业场所" }, new[] { "重要部位", "营业场所" }, "金融机构的营业场所，以及金融机构的金库、金融机构的营业场所的重要部位")]
    [InlineData(new[] { "公共区域" }, new[] { "公共区域（单位或住宅区内的公共部分）" }, "公共区域")]
    [InlineData(new[] { "宾馆", "商场" }, new[] { "主要出入口", "通道" }, "宾馆、商场的主要出入口、通道")]
    public void A_part_that_is_the_site_itself_is_not_named_again(string[] owners, string[] parts, string expected) =>
        Assert.Equal(expected, Checks.PartsOf(owners, parts));

    internal static string Facts(string pack)
    {
        // Judged a year after the pack came into force (or on 2024-05-01 for the older ones), acts and requests a month before.
        var effective = Judge.RealPacks.Value.Get(pack).Pack.Effective;
        var asOf = new[] { new DateOnly(2024, 5, 1), effective.AddYears(1) }.Max();
        var actDate = asOf.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var parts = Vocab.Parts.Codes.ToArray();
        var partSets = parts.Select(p => new[] { p })
            .Concat(parts.SelectMany((p, i) => parts.Skip(i + 1).Select(q => new[] { p, q })))
            .Append(parts).ToList();
        var categorySets = Vocab.SiteCategories.Codes.Select(c => new[] { c }).Append(Vocab.SiteCategories.Codes.ToArray()).ToList();
        const string flags = "\"publicArea\": true, \"large\": true, \"urban\": true, \"involvesStateSecrets\": true, \"holdsImportantItems\": true";
        var sites = new List<string>();
        var n = 0;
        foreach (var categories in categorySets)
        {
            foreach (var set in partSets)
            {
                foreach (var flagged in new[] { false, true })
                {
                    sites.Add($"{{\"id\": \"S{n++}\", \"categories\": {Json(categories)}, \"parts\": {Json(set)}{(flagged ? ", " + flags : "")}}}");
                }
            }
        }
        // A system wanting everything a system can want, with a device of each zone capturing video, audio and both.
        var devices = Vocab.Zones.Codes.SelectMany(z => new[] { "[\"video\"]", "[\"audio\"]", "[\"video\", \"audio\"]" }
            .Select(c => $"{{\"id\": \"D{n++}\", \"systemId\": \"T1\", \"captures\": {c}, \"zone\": \"{z}\"}}"));
        sites.Add($$"""
            {"id": "SX", "categories": ["school"], "parts": ["main-entrance"], {{flags}},
             "systems": [{"id": "T1", "subsystems": {{Json(Vocab.Subsystems.Codes.ToArray())}}, "covers": [], "newConstruction": true,
               "designReview": {"held": true, "organizer": "construction-unit", "date": "2020-06-01"},
               "inspection": {"held": true, "agencyQualified": false, "passed": false, "date": "2020-05-02"},
               "acceptance": {"held": true, "passed": false, "policeParticipated": false, "date": "2020-05-20"},
               "inService": true, "retentionDays": 1, "interfaceReserved": false, "alarmNetworked": false, "personnelTrained": false,
               "products": [{"model": "X-100", "inCatalog": false, "meetsStandard": false}, {"inCatalog": false, "meetsStandard": false}],
               "contractors": [{"role": "design", "qualified": false}, {"role": "construction", "qualified": false}, {"role": "installation", "qualified": false},
                 {"role": "supervision", "qualified": false}, {"role": "operation", "qualified": false}, {"role": "maintenance", "qualified": false}, {"role": "inspection", "qualified": false}]}],
             "devices": [{{string.Join(", ", devices)}}]}
            """);
        // A site that is not a public place (national-2025 第三十三条): the acts are done at both.
        sites.Add("""{"id": "SN", "categories": ["other"], "nonPublicPlace": true}""");
        var acts = new List<string>();
        foreach (var kind in Vocab.ActKinds.Codes)
        {
            foreach (var actor in Vocab.ActorKinds.Codes.Append(null))
            {
                foreach (var serious in new[] { false, true })
                {
                    acts.Add($"{{\"id\": \"A{n++}\", \"kind\": \"{kind}\", \"date\": \"{actDate}\"{(actor is null ? "" : $", \"actor\": \"{actor}\"")}, \"authorized\": false, \"seriousConsequences\": {(serious ? "true" : "false")}, \"siteId\": \"SX\", \"systemId\": \"T1\"}}");
                    acts.Add($"{{\"id\": \"A{n++}\", \"kind\": \"{kind}\", \"date\": \"{actDate}\"{(actor is null ? "" : $", \"actor\": \"{actor}\"")}, \"authorized\": false, \"seriousConsequences\": {(serious ? "true" : "false")}, \"siteId\": \"SN\"}}");
                }
            }
        }
        var requests = new List<string>();
        foreach (var requester in Vocab.RequesterKinds.Codes)
        {
            foreach (var action in Vocab.AccessActions.Codes)
            {
                requests.Add($"{{\"id\": \"R{n++}\", \"date\": \"{actDate}\", \"requester\": \"{requester}\", \"action\": \"{action}\", \"persons\": 1, \"siteId\": \"SX\", \"systemId\": \"T1\"}}");
            }
        }
        var json = new StringBuilder();
        json.Append("{\"regulation\": \"").Append(pack).Append("\", \"asOf\": \"").Append(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\", \"sites\": [").AppendJoin(",\n", sites)
            .Append("], \"acts\": [").AppendJoin(",\n", acts).Append("], \"accessRequests\": [").AppendJoin(",\n", requests).Append("]}");
        return json.ToString();
    }

    private static string Json(string[] codes) => "[" + string.Join(", ", codes.Select(c => $"\"{c}\"")) + "]";
}
