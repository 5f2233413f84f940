using System.Net;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Compliance;

/// <summary>Live compliance: every registry change re-judges the site; findings cite the regulation; the dashboard counts them.</summary>
public abstract class ComplianceTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static IEnumerable<JsonElement> Findings(JsonElement detail) => detail.GetProperty("findings").EnumerateArray();

    private static bool Cites(JsonElement finding, string rule, string cite) =>
        finding.Str("rule") == rule && finding.GetProperty("breaches").EnumerateArray().Any(b => b.Str("cite") == cite);

    /// <summary>A site's findings (under one regulation when given: a site is judged under the national one too).</summary>
    /// <summary>
    /// The findings but the national filing duty (第十四条): a shopping centre is a place of 第七条, and the system a test registers is
    /// in service unfiled; filing is its own workflow (FilingTests), not the subject of these tests.
    /// </summary>
    private static JsonElement[] WithoutFiling(JsonElement[] findings) => findings.Where(f => f.Str("rule") != "filing-deadline").ToArray();

    private static async Task<JsonElement[]> FindingsOfSiteAsync(HttpClient client, Guid site, string? regulation = null) =>
        (await client.GetAsync($"/api/findings?site={site}&pageSize=200{(regulation is null ? "" : "&regulation=" + regulation)}").ExpectAsync(HttpStatusCode.OK)).Items().ToArray();

    [Fact]
    public async Task A_hotel_whose_system_covers_only_the_main_entrance_breaches_8_1_8_until_the_passage_is_covered()
    {
        var site = (await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("只管大门的旅店"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await County.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System("大门监控", "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();

        var detail = await County.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("nmg-2007", detail.GetProperty("site").Str("packId"));
        var finding = Assert.Single(Findings(detail), f => f.Str("rule") == "mandatory-installation");
        Assert.Equal("nmg-2007", finding.Str("packId"));
        Assert.Equal("内蒙古自治区公共安全技术防范管理条例", finding.Str("regulationTitle"));
        Assert.Equal("site", finding.Str("subjectKind"));
        Assert.Equal(site.ToString(), finding.Str("subjectId"));
        var breach = Assert.Single(finding.GetProperty("breaches").EnumerateArray());
        Assert.Equal("8.1.8", breach.Str("cite"));
        Assert.Equal("《内蒙古自治区公共安全技术防范管理条例》第八条第（八）项", breach.Str("text"));
        Assert.Contains("旅店、商场、旅游景区、文化娱乐场所的主要出入口和通道", breach.Str("words"), StringComparison.Ordinal);
        Assert.Contains("通道", finding.Str("message"), StringComparison.Ordinal);
        var consequence = finding.GetProperty("consequence");
        Assert.Equal("21.1", consequence.GetProperty("basis").Str("cite"));
        Assert.Equal([5000L, 10000L], consequence.GetProperty("fines").EnumerateArray().Select(x => x.GetProperty("min").GetInt64()));
        Assert.Equal(Findings(detail).Count(), detail.GetProperty("site").GetProperty("findingCount").GetInt32());

        var listed = await FindingsOfSiteAsync(County, site);
        Assert.Contains(listed, f => Cites(f, "mandatory-installation", "8.1.8") && f.Id() == finding.Id());
        var byArticle = await County.GetAsync("/api/findings?rule=mandatory-installation&article=8&division=150102&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byArticle.Items(), f => f.GetProperty("siteId").GetGuid() == site);
        var otherArticle = await County.GetAsync("/api/findings?article=9&division=150102&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(otherArticle.Items(), f => f.GetProperty("siteId").GetGuid() == site);

        // Editing the system to cover the passage too clears it, everywhere.
        await County.PutJsonAsync($"/api/systems/{system}", Bodies.System("大门监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.OK);
        detail = await County.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(Findings(detail), f => f.Str("rule") == "mandatory-installation");
        Assert.DoesNotContain(await FindingsOfSiteAsync(County, site), f => f.Str("rule") == "mandatory-installation");
        Assert.Equal(Findings(detail).Count(), detail.GetProperty("site").GetProperty("findingCount").GetInt32());

        // Archiving that system brings the breach back.
        await County.PostAsync($"/api/systems/{system}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Contains(await FindingsOfSiteAsync(County, site), f => Cites(f, "mandatory-installation", "8.1.8"));
    }

    [Fact]
    public async Task A_camera_in_a_privacy_zone_breaches_article_9_paragraph_2_until_it_is_moved()
    {
        var site = (await County.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, fx.Unique("有哺乳室的商场"), "150102", ["shopping-center"], ["main-entrance", "passage"]))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await County.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System("商场监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created)).Id();
        Assert.Empty(WithoutFiling(await FindingsOfSiteAsync(County, site)));

        var camera = (await County.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("哺乳室摄像机", "nursing-room", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        var finding = Assert.Single(await FindingsOfSiteAsync(County, site, "nmg-2007"));
        Assert.Equal("privacy-zone-capture", finding.Str("rule"));
        Assert.Equal("device", finding.Str("subjectKind"));
        Assert.Equal(camera.ToString(), finding.Str("subjectId"));
        var breach = Assert.Single(finding.GetProperty("breaches").EnumerateArray());
        Assert.Equal("9.2.3", breach.Str("cite"));
        Assert.Equal("《内蒙古自治区公共安全技术防范管理条例》第九条第二款第（三）项", breach.Str("text"));
        Assert.Contains("哺乳室", breach.Str("words"), StringComparison.Ordinal);
        Assert.Equal("22.1", finding.GetProperty("consequence").GetProperty("basis").Str("cite"));

        // The same camera in a changing room is still 9.2.3; an audio pickup by the ballot box is 9.2.5.
        var pickup = (await County.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("投票点拾音器", "ballot-area", null, "audio")).ExpectAsync(HttpStatusCode.Created)).Id();
        var cites = (await FindingsOfSiteAsync(County, site, "nmg-2007")).ToDictionary(f => f.Str("subjectId"), f => f.GetProperty("breaches")[0].Str("cite"));
        Assert.Equal("9.2.3", cites[camera.ToString()]);
        Assert.Equal("9.2.5", cites[pickup.ToString()]);

        // Moved to the public area, the camera is lawful; archived, the pickup goes with its finding.
        await County.PutJsonAsync($"/api/devices/{camera}", Bodies.Device("大厅摄像机", "public", system)).ExpectAsync(HttpStatusCode.OK);
        await County.PostAsync($"/api/devices/{pickup}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Empty(WithoutFiling(await FindingsOfSiteAsync(County, site)));
        // A device that captures nothing is no camera, wherever it is.
        await County.PostJsonAsync($"/api/sites/{site}/devices", new { name = "卫生间烟感", kind = "烟感", captures = Array.Empty<string>(), zone = "toilet" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(WithoutFiling(await FindingsOfSiteAsync(County, site)));
    }

    [Fact]
    public async Task A_site_in_the_province_is_judged_under_province_2012()
    {
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.P.UnitId, fx.Unique("省内旅店"), "990101")).ExpectAsync(HttpStatusCode.Created));
        Assert.Equal("province-2012", site.Str("packId"));
        Assert.Equal(["national-2025", "province-2012"], site.GetProperty("packIds").EnumerateArray().Select(p => p.GetString()));
        var detail = await Admin.GetAsync($"/api/sites/{site.Id()}").ExpectAsync(HttpStatusCode.OK);
        var finding = Assert.Single(Findings(detail), f => f.Str("packId") == "province-2012");
        Assert.Equal("省安全技术防范条例", finding.Str("regulationTitle"));
        Assert.Equal("mandatory-installation", finding.Str("rule"));
        Assert.Equal("9.1.2", finding.GetProperty("breaches")[0].Str("cite"));
        Assert.Equal("《省安全技术防范条例》第九条第（二）项", finding.GetProperty("breaches")[0].Str("text"));
        // 第二十四条第二款 in its own words: 其他责任人员 (not 其他直接责任人员), and only if not corrected in time.
        var fines = finding.GetProperty("consequence").GetProperty("fines");
        Assert.Equal("直接负责的主管人员和其他责任人员", fines[1].Str("payerLabel"));
        Assert.Equal("逾期不改正的，对直接负责的主管人员和其他责任人员处1000元以上3000元以下罚款", fines[1].Str("sentence"));
        // A rule of this regulation without a penalty sends the reader to 第二十八条 (other laws), on the article page too.
        var pages = await fx.PageClientAsync(Callers.PlatformAdmin);
        var article = WebUtility.HtmlDecode(await pages.GetStringAsync(new Uri("/Rules/province-2012/11", UriKind.Relative)));
        Assert.Contains("本条例对此未规定罚则；依：", article, StringComparison.Ordinal);
        Assert.Contains("《省安全技术防范条例》第二十八条", article, StringComparison.Ordinal);

        // Under province-2012 any system satisfies 9.1.2 for a hotel; a guest-room camera breaches 13.2.
        var system = (await Admin.PostJsonAsync($"/api/sites/{site.Id()}/systems", Bodies.System("监控", "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync($"/api/sites/{site.Id()}/devices", Bodies.Device("客房摄像机", "hotel-guest-room", system)).ExpectAsync(HttpStatusCode.Created);
        var after = await FindingsOfSiteAsync(Admin, site.Id(), "province-2012");
        var privacy = Assert.Single(after);
        Assert.Equal("privacy-zone-capture", privacy.Str("rule"));
        Assert.Equal("13.2", privacy.GetProperty("breaches")[0].Str("cite"));
        Assert.Equal("province-2012", privacy.Str("packId"));

        // The same site moved into Inner Mongolia is judged under nmg-2007 at once.
        var moved = await Admin.PutJsonAsync($"/api/sites/{site.Id()}", Bodies.Hotel(fx.P.UnitId, "迁入内蒙古的旅店", "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("nmg-2007", moved.Str("packId"));
        Assert.All(await FindingsOfSiteAsync(Admin, site.Id()), f => Assert.Contains(f.Str("packId"), new[] { "nmg-2007", "national-2025" }));
        Assert.Contains(await FindingsOfSiteAsync(Admin, site.Id()), f => f.Str("packId") == "nmg-2007");
        await Admin.PutJsonAsync($"/api/sites/{site.Id()}", Bodies.Hotel(fx.P.UnitId, "省内旅店", "990101")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_dashboard_counts_the_findings_of_a_jurisdiction()
    {
        // 150125 is used by this test alone: the counts are exact.
        var empty = await Admin.GetAsync("/api/dashboard?division=150125").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("sites").GetInt32());
        Assert.Equal(0, empty.GetProperty("findings").GetInt32());

        var unit = (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("看板单位"), "150125")).ExpectAsync(HttpStatusCode.Created)).Id();
        var hotel = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(unit, "看板旅店", "150125")).ExpectAsync(HttpStatusCode.Created)).Id();
        var shop = (await Admin.PostJsonAsync("/api/sites", Bodies.Site(unit, "看板商场", "150125", ["shopping-center"], ["main-entrance", "passage"])).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await Admin.PostJsonAsync($"/api/sites/{shop}/systems", Bodies.System("商场监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync($"/api/sites/{shop}/devices", Bodies.Device("更衣室摄像机", "changing-room", system)).ExpectAsync(HttpStatusCode.Created);
        await Admin.PostJsonAsync($"/api/sites/{shop}/devices", Bodies.Device("卫生间摄像机", "toilet", system)).ExpectAsync(HttpStatusCode.Created);
        // An internet café: no duty of either text is breached (not a place of nmg 第八条 nor of national 第七条, so nothing to file).
        var clean = (await Admin.PostJsonAsync("/api/sites", Bodies.Site(unit, "看板网吧", "150125", ["internet-cafe"], ["main-entrance", "passage"])).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync($"/api/sites/{clean}/systems", Bodies.System("网吧监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created);

        var d = await Admin.GetAsync("/api/dashboard?division=150125").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, d.GetProperty("sites").GetInt32());
        Assert.Equal(2, d.GetProperty("sitesWithFindings").GetInt32());
        // Under the regional text 3; the national one adds its own (the two privacy cameras at least): every count is the sum of both.
        var byRegulation = d.GetProperty("byRegulation").EnumerateArray().ToDictionary(r => r.Str("packId"), r => (Sites: r.GetProperty("sitesWithFindings").GetInt32(), Findings: r.GetProperty("findings").GetInt32()));
        Assert.Equal((2, 3), byRegulation["nmg-2007"]);
        Assert.True(byRegulation["national-2025"].Findings >= 2);
        Assert.Equal(d.GetProperty("findings").GetInt32(), byRegulation.Values.Sum(x => x.Findings));
        var total = (await Admin.GetAsync("/api/findings?division=150125").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.Equal(d.GetProperty("findings").GetInt32(), total);
        Assert.Equal(3, (await Admin.GetAsync("/api/findings?division=150125&regulation=nmg-2007").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        static Dictionary<string, int> Counts(JsonElement d, string name, string prefix = "") =>
            d.GetProperty(name).EnumerateArray().Where(c => c.Str("key").StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(c => c.Str("key"), c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["nmg-2007/9"] = 2, ["nmg-2007/8"] = 1 }, Counts(d, "byArticle", "nmg-2007/"));
        Assert.Equal("《内蒙古自治区公共安全技术防范管理条例》第九条", d.GetProperty("byArticle").EnumerateArray().First(a => a.Str("key") == "nmg-2007/9").Str("label"));
        Assert.Equal(2, Counts(d, "byArticle", "national-2025/")["national-2025/8"]);
        Assert.Equal(d.GetProperty("findings").GetInt32(), Counts(d, "byCategory").Values.Sum());
        Assert.True(Counts(d, "byRule")["privacy-zone-capture"] >= 4);
        Assert.Equal(shop, d.GetProperty("worstSites")[0].GetProperty("siteId").GetGuid());

        // The city police of 1501 count the same; the county police of 150102 see none of it.
        var city = await fx.Client(Callers.PoliceCity).GetAsync("/api/dashboard?division=150125").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(d.GetRawText(), city.GetRawText());
        var county = await County.GetAsync("/api/dashboard?division=150125").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, county.GetProperty("sites").GetInt32());
        Assert.Equal(0, county.GetProperty("findings").GetInt32());

        // Fixing the hotel takes it off the board.
        await Admin.PostJsonAsync($"/api/sites/{hotel}/systems", Bodies.System("旅店监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created);
        var before = d.GetProperty("findings").GetInt32();
        d = await Admin.GetAsync("/api/dashboard?division=150125").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, d.GetProperty("sitesWithFindings").GetInt32());
        Assert.Equal(before - 1, d.GetProperty("findings").GetInt32());
    }

    [Fact]
    public async Task The_dashboard_trend_for_today_is_its_counters()
    {
        // Issue 10: the trend said 46 beside the counter's 47: today's point was the snapshot taken at start, counted by another
        // query. 150122 is used by this test alone.
        var unit = (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("趋势单位"), "150122")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(unit, "趋势旅店", "150122")).ExpectAsync(HttpStatusCode.Created);
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrendRecorder>().RecordAsync(CancellationToken.None);
        }
        // Findings raised after the day's snapshot.
        var shop = (await Admin.PostJsonAsync("/api/sites", Bodies.Site(unit, "趋势商场", "150122", ["shopping-center"], ["main-entrance", "passage"])).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await Admin.PostJsonAsync($"/api/sites/{shop}/systems", Bodies.System("商场监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync($"/api/sites/{shop}/devices", Bodies.Device("更衣室摄像机", "changing-room", system)).ExpectAsync(HttpStatusCode.Created);

        foreach (var division in new[] { "150122", "" })
        {
            var d = await Admin.GetAsync($"/api/dashboard?division={division}").ExpectAsync(HttpStatusCode.OK);
            var today = d.GetProperty("trend").EnumerateArray().Last();
            Assert.Equal(d.GetProperty("sites").GetInt32(), today.GetProperty("sites").GetInt32());
            Assert.Equal(d.GetProperty("sitesWithFindings").GetInt32(), today.GetProperty("sitesWithFindings").GetInt32());
            Assert.Equal(d.GetProperty("findings").GetInt32(), today.GetProperty("findings").GetInt32());
            // The counts by regulation are the same findings: their sum is the counter, and so today's point of the trend.
            Assert.Equal(d.GetProperty("findings").GetInt32(), d.GetProperty("byRegulation").EnumerateArray().Sum(r => r.GetProperty("findings").GetInt32()));
            if (division.Length > 0)
            {
                // The hotel without a system (nmg-2007 第八条) and the changing-room camera under each of the two regulations.
                Assert.Equal(2, d.GetProperty("byRegulation").EnumerateArray().Single(r => r.Str("packId") == "nmg-2007").GetProperty("sitesWithFindings").GetInt32());
                Assert.Equal(2, (await Admin.GetAsync("/api/findings?division=150122&regulation=nmg-2007").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
            }
        }

        // And the day's snapshot, taken again, stores what the counters say (one definition).
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrendRecorder>().RecordAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Jifang.Features.Identity.Scope.All;
            var stored = await db.Trend.AsNoTracking().Where(t => t.DivisionCode == "150122").OrderByDescending(t => t.Date).FirstAsync();
            var d = await Admin.GetAsync("/api/dashboard?division=150122").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal((d.GetProperty("sites").GetInt32(), d.GetProperty("sitesWithFindings").GetInt32(), d.GetProperty("findings").GetInt32()),
                (stored.Sites, stored.SitesWithFindings, stored.Findings));
        }
    }

    [Fact]
    public async Task The_text_of_an_article_is_served_with_the_rules_that_cite_it()
    {
        var article = await County.GetAsync("/api/packs/nmg-2007/articles/9").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("nmg-2007", article.Str("packId"));
        Assert.Equal("内蒙古自治区公共安全技术防范管理条例", article.Str("title"));
        Assert.Equal(9, article.GetProperty("number").GetInt32());
        Assert.Equal("第九条", article.Str("heading"));
        Assert.StartsWith("第九条", article.Str("text"), StringComparison.Ordinal);
        Assert.Contains("下列涉及个人隐私的场所和区域禁止安装具有音视频采集功能的技防系统", article.Str("text"), StringComparison.Ordinal);
        Assert.Contains(article.GetProperty("rules").EnumerateArray(), r => r.Str("id") == "privacy-zone-capture");

        var packs = await fx.Client(Callers.Citizen).GetAsync("/api/packs").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["national-2025", "nmg-2007", "province-2012"], packs.EnumerateArray().Select(p => p.Str("id")).Order(StringComparer.Ordinal));

        await County.GetAsync("/api/packs/nmg-2007/articles/999").ExpectAsync(HttpStatusCode.NotFound);
        await County.GetAsync("/api/packs/no-such-pack/articles/9").ExpectAsync(HttpStatusCode.NotFound);
        await County.GetAsync("/api/packs/nmg-2007/articles/nine").ExpectAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ComplianceSqlite(SqliteFixture fx) : ComplianceTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class CompliancePostgres(PostgresFixture fx) : ComplianceTests(fx);
