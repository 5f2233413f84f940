using Jifang.Features.Compliance;
using Jifang.Rules.Divisions;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Compliance;

/// <summary>The pure parts of judging under several regulations: which packs are in force for a place, and one fine for one conduct.</summary>
public sealed class DoubleFineTests
{
    private static readonly PackSet Packs = PackSet.Load(Repo.Packs);

    private static readonly ComplianceOptions Options = new() { Jurisdictions = { ["15"] = "nmg-2007", ["99"] = "province-2012" } };

    /// <summary>《中华人民共和国行政处罚法》第二十九条 as the seed has it (shared/seeds/procedure), without its heading.</summary>
    internal static string SeedArticle29 =>
        File.ReadAllLines(Path.Combine(Repo.Root, "..", "shared", "seeds", "procedure", "xingzheng-chufa-fa-2021.txt"))
            .Single(l => l.StartsWith("第二十九条\u3000", StringComparison.Ordinal))["第二十九条\u3000".Length..];

    private static Fine F(long min, long max, Payer payer = Payer.Unit) => new(payer, min, max, FineCondition.Immediately);

    private static DoubleFine.Candidate C(string pack, string subject, params Fine[] fines) =>
        new(Guid.NewGuid(), pack, "privacy-zone-capture", "device", subject, fines);

    [Fact]
    public void The_higher_range_is_the_higher_maximum_then_the_higher_minimum()
    {
        Assert.True(DoubleFine.Compare([F(10000, 30000)], [F(10000, 20000)]) > 0);
        Assert.True(DoubleFine.Compare([F(5000, 20000)], [F(10000, 20000)]) < 0);
        Assert.Equal(0, DoubleFine.Compare([F(10000, 20000)], [F(10000, 20000, Payer.Offender)]));
        // Of several fines (by payer) the highest counts: the national 第二十七条 (unit 1万–2万, individual 5000–1万) against nmg 第二十二条 (1万–3万).
        Assert.True(DoubleFine.Compare([F(10000, 30000, Payer.Offender)], [F(10000, 20000), F(5000, 10000, Payer.Individual)]) > 0);
        // A provision without a fine is lower than any fine.
        Assert.True(DoubleFine.Compare([], [F(0, 10000)]) < 0);
        Assert.Equal(0, DoubleFine.Compare(null, []));
    }

    [Fact]
    public void One_conduct_under_two_packs_is_one_concurrence_with_the_higher_first()
    {
        var nmg = C("nmg-2007", "cam-1", F(10000, 30000, Payer.Offender));
        var national = C("national-2025", "cam-1", F(10000, 20000), F(5000, 10000, Payer.Individual));
        var other = C("national-2025", "cam-2", F(10000, 20000));
        var found = DoubleFine.Find([national, nmg, other]);

        Assert.Equal(new[] { nmg.Id, national.Id }.Order(), found.Keys.Order());
        Assert.Same(found[nmg.Id], found[national.Id]);
        Assert.Equal([nmg.Id, national.Id], found[nmg.Id].Findings.Select(f => f.Id));
        Assert.Equal(nmg.Id, found[nmg.Id].HigherId);
        Assert.False(found.ContainsKey(other.Id));
    }

    [Fact]
    public void Equal_ranges_have_no_higher_one_and_one_pack_alone_is_no_concurrence()
    {
        var a = C("a", "x", F(1000, 5000));
        var b = C("b", "x", F(1000, 5000));
        Assert.Null(DoubleFine.Find([a, b])[a.Id].HigherId);
        Assert.Contains("两者的罚款幅度相同，只处一次罚款", DoubleFine.Note(["A", "B"], null), StringComparison.Ordinal);

        // The same rule finding one subject twice under one pack (two breaches) is that pack's own matter.
        Assert.Empty(DoubleFine.Find([C("a", "x", F(1, 2)), C("a", "x", F(1, 2))]));
        // A different rule on the same subject is a different conduct.
        Assert.Empty(DoubleFine.Find([a, b with { Rule = "retention" }]));
        // And the same rule on another subject is another conduct.
        Assert.Empty(DoubleFine.Find([a, b with { SubjectId = "y" }]));
    }

    [Fact]
    public void The_note_cites_article_29_of_the_administrative_penalty_law_as_the_seed_has_it()
    {
        Assert.Equal(DoubleFine.Article29, SeedArticle29);
        Assert.Equal("《中华人民共和国行政处罚法》第二十九条", DoubleFine.Citation);
        Assert.Equal(
            "同一违法行为同时违反《甲条例》、《乙条例》：只处一次罚款，按罚款数额高的《甲条例》的规定处罚（《中华人民共和国行政处罚法》第二十九条）。",
            DoubleFine.Note(["甲条例", "乙条例"], "甲条例"));
    }

    [Fact]
    public void The_packs_of_a_place_are_the_national_one_and_the_regional_one()
    {
        Assert.Equal(["national-2025", "nmg-2007"], ComplianceService.PacksFor(Packs, Options, "150102").Select(p => p.Pack.Id));
        Assert.Equal(["national-2025", "province-2012"], ComplianceService.PacksFor(Packs, Options, "990101").Select(p => p.Pack.Id));
        Assert.Equal(["national-2025"], ComplianceService.PacksFor(Packs, Options, "110101").Select(p => p.Pack.Id));
        // The regional pack alone is still PackFor.
        Assert.Equal("nmg-2007", ComplianceService.PackFor(Packs, Options, "150102")!.Pack.Id);
        Assert.True(Packs.Get("national-2025").Pack.InForceOn(new DateOnly(2025, 4, 1)));
        Assert.False(Packs.Get("national-2025").Pack.InForceOn(new DateOnly(2025, 3, 31)));
    }

    [Fact]
    public void A_place_without_a_regional_text_is_accepted_where_the_platform_has_its_divisions_and_the_national_text_is_in_force()
    {
        var folder = Directory.CreateTempSubdirectory("jifang-divisions-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "divisions"));
            File.WriteAllText(Path.Combine(folder.FullName, "divisions", "98.yaml"), """
                source: 测试
                province: {code: "980000", name: 测试省}
                cities:
                  - code: "980100"
                    name: 测试市
                    counties:
                      - {code: "980101", name: 测试区}
                """);
            var divisions = DivisionSet.Load(folder.FullName);
            var after = new DateOnly(2025, 4, 1);
            Assert.Null(ComplianceService.PlaceProblem(Packs, Options, divisions, "150102", new DateOnly(2020, 1, 1)));
            Assert.Null(ComplianceService.PlaceProblem(Packs, Options, divisions, "980101", after));
            Assert.Contains("没有其所在省份的行政区划", ComplianceService.PlaceProblem(Packs, Options, divisions, "110101", after), StringComparison.Ordinal);
            Assert.Contains("也没有施行中的全国性条例", ComplianceService.PlaceProblem(Packs, Options, divisions, "980101", new DateOnly(2025, 3, 31)), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
