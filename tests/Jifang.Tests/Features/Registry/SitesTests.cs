using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>Sites (场所) through /api/sites: register, list, search, filter, page, read, edit, archive, validation.</summary>
public abstract class SitesTests(PlatformFixture fx)
{
    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static async Task<Guid> CreateAsync(HttpClient client, object body) =>
        (await client.PostJsonAsync("/api/sites", body).ExpectAsync(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task A_site_is_registered_read_edited_and_archived()
    {
        var name = fx.Unique("登记旅店");
        using var created = await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, name, "150102"));
        var site = await created.ExpectAsync(HttpStatusCode.Created);
        var id = site.Id();
        Assert.Equal($"/api/sites/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(fx.A.UnitId, site.GetProperty("unitId").GetGuid());
        Assert.Equal(fx.A.UnitName, site.Str("unitName"));
        Assert.Equal(["hotel"], site.Strings("categories"));
        Assert.Equal(["main-entrance", "passage"], site.Strings("parts"));
        Assert.Equal("nmg-2007", site.Str("packId"));

        var detail = await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, detail.GetProperty("site").Str("name"));
        Assert.Empty(detail.GetProperty("systems").EnumerateArray());

        var edited = await County.PutJsonAsync($"/api/sites/{id}",
            Bodies.Site(fx.A.UnitId, name + "（改）", "150102", ["hotel", "entertainment-venue"], ["main-entrance", "passage", "key-part"])).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["hotel", "entertainment-venue"], edited.Strings("categories"));
        Assert.Equal(["main-entrance", "passage", "key-part"], edited.Strings("parts"));
        detail = await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name + "（改）", detail.GetProperty("site").Str("name"));

        await County.PostAsync($"/api/sites/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        detail = await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(detail.GetProperty("site").GetProperty("archived").GetBoolean());
        // An archived site is judged no more: its findings go.
        Assert.Empty(detail.GetProperty("findings").EnumerateArray());
        var list = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list.Items());
        var archived = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(name)}&archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], archived.Items().Select(s => s.Id()));
        // Nothing new hangs on an archived site.
        await County.PostJsonAsync($"/api/sites/{id}/systems", Bodies.System("迟到的系统", "main-entrance")).ExpectAsync(HttpStatusCode.NotFound);
        await County.PostJsonAsync($"/api/sites/{id}/devices", Bodies.Device("迟到的设备", "public")).ExpectAsync(HttpStatusCode.NotFound);
        await County.PostJsonAsync($"/api/sites/{id}/acts", Bodies.Act("device-removed", "2026-05-01")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_unit_cannot_move_its_site_out_of_its_county_and_a_police_move_is_logged_under_both_codes()
    {
        var name = fx.Unique("迁移旅店");
        var unitAdmin = fx.Client(Callers.UnitAdminA);
        var id = await CreateAsync(unitAdmin, Bodies.Hotel(fx.A.UnitId, name, "150102"));
        // The unit moving its own site to another province (issue 9): refused, naming the field, and nothing changed.
        using (var moved = await unitAdmin.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, name, "990101")))
        {
            var problem = await moved.ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("divisionCode", problem.Str("field"));
        }
        await unitAdmin.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, name, "150103")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("150102", (await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("site").Str("divisionCode"));
        // The county police may not move it out of their county either; the city police may, within the city.
        await County.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, name, "150103")).ExpectAsync(HttpStatusCode.Forbidden);
        var city = fx.Client(Callers.PoliceCity);
        await city.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, name, "990101")).ExpectAsync(HttpStatusCode.Forbidden);
        await city.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, name, "150103")).ExpectAsync(HttpStatusCode.OK);
        await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.NotFound);
        // Logged with both codes, and under the code it left: the county police see where it went.
        var seen = await County.GetAsync(new Uri($"/api/audit/entries?subject=site:{id}&pageSize=50", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var movedOut = Assert.Single(seen.Items(), e => e.Str("action") == "site.moved-out");
        Assert.Contains("迁出 150102，迁入 150103", movedOut.Str("detail"), StringComparison.Ordinal);
        var all = await city.GetAsync(new Uri($"/api/audit/entries?subject=site:{id}&action=site.updated", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all.Items(), e => e.Str("detail").Contains("行政区划代码：150102 → 150103", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_division_code_with_a_trailing_line_break_is_400_and_nothing_is_stored_or_logged()
    {
        // Issue 9: "150102\n" passed the pattern ($ matches before a final newline), the site was stored and the audit append
        // failed with a 500; the county police, who filter with =, never saw it.
        var name = fx.Unique("换行旅店");
        var admin = fx.Client(Callers.PlatformAdmin);
        var before = await DatabaseFingerprint.TakeAsync(fx);
        var messages = await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, name, "150102\n")).ExpectValidationAsync("divisionCode");
        Assert.Contains("单行", messages[0], StringComparison.Ordinal);
        await admin.PostJsonAsync("/api/units", Bodies.Unit(name, "150102\n")).ExpectValidationAsync("divisionCode");
        await admin.PostJsonAsync("/api/contractors", Bodies.Contractor(name, "150102\n")).ExpectValidationAsync("divisionCode");
        await admin.PutJsonAsync($"/api/sites/{fx.A.SiteId}", Bodies.Hotel(fx.A.UnitId, fx.A.SiteName, "150102\n")).ExpectValidationAsync("divisionCode");
        Assert.Empty(DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fx)));
    }

    [Fact]
    public async Task Sites_are_searched_and_filtered_by_category_division_unit_and_findings()
    {
        var tag = fx.Unique("检索场所");
        var admin = fx.Client(Callers.PlatformAdmin);
        var hotel = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag + "-a", "150102"));
        var school = await CreateAsync(admin, Bodies.Site(fx.A.UnitId, tag + "-b", "150102", ["school"], ["main-entrance"]));
        var inB = await CreateAsync(admin, Bodies.Hotel(fx.B.UnitId, tag + "-c", "150203"));
        // An internet café with a system has no findings (no place of nmg 第八条 nor of national 第七条: nothing to install or file).
        var shop = await CreateAsync(admin, Bodies.Site(fx.A.UnitId, tag + "-d", "150102", ["internet-cafe"], ["main-entrance", "passage"]));
        await admin.PostJsonAsync($"/api/sites/{shop}/systems", Bodies.System("网吧监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created);

        async Task<Guid[]> Ids(string query) =>
            (await admin.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}&{query}").ExpectAsync(HttpStatusCode.OK)).Items().Select(s => s.Id()).ToArray();

        Assert.Equal([hotel, school, inB, shop], await Ids(""));
        Assert.Equal([hotel, inB], await Ids("category=hotel"));
        Assert.Equal([inB], await Ids("division=150203"));
        Assert.Equal([hotel, school, shop], await Ids("division=1501"));
        Assert.Equal([inB], await Ids($"unit={fx.B.UnitId}"));
        Assert.Equal([shop], await Ids("hasFindings=false"));
        Assert.Equal([hotel, school, inB], await Ids("hasFindings=true"));
        // Search matches the address too (Bodies.Site writes "<name>的地址").
        var byAddress = await admin.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag + "-b的地址")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([school], byAddress.Items().Select(s => s.Id()));

        var listed = (await admin.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}&category=hotel").ExpectAsync(HttpStatusCode.OK)).Items().First();
        Assert.True(listed.GetProperty("findingCount").GetInt32() > 0);
        Assert.Equal(fx.A.UnitName, listed.Str("unitName"));

        // The county police of 150102 see their county's three, never unit B's hotel.
        var county = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([hotel, school, shop], county.Items().Select(s => s.Id()));
        Assert.Equal(3, county.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task County_police_see_every_site_of_their_county_whatever_county_its_unit_is_registered_in()
    {
        // Supervision follows the site's location: a site in 150102 of unit B (registered in 150203) is the county's.
        // A unit of its own, registered in 150203, so that no other test sees unit B with a site in 150102.
        var tag = fx.Unique("异地单位场所");
        var admin = fx.Client(Callers.PlatformAdmin);
        var unitName = fx.Unique("异地登记单位");
        var unit = (await admin.PostJsonAsync("/api/units", Bodies.Unit(unitName, "150203")).ExpectAsync(HttpStatusCode.Created)).Id();
        var own = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag + "-a", "150102"));
        var foreign = await CreateAsync(admin, Bodies.Hotel(unit, tag + "-b", "150102"));

        var list = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal([own, foreign], list.Items().Select(s => s.Id()));
        // The unit's name is shown for the site, though the unit stays outside the county's unit registry.
        Assert.Equal(unitName, list.Items().Last().Str("unitName"));
        Assert.True(list.Items().Last().GetProperty("findingCount").GetInt32() > 0);
        await County.GetAsync($"/api/units/{unit}").ExpectAsync(HttpStatusCode.NotFound);
        await fx.Client(Callers.PoliceCountyB).GetAsync($"/api/units/{unit}").ExpectAsync(HttpStatusCode.OK);

        // Paged one at a time, rows and total agree.
        var second = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}&page=2&pageSize=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([foreign], second.Items().Select(s => s.Id()));
        Assert.Equal(2, second.GetProperty("total").GetInt32());

        // The site's own page, and editing it (which re-judges it), work for the county too.
        var detail = await County.GetAsync($"/api/sites/{foreign}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(unitName, detail.GetProperty("site").Str("unitName"));
        Assert.NotEmpty(detail.GetProperty("findings").EnumerateArray());
        var edited = await County.PutJsonAsync($"/api/sites/{foreign}", Bodies.Hotel(unit, tag + "-b（改）", "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(unitName, edited.Str("unitName"));

        // Its findings, and their export with the unit's and the site's names.
        var findings = await County.GetAsync($"/api/findings?site={foreign}").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(findings.Items());
        using var export = await County.GetAsync($"/api/findings/export?format=csv&site={foreign}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync();
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains($",{unitName},{tag}-b（改）,", r, StringComparison.Ordinal));

        // The police of the unit's county, where the site is not, do not see it.
        var countyB = await fx.Client(Callers.PoliceCountyB).GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(countyB.Items());
        Assert.Equal(0, countyB.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_search_finds_a_text_anywhere_in_the_name_or_address_and_nothing_that_only_shares_its_pairs_of_characters()
    {
        // On PostgreSQL the search narrows by the bigrams of the text first (SiteSearch): 乙丙甲乙 has every bigram of
        // 甲乙丙 but does not contain it, and must not be found; the terms follow a rename.
        var tag = fx.Unique("子串");
        var admin = fx.Client(Callers.PlatformAdmin);
        var contains = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag + "甲乙丙丁", "150102"));
        var shares = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag + "乙丙甲乙", "150102"));
        async Task<List<Guid>> Found(string text) =>
            (await admin.GetAsync($"/api/sites?pageSize=100&search={Uri.EscapeDataString(text)}").ExpectAsync(HttpStatusCode.OK)).Items()
                .Select(x => x.Id()).Where(id => id == contains || id == shares).ToList();
        Assert.Equal([contains], await Found("甲乙丙"));
        Assert.Equal([contains], await Found("丁的地"));      // the middle of the address (甲乙丙丁的地址)
        Assert.Equal([contains], await Found("丁"));          // one character: no pairs to narrow by
        Assert.Equal([shares], await Found("丙甲"));
        Assert.Equal(new[] { contains, shares }.Order(), (await Found(tag)).Order());
        await admin.PutJsonAsync($"/api/sites/{contains}", Bodies.Hotel(fx.A.UnitId, tag + "戊己庚", "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await Found("甲乙丙"));
        Assert.Equal([contains], await Found(tag + "戊己"));
        // Categories: the same list, by category.
        var byCategory = await admin.GetAsync($"/api/sites?pageSize=100&category=hotel&search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, byCategory.GetProperty("total").GetInt32());
        var none = await admin.GetAsync($"/api/sites?pageSize=100&category=school&search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_totals_and_the_dashboard_follow_every_change_at_once()
    {
        // Totals and dashboards are kept in memory between changes (CountsCache): a change must show on the next read.
        var tag = fx.Unique("计数场所");
        var admin = fx.Client(Callers.PlatformAdmin);
        async Task<int> Total() => (await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        async Task<int> Sites() => (await County.GetAsync("/api/dashboard").ExpectAsync(HttpStatusCode.OK)).GetProperty("sites").GetInt32();
        Assert.Equal(0, await Total());
        var before = await Sites();
        var id = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag, "150102"));
        Assert.Equal(1, await Total());
        Assert.Equal(before + 1, await Sites());
        await admin.PostAsync($"/api/sites/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await Total());
        Assert.Equal(before, await Sites());
    }

    [Fact]
    public async Task A_site_moved_to_another_county_and_unit_leaves_the_old_totals_and_joins_the_new_at_once()
    {
        // Cached totals are cleared for the scopes that see the site before and after the move, and only read again there.
        var tag = fx.Unique("迁移计数场所");
        var admin = fx.Client(Callers.PlatformAdmin);
        async Task<int> Total(Caller caller) =>
            (await fx.Client(caller).GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        var id = await CreateAsync(admin, Bodies.Hotel(fx.A.UnitId, tag, "150102"));
        Caller[] callers = [Callers.PoliceCounty, Callers.PoliceCountyB, Callers.UnitAdminA, Callers.UnitAdminB, Callers.PoliceProvince, Callers.PlatformAdmin];
        Assert.Equal(new[] { 1, 0, 1, 0, 1, 1 }, await Task.WhenAll(callers.Select(Total)));
        // Its findings go with it: the unit users see them through the unit stored on each finding.
        async Task<int> Findings(Caller caller) =>
            (await fx.Client(caller).GetAsync($"/api/findings?site={id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        var findings = await Findings(Callers.PlatformAdmin);
        Assert.True(findings > 0);
        Assert.Equal(new[] { findings, 0 }, await Task.WhenAll(new[] { Callers.UnitAdminA, Callers.UnitAdminB }.Select(Findings)));
        await admin.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.B.UnitId, tag, "150203")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { 0, 1, 0, 1, 1, 1 }, await Task.WhenAll(callers.Select(Total)));
        Assert.Equal(new[] { 0, findings }, await Task.WhenAll(new[] { Callers.UnitAdminA, Callers.UnitAdminB }.Select(Findings)));
    }

    [Fact]
    public async Task Sites_page_without_overlap()
    {
        var tag = fx.Unique("分页场所");
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await CreateAsync(County, Bodies.Hotel(fx.A.UnitId, $"{tag}-{i}", "150102")));
        }
        var seen = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await County.GetAsync($"/api/sites?search={Uri.EscapeDataString(tag)}&page={page}&pageSize=2").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(5, body.GetProperty("total").GetInt32());
            seen.AddRange(body.Items().Select(s => s.Id()));
        }
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_misspelt_category_is_400_naming_the_element_with_the_near_miss()
    {
        var messages = await County.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, "错字旅店", "150102", ["hotle"], [])).ExpectValidationAsync("categories[0]");
        var message = Assert.Single(messages);
        Assert.Contains("\"hotle\"", message, StringComparison.Ordinal);
        Assert.Contains("是否应为 \"hotel\"", message, StringComparison.Ordinal);

        var second = await County.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, "错字旅店", "150102", ["hotel", "schol"], [])).ExpectValidationAsync("categories[1]");
        Assert.Contains("\"school\"", Assert.Single(second), StringComparison.Ordinal);
        var part = await County.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, "错字旅店", "150102", ["hotel"], ["main-entrence"])).ExpectValidationAsync("parts[0]");
        Assert.Contains("\"main-entrance\"", Assert.Single(part), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_sites_are_400_naming_the_field()
    {
        var unit = fx.A.UnitId;
        await County.PostJsonAsync("/api/sites", Bodies.Site(unit, "某场所", "15-102", ["hotel"], [])).ExpectValidationAsync("divisionCode");
        await County.PostJsonAsync("/api/sites", Bodies.Site(unit, "某场所", "150102", [], [])).ExpectValidationAsync("categories");
        await County.PostJsonAsync("/api/sites", Bodies.Site(unit, "某场所", "150102", ["hotel", "hotel"], [])).ExpectValidationAsync("categories");
        await County.PostJsonAsync("/api/sites", Bodies.Site(unit, "", "150102", ["hotel"], [])).ExpectValidationAsync("name");
        await County.PostJsonAsync("/api/sites", new { name = "某场所", divisionCode = "150102", categories = new[] { "hotel" } }).ExpectValidationAsync("unitId");
        // A unit that does not exist, and one the caller cannot see, read alike.
        var unknown = await County.PostJsonAsync("/api/sites", Bodies.Hotel(Guid.NewGuid(), "某场所", "150102")).ExpectValidationAsync("unitId");
        var hidden = await fx.Client(Callers.PoliceProvince).PostJsonAsync("/api/sites", Bodies.Hotel(fx.P.UnitId, "某场所", "150102")).ExpectValidationAsync("unitId");
        Assert.Equal(unknown, hidden);
        // A division no regulation pack governs.
        var admin = fx.Client(Callers.PlatformAdmin);
        var nopack = await admin.PostJsonAsync("/api/sites", Bodies.Hotel(unit, "某场所", "110101")).ExpectValidationAsync("divisionCode");
        Assert.Contains("110101", Assert.Single(nopack), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_cannot_be_created_or_moved_outside_the_callers_jurisdiction_or_unit()
    {
        // County police: their own county's unit, but a site in another county.
        var problem = await County.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, "越界场所", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", problem.Str("field"));
        // Unit administrator: a site for another unit.
        var unitAdmin = fx.Client(Callers.UnitAdminA);
        var other = await unitAdmin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.B.UnitId, "别家场所", "150102")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("unitId", other.Str("field"));

        var id = await CreateAsync(County, Bodies.Hotel(fx.A.UnitId, fx.Unique("迁移场所"), "150102"));
        var moved = await County.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.A.UnitId, "迁移场所", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", moved.Str("field"));
        var given = await unitAdmin.PutJsonAsync($"/api/sites/{id}", Bodies.Hotel(fx.B.UnitId, "迁移场所", "150102")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(given.GetProperty("errors").TryGetProperty("unitId", out _));
        Assert.Equal("150102", (await County.GetAsync($"/api/sites/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("site").Str("divisionCode"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SitesSqlite(SqliteFixture fx) : SitesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SitesPostgres(PostgresFixture fx) : SitesTests(fx);
