using System.Text.Json;

namespace Jifang.Rules.Tests.Cli;

/// <summary>The commands as the contract describes them: output, exit statuses, errors on stderr only.</summary>
public sealed class CliTests
{
    private static string Example(string name) => Path.Combine(Repo.Shared, "contract", "examples", name + ".facts.json");

    private static string Temp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jifang-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Check_prints_the_findings_document_and_exits_1()
    {
        var (code, stdout, stderr) = CliRunner.Run("check", Example("nursing-room-camera"), "--format", "json");
        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("nmg-2007", root.GetProperty("regulation").GetProperty("id").GetString());
        Assert.Equal("内蒙古自治区公共安全技术防范管理条例", root.GetProperty("regulation").GetProperty("title").GetString());
        Assert.Equal("2007-07-01", root.GetProperty("regulation").GetProperty("effective").GetString());
        Assert.Equal("2024-05-01", root.GetProperty("asOf").GetString());
        var f = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("privacy-zone-capture", f.GetProperty("rule").GetString());
        Assert.Equal("device", f.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal("D1", f.GetProperty("subject").GetProperty("id").GetString());
        var b = Assert.Single(f.GetProperty("breaches").EnumerateArray());
        Assert.Equal((9, 2, 3), (b.GetProperty("article").GetInt32(), b.GetProperty("paragraph").GetInt32(), b.GetProperty("item").GetInt32()));
        Assert.Equal("哺乳室内安装了具有视频采集功能的设备", f.GetProperty("message").GetString());
        var c = f.GetProperty("consequence");
        Assert.Equal(22, c.GetProperty("basis").GetProperty("article").GetInt32());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("basis").GetProperty("item").ValueKind);
        Assert.Equal("旗县级以上公安机关", c.GetProperty("authority").GetString());
        Assert.Equal(["责令改正"], c.GetProperty("orders").EnumerateArray().Select(x => x.GetString()!));
        var fine = Assert.Single(c.GetProperty("fines").EnumerateArray());
        Assert.Equal("offender", fine.GetProperty("payer").GetString());
        Assert.Equal(10000, fine.GetProperty("min").GetInt64());
        Assert.Equal(30000, fine.GetProperty("max").GetInt64());
        Assert.Equal("immediately", fine.GetProperty("when").GetString());
        Assert.Equal(2, c.GetProperty("other").GetArrayLength());
    }

