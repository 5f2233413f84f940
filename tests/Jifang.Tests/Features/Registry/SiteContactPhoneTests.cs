using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// A site's contact phone (联系电话): entered through the API, the site's form and an import, checked, and offered as a
/// tel: link on every alarm of the site (the operator's console, 报警中心, the alarm's page) and on the site's page.
/// </summary>
public abstract class SiteContactPhoneTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static object Hotel(Guid unit, string name, string division, string? phone) => new
    {
        unitId = unit, name, divisionCode = division, address = name + "的地址", categories = new[] { "hotel" },
        parts = new[] { "main-entrance", "passage" }, contactPhone = phone,
    };

    [Fact]
    public async Task The_api_keeps_a_phone_as_written_and_refuses_one_that_is_not_a_phone_naming_the_field()
    {
        var name = fx.Unique("电话旅店");
        var site = await Admin.PostJsonAsync("/api/sites", Hotel(fx.A.UnitId, name, fx.A.Division, " 0471-6612345 转 8 ")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("0471-6612345 转 8", site.Str("contactPhone"));
        var id = site.Id();
        foreach (var bad in new[] { "值班室", "0471-66123a5", "--", new string('1', 41) })
        {
            var refused = await Admin.PutJsonAsync($"/api/sites/{id}", Hotel(fx.A.UnitId, name, fx.A.Division, bad)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("contactPhone", out _), $"{bad}: {refused}");
        }
        var cleared = await Admin.PutJsonAsync($"/api/sites/{id}", Hotel(fx.A.UnitId, name, fx.A.Division, "")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared.Str("contactPhone"));
        var international = await Admin.PutJsonAsync($"/api/sites/{id}", Hotel(fx.A.UnitId, name, fx.A.Division, "+86 (471) 661 2345")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("+86 (471) 661 2345", international.Str("contactPhone"));
    }

    [Fact]
    public async Task An_import_reads_the_column_联系电话()
    {
        var name = fx.Unique("导入电话旅店");
        var csv = "场所编号,场所名称,单位统一社会信用代码,单位名称,行政区划代码,地址,联系电话,场所类别,部位,公共区域,大型,城镇,涉及国家秘密,存放重要物品\n"
            + $"T001,{name},,,{fx.A.Division},电话路 1 号,0471-6600001,hotel,main-entrance;passage;common-area,否,否,是,否,否\n";
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent
        {
            { file, "file", "sites.csv" },
            { new StringContent(fx.A.UnitId.ToString()), "unit" },
            { new StringContent("false"), "dryRun" },
        };
        await Admin.PostAsync(Url("/api/import"), form).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("0471-6600001", await fx.DbAsync(db => db.Sites.IgnoreQueryFilters().Where(s => s.Name == name).Select(s => s.ContactPhone).SingleAsync()));
    }

    [Fact]
    public async Task Every_alarm_of_the_site_offers_its_phone_to_call_on_the_consoles_and_the_pages()
    {
        var s = await fx.NewSystemAsync();
        var site = await Admin.GetAsync(Url($"/api/sites/{s.SiteId}")).ExpectAsync(HttpStatusCode.OK);
        var name = site.GetProperty("site").Str("name");
        await Admin.PutJsonAsync($"/api/sites/{s.SiteId}", Hotel(s.UnitId, name, s.Division, "0471-6612345 转 8")).ExpectAsync(HttpStatusCode.OK);
        var id = await fx.AcceptedAlarmAsync(s);
        const string Link = "href=\"tel:04716612345\"";

        var alarm = await fx.Client(Callers.UnitOperatorA).AlarmAsync(id);
        Assert.Equal("0471-6612345 转 8", alarm.GetProperty("alarm").Str("siteContactPhone"));
        var unit = await fx.PageClientAsync(Callers.UnitOperatorA);
        Assert.Contains(Link, RowOf(await unit.GetStringAsync(Url("/Alarms")), $"alarm-{id}"), StringComparison.Ordinal);
        Assert.Contains(Link, await unit.GetStringAsync(Url($"/Alarms/Details/{id}")), StringComparison.Ordinal);
        Assert.Contains(Link, await unit.GetStringAsync(Url($"/Sites/Details/{s.SiteId}")), StringComparison.Ordinal);

        await fx.Client(Callers.UnitOperatorA).PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var police = await fx.PageClientAsync(Callers.PoliceCounty);
        Assert.Contains(Link, RowOf(await police.GetStringAsync(Url("/Alarms/Police")), $"alarm-{id}"), StringComparison.Ordinal);
        // The site's form shows it to edit.
        var editor = await fx.PageClientAsync(Callers.UnitAdminA);
        Assert.Contains("value=\"0471-6612345 转 8\"", WebUtility.HtmlDecode(await editor.GetStringAsync(Url($"/Sites/Edit/{s.SiteId}"))), StringComparison.Ordinal);
        // The form checks it as the API does, on the field.
        var refused = await Records.RecordsKit.PostFormAsync(editor, $"/Sites/Edit/{s.SiteId}", null, new()
        {
            ["Input.UnitId"] = s.UnitId.ToString(), ["Input.Name"] = name, ["Input.DivisionCode"] = s.Division, ["Input.Address"] = "地址",
            ["Input.Categories"] = "hotel", ["Input.ContactPhone"] = "值班室",
        });
        Assert.Contains("联系电话只能包含数字", refused, StringComparison.Ordinal);
        Assert.Equal("0471-6612345 转 8", await fx.DbAsync(db => db.Sites.IgnoreQueryFilters().Where(x => x.Id == s.SiteId).Select(x => x.ContactPhone).SingleAsync()));
    }

    private static string RowOf(string html, string rowId)
    {
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr id=\"{rowId}\".*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, $"no row {rowId}");
        return row.Value;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SiteContactPhoneSqlite(SqliteFixture fx) : SiteContactPhoneTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SiteContactPhonePostgres(PostgresFixture fx) : SiteContactPhoneTests(fx);
