using System.Net;
using CsvHelper;
using Jifang.Tests.Infrastructure;
using Jifang.Tests.Security;
using MiniExcelLibs;

namespace Jifang.Tests.Features.Exports;

/// <summary>The lists as files: /api/sites|units|alarms|audit/entries/export in CSV and .xlsx, with the lists' filters and scope.</summary>
public abstract class ListExportsTests(PlatformFixture fx)
{
    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static readonly string[] SiteHeaders = ["场所名称", "所属单位", "行政区划", "行政区划代码", "地址", "场所类别", "联系电话", "问题数", "状态", "场所标识"];
    private static readonly string[] UnitHeaders = ["单位名称", "统一社会信用代码", "行政区划", "行政区划代码", "地址", "联系电话", "状态", "单位标识"];
    private static readonly string[] AlarmHeaders = ["报警时间", "场所", "行政区划", "设备", "类型", "优先级", "单位处置", "报警级别", "签收", "处警反馈", "报警标识"];
    private static readonly string[] AuditHeaders = ["序号", "时间", "操作", "操作人", "对象", "行政区划", "依据", "详情", "叶哈希"];

    /// <summary>The file of <paramref name="url"/> in both formats, read as rows (the header first); both must be the same.</summary>
    private static async Task<List<List<string>>> BothAsync(HttpClient client, string url)
    {
        using var csv = await client.GetAsync($"{url}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csvRows = ReadCsv(bytes);

        using var xlsx = await client.GetAsync($"{url}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        // The CSV escapes a value that starts like a formula; the workbook holds it as text.
        Assert.Equal(rows.Select(r => r.Select(v => v.StartsWith('=') ? "'" + v : v).ToList()).ToList(), csvRows);
        return rows;
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

    private static Dictionary<string, string> Row(List<List<string>> rows, int i) =>
        rows[0].Zip(rows[i]).ToDictionary(x => x.First, x => x.Second);

    [Fact]
    public async Task Sites_export_has_the_filtered_sites_in_chinese_and_escapes_a_formula_like_name()
    {
        var tag = fx.Unique("导出场所");
        var admin = fx.Client(Callers.PlatformAdmin);
        var hotel = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, $"=HYPERLINK(\"x\"){tag}", "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var plain = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, $"{tag}旅店", "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var foreign = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.B.UnitId, $"{tag}外县", fx.B.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
        await admin.PostAsync($"/api/sites/{plain}/archive", null).ExpectAsync(HttpStatusCode.NoContent);

        var rows = await BothAsync(County, $"/api/sites/export?search={Uri.EscapeDataString(tag)}");
        Assert.Equal(SiteHeaders, rows[0]);
        var row = Row(rows, 1);
        Assert.Equal(2, rows.Count); // the archived and the other county's are not in it
        Assert.Equal(hotel.ToString(), row["场所标识"]);
        Assert.Equal(fx.A.UnitName, row["所属单位"]);
        Assert.Equal("150102", row["行政区划代码"]);
        Assert.StartsWith("内蒙古自治区", row["行政区划"], StringComparison.Ordinal);
        Assert.Equal("宾馆 / 旅店", row["场所类别"]);
        Assert.Equal("在用", row["状态"]);
        Assert.True(int.Parse(row["问题数"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        using (var csv = await County.GetAsync($"/api/sites/export?format=csv&search={Uri.EscapeDataString(tag)}"))
        {
            Assert.Contains($"'=HYPERLINK", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var archived = await BothAsync(County, $"/api/sites/export?archived=true&search={Uri.EscapeDataString(tag)}");
        Assert.Equal([plain.ToString()], archived.Skip(1).Select(r => r[^1]));
        Assert.Equal("已归档", Row(archived, 1)["状态"]);

        // The police of the other county see their site only; a division outside their scope is the header alone.
        var other = await BothAsync(fx.Client(Callers.PoliceCountyB), $"/api/sites/export?search={Uri.EscapeDataString(tag)}");
        Assert.Equal([foreign.ToString()], other.Skip(1).Select(r => r[^1]));
        var outside = await BothAsync(County, $"/api/sites/export?division={fx.B.Division}&search={Uri.EscapeDataString(tag)}");
        Assert.Equal(SiteHeaders, Assert.Single(outside));
    }

    [Fact]
    public async Task Units_export_has_the_filtered_units_in_scope()
    {
        var tag = fx.Unique("导出单位");
        var admin = fx.Client(Callers.PlatformAdmin);
        var a = (await admin.PostJsonAsync("/api/units", Bodies.Unit($"{tag}甲", "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var b = (await admin.PostJsonAsync("/api/units", Bodies.Unit($"{tag}乙", fx.B.Division)).ExpectAsync(HttpStatusCode.Created)).Id();

        var rows = await BothAsync(County, $"/api/units/export?search={Uri.EscapeDataString(tag)}");
        Assert.Equal(UnitHeaders, rows[0]);
        Assert.Equal([a.ToString()], rows.Skip(1).Select(r => r[^1]));
        var row = Row(rows, 1);
        Assert.Equal($"{tag}甲", row["单位名称"]);
        Assert.Equal("150102", row["行政区划代码"]);
        Assert.StartsWith("内蒙古自治区", row["行政区划"], StringComparison.Ordinal);
        Assert.Equal("在用", row["状态"]);

        var other = await BothAsync(fx.Client(Callers.PoliceCountyB), $"/api/units/export?search={Uri.EscapeDataString(tag)}");
        Assert.Equal([b.ToString()], other.Skip(1).Select(r => r[^1]));
        var all = await BothAsync(admin, $"/api/units/export?search={Uri.EscapeDataString(tag)}&division=150102");
        Assert.Equal([a.ToString()], all.Skip(1).Select(r => r[^1]));
    }

    [Fact]
    public async Task Alarms_export_has_the_filtered_alarms_with_chinese_labels_in_scope()
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("导出报警旅店"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await admin.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System(fx.Unique("导出报警系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var credential = await AlarmMatrixData.CredentialAsync(fx, system);
        var alarm = await AlarmMatrixData.SubmitAsync(fx, credential, fx.Unique("EXPORT"));

        var rows = await BothAsync(fx.Client(Callers.UnitAdminA), $"/api/alarms/export?system={system}");
        Assert.Equal(AlarmHeaders, rows[0]);
        Assert.Equal([alarm.ToString()], rows.Skip(1).Select(r => r[^1]));
        var row = Row(rows, 1);
        Assert.Equal("矩阵探测器", row["设备"]);
        Assert.Equal("入侵报警", row["类型"]);
        Assert.Equal("待处置", row["单位处置"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", row["报警时间"]);
        Assert.StartsWith("内蒙古自治区", row["行政区划"], StringComparison.Ordinal);

        // Another unit, and the police of another county, get the header alone.
        Assert.Equal(AlarmHeaders, Assert.Single(await BothAsync(fx.Client(Callers.UnitAdminB), $"/api/alarms/export?system={system}")));
        Assert.Equal(AlarmHeaders, Assert.Single(await BothAsync(fx.Client(Callers.PoliceCountyB), $"/api/alarms/export?system={system}&status=new")));
    }

    [Fact]
    public async Task Audit_export_has_the_filtered_entries_with_chinese_action_names_in_scope()
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("导出审计旅店"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var entries = await County.GetAsync($"/api/audit/entries?subject=site:{site}").ExpectAsync(HttpStatusCode.OK);

        var rows = await BothAsync(County, $"/api/audit/entries/export?subject=site:{site}");
        Assert.Equal(AuditHeaders, rows[0]);
        Assert.Equal(entries.Items().Select(e => e.GetProperty("index").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        var created = rows.Skip(1).Select((_, i) => Row(rows, i + 1)).Single(r => r["操作"] == entries.Items().First(e => e.Str("action") == "site.created").Str("actionLabel"));
        Assert.Equal($"site:{site}", created["对象"]);
        Assert.Equal("150102", created["行政区划"]);
        Assert.Matches("^[0-9a-f]{64}$", created["叶哈希"]);

        Assert.Equal(AuditHeaders, Assert.Single(await BothAsync(fx.Client(Callers.PoliceCountyB), $"/api/audit/entries/export?subject=site:{site}")));
    }

    [Fact]
    public async Task The_list_pages_link_their_exports_with_the_current_filters()
    {
        var county = await fx.PageClientAsync(Callers.PoliceCounty);
        var tag = Uri.EscapeDataString(fx.Unique("导出链接"));
        var sites = await county.GetStringAsync($"/Sites?search={tag}&division=150102&hasFindings=true");
        Assert.Contains($"href=\"/api/sites/export?format=xlsx&amp;search={tag}&amp;division=150102&amp;hasFindings=true\"", sites, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/sites/export?format=csv&amp;search={tag}&amp;division=150102&amp;hasFindings=true\"", sites, StringComparison.Ordinal);
        var units = await county.GetStringAsync($"/Units?search={tag}");
        Assert.Contains($"href=\"/api/units/export?format=xlsx&amp;search={tag}\"", units, StringComparison.Ordinal);
        var audit = await county.GetStringAsync("/Audit?action=site.created&division=150102");
        Assert.Contains("href=\"/api/audit/entries/export?format=csv&amp;action=site.created&amp;division=150102\"", audit, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/alarms/export?format=xlsx&amp;police=true\"", await county.GetStringAsync("/Alarms/Police"), StringComparison.Ordinal);
        Assert.Contains("href=\"/api/alarms/export?format=csv\"", await (await fx.PageClientAsync(Callers.UnitAdminA)).GetStringAsync("/Alarms"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/sites/export?format=pdf", "format")]
    [InlineData("/api/units/export?format=doc", "format")]
    [InlineData("/api/alarms/export?format=xls", "format")]
    [InlineData("/api/audit/entries/export?format=json", "format")]
    [InlineData("/api/audit/entries/export?division=15x", "division")]
    [InlineData("/api/sites/export?hasFindings=maybe", "hasFindings")]
    public async Task A_bad_query_value_is_a_400_naming_it(string url, string field)
    {
        using var response = await fx.Client(Callers.PlatformAdmin).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListExportsSqlite(SqliteFixture fx) : ListExportsTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ListExportsPostgres(PostgresFixture fx) : ListExportsTests(fx);
