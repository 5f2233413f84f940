using Jifang.Rules.Packs;

namespace Jifang.Rules.Tests.Packs;

/// <summary>A pack that fails validation is refused whole, and every error names its place.</summary>
public sealed class PackLoaderTests
{
    internal const string Minimal = """
        id: test-pack
        title: 测试条例
        jurisdiction: {name: 测试省, divisionPrefix: "99"}
        effective: 2010-01-01
        articles:
          - number: 1
            paragraphs:
              - text: 第一条的文字。
          - number: 2
            paragraphs:
              - lead: 任何单位和个人不得有下列行为：
                items: [擅自关闭技防系统；, 损毁技防系统设备。]
              - text: 第二款。
            rules:
              - id: shut-down
                title: 擅自关闭
                check: act
                valid: {from: 2010-01-01, to: 2015-01-01}
                prohibitions:
                  - {kinds: [system-shut-down], cite: 2.1.1, unlessAuthorized: true}
                consequence:
                  basis: 3.1
                  authority: 县级以上公安机关
                  orders: [责令限期改正]
                  fines:
                    - {payer: unit, min: 1000, max: 5000, when: if-not-corrected}
              - id: shut-down
                title: 擅自关闭（修订后）
                check: "act"
                valid: {from: 2015-01-01}
                prohibitions:
                  - {cite: 2.1.1, kinds: [system-shut-down], unlessAuthorized: true}
                consequence:
                  basis: "3.1"
                  authority: 县级以上公安机关
                  orders: [责令改正]
                  fines:
                    - {payer: unit, min: 5000, max: 20000, when: immediately}
          - number: 3
            paragraphs:
              - text: 违反第二条的，处罚款。
        """;

    private static Pack Load(string yaml) => PackLoader.Load(new StringReader(yaml), "test.yaml");

    private static IReadOnlyList<string> Errors(string yaml) =>
        Assert.Throws<PackValidationException>(() => Load(yaml)).Errors;

    [Fact]
    public void The_real_packs_load()
    {
        var packs = PackSet.Load(Repo.Packs);
        Assert.Equal(["nmg-2007", "province-2012", "national-2025"], packs.Ids.ToArray());
        Assert.True(packs.Get("national-2025").Pack.Jurisdiction.Nationwide);
        Assert.NotNull(packs.ForDivision("150102"));
        Assert.Equal("nmg-2007", packs.ForDivision("150102")!.Pack.Id);
        Assert.Null(packs.ForDivision("990000"));
    }

    [Fact]
    public void A_minimal_pack_with_two_rule_versions_loads()
    {
        var pack = Load(Minimal);
        Assert.Equal(2, pack.Rules.Count);
        Assert.Equal(new DateOnly(2015, 1, 1), pack.Rules[1].Valid.From);
    }

