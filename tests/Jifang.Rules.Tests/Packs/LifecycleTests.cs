using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Packs;

/// <summary>
/// Issue 12: a pack's <c>lifecycle</c> states who acts at each gate of a build project and what each gate cites. The
/// readings are held to the texts, to the pack's own rules (the workflow must never produce a finding against itself),
/// and every error of the section names its place.
/// </summary>
public sealed class LifecycleTests
{
    private static Pack Real(string id) => Judge.RealPacks.Value.Get(id).Pack;

    /// <summary>One line per gate: name, cite, organizer for a public area / elsewhere, participants, flags, penalty.</summary>
    private static string Describe(LifecycleGate g)
    {
        var parts = new List<string> { g.Name, g.Cite.ToString() };
        if (g.Organizer is not null)
        {
            parts.Add($"organizer={Vocab.Organizers.Code(g.OrganizerFor(true)!.Value)}/{Vocab.Organizers.Code(g.OrganizerFor(false)!.Value)}");
        }
        if (g.Participants.Count > 0)
        {
            parts.Add("with=" + string.Join(",", g.Participants));
        }
        if (g.ByQualifiedAgency)
        {
            parts.Add("qualified");
        }
        if (g.OnReport)
        {
            parts.Add("on-report");
        }
        if (g.RequiredAlways)
        {
            parts.Add("always");
        }
        if (g.Penalty is { } p)
        {
            parts.Add($"penalty={p}");
        }
        return string.Join(" ", parts);
    }

    private static string Header(LifecycleRules l) => $"basis={l.Basis} grading={l.Grading?.ToString() ?? "-"} confidentiality={l.Confidentiality?.ToString() ?? "-"}";

    [Theory]
    [InlineData("province-2012", "basis=10.1 grading=16.1 confidentiality=15.1",
        "design-review 11.1 organizer=police/construction-unit always",
        "inspection 11.2 qualified",
        "acceptance 11.2 organizer=construction-unit-with-police/construction-unit-with-police on-report",
        "in-service 11.2 penalty=25.1")]
    [InlineData("nmg-2007", "basis=13.2 grading=14.1 confidentiality=16.1",
        "design-review 13.3 organizer=construction-unit-with-police/construction-unit-with-police with=designer,builder,experts",
        "inspection 13.4 qualified",
        "acceptance 13.4 organizer=construction-unit-with-police/construction-unit-with-police on-report",
        "in-service 13.5 penalty=23.1")]
    [InlineData("national-2025", "basis=11.1 grading=- confidentiality=19.1",
        "design-review 11.1 organizer=construction-unit/construction-unit",
        "inspection 11.1",
        "acceptance 11.1 organizer=construction-unit/construction-unit")]
    public void The_packs_state_their_gates(string id, string header, params string[] gates)
    {
        var lifecycle = Real(id).Lifecycle;
        Assert.NotNull(lifecycle);
        Assert.Equal(header, Header(lifecycle));
        Assert.Equal(gates, lifecycle.Gates.Select(Describe));
        foreach (var name in LifecycleRules.GateNames)
        {
            Assert.Equal(lifecycle.Gates.SingleOrDefault(g => g.Name == name), lifecycle.Gate(name));
        }
        Assert.Null(lifecycle.Gate("design"));
    }

    [Fact]
    public void National_2025_states_no_in_service_gate_and_inspection_and_acceptance_without_the_police()
    {
        var lifecycle = Real("national-2025").Lifecycle!;
        Assert.Null(lifecycle.Gate("in-service"));
        Assert.False(lifecycle.Gate("inspection")!.ByQualifiedAgency);
        Assert.Equal(Organizer.ConstructionUnit, lifecycle.Gate("acceptance")!.OrganizerFor(publicArea: true));
        Assert.False(lifecycle.Gate("design-review")!.RequiredAlways);
    }

    public static TheoryData<string> PacksWithLifecycle() =>
        new(Judge.RealPacks.Value.Ids.Where(id => Real(id).Lifecycle is not null));

