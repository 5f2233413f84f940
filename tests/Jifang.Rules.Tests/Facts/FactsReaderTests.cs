using System.Text;
using Jifang.Rules.Engine;

namespace Jifang.Rules.Tests.Facts;

/// <summary>Bad input is reported, one line per problem, each naming its JSON path; nothing is judged.</summary>
public sealed class FactsReaderTests
{
    private static IReadOnlyList<string> Errors(string json)
    {
        var outcome = Judge.Run(json);
        Assert.Equal(CheckStatus.BadInput, outcome.Status);
        Assert.Null(outcome.Judgement);
        Assert.NotEmpty(outcome.Errors);
        return outcome.Errors;
    }

    private const string Head = """ "regulation": "nmg-2007", "asOf": "2024-05-01" """;

    [Theory]
    [InlineData("", "文件为空")]
    [InlineData("   ", "文件为空")]
    [InlineData("[]", "顶层应为 JSON 对象")]
    [InlineData("{\"regulation\": \"nmg-2007\", \"sites\": [", "JSON 格式错误：第 1 行")]
    [InlineData("{\"regulation\": nmg}", "JSON 格式错误")]
    [InlineData("{\"regulation\": \"nmg-2007\"} {}", "顶层对象之后还有多余内容")]
    [InlineData("{\"regulation\": \"nmg-2007\",}", "JSON 格式错误")]
    [InlineData("{\"regulation\": \"nmg2007\"}", "regulation: 未知的条例 \"nmg2007\"（是否应为 \"nmg-2007\"？）")]
    [InlineData("{\"asOf\": \"2024-05-01\"}", "regulation: 缺少条例标识")]
    [InlineData("{\"regulation\": \"nmg-2007\", \"asOf\": \"2024/05/01\"}", "asOf: 日期应为 YYYY-MM-DD")]
    [InlineData("{\"regulation\": 7}", "regulation: 应为字符串")]
    [InlineData("{\"regulation\": \"nmg-2007\", \"sites\": {}}", "sites: 应为数组")]
    [InlineData("{\"regulation\": \"nmg-2007\", \"regulation\": \"nmg-2007\"}", "regulation: 字段重复")]
    public void Malformed_files_are_bad_input(string json, string expected) =>
        Assert.Contains(Errors(json), e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"id": "S1", "categories": ["hotle"]}""", "sites[0].categories[0]: 未知的场所类别 \"hotle\"（是否应为 \"hotel\"？）")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "large": "yes"}""", "sites[0].large: 应为true 或 false，实际为字符串 \"yes\"")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "publicAera": true}""", "sites[0].publicAera: 未知字段（是否应为 \"publicArea\"？）")]
    [InlineData("""{"categories": ["hotel"]}""", "sites[0].id: 缺少场所标识")]
    [InlineData("""{"id": "", "categories": ["hotel"]}""", "sites[0].id: 标识不能为空")]
    [InlineData("""{"id": "S1"}""", "sites[0].categories: 缺少场所类别")]
    [InlineData("""{"id": "S1", "categories": []}""", "sites[0].categories: 场所类别不能为空")]
    [InlineData("""{"id": "S1", "categories": ["hotel", "hotel"]}""", "sites[0].categories[1]: 场所类别 \"hotel\" 重复")]
    [InlineData("""{"id": "S1", "categories": "hotel"}""", "sites[0].categories: 应为场所类别数组")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "parts": ["main-entrance"], "systems": [{"id": "T1", "covers": ["vault"]}]}""", "sites[0].systems[0].covers: 覆盖了场所未登记的部位 \"vault\"")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "devices": [{"id": "D1", "systemId": "T9"}]}""", "sites[0].devices[0].systemId: 该场所没有系统 \"T9\"")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "devices": [{"id": "D1", "zone": "nursing-rom"}]}""", "sites[0].devices[0].zone: 未知的安装区域 \"nursing-rom\"（是否应为 \"nursing-room\"？）")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1"}, {"id": "T1"}]}""", "sites[0].systems[1].id: 系统标识 \"T1\" 与 sites[0].systems[0] 重复")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1", "retentionDays": 7.5}]}""", "sites[0].systems[0].retentionDays: 应为非负整数，实际为 7.5")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1", "retentionDays": -1}]}""", "sites[0].systems[0].retentionDays: 应为非负整数")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1", "designReview": {"held": true, "organizer": "polce"}}]}""", "sites[0].systems[0].designReview.organizer: 未知的论证组织者 \"polce\"（是否应为 \"police\"？）")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1", "inspection": {"held": true, "date": "2023-02-30"}}]}""", "sites[0].systems[0].inspection.date: 日期应为 YYYY-MM-DD，实际为 \"2023-02-30\"")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1", "contractors": [{"qualified": true}]}]}""", "sites[0].systems[0].contractors[0].role: 缺少承包单位角色")]
    [InlineData("""{"id": "S1", "categories": ["hotel"], "systems": [7]}""", "sites[0].systems[0]: 应为对象，实际为数字 7")]
    [InlineData("""{"id": "S1", "id": "S2", "categories": ["hotel"]}""", "sites[0].id: 字段重复")]
    public void Site_problems_name_their_path(string site, string expected) =>
        Assert.Contains(Errors($$"""{{{Head}}, "sites": [{{site}}]}"""), e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"kind": "system-shut-down", "date": "2024-01-01"}""", "acts[0].id: 缺少行为标识")]
    [InlineData("""{"id": "A1", "date": "2024-01-01"}""", "acts[0].kind: 缺少行为类型")]
    [InlineData("""{"id": "A1", "kind": "system-shut-down"}""", "acts[0].date: 缺少行为日期")]
    [InlineData("""{"id": "A1", "kind": "system-shutdown", "date": "2024-01-01"}""", "acts[0].kind: 未知的行为类型 \"system-shutdown\"（是否应为 \"system-shut-down\"？）")]
    [InlineData("""{"id": "A1", "kind": "system-shut-down", "date": "2024-01-01", "actor": "company"}""", "acts[0].actor: 未知的行为人类型 \"company\"")]
    [InlineData("""{"id": "A1", "kind": "system-shut-down", "date": "2024-01-01", "siteId": "S9"}""", "acts[0].siteId: 没有场所 \"S9\"")]
    [InlineData("""{"id": "A1", "kind": "system-shut-down", "date": "2024-01-01", "siteId": "S1", "systemId": "T9"}""", "acts[0].systemId: 场所 \"S1\" 没有系统 \"T9\"")]
    public void Act_problems_name_their_path(string act, string expected) =>
        Assert.Contains(Errors($$"""{{{Head}}, "sites": [{"id": "S1", "categories": ["hotel"], "systems": [{"id": "T1"}]}], "acts": [{{act}}]}"""), e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"date": "2024-01-01", "requester": "citizen"}""", "accessRequests[0].id: 缺少申请标识")]
    [InlineData("""{"id": "R1", "requester": "citizen"}""", "accessRequests[0].date: 缺少申请日期")]
    [InlineData("""{"id": "R1", "date": "2024-01-01"}""", "accessRequests[0].requester: 缺少申请人类型")]
    [InlineData("""{"id": "R1", "date": "2024-01-01", "requester": "citizen", "action": "delete"}""", "accessRequests[0].action: 未知的查阅方式 \"delete\"")]
    [InlineData("""{"id": "R1", "date": "2024-01-01", "requester": "official", "persons": "two"}""", "accessRequests[0].persons: 应为非负整数，实际为字符串 \"two\"")]
    public void Request_problems_name_their_path(string request, string expected) =>
        Assert.Contains(Errors($$"""{{{Head}}, "accessRequests": [{{request}}]}"""), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Duplicate_ids_across_the_file_are_reported_with_both_places()
    {
        var errors = Errors($$"""{{{Head}}, "sites": [{"id": "S1", "categories": ["hotel"]}, {"id": "S1", "categories": ["park"]}]}""");
        Assert.Contains(errors, e => e.Contains("sites[1].id: 场所标识 \"S1\" 与 sites[0] 重复", StringComparison.Ordinal));
        errors = Errors($$"""{{{Head}}, "acts": [{"id": "A", "kind": "records-sold", "date": "2024-01-01"}, {"id": "A", "kind": "records-sold", "date": "2024-01-01"}]}""");
        Assert.Contains(errors, e => e.Contains("acts[1].id: 行为标识 \"A\" 与 acts[0] 重复", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_not_only_the_first()
    {
        var errors = Errors($$"""{{{Head}}, "sites": [{"id": "S1", "categories": ["hotle"]}, {"id": "S2", "categories": ["parc"], "urban": 1}]}""");
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void An_unknown_field_that_is_no_misspelling_is_a_warning_only()
    {
        var outcome = Judge.Run($$"""{{{Head}}, "generator": "x", "sites": [{"id": "S1", "categories": ["other"], "address": "某路1号"}]}""");
        Assert.Equal(CheckStatus.NoFindings, outcome.Status);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("sites[0].address", StringComparison.Ordinal));
        Assert.Contains(outcome.Warnings, w => w.StartsWith("generator", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_means_missing_for_optional_values()
    {
        var outcome = Judge.Run($$"""{{{Head}}, "sites": [{"id": "S1", "name": null, "categories": ["park"], "large": null, "parts": null, "systems": [{"id": "T1", "designReview": null, "retentionDays": null, "personnelTrained": true}], "devices": null}], "acts": null}""");
        Assert.Equal(CheckStatus.NoFindings, outcome.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Reading_in_small_pieces_gives_the_same_result(int chunk)
    {
        var examples = Path.Combine(Repo.Shared, "contract", "examples");
        foreach (var file in Directory.GetFiles(examples, "*.facts.json"))
        {
            var json = File.ReadAllText(file);
            var whole = Judge.Run(json);
            var pieces = Judge.Run(json, chunk: chunk);
            Assert.Equal(whole.Status, pieces.Status);
            Assert.Equal(whole.Judgement!.Findings.Select(f => f.ToString()), pieces.Judgement!.Findings.Select(f => f.ToString()));
        }
        var bad = Judge.Run($$"""{{{Head}}, "sites": [{"id": "S1", "categories": ["hotle"]}]}""", chunk: chunk);
        Assert.Contains(bad.Errors, e => e.StartsWith("sites[0].categories[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_larger_than_the_read_buffer_is_read_whole()
    {
        var devices = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"id": "D{{i}}", "captures": ["video"], "zone": "public"}"""));
        var json = $$"""{{{Head}}, "sites": [{"id": "S1", "categories": ["hospital"], "devices": [{{devices}}, {"id": "DX", "captures": ["video"], "zone": "toilet"}]}]}""";
        Assert.True(Encoding.UTF8.GetByteCount(json) > 1 << 17);
        var outcome = Judge.Run(json, chunk: 1000);
        Assert.Contains(outcome.Judgement!.Findings, f => f.Subject.Id == "DX");
    }

    [Fact]
    public void Escaped_strings_are_read_as_their_value()
    {
        var outcome = Judge.Run("""{"regulation": "nmg\u002d2007", "asOf": "2024-05-01", "sites": [{"id": "S\u0031", "categories": ["\u0068otel"], "parts": ["main-entrance"]}]}""");
        var f = Assert.Single(outcome.Judgement!.Findings);
        Assert.Equal("S1", f.Subject.Id);
    }

    private sealed class Collected : Jifang.Rules.Facts.IFactsSink
    {
        public List<Jifang.Rules.Facts.SiteFacts> Sites { get; } = [];
        public List<Jifang.Rules.Facts.AccessRequestFacts> Requests { get; } = [];
        public void Regulation(string id) { }
        public void AsOf(DateOnly value) { }
        public void Site(Jifang.Rules.Facts.SiteFacts site) => Sites.Add(site);
        public void Act(Jifang.Rules.Facts.ActFacts act) { }
        public void Request(Jifang.Rules.Facts.AccessRequestFacts request) => Requests.Add(request);
    }

    /// <summary>Issue 11: the national regulation's fields reach the engine (and missing ones take the contract's defaults).</summary>
    [Fact]
    public void The_national_fields_are_read()
    {
        const string json = """
            {"sites": [{"id": "S1", "categories": ["highway-service-area", "park"], "nonPublicPlace": true,
                        "systems": [{"id": "T1", "inServiceDate": "2025-06-01", "filing": {"filed": true, "date": "2025-06-20"}, "signagePosted": true},
                                    {"id": "T2"}]},
                       {"id": "S2", "categories": ["key-unit-surroundings"]}],
             "accessRequests": [{"id": "R1", "date": "2025-09-01", "requester": "citizen", "requesterRelation": "close-relative"},
                                {"id": "R2", "date": "2025-09-01", "requester": "citizen"}]}
            """;
        var sink = new Collected();
        var problems = new Jifang.Rules.Facts.FactsProblems();
        new Jifang.Rules.Facts.FactsReader(sink, problems).Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.False(problems.HasErrors, string.Join("\n", problems.Errors));
        var s1 = sink.Sites[0];
        Assert.True(s1.Has(Jifang.Rules.Vocabulary.SiteCategory.HighwayServiceArea));
        Assert.True(s1.Has(Jifang.Rules.Vocabulary.SiteCategory.Park));
        Assert.Equal(Jifang.Rules.Vocabulary.SiteFlag.NonPublicPlace, s1.Flags);
        Assert.Equal(new DateOnly(2025, 6, 1), s1.Systems[0].InServiceDate);
        Assert.Equal(new Jifang.Rules.Facts.FilingFacts(true, new DateOnly(2025, 6, 20)), s1.Systems[0].Filing);
        Assert.True(s1.Systems[0].SignagePosted);
        Assert.Null(s1.Systems[1].InServiceDate);
        Assert.Same(Jifang.Rules.Facts.FilingFacts.None, s1.Systems[1].Filing);
        Assert.False(s1.Systems[1].SignagePosted);
        Assert.Equal(Jifang.Rules.Vocabulary.SiteFlag.None, sink.Sites[1].Flags);
        Assert.Equal(new[] { Jifang.Rules.Vocabulary.SiteCategory.KeyUnitSurroundings }, sink.Sites[1].CategoryList);
        Assert.Equal(Jifang.Rules.Vocabulary.RequesterRelation.CloseRelative, sink.Requests[0].RequesterRelation);
        Assert.Null(sink.Requests[1].RequesterRelation);
    }
}
