using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Compare;

/// <summary>Issue 11, comparison: /Compare judges a site the user may see, or pasted facts, under two regulations.</summary>
public abstract class ComparePageTests(PlatformFixture fx)
{
    private const string Facts = """
        {"asOf": "2024-05-01",
         "sites": [{"id": "S1", "categories": ["other"], "devices": [{"id": "D1", "captures": ["video"], "zone": "hotel-guest-room"}]}],
         "accessRequests": [{"id": "R1", "date": "2024-04-02", "requester": "official", "investigationPower": false, "persons": 2,
                             "credentialsShown": true, "unitCertificateShown": true, "registered": true, "withinDutyScope": true, "action": "view"}]}
        """;

    [Fact]
    public async Task A_site_with_a_hotel_room_camera_is_compared_under_its_regional_pack_and_another()
    {
        var county = fx.Client(Callers.PoliceCounty);
        var site = (await county.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("对照旅店"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        await county.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("客房摄像机", "hotel-guest-room")).ExpectAsync(HttpStatusCode.Created);
        var page = await fx.PageClientAsync(Callers.PoliceCounty);

        var details = await page.PageTextAsync($"/Sites/Details/{site}");
        Assert.Contains($"href=\"/Compare?site={site}\"", details, StringComparison.Ordinal);
        Assert.Contains("在其他条例下判定", details, StringComparison.Ordinal);

        var text = await page.PageTextAsync($"/Compare?site={site}&first=nmg-2007&second=province-2012");
        Assert.Contains("id=\"comparison\"", text, StringComparison.Ordinal);
        Assert.Contains("设备：客房摄像机", text, StringComparison.Ordinal);
        Assert.Contains("两部条例均认定", text, StringComparison.Ordinal);
        Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第九条第二款第（一）项", text, StringComparison.Ordinal);
        Assert.Contains("《省安全技术防范条例》第十三条第二款", text, StringComparison.Ordinal);
        Assert.Contains("禁止在宾馆客房、集体宿舍", text, StringComparison.Ordinal); // the cited words
        Assert.Contains("罚款不同", text, StringComparison.Ordinal);

        // Without a choice: the site's regional pack first.
        var defaults = await page.PageTextAsync($"/Compare?site={site}");
        Assert.Contains("<option value=\"nmg-2007\" selected=\"selected\">", defaults, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_of_another_jurisdiction_or_unit_is_not_found_and_its_facts_are_not_shown()
    {
        foreach (var caller in new[] { Callers.PoliceCountyB, Callers.UnitAdminB })
        {
            var page = await fx.PageClientAsync(caller);
            using var answer = await page.GetAsync(new Uri($"/Compare?site={fx.A.SiteId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            var text = await answer.TextAsync();
            Assert.DoesNotContain(fx.A.SiteName, text, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"comparison\"", text, StringComparison.Ordinal);
        }
        // The search offers only sites in scope.
        var b = await fx.PageClientAsync(Callers.PoliceCountyB);
        var found = await b.PageTextAsync($"/Compare?q={Uri.EscapeDataString(fx.A.SiteName)}");
        Assert.DoesNotContain($"/Compare?site={fx.A.SiteId}", found, StringComparison.Ordinal);
        var a = await fx.PageClientAsync(Callers.PoliceCounty);
        Assert.Contains($"/Compare?site={fx.A.SiteId}", await a.PageTextAsync($"/Compare?q={Uri.EscapeDataString(fx.A.SiteName)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pasted_facts_are_compared_and_an_official_access_one_text_refuses_shows_as_such()
    {
        var page = await fx.PageClientAsync(Callers.UnitAdminA);
        // The form carries its own antiforgery token (a form with an action attribute gets none unless asked).
        var form = await page.PageTextAsync("/Compare");
        var facts = form[form.IndexOf("id=\"by-facts\"", StringComparison.Ordinal)..];
        Assert.Contains("name=\"__RequestVerificationToken\"", facts[..facts.IndexOf("</form>", StringComparison.Ordinal)], StringComparison.Ordinal);
        using var answer = await page.PostFormAsync("/Compare", "/Compare",
            ("Input.First", "nmg-2007"), ("Input.Second", "province-2012"), ("Input.Facts", Facts));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.TextAsync();
        Assert.Contains("依《内蒙古自治区公共安全技术防范管理条例》不准许，依《省安全技术防范条例》准许", text, StringComparison.Ordinal);
        Assert.Contains("评判日期 2024-05-01", text, StringComparison.Ordinal);
        Assert.Contains("id=\"articles\"", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> BadInputs => new()
    {
        { "nmg-2007", "province-2012", """{"sites": [{"id": 1}]}""", "Input.Facts", "sites[0].id" },
        { "nmg-2007", "province-2012", "{not json", "Input.Facts", "事实 JSON" },
        { "nmg-2007", "province-2012", "", "Input.Facts", "请粘贴事实 JSON" },
        { "nmg-2007", "nmg-2007", Facts, "Input.Second", "两部条例相同" },
        { "nmg-207", "province-2012", Facts, "Input.First", "是否应为 \"nmg-2007\"" },
        { "nmg-2007", "", Facts, "Input.Second", "请选择要对照的条例" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_said_in_chinese_on_the_field_never_a_500(string first, string second, string facts, string field, string says)
    {
        var page = await fx.PageClientAsync(Callers.PoliceCounty);
        using var answer = await page.PostFormAsync("/Compare", "/Compare", ("Input.First", first), ("Input.Second", second), ("Input.Facts", facts));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.TextAsync();
        Assert.Contains("role=\"alert\"", text, StringComparison.Ordinal);
        Assert.Contains(says, text, StringComparison.Ordinal);
        var onField = new Regex($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Match(text);
        Assert.True(onField.Success, $"no message on {field}: {text[Math.Max(0, text.IndexOf("by-facts", StringComparison.Ordinal))..]}");
        Assert.Contains(says, onField.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"comparison\"", text, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ComparePageSqlite(SqliteFixture fx) : ComparePageTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ComparePagePostgres(PostgresFixture fx) : ComparePageTests(fx);
