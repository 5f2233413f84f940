using System.Text;
using System.Text.Json;
using Jifang.Rules.Engine;
using Jifang.Rules.Output;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Engine;

/// <summary>The same facts under two real packs, compared finding by finding and article by article.</summary>
public sealed class ComparisonTests
{
    /// <summary>A hotel room camera, an official without investigation power, a shut-down dated before the province's text.</summary>
    internal const string Facts = """
        {"regulation": "nmg-2007", "asOf": "2024-05-01",
         "sites": [{"id": "S1", "categories": ["other"],
                    "devices": [{"id": "D1", "captures": ["video"], "zone": "hotel-guest-room"}]}],
         "acts": [{"id": "A1", "kind": "system-shut-down", "date": "2010-03-01", "actor": "unit", "authorized": false}],
         "accessRequests": [{"id": "R1", "date": "2024-04-02", "requester": "official", "investigationPower": false,
                             "persons": 2, "credentialsShown": true, "unitCertificateShown": true, "registered": true,
                             "withinDutyScope": true, "action": "view"}]}
        """;

    private static Comparison Compare(string first, string second, string facts = Facts, DateOnly? asOf = null)
    {
        var bytes = Encoding.UTF8.GetBytes(facts);
        var outcome = MultiCheck.Check(() => new MemoryStream(bytes), Judge.RealPacks.Value, [first, second], asOf, Judge.Clock);
        Assert.NotEqual(CheckStatus.BadInput, outcome.Status);
        return Comparison.Of(outcome.Judgements[0], outcome.Judgements[1]);
    }

    private static ComparisonRow Row(Comparison c, string? rule, SubjectKind kind, string id) =>
        Assert.Single(c.Rows, r => r.Rule == rule && r.Subject.Kind == kind && r.Subject.Id == id);

    [Fact]
    public void Nmg_fines_a_privacy_camera_at_once_the_province_only_after_a_deadline()
    {
        var c = Compare("nmg-2007", "province-2012");
        var row = Row(c, "privacy-zone-capture", SubjectKind.Device, "D1");
        Assert.True(row.Agree);
        Assert.Equal((Verdict.Found, Verdict.Found), (row.First.Verdict, row.Second.Verdict));
        Assert.Equal([new(9, 2, 1)], row.First.Breaches);
        Assert.Equal([new(13, 2, null)], row.Second.Breaches);
        Assert.Equal(new(22, 1, null), row.First.Consequence!.Basis);
        Assert.Equal(new(26, 1, 1), row.Second.Consequence!.Basis);
        Assert.All(row.First.Consequence.Fines, f => Assert.Equal(FineCondition.Immediately, f.When));
        Assert.All(row.Second.Consequence.Fines, f => Assert.Equal(FineCondition.IfNotCorrected, f.When));
        Assert.False(row.SamePenalty);
        Assert.Equal("两部条例均认定", ComparisonOutput.Headline(row, c.First.Pack, c.Second.Pack));
    }

    [Fact]
    public void An_official_access_one_text_allows_and_the_other_refuses()
    {
        var c = Compare("nmg-2007", "province-2012");
        var row = Row(c, "official-access", SubjectKind.Request, "R1");
        Assert.False(row.Agree);
        Assert.Equal((Verdict.Found, Verdict.NotFound), (row.First.Verdict, row.Second.Verdict));
        Assert.Equal((false, true), row.Lawful);
        Assert.Equal([new(19, 1, null)], row.First.Breaches);
        Assert.Equal("依《内蒙古自治区公共安全技术防范管理条例》不准许，依《省安全技术防范条例》准许", ComparisonOutput.Headline(row, c.First.Pack, c.Second.Pack));
        // The other way round the sides swap.
        var swapped = Row(Compare("province-2012", "nmg-2007"), "official-access", SubjectKind.Request, "R1");
        Assert.Equal((true, false), swapped.Lawful);
    }