    [Fact]
    public void Unknown_vocabulary_is_an_error_naming_the_place_and_the_closest_value()
    {
        var errors = Errors(Minimal.Replace("{kinds: [system-shut-down], cite: 2.1.1,", "{kinds: [system-shutdown], cite: 2.1.1,", StringComparison.Ordinal));
        var e = Assert.Single(errors);
        Assert.Contains("test.yaml", e, StringComparison.Ordinal);
        Assert.Contains("articles[1](第2条).rules[0](shut-down).prohibitions[0].kinds[0]", e, StringComparison.Ordinal);
        Assert.Contains("\"system-shutdown\"", e, StringComparison.Ordinal);
        Assert.Contains("\"system-shut-down\"", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("basis: 3.1", "basis: 3.2", "rules[0](shut-down).consequence.basis: 引用 3.2 不存在：第3条只有1款")]
    [InlineData("{kinds: [system-shut-down], cite: 2.1.1,", "{kinds: [system-shut-down], cite: 2.1.3,", "引用 2.1.3 不存在：第2条第1款只有2项")]
    [InlineData("basis: \"3.1\"", "basis: \"4.1\"", "rules[1](shut-down).consequence.basis: 引用 4.1 不存在：本条例没有第4条")]
    [InlineData("{kinds: [system-shut-down], cite: 2.1.1,", "{kinds: [system-shut-down], cite: 2.x,", "引用格式应为")]
    public void A_citation_to_text_that_does_not_exist_is_an_error(string from, string to, string expected)
    {
        Assert.Contains(from, Minimal, StringComparison.Ordinal);
        var errors = Errors(Minimal.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_validity_is_an_error()
    {
        var errors = Errors(Minimal.Replace("valid: {from: 2010-01-01, to: 2015-01-01}", "valid: {from: 2010-01-01, to: 2016-01-01}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("有效期重叠", StringComparison.Ordinal) && e.Contains("shut-down", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_between_versions_is_an_error()
    {
        var errors = Errors(Minimal.Replace("valid: {from: 2010-01-01, to: 2015-01-01}", "valid: {from: 2010-01-01, to: 2014-01-01}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("有效期有空档", StringComparison.Ordinal));
    }

    [Fact]
    public void An_open_ended_version_followed_by_another_overlaps()
    {
        var errors = Errors(Minimal.Replace("valid: {from: 2010-01-01, to: 2015-01-01}", "valid: {from: 2010-01-01}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("有效期重叠", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_rule_id_is_an_error()
    {
        var errors = Errors(Minimal.Replace("valid: {from: 2015-01-01}", "valid: {from: 2010-01-01, to: 2015-01-01}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("规则标识重复", StringComparison.Ordinal));
    }

    [Fact]
    public void Validity_before_the_effective_date_is_an_error()
    {
        var errors = Errors(Minimal.Replace("valid: {from: 2010-01-01, to: 2015-01-01}", "valid: {from: 2009-01-01, to: 2015-01-01}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("早于条例施行日期", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_or_missing_article_number_is_an_error()
    {
        var dup = Errors(Minimal.Replace("  - number: 3", "  - number: 2", StringComparison.Ordinal));
        Assert.Contains(dup, e => e.Contains("条号重复：第2条", StringComparison.Ordinal));
        var gap = Errors(Minimal.Replace("  - number: 3", "  - number: 4", StringComparison.Ordinal));
        Assert.Contains(gap, e => e.Contains("条号不连续", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_check_kind_or_a_parameter_of_another_kind_is_an_error()
    {
        var kind = Errors(Minimal.Replace("check: \"act\"", "check: acts", StringComparison.Ordinal));
        Assert.Contains(kind, e => e.Contains("未知的检查类型 \"acts\"", StringComparison.Ordinal) && e.Contains("\"act\"", StringComparison.Ordinal));
        var param = Errors(Minimal.Replace("check: \"act\"", "check: act\n        minDays: 30", StringComparison.Ordinal));
        Assert.Contains(param, e => e.Contains("rules[1](shut-down).minDays: 检查类型 act 不使用参数 minDays", StringComparison.Ordinal));
    }

    [Fact]
    public void A_referral_and_a_payer_in_the_text_s_words_are_read_and_checked()
    {
        var pack = Load(Minimal.Replace("effective: 2010-01-01", "effective: 2010-01-01\nreferral: 3.1", StringComparison.Ordinal)
            .Replace("{payer: unit, min: 1000, max: 5000, when: if-not-corrected}", "{payer: responsible-person, min: 1000, max: 5000, when: if-not-corrected, payerText: 其他责任人员}", StringComparison.Ordinal));
        Assert.Equal(new Citation(3, 1, null), pack.Referral);
        Assert.Equal("其他责任人员", pack.Rules[0].Consequence!.Fines[0].PayerText);
        Assert.Equal("第三条", pack.Place(pack.Referral!.Value));
        Assert.Equal("第二条第一款第（一）项", pack.Place(new Citation(2, 1, 1)));

        var errors = Errors(Minimal.Replace("effective: 2010-01-01", "effective: 2010-01-01\nreferral: 9.1", StringComparison.Ordinal)
            .Replace("when: if-not-corrected}", "when: if-not-corrected, payerText: \" \"}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("test.yaml: referral: 引用 9.1 不存在", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("fines[0].payerText: 受罚对象的条文用语不能为空", StringComparison.Ordinal));
    }

    [Fact]
    public void Fines_must_be_ordered_and_named()
    {
        var errors = Errors(Minimal.Replace("{payer: unit, min: 1000, max: 5000, when: if-not-corrected}", "{payer: company, min: 6000, max: 5000, when: later}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("未知的受罚对象 \"company\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("未知的罚款条件 \"later\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("罚款下限 6000 高于上限 5000", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_errors_and_unknown_keys_name_the_line()
    {
        var syntax = Errors(Minimal.Replace("orders: [责令改正]", "orders: [责令改正", StringComparison.Ordinal));
        Assert.Contains("test.yaml", Assert.Single(syntax), StringComparison.Ordinal);
        var indent = Errors(Minimal.Replace("  - number: 3\n", "  - number: 3\n   x: 1\n", StringComparison.Ordinal));
        Assert.Matches(@"test\.yaml:\d+:\d+: YAML 无法读取", Assert.Single(indent));
        var unknown = Errors(Minimal.Replace("title: 擅自关闭（修订后）", "titel: 擅自关闭（修订后）", StringComparison.Ordinal));
        Assert.Matches(@"test\.yaml:\d+:\d+: YAML 无法读取.*titel", Assert.Single(unknown));
    }

    private const string WithClasses = """
        siteClasses:
          - name: public-place
            unlessFlags: [nonPublicPlace]
          - name: listed
            any:
              - {cite: 1.1, categories: [park, square]}
        articles:
        """;

    /// <summary>Issue 11: site classes are data; a rule naming one that does not exist, or a class without members, is refused naming the place.</summary>
    [Fact]
    public void Site_classes_and_selectors_are_validated()
    {
        var yaml = Minimal.Replace("articles:\n", WithClasses + "\n", StringComparison.Ordinal)
            .Replace("        valid: {from: 2015-01-01}\n", "        valid: {from: 2015-01-01}\n        sites: [public-place, listd]\n", StringComparison.Ordinal);
        var e = Assert.Single(Errors(yaml));
        Assert.Contains("articles[1](第2条).rules[1](shut-down).sites[1]", e, StringComparison.Ordinal);
        Assert.Contains("\"listed\"", e, StringComparison.Ordinal);

        var good = Load(yaml.Replace("listd", "listed", StringComparison.Ordinal));
        var selector = good.Rules[1].Sites!;
        Assert.Equal(["public-place", "listed"], selector.In.Select(c => c.Name));
        Assert.True(selector.Matches(Jifang.Rules.Vocabulary.CategoryBits.Of(Jifang.Rules.Vocabulary.SiteCategory.Park), Jifang.Rules.Vocabulary.SiteFlag.None));
        Assert.False(selector.Matches(Jifang.Rules.Vocabulary.CategoryBits.Of(Jifang.Rules.Vocabulary.SiteCategory.Park), Jifang.Rules.Vocabulary.SiteFlag.NonPublicPlace));
        Assert.False(selector.Matches(Jifang.Rules.Vocabulary.CategoryBits.Of(Jifang.Rules.Vocabulary.SiteCategory.Hotel), Jifang.Rules.Vocabulary.SiteFlag.None));

        var empty = Errors(Minimal.Replace("articles:\n", "siteClasses:\n  - name: nothing\narticles:\n", StringComparison.Ordinal));
        Assert.Contains("siteClasses[0](nothing)", Assert.Single(empty), StringComparison.Ordinal);
    }

    [Fact]
    public void A_filing_deadline_needs_a_period_and_a_transitional_deadline_after_its_day()
    {
        const string rule = """
                  - id: filing
                    title: 备案
                    check: filing-deadline
                    cite: 2.2
                    daysFromInService: DAYS
                    transitional: {inUseBefore: 2010-01-01, deadline: DEADLINE}
            """;
        string With(string days, string deadline) => Minimal.Replace("  - number: 3\n",
            rule.Replace("DAYS", days, StringComparison.Ordinal).Replace("DEADLINE", deadline, StringComparison.Ordinal) + "\n  - number: 3\n", StringComparison.Ordinal);
        var spec = Assert.IsType<FilingDeadlineSpec>(Load(With("30", "2010-03-31")).Rules.Single(r => r.Id == "filing").Check);
        Assert.Equal(new DateOnly(2010, 3, 31), spec.Deadline(null));
        Assert.Equal(new DateOnly(2010, 3, 31), spec.Deadline(new DateOnly(2009, 12, 31)));
        Assert.Equal(new DateOnly(2010, 1, 31), spec.Deadline(new DateOnly(2010, 1, 1)));
        Assert.Contains(Errors(With("0", "2010-03-31")), x => x.Contains("rules[2](filing).daysFromInService", StringComparison.Ordinal));
        Assert.Contains(Errors(With("30", "2009-03-31")), x => x.Contains("rules[2](filing).transitional.deadline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_one_bad_pack_loads_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("jifang-packs-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), Minimal);
            File.WriteAllText(Path.Combine(dir.FullName, "b.yaml"), Minimal.Replace("id: test-pack", "id: other-pack", StringComparison.Ordinal).Replace("basis: 3.1", "basis: 3.9", StringComparison.Ordinal));
            var ex = Assert.Throws<PackValidationException>(() => PackSet.Load(dir.FullName));
            Assert.All(ex.Errors, e => Assert.Contains("b.yaml", e, StringComparison.Ordinal));

            File.WriteAllText(Path.Combine(dir.FullName, "b.yaml"), Minimal);
            var dup = Assert.Throws<PackValidationException>(() => PackSet.Load(dir.FullName));
            Assert.Contains(dup.Errors, e => e.Contains("条例标识 \"test-pack\"", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
