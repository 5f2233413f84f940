using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Jifang.Rules.Tests.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Engine;

public sealed class EvaluationTests
{
    private static readonly Lazy<PackSet> TestPacks = new(() => PackSet.FromPacks([PackLoader.Load(new StringReader(PackLoaderTests.Minimal), "test.yaml")]));

    private static string ShutDown(string date, bool authorized = false) => $$"""
        {"regulation": "test-pack", "asOf": "2024-05-01",
         "acts": [{"id": "A1", "kind": "system-shut-down", "date": "{{date}}", "actor": "unit", "authorized": {{(authorized ? "true" : "false")}}}]}
        """;

    [Fact]
    public void An_act_is_judged_by_the_rule_version_valid_on_its_date()
    {
        var early = Judge.Run(ShutDown("2012-06-01"), TestPacks.Value);
        var fine = Assert.Single(Assert.Single(early.Judgement!.Findings).Consequence!.Fines);
        Assert.Equal(new Fine(Payer.Unit, 1000, 5000, FineCondition.IfNotCorrected), fine);

        var late = Judge.Run(ShutDown("2015-01-01"), TestPacks.Value);
        fine = Assert.Single(Assert.Single(late.Judgement!.Findings).Consequence!.Fines);
        Assert.Equal(new Fine(Payer.Unit, 5000, 20000, FineCondition.Immediately), fine);
    }

    [Fact]
    public void An_act_before_the_effective_date_is_not_judged_and_says_so()
    {
        var outcome = Judge.Run(ShutDown("2009-12-31"), TestPacks.Value);
        Assert.Equal(CheckStatus.NoFindings, outcome.Status);
        var n = Assert.Single(outcome.Judgement!.NotJudged);
        Assert.Equal(NotJudged.NotInForce, n.Reason);
        Assert.Contains("2010-01-01", n.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorized_shut_down_is_lawful_and_an_act_no_rule_covers_is_reported()
    {
        Assert.Equal(CheckStatus.NoFindings, Judge.Run(ShutDown("2016-01-01", authorized: true), TestPacks.Value).Status);
        var other = Judge.Run("""
            {"regulation": "test-pack", "asOf": "2024-05-01",
             "acts": [{"id": "A1", "kind": "records-sold", "date": "2016-01-01", "actor": "individual"}]}
            """, TestPacks.Value);
        Assert.Equal(CheckStatus.NoFindings, other.Status);
        Assert.Equal(NotJudged.NoRule, Assert.Single(other.Judgement!.NotJudged).Reason);
    }

    [Theory]
    [InlineData("2009-12-31", CheckStatus.NotInForce)]
    [InlineData("2010-01-01", CheckStatus.NoFindings)]
    public void The_as_of_date_must_be_in_force(string asOf, CheckStatus expected)
    {
        var outcome = Judge.Run($$"""{"regulation": "test-pack", "asOf": "{{asOf}}"}""", TestPacks.Value);
        Assert.Equal(expected, outcome.Status);
        if (expected == CheckStatus.NotInForce)
        {
            Assert.Contains("2010-01-01", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Overrides_win_over_the_file()
    {
        var json = """{"regulation": "nmg-2007", "asOf": "2024-05-01"}""";
        Assert.Equal(CheckStatus.NotInForce, Judge.Run(json, asOf: new DateOnly(2007, 6, 30)).Status);
        Assert.Equal(CheckStatus.NotInForce, Judge.Run(json, regulation: "province-2012", asOf: new DateOnly(2012, 9, 30)).Status);
        Assert.Equal(CheckStatus.NoFindings, Judge.Run(json, regulation: "province-2012").Status);
        var outcome = Judge.Run("""{"asOf": "2024-05-01"}""", regulation: "nmg-2007");
        Assert.Equal("nmg-2007", outcome.Judgement!.Pack.Id);
    }

    [Fact]
    public void Without_an_as_of_date_today_from_the_clock_is_used()
    {
        var outcome = Judge.Run("""{"regulation": "nmg-2007"}""");
        Assert.Equal(new DateOnly(2024, 5, 1), outcome.Judgement!.AsOf);
    }

    [Fact]
    public void Findings_are_sorted_by_subject_kind_then_id_then_first_breach()
    {
        var outcome = Judge.Run("""
            {"regulation": "nmg-2007", "asOf": "2024-05-01",
             "acts": [{"id": "B", "kind": "secrets-leaked", "date": "2020-01-01", "actor": "individual"},
                      {"id": "A", "kind": "certificate-forged", "date": "2020-01-01", "actor": "unit"}],
             "sites": [
               {"id": "S2", "categories": ["school"], "parts": ["main-entrance"]},
               {"id": "S1", "categories": ["hotel"], "parts": ["main-entrance"],
                "devices": [{"id": "D9", "captures": ["audio"], "zone": "toilet"}, {"id": "D1", "captures": ["video"], "zone": "dormitory"}]}
             ]}
            """);
        var order = outcome.Judgement!.Findings.Select(f => $"{Vocab.SubjectKinds.Code(f.Subject.Kind)}/{f.Subject.Id}").ToList();
        Assert.Equal(["act/A", "act/B", "device/D1", "device/D9", "site/S1", "site/S2"], order);
    }

    [Fact]
    public void Sites_before_the_regulation_are_held_and_judged_once_it_is_known()
    {
        var outcome = Judge.Run("""
            {"sites": [{"id": "S1", "categories": ["internet-cafe"]}], "asOf": "2024-05-01", "regulation": "province-2012"}
            """);
        var f = Assert.Single(outcome.Judgement!.Findings);
        Assert.Equal(new Citation(9, 1, 2), Assert.Single(f.Breaches));
    }

    [Fact]
    public void The_same_system_id_in_two_sites_is_two_subjects()
    {
        var outcome = Judge.Run("""
            {"regulation": "province-2012", "asOf": "2024-05-01", "sites": [
              {"id": "S1", "categories": ["hotel"], "parts": ["main-entrance"], "systems": [{"id": "T1", "covers": ["main-entrance"], "interfaceReserved": true, "designReview": {"held": true, "organizer": "construction-unit"}}]},
              {"id": "S2", "categories": ["hotel"], "parts": ["main-entrance"], "systems": [{"id": "T1", "covers": ["main-entrance"], "designReview": {"held": true, "organizer": "construction-unit"}}]}]}
            """);
        var f = Assert.Single(outcome.Judgement!.Findings);
        Assert.Equal(new Subject(SubjectKind.System, "T1", "S2"), f.Subject);
        Assert.Equal("police-interface", f.Rule);
    }
}
