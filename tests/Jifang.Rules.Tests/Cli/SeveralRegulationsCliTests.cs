using System.Text.Json;
using Jifang.Rules.Tests.Engine;

namespace Jifang.Rules.Tests.Cli;

/// <summary><c>jifang check --regulation A --regulation B</c> and <c>jifang compare</c>: output, exit statuses, bad input on stderr.</summary>
public sealed class SeveralRegulationsCliTests
{
    private static string Temp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jifang-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Check_with_one_regulation_keeps_the_single_findings_document()
    {
        var path = Temp(ComparisonTests.Facts);
        var (code, stdout, _) = CliRunner.Run("check", path, "--regulation", "province-2012", "--format", "json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("province-2012", doc.RootElement.GetProperty("regulation").GetProperty("id").GetString());
        Assert.False(doc.RootElement.TryGetProperty("judgements", out _));
    }

    [Fact]
    public void Check_with_several_regulations_writes_one_findings_document_each()
    {
        var path = Temp(ComparisonTests.Facts);
        var (code, stdout, stderr) = CliRunner.Run("check", path, "--regulation", "province-2012", "--regulation", "nmg-2007", "--format", "json");
        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["province-2012", "nmg-2007"], root.GetProperty("regulations").EnumerateArray().Select(r => r.GetString()!));
        var judgements = root.GetProperty("judgements").EnumerateArray().ToList();
        Assert.Equal(["province-2012", "nmg-2007"], judgements.Select(j => j.GetProperty("regulation").GetProperty("id").GetString()!));
        // Each is the single-regulation document as `check --regulation X` prints it.
        using var alone = JsonDocument.Parse(CliRunner.Run("check", path, "--regulation", "nmg-2007", "--format", "json").Out);
        Assert.Equal(JsonSerializer.Serialize(alone.RootElement), JsonSerializer.Serialize(judgements[1]));
        Assert.Equal(0, root.GetProperty("notInForce").GetArrayLength());
    }

    [Fact]
    public void Check_with_several_regulations_in_text_has_a_section_each_and_says_which_is_not_in_force()
    {
        var path = Temp(ComparisonTests.Facts);
        var (code, stdout, _) = CliRunner.Run("check", path, "--regulation", "nmg-2007", "--regulation", "national-2025", "--format", "text");
        Assert.Equal(1, code); // findings under nmg-2007
        Assert.Contains("══ 一、《内蒙古自治区公共安全技术防范管理条例》（nmg-2007） ══", stdout, StringComparison.Ordinal);
        Assert.Contains("══ 二、《公共安全视频图像信息系统管理条例》（national-2025） ══", stdout, StringComparison.Ordinal);
        Assert.Contains("自 2025-04-01 起施行，评判日期 2024-05-01 时尚未施行", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_regulations_without_findings_but_one_not_in_force_exit_3()
    {
        var path = Temp("""{"asOf": "2024-05-01", "sites": [{"id": "S1", "categories": ["other"]}]}""");
        var (code, stdout, _) = CliRunner.Run("check", path, "--regulation", "nmg-2007", "--regulation", "national-2025", "--format", "json");
        Assert.Equal(3, code);
        using var doc = JsonDocument.Parse(stdout);
        var n = Assert.Single(doc.RootElement.GetProperty("notInForce").EnumerateArray());
        Assert.Equal("national-2025", n.GetProperty("regulation").GetProperty("id").GetString());
        Assert.Equal(0, CliRunner.Run("check", path, "--regulation", "nmg-2007", "--regulation", "province-2012").Code);
    }

    [Fact]
    public void Several_regulations_read_standard_input_once()
    {
        var (code, stdout, _) = CliRunner.RunWithInput(ComparisonTests.Facts, "check", "-", "--regulation", "nmg-2007", "--regulation", "province-2012", "--format", "json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.All(doc.RootElement.GetProperty("judgements").EnumerateArray(), j => Assert.NotEqual(0, j.GetProperty("findings").GetArrayLength()));
    }

    [Theory]
    [InlineData("check", "nmg-2007", "nmg-207", "是否应为 \"nmg-2007\"")]
    [InlineData("check", "nmg-2007", "nmg-2007", "重复")]
    [InlineData("compare", "nmg-2007", "nmg-2007", "重复")]
    [InlineData("compare", "nmg-2007", "provice-2012", "是否应为 \"province-2012\"")]
    public void A_bad_regulation_list_exits_2_naming_the_option(string command, string first, string second, string expected)
    {
        var path = Temp(ComparisonTests.Facts);
        var (code, stdout, stderr) = CliRunner.Run(command, path, "--regulation", first, "--regulation", second);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("--regulation: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_needs_a_second_regulation_and_bad_facts_name_the_field()
    {
        var path = Temp(ComparisonTests.Facts);
        var one = CliRunner.Run("compare", path, "--regulation", "nmg-2007");
        Assert.Equal(2, one.Code);
        Assert.Contains("--regulation: 比较需要两部条例", one.Err, StringComparison.Ordinal);
        var three = CliRunner.Run("compare", path, "--regulation", "nmg-2007", "--regulation", "province-2012", "--regulation", "national-2025");
        Assert.Equal(2, three.Code);
        Assert.Contains("只能针对两部条例", three.Err, StringComparison.Ordinal);
        var bad = CliRunner.RunWithInput("""{"sites": [{"id": 1}]}""", "compare", "-", "--regulation", "nmg-2007", "--regulation", "province-2012");
        Assert.Equal(2, bad.Code);
        Assert.Equal("", bad.Out);
        Assert.Contains("sites[0].id", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_prints_both_citations_and_both_penalty_ranges_and_what_differs()
    {
        var path = Temp(ComparisonTests.Facts);
        var (code, stdout, _) = CliRunner.Run("compare", path, "--regulation", "nmg-2007", "--regulation", "province-2012", "--format", "text");
        Assert.Equal(1, code);
        Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第九条第二款第（一）项", stdout, StringComparison.Ordinal);
        Assert.Contains("《省安全技术防范条例》第十三条第二款", stdout, StringComparison.Ordinal);
        Assert.Contains("罚款：并处1万元以上3万元以下罚款", stdout, StringComparison.Ordinal);
        Assert.Contains("罚款：逾期不改正的，对单位处1万元以上5万元以下罚款", stdout, StringComparison.Ordinal);
        Assert.Contains("依《内蒙古自治区公共安全技术防范管理条例》不准许，依《省安全技术防范条例》准许", stdout, StringComparison.Ordinal);
        Assert.Contains("逐条对照", stdout, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(CliRunner.Run("compare", path, "--regulation", "nmg-2007", "--regulation", "province-2012", "--format", "json").Out);
        Assert.Equal("province-2012", doc.RootElement.GetProperty("second").GetProperty("regulation").GetProperty("id").GetString());
        Assert.NotEqual(0, doc.RootElement.GetProperty("differ").GetInt32());
    }
}