    /// <summary>Each citation of the section points at words about its gate, and each reading (who, on what, always or
    /// not, by whom) is there in the text — and where the text does not say it, the pack does not either.</summary>
    [Theory]
    [MemberData(nameof(PacksWithLifecycle))]
    public void Every_reading_is_in_the_words_it_cites(string id)
    {
        var pack = Real(id);
        var lifecycle = pack.Lifecycle!;
        var problems = new List<string>();
        void Need(bool ok, string what, Citation c)
        {
            if (!ok)
            {
                problems.Add($"{what}：{pack.Cite(c)}：{pack.TextOf(c)}");
            }
        }
        bool Says(Citation c, params string[] words) => words.Any(w => pack.TextOf(c).Contains(w, StringComparison.Ordinal));

        Need(Says(lifecycle.Basis, "设计") && Says(lifecycle.Basis, "施工") && Says(lifecycle.Basis, "验收"), "basis 应说设计、施工、验收", lifecycle.Basis);
        if (lifecycle.Grading is { } grading)
        {
            Need(Says(grading, "分级管理"), "grading 应说分级管理", grading);
        }
        if (lifecycle.Confidentiality is { } secret)
        {
            Need(Says(secret, "保密"), "confidentiality 应说保密", secret);
        }
        foreach (var g in lifecycle.Gates)
        {
            var c = g.Cite;
            var word = g.Name switch { "design-review" => "设计", "inspection" => "检", _ => "验收" };
            Need(Says(c, word), $"{g.Name} 应说“{word}”", c);
            if (g.Organizer is not null)
            {
                var withPolice = g.OrganizerFor(true) == Organizer.ConstructionUnitWithPolice || g.OrganizerFor(false) == Organizer.ConstructionUnitWithPolice;
                Need(withPolice == Says(c, "会同公安机关"), $"{g.Name} 的组织者“会同公安机关”与条文不符", c);
                Need(g.OrganizerFor(true) != Organizer.Police || Says(c, "公共区域的设计方案由公安机关组织"), $"{g.Name} 公共区域由公安机关组织，条文未说", c);
                Need(g.Participants.Contains("designer") == Says(c, "设计单位"), $"{g.Name} 的参加者设计单位与条文不符", c);
                Need(g.Participants.Contains("builder") == Says(c, "施工单位"), $"{g.Name} 的参加者施工单位与条文不符", c);
                Need(g.Participants.Contains("experts") == Says(c, "专家"), $"{g.Name} 的参加者技术专家与条文不符", c);
            }
            if (g.Name == "design-review")
            {
                Need(g.RequiredAlways == Says(c, "设计方案应当通过"), "design-review 的 required 与条文不符", c);
            }
            if (g.Name == "inspection")
            {
                Need(g.ByQualifiedAgency == Says(c, "具有资质", "具有检验资格"), "inspection 的 by 与条文不符", c);
            }
            if (g.Name == "acceptance")
            {
                Need(g.OnReport == Says(c, "检测报告", "检测通过后"), "acceptance 的 onReport 与条文不符", c);
            }
            if (g.Name == "in-service")
            {
                Need(Says(c, "验收"), "in-service 应引用以验收为前提的条文", c);
            }
            if (g.Penalty is { } penalty)
            {
                Need(Says(penalty, "未经验收") && Says(penalty, "投入使用") && Says(penalty, "罚款"), "penalty 应是未经验收投入使用的罚则", penalty);
            }
        }
        Assert.Empty(problems);
    }

    /// <summary>
    /// A project that follows the lifecycle must pass the pack's own rules: the design-review gate's organizers are ones
    /// the design-review rule accepts, the acceptance gate involves the police where the acceptance rule asks for them, the
    /// inspection gate names a qualified agency and acceptance on its report where the inspection rule asks for both, and
    /// the in-service gate's penalty is the one the in-service rule imposes.
    /// </summary>
    [Theory]
    [MemberData(nameof(PacksWithLifecycle))]
    public void The_lifecycle_agrees_with_the_pack_s_rules(string id)
    {
        var pack = Real(id);
        var lifecycle = pack.Lifecycle!;
        foreach (var spec in pack.Rules.Select(r => r.Check).OfType<DesignReviewSpec>())
        {
            var gate = lifecycle.Gate("design-review");
            Assert.NotNull(gate);
            Assert.Contains(gate.OrganizerFor(publicArea: true)!.Value, spec.PublicAreaOrganizers ?? spec.Organizers);
            Assert.Contains(gate.OrganizerFor(publicArea: false)!.Value, spec.Organizers);
            Assert.Equal(spec.Cite, gate.Cite);
            Assert.True(gate.RequiredAlways || !spec.Required, $"{id}：规则一律要求论证，流程却只在国家规定要求时论证");
        }
        foreach (var spec in pack.Rules.Select(r => r.Check).OfType<AcceptanceSpec>())
        {
            var gate = lifecycle.Gate("acceptance");
            Assert.NotNull(gate);
            Assert.Equal(spec.Cite, gate.Cite);
            Assert.All(new[] { gate.OrganizerFor(true), gate.OrganizerFor(false) },
                o => Assert.True(o is Organizer.ConstructionUnitWithPolice or Organizer.Police, $"{id}：验收规则要求公安机关参与，流程的组织者为 {o}"));
        }
        foreach (var spec in pack.Rules.Select(r => r.Check).OfType<InspectionSpec>())
        {
            var gate = lifecycle.Gate("inspection");
            Assert.NotNull(gate);
            Assert.Equal(spec.Cite, gate.Cite);
            Assert.True(gate.ByQualifiedAgency, $"{id}：检测规则要求有资质的机构");
            Assert.True(lifecycle.Gate("acceptance")?.OnReport, $"{id}：检测规则要求检测通过后才验收");
        }
        foreach (var rule in pack.Rules.Where(r => r.Check is InServiceSpec))
        {
            var gate = lifecycle.Gate("in-service");
            Assert.NotNull(gate);
            Assert.Equal(((InServiceSpec)rule.Check).Cite, gate.Cite);
            Assert.Equal(rule.Consequence?.Basis, gate.Penalty);
        }
    }

