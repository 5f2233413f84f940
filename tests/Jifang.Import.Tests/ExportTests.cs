using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Jifang.Features.Import;
using MiniExcelLibs;

namespace Jifang.Import.Tests;

public abstract partial class ExportTests(PlatformFixture platform)
{
    /// <summary>A division only this class imports into, so its findings are known.</summary>
    private const string Division = "150124";

    // The 款 is left out for an article of one paragraph (第八条第（八）项, 第二十一条), as the texts cite.
    [GeneratedRegex("^《[^》]+》第[一二三四五六七八九十百零]+条(第[一二三四五六七八九十]+款)?(第（[一二三四五六七八九十]+）项)?$")]
    private static partial Regex Citation();

    private static readonly string[] Headers =
    [
        "行政区划代码", "单位", "场所", "场所类别", "条例", "规则", "问题", "对象类型", "对象", "违反条款", "条文", "问题说明",
        "处罚依据", "处罚机关", "责令", "罚款", "其他法律责任", "同一违法行为", "评判日期", "场所标识",
    ];

    private async Task<ImportReport> SeedAsync()
    {
        var existing = await ImportHttp.GetJsonAsync(platform.Client, $"/api/sites?division={Division}");
        if (existing.GetProperty("total").GetInt32() > 0)
        {
            return null!;
        }
        var unit = await platform.CreateUnitAsync("导出测试单位", Division);
        var csv = $"""
            场所编号,场所名称,行政区划代码,场所类别,部位,城镇
            X1,导出商场,{Division},shopping-center,main-entrance;business-hall,是
            X2,导出宾馆,{Division},hotel;entertainment-venue,main-entrance;passage,是
            """;
        var (_, report) = await ImportHttp.PostAsync(platform.Client, Encoding.UTF8.GetBytes(csv), "export.csv", unit: unit.Id.ToString());
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.True(report.Findings > 0);
        return report;
    }

    /// <summary>The findings list for the division, as GET /api/findings gives it.</summary>
    private async Task<List<JsonElement>> ListAsync()
    {
        var list = await ImportHttp.GetJsonAsync(platform.Client, $"/api/findings?division={Division}&pageSize=200");
        return list.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Csv_export_has_chinese_headers_and_one_row_per_finding_with_written_out_citations()
    {
        await SeedAsync();
        var expected = await ListAsync();

        using var response = await platform.Client.GetAsync($"/api/findings/export?format=csv&division={Division}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ReadCsv(bytes);
        Assert.Equal(Headers, rows[0]);
        Assert.Equal(expected.Count, rows.Count - 1);
        AssertRows(expected, rows.Skip(1).ToList());
    }

    [Fact]
    public async Task Xlsx_export_is_a_workbook_with_the_same_rows()
    {
        await SeedAsync();
        var expected = await ListAsync();
        using var csv = await platform.Client.GetAsync($"/api/findings/export?format=csv&division={Division}");
        var csvRows = ReadCsv(await csv.Content.ReadAsByteArrayAsync());

        using var response = await platform.Client.GetAsync($"/api/findings/export?format=xlsx&division={Division}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["问题清单"], MiniExcel.GetSheetNames(workbook));
        workbook.Position = 0;
        var rows = MiniExcel.Query(workbook, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        Assert.Equal(Headers, rows[0]);
        Assert.Equal(expected.Count, rows.Count - 1);
        AssertRows(expected, rows.Skip(1).ToList());
        Assert.Equal(csvRows, rows);
    }

    [Fact]
    public async Task Export_of_nothing_still_has_the_header()
    {
        using var response = await platform.Client.GetAsync("/api/findings/export?format=xlsx&division=159998");
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Headers, rows.Single().Values.Select(v => v?.ToString()));
    }

    [Fact]
    public async Task Unknown_format_is_a_validation_problem()
    {
        using var response = await platform.Client.GetAsync("/api/findings/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertRows(List<JsonElement> expected, List<List<string>> rows)
    {
        var column = Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        for (var i = 0; i < expected.Count; i++)
        {
            var f = expected[i];
            var row = rows[i];
            Assert.Equal(Division, row[column["行政区划代码"]]);
            Assert.Equal("导出测试单位", row[column["单位"]]);
            Assert.Equal(f.GetProperty("siteId").GetString(), row[column["场所标识"]]);
            Assert.Equal(f.GetProperty("rule").GetString(), row[column["规则"]]);
            Assert.Equal(f.GetProperty("message").GetString(), row[column["问题说明"]]);
            Assert.Equal("《内蒙古自治区公共安全技术防范管理条例》", row[column["条例"]]);
            var breaches = f.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("text").GetString()!).ToList();
            Assert.Equal(string.Join("；", breaches), row[column["违反条款"]]);
            Assert.All(row[column["违反条款"]].Split('；'), c => Assert.Matches(Citation(), c));
            var consequence = f.GetProperty("consequence");
            if (consequence.ValueKind == JsonValueKind.Null)
            {
                Assert.Equal("本条例对此未规定罚则", row[column["处罚依据"]]);
            }
            else
            {
                Assert.Equal(consequence.GetProperty("basis").GetProperty("text").GetString(), row[column["处罚依据"]]);
                Assert.Matches(Citation(), row[column["处罚依据"]]);
            }
        }
        Assert.Contains(rows, r => r[column["场所"]] == "导出商场" && r[column["对象类型"]] == "场所" && r[column["对象"]] == "导出商场");
        Assert.Contains(rows, r => r[column["场所类别"]] == "宾馆、文化娱乐场所");
    }

    private static List<List<string>> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        }
        return rows;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExportSqlite(SqliteFixture platform) : ExportTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ExportPostgres(PostgresFixture platform) : ExportTests(platform);
