using Jifang.Features.Projects;
using Microsoft.Extensions.Configuration;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// The rules of projects that are data, tried on their own: the grading table (the platform's default, never shown as law, and a
/// jurisdiction's own from configuration, the longest prefix winning), the panel's reproducible draw and its conclusion rules.
/// </summary>
public sealed class ProjectRulesTests
{
    [Theory]
    [InlineData(3, 0, 3)]
    [InlineData(3, 99.99, 3)]
    [InlineData(3, 100, 2)]
    [InlineData(3, 499.99, 2)]
    [InlineData(3, 500, 1)]
    [InlineData(3, 1000000, 1)]
    [InlineData(2, 0, 2)]
    [InlineData(1, 0, 1)]
    [InlineData(2, 600, 1)]
    [InlineData(1, 50, 1)]
    public void The_default_grade_is_the_higher_of_the_risk_level_and_the_investment_band(int risk, double investment, int grade) =>
        Assert.Equal(grade, GradingTable.Default.GradeOf(risk, (decimal)investment));

    [Fact]
    public void The_default_table_sets_the_police_level_and_the_review_per_grade_and_says_it_is_not_law()
    {
        var t = GradingTable.Default;
        Assert.Equal("city", t.RuleOf(1).PoliceLevel);
        Assert.True(t.RuleOf(1).ReviewRequired);
        Assert.Equal("county", t.RuleOf(2).PoliceLevel);
        Assert.True(t.RuleOf(2).ReviewRequired);
        Assert.Equal("county", t.RuleOf(3).PoliceLevel);
        Assert.False(t.RuleOf(3).ReviewRequired);
        // A grade the table does not know: the county, with a review (the stricter reading).
        Assert.Equal("county", t.RuleOf(4).PoliceLevel);
        Assert.True(t.RuleOf(4).ReviewRequired);
        Assert.True(t.IsDefault);
        Assert.Contains("平台默认", t.Source, StringComparison.Ordinal);
        Assert.Contains("不是法定标准", t.Source, StringComparison.Ordinal);
        Assert.Same(GradingTable.Default, new ProjectOptions().For("150102").Grading);
    }

    private static GradingTable Table(string source, decimal cityFrom) => new()
    {
        Bands = [new() { From = cityFrom, Grade = 1 }, new() { From = 0m, Grade = 3 }],
        Grades = new() { ["1"] = new() { PoliceLevel = "city" }, ["3"] = new() { PoliceLevel = "county", ReviewRequired = false } },
        Source = source,
    };

    [Fact]
    public void A_jurisdictions_table_wins_by_the_longest_prefix_and_is_not_the_default()
    {
        var options = new ProjectOptions
        {
            Jurisdictions = new()
            {
                ["15"] = new() { Grading = Table("自治区规定", 300m), PanelRule = PanelRules.Unanimous },
                ["1501"] = new() { Grading = Table("呼和浩特市规定", 200m) },
                ["150102"] = new() { Checklists = new() { ["design-review"] = [new() { Type = DocumentTypes.Drawings }] } },
            },
        };
        var county = options.For("150102");
        Assert.Equal("呼和浩特市规定", county.Grading.Source);
        Assert.False(county.Grading.IsDefault);
        Assert.Equal(1, county.Grading.GradeOf(3, 200m));
        Assert.Equal(3, county.Grading.GradeOf(3, 199m));
        // Each part from the longest prefix that sets it: the rule from 15, the checklist from 150102, the conflicts by default.
        Assert.Equal(PanelRules.Unanimous, county.PanelRule);
        Assert.Equal([DocumentTypes.Drawings], county.ChecklistFor("design-review").Select(i => i.Type));
        Assert.Equal(ConflictRules.Default, county.Conflicts);
        Assert.Equal([DocumentTypes.TestReport], options.For("150203").ChecklistFor("acceptance").Select(i => i.Type));
        Assert.Equal("自治区规定", options.For("150203").Grading.Source);
        Assert.True(options.For("990101").Grading.IsDefault);
        Assert.Equal(PanelRules.Majority, options.For("990101").PanelRule);
    }

