using System.Net;
using System.Text;
using Jifang.Features.Import;

namespace Jifang.Import.Tests;

/// <summary>
/// The text rule at the import's door: control characters (NUL; line breaks and tabs in one-line fields), lone surrogates
/// and over-long values are refused per row and column in the report, whatever the sheet or column, and nothing is stored.
/// In a workbook such characters arrive as Excel writes them, escaped <c>_x0001_</c>.
/// </summary>
public abstract class ImportTextTests(PlatformFixture platform)
{
    private async Task<Guid> UnitAsync(string name) => (await platform.CreateUnitAsync(platform.Provider + name, "150102")).Id;

    [Fact]
    public async Task A_nul_in_a_csv_cell_is_refused_naming_the_row_and_column()
    {
        var unit = await UnitAsync("NUL单位");
        var csv = "场所编号,场所名称,场所类别\nN1,空字符\0宾馆,hotel\nN2,正常宾馆,hotel\n";

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Encoding.UTF8.GetBytes(csv), "nul.csv", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal((null, 2, "场所名称"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("U+0000", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Text);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task A_control_character_is_refused_in_every_column_of_every_sheet()
    {
        var unit = await UnitAsync("控制字符单位");
        var sheets = Sheets.Order.Select(name =>
        {
            var headers = Sheets.ColumnsOf(name).Select(c => c.Header).ToArray();
            // Row k + 2 carries U+0001 (as Excel escapes it) in column k and nothing else, so that the report stays short.
            var rows = TestFiles.Row(1, headers) + string.Concat(headers.Select((_, k) =>
                TestFiles.Row(k + 2, headers.Select((_, j) => j == k ? "甲_x0001_乙" : "").ToArray())));
            return (name, TestFiles.Sheet(rows));
        }).ToArray();

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(sheets), "control.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        foreach (var name in Sheets.Order)
        {
            var headers = Sheets.ColumnsOf(name).Select(c => c.Header).ToArray();
            for (var k = 0; k < headers.Length; k++)
            {
                Assert.True(report.Errors.Any(e => e.Sheet == name && e.Row == k + 2 && e.Column == headers[k] && e.Message.Contains("U+0001", StringComparison.Ordinal)),
                    $"{name} 第 {k + 2} 行 {headers[k]}: U+0001 not refused\n{ImportHttp.Errors(report)}");
            }
        }
        Assert.All(report.Errors, e => Assert.DoesNotContain('\u0001', e.Text));
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task A_line_break_is_refused_in_a_one_line_field_and_allowed_in_a_list()
    {
        var unit = await UnitAsync("换行单位");
        var sheet = TestFiles.Sheet(TestFiles.Row(1, "场所名称", "场所类别", "部位") +
            TestFiles.Row(2, "换行\n宾馆", "hotel", "main-entrance") + TestFiles.Row(3, "制表\t宾馆", "hotel", "main-entrance") +
            TestFiles.Row(4, "列表宾馆", "hotel\nentertainment-venue", "main-entrance\r\npassage"));

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(("场所", sheet)), "lines.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            [("场所", 2, "场所名称", "U+000A"), ("场所", 3, "场所名称", "U+0009")],
            report.Errors.Select(e => (e.Sheet!, e.Row!.Value, e.Column!, e.Message.Contains("U+000A", StringComparison.Ordinal) ? "U+000A" : e.Message.Contains("U+0009", StringComparison.Ordinal) ? "U+0009" : e.Message)));
    }

    [Fact]
    public async Task A_lone_surrogate_is_refused()
    {
        var unit = await UnitAsync("代理项单位");
        var sheet = TestFiles.Sheet(TestFiles.Row(1, "场所名称", "场所类别") + TestFiles.Row(2, "半个_xD800_字符", "hotel"));

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(("场所", sheet)), "surrogate.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("场所", 2, "场所名称"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("U+D800", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_longer_than_its_column_is_refused_naming_the_maximum()
    {
        var unit = await UnitAsync("超长单位");
        var sheets = new[]
        {
            ("场所", TestFiles.Sheet(TestFiles.Row(1, "场所编号", "场所名称", "场所类别") + TestFiles.Row(2, "L1", "超长宾馆", "hotel"))),
            ("技防系统", TestFiles.Sheet(TestFiles.Row(1, "场所编号", "系统名称", "子系统") + TestFiles.Row(2, "L1", "监控", "video"))),
            ("技防产品", TestFiles.Sheet(TestFiles.Row(1, "场所编号", "系统名称", "产品型号", "生产厂商") + TestFiles.Row(2, "L1", "监控", "X1", new string('厂', 201)))),
        };

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(sheets), "long.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("技防产品", 2, "生产厂商"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task A_nul_in_a_facts_file_is_refused_naming_the_json_path()
    {
        var unit = await UnitAsync("事实NUL单位");
        var facts = """{"regulation": "nmg-2007", "sites": [{"id": "F1", "name": "空\u0000字符", "categories": ["hotel"]}]}""";

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Encoding.UTF8.GetBytes(facts), "nul.json", unit: unit.ToString(), division: "150102");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal("sites[0].name", error.Path);
        Assert.Contains("U+0000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportTextSqlite(SqliteFixture platform) : ImportTextTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportTextPostgres(PostgresFixture platform) : ImportTextTests(platform);
