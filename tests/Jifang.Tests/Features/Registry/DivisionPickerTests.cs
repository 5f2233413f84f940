using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Features.Records;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Divisions by name (issue 10): a county is chosen from a list of names, a code of a province the platform knows must be one
/// of its counties, and the lists and the dashboard show names where they showed codes.
/// </summary>
public abstract partial class DivisionPickerTests(PlatformFixture fx)
{
    [Theory]
    [InlineData("150199", "不在内蒙古自治区的行政区划中")]
    [InlineData("150100", "不是县级行政区划")]
    [InlineData("990199", "不在示例省的行政区划中")]
    public async Task A_code_that_is_no_county_of_a_known_province_is_refused_naming_the_field_and_nothing_changes(string code, string message)
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        var name = fx.Unique("区划");
        var before = await DatabaseFingerprint.TakeAsync(fx);
        Assert.Contains(message, (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, name, code)).ExpectValidationAsync("divisionCode"))[0], StringComparison.Ordinal);
        Assert.Contains(message, (await admin.PostJsonAsync("/api/units", Bodies.Unit(name, code)).ExpectValidationAsync("divisionCode"))[0], StringComparison.Ordinal);
        Assert.Contains(message, (await admin.PostJsonAsync("/api/contractors", Bodies.Contractor(name, code)).ExpectValidationAsync("divisionCode"))[0], StringComparison.Ordinal);
        await admin.PutJsonAsync($"/api/sites/{fx.A.SiteId}", Bodies.Hotel(fx.A.UnitId, fx.A.SiteName, code)).ExpectValidationAsync("divisionCode");
        Assert.Empty(DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fx)));
    }

    [Fact]
    public async Task A_citizen_request_names_a_county_and_an_unknown_one_is_refused_on_the_form()
    {
        var html = await RecordsKit.PostFormAsync(fx.PortalClient(), "/Portal", null, new Dictionary<string, string>
        {
            ["Input.Name"] = "张某", ["Input.IdNumber"] = "11010519491231002X", ["Input.DivisionCode"] = "150199", ["Input.SiteName"] = fx.A.SiteName,
            ["Input.From"] = "2026-01-01T08:00", ["Input.To"] = "2026-01-01T09:00", ["Input.Reason"] = "电动车被盗", ["Input.Action"] = "view", ["Input.RequesterRelation"] = "self",
        });
        Assert.Contains("150199 不在内蒙古自治区的行政区划中", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"150102\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_form_offers_the_counties_of_the_officers_jurisdiction_by_name()
    {
        var county = await Html(Callers.PoliceCounty, "/Sites/Create");
        var options = Options(county, "Input.DivisionCode");
        Assert.Contains(("150102", "新城区（150102）"), options);
        Assert.DoesNotContain(options, o => o.Value is "150103" or "150203" or "990101");
        var province = Options(await Html(Callers.PoliceProvince, "/Sites/Create"), "Input.DivisionCode");
        Assert.Contains(("150203", "昆都仑区（150203）"), province);
        Assert.Contains(("152921", "阿拉善左旗（152921）"), province);
        Assert.Contains("<optgroup label=\"内蒙古自治区 · 包头市\">", await Html(Callers.PoliceProvince, "/Sites/Create"), StringComparison.Ordinal);
        // No typed code anywhere a division is chosen.
        foreach (var path in new[] { "/Sites/Create", "/Units/Create", "/Contractors/Create", "/Import" })
        {
            var html = await Html(Callers.PlatformAdmin, path);
            Assert.DoesNotMatch(TypedDivision(), html);
            Assert.Contains("<select", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lists_and_the_dashboard_name_divisions_and_filter_by_name()
    {
        var sites = await Html(Callers.PoliceCity, $"/Sites?search={Uri.EscapeDataString(fx.A.SiteName)}");
        Assert.Contains("title=\"150102\">新城区</td>", sites, StringComparison.Ordinal);
        var filter = Options(sites, "division");
        Assert.Contains(("1501", "呼和浩特市"), filter);
        Assert.Contains(("150102", "　新城区"), filter);
        Assert.DoesNotContain(filter, o => o.Value is "15" or "1502" or "150203");
        var dashboard = await Html(Callers.PoliceCity, "/?Division=150102");
        Assert.Contains("内蒙古自治区呼和浩特市", dashboard, StringComparison.Ordinal);
        Assert.Contains("<option value=\"150102\" selected=\"selected\">", dashboard, StringComparison.Ordinal);
        var audit = await Html(Callers.PoliceProvince, "/Audit");
        Assert.Contains(("15", "内蒙古自治区"), Options(audit, "division"));
    }

    private async Task<string> Html(Caller caller, string path)
    {
        var client = await fx.PageClientAsync(caller);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    private static List<(string Value, string Text)> Options(string html, string name)
    {
        var select = Regex.Match(html, $"<select[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"no select named {name}");
        return Regex.Matches(select.Groups[1].Value, "<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
    }

    [GeneratedRegex("<input[^>]*name=\"(Input\\.DivisionCode|Division|division)\"", RegexOptions.IgnoreCase)]
    private static partial Regex TypedDivision();
}

[Collection(SqliteCollection.Name)]
public sealed class DivisionPickerSqlite(SqliteFixture fx) : DivisionPickerTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class DivisionPickerPostgres(PostgresFixture fx) : DivisionPickerTests(fx);