    // ----- the loader -----

    private const string Section = """
        lifecycle:
          basis: 1.1
          grading: 2.2
          gates:
            - gate: acceptance
              cite: 2.2
              organizer: {other: construction-unit-with-police}
              onReport: true
            - gate: design-review
              cite: 2.1
              organizer: {other: construction-unit}
              participants: [designer, experts]
              required: where-required
            - gate: inspection
              cite: 2.2
              by: qualified-testing-agency
            - gate: in-service
              cite: 2.2
              penalty: 3.1
        articles:

        """;

    private static string WithSection(string section = Section) =>
        PackLoaderTests.Minimal.Replace("articles:\n", section, StringComparison.Ordinal);

    private static Pack Load(string yaml) => PackLoader.Load(new StringReader(yaml), "test.yaml");

    private static IReadOnlyList<string> Errors(string yaml) =>
        Assert.Throws<PackValidationException>(() => Load(yaml)).Errors;

    [Fact]
    public void A_pack_without_the_section_has_no_lifecycle() =>
        Assert.Null(Load(PackLoaderTests.Minimal).Lifecycle);

    [Fact]
    public void The_section_loads_with_its_gates_in_the_order_a_project_passes_them()
    {
        var lifecycle = Load(WithSection()).Lifecycle!;
        Assert.Equal(new Citation(1, 1, null), lifecycle.Basis);
        Assert.Equal(new Citation(2, 2, null), lifecycle.Grading);
        Assert.Null(lifecycle.Confidentiality);
        Assert.Equal(LifecycleRules.GateNames, lifecycle.Gates.Select(g => g.Name));
        Assert.Equal(
            [
                "design-review 2.1 organizer=construction-unit/construction-unit with=designer,experts",
                "inspection 2.2 qualified",
                "acceptance 2.2 organizer=construction-unit-with-police/construction-unit-with-police on-report",
                "in-service 2.2 penalty=3.1",
            ],
            lifecycle.Gates.Select(Describe));
        Assert.Null(lifecycle.Gate("inspection")!.Organizer);
        Assert.Null(lifecycle.Gate("in-service")!.OrganizerFor(publicArea: true));
    }

    [Fact]
    public void A_public_area_organizer_needs_the_pack_s_public_area()
    {
        var yaml = WithSection().Replace("{other: construction-unit}", "{publicArea: police, other: construction-unit}", StringComparison.Ordinal);
        var error = Assert.Single(Errors(yaml));
        Assert.Contains("test.yaml: lifecycle.gates[1].organizer.publicArea: 条例未定义公共区域", error, StringComparison.Ordinal);

        var gate = Load(yaml.Replace("lifecycle:\n", "publicArea: {cite: 1.1, categories: [square]}\nlifecycle:\n", StringComparison.Ordinal))
            .Lifecycle!.Gate("design-review")!;
        Assert.Equal(Organizer.Police, gate.OrganizerFor(publicArea: true));
        Assert.Equal(Organizer.ConstructionUnit, gate.OrganizerFor(publicArea: false));
        Assert.Equal(Organizer.Police, gate.PublicAreaOrganizer);
    }

