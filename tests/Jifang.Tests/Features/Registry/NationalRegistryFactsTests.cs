using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Issue 11: the registry records the facts the national regulation reads. A video system's notice (signagePosted,
/// 《公共安全视频图像信息系统管理条例》第十三条) and a site that is not a public place (nonPublicPlace, 第三十三条: only that
/// article applies to it), through the API, the pages and the imports; not stated, the law's presumption (not posted; a public place).
/// </summary>
public abstract class NationalRegistryFactsTests(PlatformFixture fx)
{
    private const string National = "national-2025";

    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement[]> FindingsAsync(HttpClient client, Guid site, string rule, string regulation) =>
        (await client.GetAsync($"/api/findings?site={site}&rule={rule}&regulation={regulation}&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().ToArray();

    /// <summary>A body as a client that predates the field writes it: without <paramref name="field"/>.</summary>
    private static JsonObject Without(object body, string field)
    {
        var json = JsonSerializer.SerializeToNode(body, Web)!.AsObject();
        json.Remove(field);
        return json;
    }

    private static JsonObject With(object body, string field, JsonNode? value)
    {
        var json = Without(body, field);
        json[field] = value;
        return json;
    }

    [Fact]
    public async Task A_video_system_without_the_notice_breaches_article_13_until_it_is_posted_and_an_omitted_value_keeps_it()
    {
        var site = (await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("提示标识旅店"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var created = await County.PostJsonAsync($"/api/sites/{site}/systems", Without(Bodies.System("旅店监控", "main-entrance", "passage"), "signagePosted"))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.False(created.GetProperty("signagePosted").GetBoolean());
        var system = created.Id();

        var finding = Assert.Single(await FindingsAsync(County, site, "signage", National));
        Assert.Equal("system", finding.Str("subjectKind"));
        Assert.Equal(system.ToString(), finding.Str("subjectId"));
        var breach = Assert.Single(finding.GetProperty("breaches").EnumerateArray());
        Assert.Equal("13.1", breach.Str("cite"));
        Assert.StartsWith("《公共安全视频图像信息系统管理条例》第十三条", breach.Str("text"), StringComparison.Ordinal);
        Assert.Contains("设置显著的提示标识", breach.Str("words"), StringComparison.Ordinal);
        // The site's page says so beside the system.
        var page = WebUtility.HtmlDecode(await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(Url($"/Sites/Details/{site}")));
        Assert.Contains("提示标识（第十三条）：未设置", page, StringComparison.Ordinal);

        var posted = await County.PutJsonAsync($"/api/systems/{system}", Bodies.System("旅店监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(posted.GetProperty("signagePosted").GetBoolean());
        Assert.Empty(await FindingsAsync(County, site, "signage", National));

        // A client that does not send the field leaves it as it is.
        var kept = await County.PutJsonAsync($"/api/systems/{system}", Without(Bodies.System("旅店监控（改名）", "main-entrance", "passage"), "signagePosted"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(kept.GetProperty("signagePosted").GetBoolean());
        Assert.True((await County.GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK)).GetProperty("signagePosted").GetBoolean());
        Assert.Empty(await FindingsAsync(County, site, "signage", National));
    }

    [Fact]
    public async Task A_site_that_is_not_a_public_place_has_no_national_article_8_finding_for_a_guest_room_camera_but_keeps_its_regional_one()
    {
        var name = fx.Unique("非公共场所旅店");
        var site = (await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, name, "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await County.PostJsonAsync($"/api/sites/{site}/systems", Without(Bodies.System("监控", "main-entrance", "passage"), "signagePosted"))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await County.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("客房摄像机", "hotel-guest-room", system)).ExpectAsync(HttpStatusCode.Created);
        var national = Assert.Single(await FindingsAsync(County, site, "privacy-zone-capture", National));
        Assert.Equal("8.1.1", national.GetProperty("breaches")[0].Str("cite"));
        Assert.Single(await FindingsAsync(County, site, "signage", National));
        Assert.False((await County.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK)).GetProperty("site").GetProperty("nonPublicPlace").GetBoolean());

        var marked = await County.PutJsonAsync($"/api/sites/{site}", With(Bodies.Hotel(fx.A.UnitId, name, "150102"), "nonPublicPlace", true)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(marked.GetProperty("nonPublicPlace").GetBoolean());
        Assert.Empty(await FindingsAsync(County, site, "privacy-zone-capture", National));
        Assert.Empty(await FindingsAsync(County, site, "signage", National));
        var regional = Assert.Single(await FindingsAsync(County, site, "privacy-zone-capture", "nmg-2007"));
        Assert.Equal("9.2.1", regional.GetProperty("breaches")[0].Str("cite"));

        // Omitted on update, it stays; the page names the article.
        await County.PutJsonAsync($"/api/sites/{site}", Bodies.Hotel(fx.A.UnitId, name, "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.True((await County.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK)).GetProperty("site").GetProperty("nonPublicPlace").GetBoolean());
        Assert.Empty(await FindingsAsync(County, site, "privacy-zone-capture", National));
        var page = WebUtility.HtmlDecode(await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(Url($"/Sites/Details/{site}")));
        Assert.Contains("非公共场所（《公共安全视频图像信息系统管理条例》第三十三条）", page, StringComparison.Ordinal);

        // Unmarked, the national finding is back.
        await County.PutJsonAsync($"/api/sites/{site}", With(Bodies.Hotel(fx.A.UnitId, name, "150102"), "nonPublicPlace", false)).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await FindingsAsync(County, site, "privacy-zone-capture", National));
    }

    [Fact]
    public async Task A_value_that_is_not_a_boolean_is_refused_naming_the_field_and_changes_nothing()
    {
        var name = fx.Unique("类型不对的旅店");
        var refused = await County.PostJsonAsync("/api/sites", With(Bodies.Hotel(fx.A.UnitId, name, "150102"), "nonPublicPlace", "是")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("nonPublicPlace", out _), refused.ToString());
        Assert.False(await fx.DbAsync(db => db.Sites.IgnoreQueryFilters().AnyAsync(s => s.Name == name)));

        var site = (await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, name, "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await County.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System("监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created)).Id();
        foreach (JsonNode bad in new JsonNode[] { JsonValue.Create(1), JsonValue.Create("false"), new JsonArray() })
        {
            var answer = await County.PutJsonAsync($"/api/systems/{system}", With(Bodies.System("改了名的监控", "main-entrance"), "signagePosted", bad))
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.True(answer.GetProperty("errors").TryGetProperty("signagePosted", out _), answer.ToString());
            var stored = await fx.DbAsync(db => db.Systems.Where(s => s.Id == system).Select(s => new { s.Name, s.SignagePosted }).SingleAsync());
            Assert.Equal(("监控", true), (stored.Name, stored.SignagePosted));
        }
    }

    [Fact]
    public async Task The_forms_have_the_checkboxes_and_store_them()
    {
        var name = fx.Unique("表单非公共场所");
        var editor = await fx.PageClientAsync(Callers.UnitAdminA);
        var form = await editor.GetStringAsync(Url("/Sites/Create"));
        Assert.Contains("name=\"Input.NonPublicPlace\"", form, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第三十三条", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        using (var posted = await editor.PostFormAsync("/Sites/Create", "/Sites/Create",
            ("Input.UnitId", fx.A.UnitId.ToString()), ("Input.Name", name), ("Input.DivisionCode", fx.A.Division), ("Input.Address", "地址"),
            ("Input.Categories", "hotel"), ("Input.Parts", "main-entrance"), ("Input.NonPublicPlace", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        var site = await fx.DbAsync(db => db.Sites.IgnoreQueryFilters().Where(s => s.Name == name).Select(s => new { s.Id, s.NonPublicPlace }).SingleAsync());
        Assert.True(site.NonPublicPlace);

        var systemForm = WebUtility.HtmlDecode(await editor.GetStringAsync(Url($"/Systems/Create?siteId={site.Id}")));
        Assert.Contains("name=\"Input.SignagePosted\"", systemForm, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第十三条", systemForm, StringComparison.Ordinal);
        using (var posted = await editor.PostFormAsync($"/Systems/Create?siteId={site.Id}", $"/Systems/Create?siteId={site.Id}",
            ("Input.Name", "表单视频系统"), ("Input.Subsystems", "video"), ("Input.Covers", "main-entrance"), ("Input.SignagePosted", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        Assert.True(await fx.DbAsync(db => db.Systems.Where(s => s.SiteId == site.Id).Select(s => s.SignagePosted).SingleAsync()));
    }

    [Fact]
    public async Task Imports_read_the_columns_非公共场所_and_已设置提示标识_and_the_facts_fields()
    {
        var name = fx.Unique("导入非公共场所");
        var csv = "场所编号,场所名称,行政区划代码,场所类别,部位,非公共场所\n" + $"T001,{name},{fx.A.Division},hotel,main-entrance,是\n";
        await ImportAsync(Encoding.UTF8.GetBytes(csv), "sites.csv", "text/csv");
        Assert.True(await fx.DbAsync(db => db.Sites.IgnoreQueryFilters().Where(s => s.Name == name).Select(s => s.NonPublicPlace).SingleAsync()));

        var facts = $$"""
            {"regulation": "nmg-2007", "sites": [{"id": "F1", "name": "{{fx.Unique("事实文件场所")}}", "categories": ["hotel"], "parts": ["main-entrance"], "nonPublicPlace": true,
              "systems": [{"id": "提示标识系统", "subsystems": ["video"], "covers": ["main-entrance"], "signagePosted": true},
                          {"id": "无提示标识系统", "subsystems": ["video"], "covers": ["main-entrance"]}]}]}
            """;
        await ImportAsync(Encoding.UTF8.GetBytes(facts), "facts.json", "application/json");
        var systems = await fx.DbAsync(db => db.Systems.Where(s => s.Site!.UnitId == fx.A.UnitId && s.Name.EndsWith("提示标识系统") && s.Site.NonPublicPlace)
            .OrderBy(s => s.Name).Select(s => new { s.Name, s.SignagePosted }).ToListAsync());
        Assert.Contains(systems, s => s.Name == "提示标识系统" && s.SignagePosted);
        Assert.Contains(systems, s => s.Name == "无提示标识系统" && !s.SignagePosted);
    }

    private async Task ImportAsync(byte[] bytes, string fileName, string type)
    {
        using var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(fx.A.UnitId.ToString()), "unit" },
            { new StringContent(fx.A.Division), "division" },
            { new StringContent("false"), "dryRun" },
        };
        await fx.Client(Callers.PlatformAdmin).PostAsync(Url("/api/import"), form).ExpectAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NationalRegistryFactsSqlite(SqliteFixture fx) : NationalRegistryFactsTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class NationalRegistryFactsPostgres(PostgresFixture fx) : NationalRegistryFactsTests(fx);
