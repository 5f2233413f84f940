using System.Net;
using System.Text;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using MiniExcelLibs;

namespace Jifang.Import.Tests;

public abstract class ImportApiTests(PlatformFixture platform)
{
    private const string Header = "场所编号,场所名称,单位统一社会信用代码,行政区划代码,地址,场所类别,部位,公共区域,大型,城镇";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Csv_of_sites_creates_the_sites_and_their_findings()
    {
        var unit = platform.ExampleUnit.Id;
        var before = await platform.CountsAsync(unit);

        var (status, report) = await ImportHttp.PostAsync(platform.Client, File.ReadAllBytes(PlatformFixture.Example("sites.csv")), "sites.csv", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.Equal(ImportFormat.Csv, report.Format);
        Assert.Equal(3, report.Sites);
        Assert.Equal(["S001", "S002", "S003"], report.Imported.Select(s => s.Code));
        Assert.All(report.Imported, s => Assert.Equal("nmg-2007", s.PackId));
        // A shopping centre with entrances and passages but no system breaches the regulation (nmg-2007 第八条第（八）项).
        Assert.True(report.Imported.Single(s => s.Code == "S002").Findings > 0);
        var after = await platform.CountsAsync(unit);
        Assert.Equal(before.Sites + 3, after.Sites);
        Assert.Equal(before.Findings + report.Findings, after.Findings);

        // What the report says is what the findings list holds.
        foreach (var site in report.Imported)
        {
            var list = await ImportHttp.GetJsonAsync(platform.Client, $"/api/findings?site={site.Id}&pageSize=200");
            Assert.Equal(site.Findings, list.GetProperty("total").GetInt32());
        }
        var school = await ImportHttp.GetJsonAsync(platform.Client, $"/api/sites/{report.Imported.Single(s => s.Code == "S003").Id}");
        Assert.Equal(["main-entrance", "perimeter", "key-part"], school.GetProperty("site").GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        Assert.True(school.GetProperty("site").GetProperty("urban").GetBoolean());
        // Chinese labels are read as the contract's codes.
        var mall = await ImportHttp.GetJsonAsync(platform.Client, $"/api/sites/{report.Imported.Single(s => s.Code == "S002").Id}");
        Assert.Equal(["shopping-center"], mall.GetProperty("site").GetProperty("categories").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["main-entrance", "passage", "business-hall"], mall.GetProperty("site").GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Workbook_creates_sites_systems_devices_and_findings()
    {
        var unit = platform.ExampleUnit.Id;
        var before = await platform.CountsAsync(unit);

        var (status, report) = await ImportHttp.PostAsync(platform.Client, File.ReadAllBytes(PlatformFixture.Example("registry.xlsx")), "registry.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.Equal((3, 2, 2, 0), (report.Sites, report.Systems, report.Devices, report.Acts));
        var after = await platform.CountsAsync(unit);
        Assert.Equal((before.Sites + 3, before.Systems + 2, before.Devices + 2), (after.Sites, after.Systems, after.Devices));
        Assert.Equal(before.Findings + report.Findings, after.Findings);

        var hotel = report.Imported.Single(s => s.Code == "S001");
        var detail = await ImportHttp.GetJsonAsync(platform.Client, $"/api/sites/{hotel.Id}");
        var system = detail.GetProperty("systems").EnumerateArray().Single();
        Assert.Equal("宾馆视频监控", system.GetProperty("name").GetString());
        Assert.Equal("construction-unit-with-police", system.GetProperty("designReview").GetProperty("organizer").GetString());
        Assert.Equal("2021-06-20", system.GetProperty("acceptance").GetProperty("date").GetString());
        Assert.Equal(30, system.GetProperty("retentionDays").GetInt32());
        Assert.Equal("DS-2CD3T46", system.GetProperty("products").EnumerateArray().Single().GetProperty("model").GetString());
        Assert.Equal("construction", system.GetProperty("contractors").EnumerateArray().Single().GetProperty("role").GetString());
        var devices = detail.GetProperty("devices").EnumerateArray().ToList();
        Assert.All(devices, d => Assert.Equal(system.GetProperty("id").GetGuid(), d.GetProperty("systemId").GetGuid()));
        var microphone = devices.Single(d => d.GetProperty("name").GetString() == "808 客房拾音器");
        Assert.Equal("hotel-guest-room", microphone.GetProperty("zone").GetString());
        // A microphone in a guest room is a finding about that device.
        var findings = detail.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("subjectKind").GetString() == "device" && f.GetProperty("subjectId").GetString() == microphone.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Facts_file_creates_sites_systems_devices_acts_and_findings()
    {
        var unit = platform.ExampleUnit;
        var before = await platform.CountsAsync(unit.Id);

        var (status, report) = await ImportHttp.PostAsync(platform.Client, File.ReadAllBytes(PlatformFixture.Example("facts.json")), "facts.json",
            unit: unit.CreditCode, division: "150102");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.Equal(ImportFormat.Facts, report.Format);
        Assert.Equal((2, 1, 2, 1), (report.Sites, report.Systems, report.Devices, report.Acts));
        var after = await platform.CountsAsync(unit.Id);
        Assert.Equal((before.Sites + 2, before.Acts + 1, before.Findings + report.Findings), (after.Sites, after.Acts, after.Findings));

        var hospital = report.Imported.Single(s => s.Code == "H1");
        Assert.Equal("北方医院", hospital.Name);
        var detail = await ImportHttp.GetJsonAsync(platform.Client, $"/api/sites/{hospital.Id}");
        var findings = detail.GetProperty("findings").EnumerateArray().ToList();
        var camera = detail.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "哺乳室摄像机");
        Assert.Contains(findings, f => f.GetProperty("subjectKind").GetString() == "device" && f.GetProperty("subjectId").GetString() == camera.GetProperty("id").GetString());
        var act = detail.GetProperty("acts").EnumerateArray().Single();
        Assert.Equal("system-shut-down", act.GetProperty("kind").GetString());
        Assert.Contains(findings, f => f.GetProperty("subjectKind").GetString() == "act" && f.GetProperty("subjectId").GetString() == act.GetProperty("id").GetString());
        Assert.True(report.Imported.Single(s => s.Code == "M1").Findings > 0);
    }

    [Fact]
    public async Task Csv_with_one_bad_row_imports_nothing_and_names_the_row_and_column()
    {
        var unit = await platform.CreateUnitAsync("坏行测试单位", "150102");
        var csv = $"""
            {Header}
            B1,甲宾馆,,150102,,hotel,main-entrance,否,否,是
            B2,乙宾馆,,150102,,hotle,main-entrance,否,否,是
            B3,丙网吧,,150102,,internet-cafe,main-entrance,也许,否,是
            """;

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Utf8(csv), "bad.csv", unit: unit.Id.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(report.Accepted);
        Assert.Equal(
            ["第 3 行 场所类别: 未知的场所类别 \"hotle\"（是否应为 \"hotel\"？）", "第 4 行 公共区域: 应填“是”或“否”，实际为“也许”"],
            report.Errors.Select(e => e.Text));
        var first = report.Errors[0];
        Assert.Equal((null, 3, "场所类别"), (first.Sheet, first.Row, first.Column));
        Assert.Empty(report.Imported);
        Assert.Equal((0, 0), ((await platform.CountsAsync(unit.Id)).Sites, (await platform.CountsAsync(unit.Id)).Findings));
    }

    [Fact]
    public async Task A_division_that_is_no_county_of_a_known_province_is_refused_in_a_row_and_as_the_default()
    {
        var unit = await platform.CreateUnitAsync("区划测试单位", "150102");
        var csv = $"""
            {Header}
            D1,甲宾馆,,150199,,hotel,main-entrance,否,否,是
            D2,乙宾馆,,,,hotel,main-entrance,否,否,是
            """;

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Utf8(csv), "divisions.csv", unit: unit.Id.ToString(), division: "150100");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(report.Errors, e => e.Column == "--division" && e.Text.Contains("不是县级行政区划", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Row == 2 && e.Text.Contains("150199 不在内蒙古自治区的行政区划中", StringComparison.Ordinal));
        Assert.Empty(report.Imported);
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task Workbook_with_a_bad_system_row_imports_nothing()
    {
        var unit = await platform.CreateUnitAsync("工作簿坏行单位", "150102");
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new Dictionary<string, object>
        {
            ["场所"] = new[]
            {
                Row(("场所编号", "W1"), ("场所名称", "一号商场"), ("场所类别", "shopping-center"), ("部位", "main-entrance;passage")),
                Row(("场所编号", "W2"), ("场所名称", "二号商场"), ("场所类别", "shopping-center"), ("部位", "main-entrance")),
            },
            ["技防系统"] = new[]
            {
                Row(("场所编号", "W1"), ("系统名称", "监控"), ("子系统", "video"), ("覆盖部位", "main-entrance"), ("保存天数", "30")),
                Row(("场所编号", "W2"), ("系统名称", "监控"), ("子系统", "vidoe"), ("覆盖部位", "passage"), ("保存天数", "三十")),
                Row(("场所编号", "W9"), ("系统名称", "报警"), ("子系统", "intrusion-alarm"), ("覆盖部位", null), ("保存天数", null)),
            },
        });

        var (status, report) = await ImportHttp.PostAsync(platform.Client, workbook.ToArray(), "bad.xlsx", unit: unit.Id.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            [
                "技防系统 第 3 行 保存天数: 应为整数，实际为“三十”",
                "技防系统 第 3 行 子系统: 未知的子系统 \"vidoe\"（是否应为 \"video\"？）",
                "技防系统 第 3 行 覆盖部位: 场所未登记这些部位：passage（覆盖部位必须是场所部位的子集）",
                "技防系统 第 4 行 场所编号: “场所”表中没有场所编号“W9”（是否应为“W1”？）",
            ],
            report.Errors.Select(e => e.Text));
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task Facts_file_with_a_bad_element_imports_nothing_and_names_the_json_path()
    {
        var unit = await platform.CreateUnitAsync("事实坏行单位", "150102");
        var facts = """
            {"regulation": "nmg-2007", "sites": [
              {"id": "S1", "categories": ["hotel"]},
              {"id": "S2", "categories": ["hotle"]}
            ]}
            """;

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Utf8(facts), "bad.json", unit: unit.Id.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal("sites[1].categories[0]", error.Path);
        Assert.StartsWith("sites[1].categories[0]: ", error.Text, StringComparison.Ordinal);
        Assert.Contains("hotle", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task Facts_file_without_a_unit_is_rejected()
    {
        var (status, report) = await ImportHttp.PostAsync(platform.Client, File.ReadAllBytes(PlatformFixture.Example("facts.json")), "facts.json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(report.Errors, e => e.Column == "--unit");
    }

    [Fact]
    public async Task Dry_run_judges_but_writes_nothing()
    {
        var unit = await platform.CreateUnitAsync("试运行单位", "150102");
        var csv = $"""
            {Header}
            D1,试运行商场,,,,shopping-center,main-entrance,否,否,是
            """;

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Utf8(csv), "dry.csv", unit: unit.Id.ToString(), dryRun: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.Accepted && report.DryRun);
        Assert.Equal(1, report.Sites);
        Assert.True(report.Findings > 0);
        // No division in the row or the request: the unit's own.
        Assert.Equal("150102", report.Imported.Single().DivisionCode);
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task A_unit_outside_the_callers_jurisdiction_cannot_be_imported_into()
    {
        var unit = await platform.CreateUnitAsync("辖区外单位", "150102");
        using var police = await platform.ClientForAsync(Roles.PoliceCounty, division: "150103");
        var csv = $"""
            {Header}
            P1,辖区外宾馆,,150102,,hotel,main-entrance,否,否,是
            """;

        var (status, report) = await ImportHttp.PostAsync(police, Utf8(csv), "scope.csv", unit: unit.Id.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(report.Errors, e => e.Column == "--unit" && e.Message.Contains("不在您的范围内", StringComparison.Ordinal));
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task A_unit_administrator_imports_into_their_own_unit_by_default()
    {
        var unit = await platform.CreateUnitAsync("本单位导入", "150102");
        using var admin = await platform.ClientForAsync(Roles.UnitAdmin, unit: unit.Id);

        var (status, report) = await ImportHttp.PostAsync(admin, Utf8($"{Header}\nU1,本单位宾馆,,,,hotel,main-entrance,否,否,是\n"), "own.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(unit.Id, report.Imported.Single().UnitId);
        Assert.Equal(1, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task Readers_may_not_import()
    {
        var unit = await platform.CreateUnitAsync("只读单位", "150102");
        using var reader = await platform.ClientForAsync(Roles.UnitOperator, unit: unit.Id);
        using var form = ImportHttp.Form(Utf8($"{Header}\nR1,某宾馆,,,,hotel,,否,否,是\n"), "r.csv", unit: unit.Id.ToString());

        using var response = await reader.PostAsync("/api/import", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Progress_is_streamed_as_server_sent_events_when_asked_for()
    {
        var unit = await platform.CreateUnitAsync("进度单位", "150102");
        using var form = ImportHttp.Form(Utf8($"{Header}\nE1,进度宾馆,,,,hotel,main-entrance,否,否,是\nE2,进度网吧,,,,internet-cafe,,否,否,是\n"), "sse.csv", unit: unit.Id.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/import") { Content = form };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await platform.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: progress", body, StringComparison.Ordinal);
        Assert.Contains("\"stage\":\"judging\"", body, StringComparison.Ordinal);
        var last = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith("event: report", last, StringComparison.Ordinal);
        Assert.Contains("\"accepted\":true", last, StringComparison.Ordinal);
        Assert.Equal(2, (await platform.CountsAsync(unit.Id)).Sites);
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) => cells.ToDictionary(c => c.Key, c => c.Value);
}

[Collection(SqliteCollection.Name)]
public sealed class ImportApiSqlite(SqliteFixture platform) : ImportApiTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportApiPostgres(PostgresFixture platform) : ImportApiTests(platform);