    [Fact]
    public void A_jurisdictions_table_is_read_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Projects:Jurisdictions:99:Grading:Source"] = "省公安厅分级规定",
            ["Projects:Jurisdictions:99:Grading:Bands:0:From"] = "50",
            ["Projects:Jurisdictions:99:Grading:Bands:0:Grade"] = "1",
            ["Projects:Jurisdictions:99:Grading:Bands:1:From"] = "0",
            ["Projects:Jurisdictions:99:Grading:Bands:1:Grade"] = "2",
            ["Projects:Jurisdictions:99:Grading:Grades:1:PoliceLevel"] = "city",
            ["Projects:Jurisdictions:99:Grading:Grades:2:PoliceLevel"] = "county",
            ["Projects:Jurisdictions:99:PanelRule"] = "unanimous",
        }).Build();
        var options = config.GetSection(ProjectOptions.Section).Get<ProjectOptions>()!;
        var rules = options.For("990101");
        Assert.False(rules.Grading.IsDefault);
        Assert.Equal("省公安厅分级规定", rules.Grading.Source);
        Assert.Equal(1, rules.Grading.GradeOf(3, 50m));
        Assert.Equal(2, rules.Grading.GradeOf(3, 49m));
        Assert.Equal("city", rules.Grading.RuleOf(1).PoliceLevel);
        Assert.Equal(PanelRules.Unanimous, rules.PanelRule);
        Assert.True(options.For("150102").Grading.IsDefault);
    }

    private static List<Guid> Candidates(int n) => Enumerable.Range(1, n).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

    [Fact]
    public void The_draw_is_the_same_for_the_same_candidates_and_seed()
    {
        var pool = Candidates(12);
        var drawn = PanelDraw.Draw(pool, 424242, 3);
        Assert.Equal(drawn, PanelDraw.Draw(pool, 424242, 3));
        Assert.Equal(3, drawn.Distinct().Count());
        Assert.All(drawn, d => Assert.Contains(d, pool));
        // Other seeds give other panels (not every one: some of twenty).
        Assert.Contains(Enumerable.Range(1, 20), s => !PanelDraw.Draw(pool, s, 3).SequenceEqual(drawn));
        // Every candidate can be drawn.
        Assert.Equal(pool.Order(), Enumerable.Range(1, 400).SelectMany(s => PanelDraw.Draw(pool, s, 3)).Distinct().Order());
        // A pool smaller than the panel gives all of it, once each.
        Assert.Equal(pool.Take(2).Order(), PanelDraw.Draw(pool.Take(2).ToList(), 7, 3).Order());
        Assert.Empty(PanelDraw.Draw([], 7, 3));
    }

    [Theory]
    [InlineData("majority", "pass,pass,fail", "pass")]
    [InlineData("majority", "fail,fail,pass", "fail")]
    [InlineData("majority", "pass,pass-with-conditions,fail", "pass-with-conditions")]
    [InlineData("majority", "pass,pass,-", "pass")]
    [InlineData("majority", "fail,fail,-", "fail")]
    [InlineData("majority", "pass,-,-", null)]
    [InlineData("majority", "pass,fail,-", null)]
    [InlineData("majority", "pass,fail", "fail")]
    [InlineData("majority", "pass,pass,fail,fail", "fail")]
    [InlineData("majority", "pass,fail,-,-", null)]
    [InlineData("majority", "pass,pass,pass,fail,fail", "pass")]
    [InlineData("unanimous", "pass,pass,fail", "fail")]
    [InlineData("unanimous", "fail,-,-", "fail")]
    [InlineData("unanimous", "pass,pass,-", null)]
    [InlineData("unanimous", "pass,pass-with-conditions,pass", "pass-with-conditions")]
    [InlineData("unanimous", "pass,pass,pass", "pass")]
    public void The_conclusion_follows_the_rule(string rule, string opinions, string? conclusion) =>
        Assert.Equal(conclusion, PanelDraw.Conclusion(opinions.Split(',').Select(o => o == "-" ? null : o).ToList(), rule));

    [Fact]
    public void The_conflict_rule_is_a_setting()
    {
        var contractor = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var project = new BuildProject { OwnerUnitId = owner, SiteUnitId = Guid.NewGuid(), Contractors = [new ProjectContractor { ContractorId = contractor, Role = ContractorRoles.Design }] };
        Expert E(string kind, Guid? employer = null) => new() { Name = "专家", EmployerKind = kind, EmployerId = employer };
        Assert.Equal("受聘于公安机关", PanelDraw.Conflict(E(ExpertEmployers.Police), ConflictRules.Default, project));
        Assert.Equal("受聘于检测机构", PanelDraw.Conflict(E(ExpertEmployers.TestingAgency), ConflictRules.Default, project));
        Assert.Equal("受聘于本项目的设计单位", PanelDraw.Conflict(E(ExpertEmployers.Contractor, contractor), ConflictRules.Default, project));
        Assert.Null(PanelDraw.Conflict(E(ExpertEmployers.Contractor, Guid.NewGuid()), ConflictRules.Default, project));
        Assert.NotNull(PanelDraw.Conflict(E(ExpertEmployers.Unit, owner), ConflictRules.Default, project));
        Assert.NotNull(PanelDraw.Conflict(E(ExpertEmployers.Unit, project.SiteUnitId), ConflictRules.Default, project));
        Assert.Null(PanelDraw.Conflict(E(ExpertEmployers.Unit, Guid.NewGuid()), ConflictRules.Default, project));
        Assert.Null(PanelDraw.Conflict(E(ExpertEmployers.Other), ConflictRules.Default, project));
        // A jurisdiction that lets police experts sit.
        Assert.Null(PanelDraw.Conflict(E(ExpertEmployers.Police), [ConflictRules.TestingAgency, ConflictRules.ProjectContractors, ConflictRules.Owner], project));
    }
}
