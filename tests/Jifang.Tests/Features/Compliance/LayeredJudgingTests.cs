using System.Net;
using System.Text.Json;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Compliance;

/// <summary>
/// Issue 11, "judged together": a site is judged under the national regulation and the regional one; one conduct breaching
/// both says so on each finding (both citations, both penalty ranges, one fine under the higher range, 行政处罚法第二十九条).
/// Only the national privacy rule (privacy-zone-capture, 8.1.x → 27.1) is relied on, so the tests hold with the full national pack.
/// </summary>
public abstract class LayeredJudgingTests(PlatformFixture fx)
{
    private const string National = "national-2025";

    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static string Article29 => DoubleFineTests.SeedArticle29;

    private static async Task<JsonElement[]> PrivacyFindingsAsync(HttpClient client, Guid site, string? regulation = null) =>
        (await client.GetAsync($"/api/findings?site={site}&rule=privacy-zone-capture&pageSize=200{(regulation is null ? "" : "&regulation=" + regulation)}")
            .ExpectAsync(HttpStatusCode.OK)).Items().ToArray();

    private static IEnumerable<string> Cites(JsonElement finding) => finding.GetProperty("breaches").EnumerateArray().Select(b => b.Str("cite"));

    /// <summary>A hotel with a system and a camera in a guest room; returns the site and the camera.</summary>
    private async Task<(Guid Site, Guid Camera)> GuestRoomCameraAsync(HttpClient client, Guid unit, string division, string name)
    {
        var site = (await client.PostJsonAsync("/api/sites", Bodies.Hotel(unit, fx.Unique(name), division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await client.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System("监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created)).Id();
        var camera = (await client.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("客房摄像机", "hotel-guest-room", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        return (site, camera);
    }

    [Fact]
    public async Task A_guest_room_camera_in_Inner_Mongolia_breaches_both_regulations_and_is_fined_once_under_the_higher_range()
    {
        var (site, camera) = await GuestRoomCameraAsync(County, fx.A.UnitId, "150102", "两部条例的旅店");

        var detail = await County.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("nmg-2007", detail.GetProperty("site").Str("packId"));
        Assert.Equal([National, "nmg-2007"], detail.GetProperty("site").GetProperty("packIds").EnumerateArray().Select(p => p.GetString()));
        var findings = detail.GetProperty("findings").EnumerateArray().Where(f => f.Str("rule") == "privacy-zone-capture").ToList();
        var regional = Assert.Single(findings, f => f.Str("packId") == "nmg-2007");
        var national = Assert.Single(findings, f => f.Str("packId") == National);
        Assert.Equal(["9.2.1"], Cites(regional));
        Assert.Equal(["8.1.1"], Cites(national));
        Assert.Equal("公共安全视频图像信息系统管理条例", national.Str("regulationTitle"));
        Assert.Equal(camera.ToString(), national.Str("subjectId"));
        Assert.Equal("27.1", national.GetProperty("consequence").GetProperty("basis").Str("cite"));

        foreach (var f in new[] { regional, national })
        {
            var d = f.GetProperty("doubleFine");
            var both = d.GetProperty("findings").EnumerateArray().ToList();
            // Both citations and both penalty ranges, the higher first: nmg-2007 第二十二条 fines up to 3万, the national 第二十七条 up to 2万.
            Assert.Equal(["nmg-2007", National], both.Select(x => x.Str("packId")));
            Assert.Equal([regional.Id(), national.Id()], both.Select(x => x.Id()));
            Assert.Equal(["9.2.1"], Cites(both[0]));
            Assert.Equal("《公共安全视频图像信息系统管理条例》第八条第一款第（一）项", both[1].GetProperty("breaches")[0].Str("text"));
            Assert.Equal("22.1", both[0].GetProperty("consequence").GetProperty("basis").Str("cite"));
            Assert.Equal(30000, both[0].GetProperty("consequence").GetProperty("fines").EnumerateArray().Max(x => x.GetProperty("max").GetInt64()));
            Assert.Equal(20000, both[1].GetProperty("consequence").GetProperty("fines").EnumerateArray().Max(x => x.GetProperty("max").GetInt64()));
            Assert.Equal([true, false], both.Select(x => x.GetProperty("higher").GetBoolean()));
            Assert.Equal("nmg-2007", d.Str("higherPackId"));
            Assert.Equal("《中华人民共和国行政处罚法》第二十九条", d.GetProperty("law").Str("text"));
            Assert.Equal(Article29, d.GetProperty("law").Str("words"));
            Assert.Contains("只处一次罚款，按罚款数额高的《内蒙古自治区公共安全技术防范管理条例》的规定处罚", d.Str("note"), StringComparison.Ordinal);
        }

        // The list filtered by regulation shows the national finding alone, still naming the regional one it concurs with.
        var listed = Assert.Single(await PrivacyFindingsAsync(County, site, National));
        Assert.Equal(national.Id(), listed.Id());
        Assert.Equal([regional.Id(), national.Id()], listed.GetProperty("doubleFine").GetProperty("findings").EnumerateArray().Select(x => x.Id()));

        // The audit log says which regulation raised each finding; moved to the lobby, the camera clears both, each logged.
        await County.PutJsonAsync($"/api/devices/{camera}", Bodies.Device("大堂摄像机", "public", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await PrivacyFindingsAsync(County, site));
        var entries = await fx.DbAsync(db => db.Audit.AsNoTracking().Where(e => e.Subject == $"site:{site}" && e.Action.StartsWith("finding."))
            .OrderBy(e => e.Index).Select(e => new { e.Action, e.Citation }).ToListAsync());
        Assert.Contains(entries, e => e.Action == "finding.raised" && e.Citation == "nmg-2007 9.2.1");
        Assert.Contains(entries, e => e.Action == "finding.raised" && e.Citation == $"{National} 8.1.1");
        Assert.Contains(entries, e => e.Action == "finding.cleared" && e.Citation == "nmg-2007 9.2.1");
        Assert.Contains(entries, e => e.Action == "finding.cleared" && e.Citation == $"{National} 8.1.1");
    }

    [Fact]
    public async Task A_changing_room_camera_in_the_province_is_fined_once_under_province_2012()
    {
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Site(fx.P.UnitId, fx.Unique("省内体育馆"), "990101", ["sports-venue"], ["main-entrance"]))
            .ExpectAsync(HttpStatusCode.Created));
        Assert.Equal([National, "province-2012"], site.GetProperty("packIds").EnumerateArray().Select(p => p.GetString()));
        var system = (await Admin.PostJsonAsync($"/api/sites/{site.Id()}/systems", Bodies.System("监控", "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostJsonAsync($"/api/sites/{site.Id()}/devices", Bodies.Device("更衣室摄像机", "changing-room", system)).ExpectAsync(HttpStatusCode.Created);

        var findings = await PrivacyFindingsAsync(Admin, site.Id());
        Assert.Equal([National, "province-2012"], findings.Select(f => f.Str("packId")).Order(StringComparer.Ordinal));
        Assert.Equal(["8.1.3"], Cites(findings.Single(f => f.Str("packId") == National)));
        Assert.Equal(["13.2"], Cites(findings.Single(f => f.Str("packId") == "province-2012")));
        // province-2012 第二十六条 fines a unit up to 5万 (after a deadline), the national 第二十七条 up to 2万 at once: the province's range is higher.
        Assert.All(findings, f => Assert.Equal("province-2012", f.GetProperty("doubleFine").Str("higherPackId")));
        Assert.All(findings, f => Assert.Contains("《省安全技术防范条例》的规定处罚", f.GetProperty("doubleFine").Str("note"), StringComparison.Ordinal));

        // The export carries the regulation and the note, also when filtered to one regulation.
        using var csv = await Admin.GetAsync(new Uri($"/api/findings/export?format=csv&site={site.Id()}&regulation={National}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("《公共安全视频图像信息系统管理条例》", text, StringComparison.Ordinal);
        Assert.Contains("同一违法行为", text, StringComparison.Ordinal);
        Assert.Contains("只处一次罚款", text, StringComparison.Ordinal);
        Assert.DoesNotContain("《省安全技术防范条例》第十三条第二款", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_of_one_regulation_alone_has_no_double_fine_note()
    {
        // A ballot-area audio pickup: nmg-2007 第九条第二款第（五）项 only; the national 第八条 does not name it.
        var site = (await County.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, fx.Unique("投票站"), "150102", ["other"], ["main-entrance"])).ExpectAsync(HttpStatusCode.Created)).Id();
        await County.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("投票点拾音器", "ballot-area", null, "audio")).ExpectAsync(HttpStatusCode.Created);
        var finding = Assert.Single(await PrivacyFindingsAsync(County, site));
        Assert.Equal("nmg-2007", finding.Str("packId"));
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("doubleFine").ValueKind);
    }

    [Fact]
    public async Task A_site_where_no_regional_text_applies_is_refused_unless_the_platform_has_its_province()
    {
        // 110101 (北京市东城区): no regional pack and no division list of 北京 on the platform, so the code cannot be checked.
        var before = await fx.DbAsync(db => db.Sites.CountAsync());
        var problem = await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("京城旅店"), "110101")).ExpectAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("divisionCode").EnumerateArray()).GetString()!;
        Assert.Contains("没有配置适用的地方条例", message, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》", message, StringComparison.Ordinal);
        Assert.Equal(before, await fx.DbAsync(db => db.Sites.CountAsync()));
    }

    [Fact]
    public async Task The_site_page_groups_findings_by_regulation_and_shows_the_double_fine_note()
    {
        var (site, _) = await GuestRoomCameraAsync(County, fx.A.UnitId, "150102", "页面上的两部条例");
        var page = await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(new Uri($"/Sites/Details/{site}", UriKind.Relative));
        Assert.Contains("依《公共安全视频图像信息系统管理条例》", page, StringComparison.Ordinal);
        Assert.Contains("依《内蒙古自治区公共安全技术防范管理条例》", page, StringComparison.Ordinal);
        Assert.Contains("一事不二罚", page, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国行政处罚法》第二十九条", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Article29), page, StringComparison.Ordinal);
        Assert.Contains("罚款幅度较高", page, StringComparison.Ordinal);

        var dashboard = await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("按条例", dashboard, StringComparison.Ordinal);
        Assert.Contains($"regulation={National}", dashboard, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LayeredJudgingSqlite(SqliteFixture fx) : LayeredJudgingTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class LayeredJudgingPostgres(PostgresFixture fx) : LayeredJudgingTests(fx);