    [Fact]
    public void An_act_dated_before_one_text_is_not_judged_by_it_and_found_by_the_other()
    {
        var c = Compare("nmg-2007", "province-2012");
        var row = Row(c, "system-shut-down", SubjectKind.Act, "A1");
        Assert.Equal((Verdict.Found, Verdict.NotJudged), (row.First.Verdict, row.Second.Verdict));
        Assert.Equal(NotJudged.NotInForce, row.Second.NotJudged!.Reason);
        Assert.False(row.Agree);
        Assert.Equal("仅依《内蒙古自治区公共安全技术防范管理条例》认定", ComparisonOutput.Headline(row, c.First.Pack, c.Second.Pack));
    }

    [Fact]
    public void A_text_not_in_force_on_the_date_judges_nothing_and_every_finding_differs()
    {
        var c = Compare("nmg-2007", "national-2025");
        Assert.NotNull(c.Second.NotInForce);
        Assert.Contains("2025-04-01", c.Second.NotInForce, StringComparison.Ordinal);
        Assert.NotEmpty(c.Rows);
        Assert.All(c.Rows, r => Assert.Equal(Verdict.NotInForce, r.Second.Verdict));
        Assert.Empty(c.Agreeing);
    }

    [Fact]
    public void A_subject_one_text_does_not_judge_and_the_other_finds_lawful_has_a_row_of_its_own()
    {
        const string authorized = """
            {"asOf": "2024-05-01", "acts": [{"id": "A2", "kind": "system-shut-down", "date": "2010-03-01", "actor": "unit", "authorized": true}]}
            """;
        var c = Compare("nmg-2007", "province-2012", authorized);
        var row = Assert.Single(c.Rows);
        Assert.Null(row.Rule);
        Assert.Equal((Verdict.NotFound, Verdict.NotJudged), (row.First.Verdict, row.Second.Verdict));
        Assert.False(row.Agree);
        Assert.Empty(c.Articles);
    }

    [Fact]
    public void Articles_count_each_conduct_under_both_texts()
    {
        var c = Compare("nmg-2007", "province-2012");
        var privacy = Assert.Single(c.Articles, a => a.Rule == "privacy-zone-capture");
        Assert.Equal((1, 0, 0), (privacy.Both, privacy.OnlyFirst, privacy.OnlySecond));
        Assert.Equal("第九条第二款第（一）项；罚则 第二十二条第一款", ComparisonOutput.Articles(privacy.FirstBreaches, privacy.FirstBasis));
        var official = Assert.Single(c.Articles, a => a.Rule == "official-access");
        Assert.Equal((0, 1, 0), (official.Both, official.OnlyFirst, official.OnlySecond));
        Assert.Equal("未认定", ComparisonOutput.Articles(official.SecondBreaches, official.SecondBasis));
        Assert.Equal(c.Rows.Count(r => r.Rule is not null), c.Articles.Sum(a => a.Both + a.OnlyFirst + a.OnlySecond));
    }

    [Fact]
    public void The_json_document_has_both_sides_of_every_row()
    {
        var c = Compare("nmg-2007", "province-2012");
        var stream = new MemoryStream();
        ComparisonOutput.WriteJson(c, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("nmg-2007", root.GetProperty("first").GetProperty("regulation").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("second").GetProperty("notInForce").ValueKind);
        Assert.Equal(c.Rows.Count, root.GetProperty("rows").GetArrayLength());
        Assert.Equal(c.Agreeing.Count(), root.GetProperty("agree").GetInt32());
        var official = root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "official-access");
        Assert.Equal("found", official.GetProperty("first").GetProperty("verdict").GetString());
        Assert.Equal("not-found", official.GetProperty("second").GetProperty("verdict").GetString());
        Assert.False(official.GetProperty("lawful").GetProperty("first").GetBoolean());
        Assert.True(official.GetProperty("lawful").GetProperty("second").GetBoolean());
    }

    [Theory]
    [InlineData(new[] { "nmg-2007" }, "比较需要两部条例")]
    [InlineData(new[] { "nmg-2007", "provnce-2012" }, "是否应为 \"province-2012\"")]
    [InlineData(new[] { "nmg-2007", "nmg-2007" }, "重复")]
    public void A_bad_list_of_regulations_names_the_field(string[] regulations, string expected)
    {
        var errors = MultiCheck.Validate(regulations, Judge.RealPacks.Value, "--regulation", minimum: 2);
        var error = Assert.Single(errors);
        Assert.StartsWith("--regulation: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
