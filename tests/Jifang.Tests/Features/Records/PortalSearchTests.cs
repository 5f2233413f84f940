using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// The portal's site search (issue 10): a citizen finds the site by a fragment of its name or address, optionally in one
/// county, without an account and without script (a GET form, a "选择" link); only sites in service are found, only what is
/// public is shown, at most <see cref="Jifang.Features.Access.PortalService.MaxHits"/> of them; the site chosen is filed by its id.
/// </summary>
public abstract partial class PortalSearchTests(PlatformFixture fx)
{
    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Search(string q, string? county = null) =>
        "/Portal?q=" + Uri.EscapeDataString(q) + (county is null ? "" : "&county=" + county);

    /// <summary>A site of unit A registered through the API, with the name and address given.</summary>
    private async Task<Guid> SiteAsync(string name, string address, string division = "150102")
    {
        var body = new
        {
            unitId = fx.A.UnitId, name, divisionCode = division, address, categories = new[] { "hotel" }, parts = new[] { "main-entrance" },
            publicArea = false, large = false, urban = false, involvesStateSecrets = false, holdsImportantItems = false,
        };
        return (await fx.Client(Callers.PlatformAdmin).PostJsonAsync("/api/sites", body).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    private static List<Guid> Hits(string html) => HitRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task A_fragment_of_the_name_or_of_the_address_finds_the_site_in_service_and_never_an_archived_one()
    {
        var token = fx.Unique("寻址").Replace("-", "", StringComparison.Ordinal);
        var site = await SiteAsync($"{token}甲便利店", $"新城区{token}乙大街8号");
        var archived = await SiteAsync($"{token}甲旧店", $"新城区{token}乙大街9号");
        await fx.Client(Callers.PlatformAdmin).PostAsync(new Uri($"/api/sites/{archived}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        var citizen = fx.PortalClient();

        var byName = await PageAsync(citizen, Search($"{token}甲"));
        Assert.Equal([site], Hits(byName));
        // What is public only: the name, the address and the county by its name; a link that chooses the site.
        Assert.Contains($"新城区{token}乙大街8号", byName, StringComparison.Ordinal);
        Assert.Contains("呼和浩特市", byName, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Portal?siteId={site}", byName, StringComparison.Ordinal);
        Assert.DoesNotContain(fx.A.UnitName, byName, StringComparison.Ordinal);

        // The address alone (not in the name).
        Assert.Equal([site], Hits(await PageAsync(citizen, Search($"{token}乙大街"))));
        // Narrowed to a county: the site's own finds it, another county does not.
        Assert.Equal([site], Hits(await PageAsync(citizen, Search($"{token}乙", "150102"))));
        var elsewhere = await PageAsync(citizen, Search($"{token}乙", "150203"));
        Assert.Empty(Hits(elsewhere));
        Assert.Contains("id=\"search-none\"", elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_shorter_than_two_characters_is_a_field_error_and_the_results_are_capped()
    {
        var citizen = fx.PortalClient();
        var tooShort = await PageAsync(citizen, Search(" 甲 "));
        Assert.Contains("id=\"search-errors\"", tooShort, StringComparison.Ordinal);
        Assert.Contains("查找的文字：请至少输入场所名称或地址中的 2 个字", tooShort, StringComparison.Ordinal);
        Assert.Empty(Hits(tooShort));
        var badCounty = await PageAsync(citizen, Search("世界", "15010x"));
        Assert.Contains("所在区、县、旗：请从列表中选择区、县、旗", badCounty, StringComparison.Ordinal);

        var token = fx.Unique("满额").Replace("-", "", StringComparison.Ordinal);
        var sites = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            sites.Add(await SiteAsync($"{token}第{i:D2}号店", $"新城区满额路{i}号"));
        }
        var capped = await PageAsync(citizen, Search(token));
        var hits = Hits(capped);
        Assert.Equal(20, hits.Count);
        Assert.Equal(20, hits.Distinct().Count());
        Assert.Subset(sites.ToHashSet(), hits.ToHashSet());
        Assert.Contains("id=\"search-more\"", capped, StringComparison.Ordinal);
        // Ordered by name: the first twenty of the twenty-one.
        Assert.Equal(sites.Take(20), hits);
        var exact = await PageAsync(citizen, Search($"{token}第20号店"));
        Assert.Equal([sites[20]], Hits(exact));
        Assert.DoesNotContain("id=\"search-more\"", exact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_the_site_chosen_from_the_search_is_filed_by_its_id()
    {
        var citizen = fx.PortalClient();
        var chosen = await PageAsync(citizen, $"/Portal?siteId={fx.A.SiteId}");
        Assert.Contains("id=\"chosen-site\"", chosen, StringComparison.Ordinal);
        Assert.Contains(fx.A.SiteName, chosen, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.SiteId\" value=\"{fx.A.SiteId}\"", chosen, StringComparison.Ordinal);

        var now = fx.Time.GetLocalNow();
        var name = fx.Unique("选址公民");
        var filed = await RecordsKit.PostFormAsync(citizen, "/Portal", null, new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.IdNumber"] = "11010519491231002X", ["Input.SiteId"] = fx.A.SiteId.ToString(),
            ["Input.From"] = now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.To"] = now.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.Reason"] = "电动车在停车场被盗", ["Input.Action"] = "view", ["Input.RequesterRelation"] = "self",
        });
        var number = Regex.Match(filed, "id=\"number\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);
        var requests = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(requests.Items(), r => r.Str("number") == number);

        // A site that is not (or no longer) in service cannot be chosen: the form says so on the field, and nothing is filed.
        var gone = await RecordsKit.PostFormAsync(citizen, "/Portal", null, new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.IdNumber"] = "11010519491231002X", ["Input.SiteId"] = Guid.NewGuid().ToString(),
            ["Input.From"] = now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.To"] = now.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.Reason"] = "电动车在停车场被盗", ["Input.Action"] = "view", ["Input.RequesterRelation"] = "self",
        });
        Assert.Contains("没有找到所选的场所", gone, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"number\"", gone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_count_against_the_portals_limit_per_client()
    {
        var citizen = fx.PortalClient();
        for (var i = 0; i < 30; i++)
        {
            using var found = await citizen.GetAsync(new Uri(Search("世界A"), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }
        using var refused = await citizen.GetAsync(new Uri(Search("世界A"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        // Another client is not held back by this one.
        Assert.Equal([fx.A.SiteId], Hits(await PageAsync(fx.PortalClient(), Search(fx.A.SiteName))));
    }

    [GeneratedRegex("<tr id=\"hit-([0-9a-f-]{36})\"")]
    private static partial Regex HitRow();
}

[Collection(SqliteCollection.Name)]
public sealed class PortalSearchSqlite(SqliteFixture fx) : PortalSearchTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class PortalSearchPostgres(PostgresFixture fx) : PortalSearchTests(fx);