    [Theory]
    [InlineData("basis: 1.1", "basis: 1.2", "lifecycle.basis: 引用 1.2 不存在：第1条只有1款")]
    [InlineData("  basis: 1.1\n", "", "lifecycle.basis: 缺少引用条文")]
    [InlineData("grading: 2.2", "grading: 2.3", "lifecycle.grading: 引用 2.3 不存在")]
    [InlineData("grading: 2.2", "grading: 2.2\n  confidentiality: 9.1", "lifecycle.confidentiality: 引用 9.1 不存在：本条例没有第9条")]
    [InlineData("gate: inspection", "gate: inspect", "lifecycle.gates[2].gate: 未知的环节 \"inspect\"（是否应为 \"inspection\"？）")]
    [InlineData("    - gate: inspection\n      cite: 2.2\n", "    - cite: 2.2\n", "lifecycle.gates[2].gate: 缺少环节名称")]
    [InlineData("gate: in-service\n      cite: 2.2\n      penalty: 3.1", "gate: inspection\n      cite: 2.2", "lifecycle.gates[3].gate: 环节 \"inspection\"（检测）重复")]
    [InlineData("cite: 2.1\n", "cite: 4.1\n", "lifecycle.gates[1].cite: 引用 4.1 不存在")]
    [InlineData("    - gate: in-service\n      cite: 2.2\n", "    - gate: in-service\n", "lifecycle.gates[3].cite: 缺少引用条文")]
    [InlineData("{other: construction-unit}", "{other: construction-units}", "lifecycle.gates[1].organizer.other: 未知的论证组织者 \"construction-units\"（是否应为 \"construction-unit\"？）")]
    [InlineData("{other: construction-unit}", "{}", "lifecycle.gates[1].organizer.other: 缺少论证组织者")]
    [InlineData("      organizer: {other: construction-unit-with-police}\n", "", "lifecycle.gates[0].organizer: 缺少环节 acceptance（验收）的组织者")]
    [InlineData("[designer, experts]", "[designer, expert]", "lifecycle.gates[1].participants[1]: 未知的参加者 \"expert\"（是否应为 \"experts\"？）")]
    [InlineData("[designer, experts]", "[designer, designer]", "lifecycle.gates[1].participants[1]: 参加者 \"designer\" 重复")]
    [InlineData("required: where-required", "required: sometimes", "lifecycle.gates[1].required: 论证是否必须应为 always 或 where-required，实际为 \"sometimes\"")]
    [InlineData("      required: where-required\n", "", "lifecycle.gates[1].required: 缺少论证是否一律必须")]
    [InlineData("by: qualified-testing-agency", "by: anyone", "lifecycle.gates[2].by: 检测者应为 qualified-testing-agency")]
    [InlineData("penalty: 3.1", "penalty: 3.3", "lifecycle.gates[3].penalty: 引用 3.3 不存在")]
    [InlineData("by: qualified-testing-agency", "by: qualified-testing-agency\n      onReport: true", "lifecycle.gates[2].onReport: 环节 inspection（检测）不使用 onReport；onReport 只用于 acceptance")]
    [InlineData("by: qualified-testing-agency", "by: qualified-testing-agency\n      required: always", "lifecycle.gates[2].required: 环节 inspection（检测）不使用 required；required 只用于 design-review")]
    [InlineData("by: qualified-testing-agency", "by: qualified-testing-agency\n      participants: [experts]", "lifecycle.gates[2].participants: 环节 inspection（检测）不使用 participants")]
    [InlineData("onReport: true", "onReport: true\n      penalty: 3.1", "lifecycle.gates[0].penalty: 环节 acceptance（验收）不使用 penalty；penalty 只用于 in-service")]
    [InlineData("onReport: true", "onReport: true\n      by: qualified-testing-agency", "lifecycle.gates[0].by: 环节 acceptance（验收）不使用 by；by 只用于 inspection")]
    [InlineData("penalty: 3.1", "penalty: 3.1\n      organizer: {other: police}", "lifecycle.gates[3].organizer: 环节 in-service（投入使用）不使用 organizer；organizer 只用于 design-review、acceptance")]
    [InlineData("required: where-required", "required: where-required\n      onReport: false", "lifecycle.gates[1].onReport: 环节 design-review（方案论证）不使用 onReport")]
    public void Each_error_of_the_section_names_its_place(string from, string to, string expected)
    {
        var yaml = WithSection();
        Assert.Contains(from, yaml, StringComparison.Ordinal);
        var errors = Errors(yaml.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("test.yaml: " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_section_without_gates_is_an_error()
    {
        var errors = Errors(WithSection("lifecycle: {basis: 1.1}\narticles:\n"));
        Assert.Contains("test.yaml: lifecycle.gates: 缺少建设项目的环节", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("onReport: true", "onreport: true", "onreport")]
    [InlineData("grading: 2.2", "grade: 2.2", "grade")]
    [InlineData("{other: construction-unit}", "{others: construction-unit}", "others")]
    public void Unknown_keys_of_the_section_name_the_line(string from, string to, string key)
    {
        var errors = Errors(WithSection().Replace(from, to, StringComparison.Ordinal));
        Assert.Matches($@"test\.yaml:\d+:\d+: YAML 无法读取.*{key}", Assert.Single(errors));
    }
}