    [Fact]
    public void A_finding_without_a_penalty_has_a_null_consequence()
    {
        var (code, stdout, _) = CliRunner.Run("check", Example("citizen-copy-without-approval"), "--format", "json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("consequence").ValueKind);
    }

    [Fact]
    public void Text_format_is_chinese_with_citations_article_text_and_penalty_range()
    {
        var (code, stdout, _) = CliRunner.Run("check", Example("internet-cafe-without-system"), "--format", "text");
        Assert.Equal(1, code);
        // 第九条 has one paragraph: cited without 第一款, as the texts cite (the JSON keeps paragraph 1).
        Assert.Contains("《省安全技术防范条例》第九条第（二）项", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("第九条第一款", stdout, StringComparison.Ordinal);
        Assert.Contains("机场、车站、码头、大型商贸中心、宾馆、网吧", stdout, StringComparison.Ordinal);
        Assert.Contains("第二十四条第二款", stdout, StringComparison.Ordinal);
        Assert.Contains("逾期不改正的，对单位处3000元以上1万元以下罚款", stdout, StringComparison.Ordinal);
        // 第二十四条第二款 says 其他责任人员, not the vocabulary's 其他直接责任人员.
        Assert.Contains("逾期不改正的，对直接负责的主管人员和其他责任人员处1000元以上3000元以下罚款", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("其他直接责任人员", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_findings_exits_0()
    {
        var path = Temp("""{"regulation": "nmg-2007", "asOf": "2024-05-01", "sites": [{"id": "S1", "categories": ["other"]}]}""");
        var (code, stdout, _) = CliRunner.Run("check", path, "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Bad_input_exits_2_with_the_path_on_stderr_and_nothing_on_stdout()
    {
        var path = Temp("""{"regulation": "nmg-2007", "sites": [{"id": "S1", "categories": ["hotel"]}, {"id": "S2", "categories": ["hotel", "hotle"]}]}""");
        var (code, stdout, stderr) = CliRunner.Run("check", path, "--format", "json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("sites[1].categories[1]: 未知的场所类别 \"hotle\"（是否应为 \"hotel\"？）", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0007")]
    [InlineData("\\u0085")]
    [InlineData("\\ud800")]
    public void A_control_character_or_lone_surrogate_in_a_string_exits_2_naming_its_path(string escape)
    {
        // The platform's one text rule applies to facts files too (issue 9).
        var facts = File.ReadAllText(Example("nursing-room-camera")).Replace("\"D1\"", $"\"D{escape}1\"", StringComparison.Ordinal);
        Assert.Contains(escape, facts, StringComparison.Ordinal);
        var (code, stdout, stderr) = CliRunner.Run("check", Temp(facts), "--format", "json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("devices[0].id", stderr, StringComparison.Ordinal);
        Assert.Contains("U+", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regulation_not_yet_in_force_exits_3_naming_its_effective_date()
    {
        var (code, stdout, stderr) = CliRunner.Run("check", Example("nursing-room-camera"), "--as-of", "2007-06-30", "--format", "json");
        Assert.Equal(3, code);
        Assert.Equal("", stdout);
        Assert.Contains("2007-07-01", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Regulation_and_as_of_options_override_the_file()
    {
        var (code, stdout, _) = CliRunner.Run("check", Example("nursing-room-camera"), "--regulation", "province-2012", "--format", "json");
        Assert.Equal(1, code); // 哺乳室 is a private place under province-2012 第十三条第二款's 等 too (docs/decisions/0009)
        Assert.Contains("\"province-2012\"", stdout, StringComparison.Ordinal);
        Assert.Equal(3, CliRunner.Run("check", Example("nursing-room-camera"), "--regulation", "province-2012", "--as-of", "2012-09-30").Code);
    }

    [Theory]
    [InlineData(new[] { "check" }, "FACTS")]
    [InlineData(new[] { "check", "/nonexistent/facts.json" }, "FACTS: 无法读取文件")]
    [InlineData(new[] { "check", "-", "--format", "xml" }, "xml")]
    [InlineData(new[] { "check", "-", "--as-of", "2024-13-01" }, "--as-of: 日期应为 YYYY-MM-DD")]
    [InlineData(new[] { "check", "-", "--regulation", "nmg-2008" }, "--regulation: 未知的条例 \"nmg-2008\"（是否应为 \"nmg-2007\"？）")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "rules", "show", "nmg-2077" }, "未知的条例 \"nmg-2077\"")]
    [InlineData(new[] { "rules", "show", "nmg-2007", "27" }, "没有第27条（共 26 条）")]
    [InlineData(new[] { "rules", "show", "nmg-2007", "第x条" }, "条号应为数字或中文数字")]
    [InlineData(new[] { "check", "-", "--packs", "/nonexistent" }, "条例数据包目录不存在")]
    public void Usage_errors_exit_2_with_a_message(string[] args, string expected)
    {
        var (code, stdout, stderr) = CliRunner.RunWithInput("{}", args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_can_come_from_standard_input()
    {
        var json = File.ReadAllText(Example("internet-cafe-without-system"));
        var (code, stdout, _) = CliRunner.RunWithInput(json, "check", "-", "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("\"site\"", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("admin --help")]
    [InlineData("admin migrate --help")]
    [InlineData("admin create-user --help")]
    [InlineData("audit --help")]
    [InlineData("audit verify --help")]
    [InlineData("audit export --help")]
    [InlineData("audit tree-heads --help")]
    [InlineData("check --help")]
    [InlineData("rules --help")]
    [InlineData("rules list --help")]
    [InlineData("rules show --help")]
    public void Every_command_has_help(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, stdout, stderr) = CliRunner.Run(args);
        var text = stdout + stderr;
        Assert.Contains("--help", text, StringComparison.Ordinal);
        // No arguments at all is `serve` now (the platform), so it is not a help case.
        Assert.Equal(0, code);
    }

    [Fact]
    public void Rules_list_names_every_pack_with_its_effective_date()
    {
        var (code, stdout, _) = CliRunner.Run("rules", "list");
        Assert.Equal(0, code);
        Assert.Contains("province-2012", stdout, StringComparison.Ordinal);
        Assert.Contains("2012-10-01", stdout, StringComparison.Ordinal);
        Assert.Contains("nmg-2007", stdout, StringComparison.Ordinal);
        Assert.Contains("2007-07-01", stdout, StringComparison.Ordinal);
        Assert.Contains("national-2025", stdout, StringComparison.Ordinal);
        Assert.Contains("2025-04-01", stdout, StringComparison.Ordinal);
        var json = CliRunner.Run("rules", "list", "--format", "json").Out;
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Equal(34, doc.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "national-2025").GetProperty("articles").GetInt32());
        Assert.Equal(26, doc.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "nmg-2007").GetProperty("articles").GetInt32());
    }

    [Fact]
    public void Rules_show_numbers_paragraphs_and_items_and_lists_the_rules()
    {
        var (code, stdout, _) = CliRunner.Run("rules", "show", "nmg-2007", "第九条");
        Assert.Equal(0, code);
        Assert.Contains("第九条", stdout, StringComparison.Ordinal);
        Assert.Contains("第二款　下列涉及个人隐私的场所和区域禁止安装", stdout, StringComparison.Ordinal);
        Assert.Contains("（三）哺乳室、公共浴室、更衣室、化妆间、卫生间；", stdout, StringComparison.Ordinal);
        Assert.Contains("privacy-zone-capture", stdout, StringComparison.Ordinal);
        Assert.Contains("处罚依据：《内蒙古自治区公共安全技术防范管理条例》第二十二条\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("第二十二条第一款", stdout, StringComparison.Ordinal);
        Assert.Contains("罚款：并处1万元以上3万元以下罚款", stdout, StringComparison.Ordinal);

        var whole = CliRunner.Run("rules", "show", "province-2012").Out;
        Assert.Contains("第二十九条", whole, StringComparison.Ordinal);
        Assert.Contains("本条例自2012年10月1日起施行。", whole, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(CliRunner.Run("rules", "show", "province-2012", "9", "--format", "json").Out);
        var article = Assert.Single(doc.RootElement.GetProperty("articles").EnumerateArray());
        Assert.Equal(11, article.GetProperty("paragraphs")[0].GetProperty("items").GetArrayLength());
    }

    /// <summary>Issue 11: `rules show national-2025 N` prints each of the 34 articles as the seed text has it, paragraph by paragraph.</summary>
    [Fact]
    public void Rules_show_prints_every_national_article_verbatim()
    {
        var seed = File.ReadAllLines(Path.Combine(Repo.Shared, "seeds", "national-799-2025.txt"));
        var articles = new List<string>();
        foreach (var line in seed.Where(l => l.Trim().Length > 0))
        {
            if (line.StartsWith('第') && line.Contains('条') && line.IndexOf('\u3000', StringComparison.Ordinal) is var gap and > 0 && line[..gap].EndsWith('条'))
            {
                articles.Add(line[(gap + 1)..]);
            }
            else
            {
                articles[^1] += line;
            }
        }
        Assert.Equal(34, articles.Count);
        var filing = CliRunner.Run("rules", "show", "national-2025", "14").Out;
        Assert.Contains("适用场所：公共场所、第七条规定的公共场所", filing, StringComparison.Ordinal);
        Assert.Contains("拒不改正的，处1万元以下罚款", filing, StringComparison.Ordinal);
        for (var n = 1; n <= 34; n++)
        {
            var (code, stdout, _) = CliRunner.Run("rules", "show", "national-2025", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, code);
            var lines = stdout.Split('\n').Skip(1).TakeWhile(l => !l.Contains("引用本条的规则", StringComparison.Ordinal)).Select(l => l.Trim());
            var shown = string.Concat(lines.Select(l => l.StartsWith('第') && l.IndexOf('\u3000', StringComparison.Ordinal) is var g and > 0 && l[..g].EndsWith('款') ? l[(g + 1)..] : l));
            Assert.Equal(articles[n - 1], shown);
        }
    }

    [Fact]
    public void The_binary_exits_with_the_contract_status_as_its_own_process()
    {
        Assert.Equal(1, CliRunner.Process(null, "check", Example("nursing-room-camera"), "--format", "json").Code);
        var bad = CliRunner.Process("{\"regulation\": \"nmg-2007\", \"sites\": [{\"id\": 1}]}", "check", "-");
        Assert.Equal(2, bad.Code);
        Assert.Equal("", bad.Out);
        Assert.Contains("sites[0].id", bad.Err, StringComparison.Ordinal);
        var text = CliRunner.Process(null, "check", Example("nursing-room-camera"));
        Assert.StartsWith("{", text.Out.TrimStart(), StringComparison.Ordinal); // not a terminal: JSON by default
    }
}
