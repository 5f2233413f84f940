using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// A citizen's identity number is shown in full only to the police who handle the request, the county police of the site's
/// division (nmg-2007 第二十条第一款: they approve copies); everyone else, the using unit included, sees it masked
/// (110105********002X) in the API, on the pages, on slips, in packages and in the audit log.
/// </summary>
public abstract class IdentityMaskingTests(PlatformFixture fx)
{
    private const string Full = "11010519491231002X";
    private const string Masked = "110105********002X";

    [Fact]
    public async Task Only_the_county_police_of_the_site_see_the_full_identity_number()
    {
        await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), fx.Time.GetUtcNow().AddHours(-2));
        var citizen = fx.PortalClient();
        var (number, code) = await fx.FileCitizenRequestAsync(citizen, fx.A, Full);
        var list = await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}").ExpectAsync(HttpStatusCode.OK);
        var id = list.Items().Single(r => r.Str("number") == number).Id();

        foreach (var caller in new[] { Callers.UnitOperatorA, Callers.UnitAdminA, Callers.PoliceCity, Callers.PoliceProvince, Callers.PlatformAdmin, Callers.PoliceCounty })
        {
            var expected = caller == Callers.PoliceCounty ? Full : Masked;
            var detail = await fx.Client(caller).GetAsync($"/api/access-requests/{id}").ExpectAsync(HttpStatusCode.OK);
            Assert.True(expected == detail.GetProperty("request").Str("citizenIdNumber"), $"{caller} got {detail.GetProperty("request").Str("citizenIdNumber")}");
            var page = await fx.Client(caller).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(expected, page.Items().Single(r => r.Id() == id).Str("citizenIdNumber"));
            var html = await (await fx.PageClientAsync(caller)).GetStringAsync(new Uri($"/Access/Details/{id}", UriKind.Relative));
            Assert.True(html.Contains(expected, StringComparison.Ordinal), $"{caller}: the page does not show {expected}");
            Assert.True(expected == Full || !html.Contains(Full, StringComparison.Ordinal), $"{caller}: the page shows the full number");
        }

        // The unit consents, the police approve, the citizen copies: the slip, the package and the log carry the masked number.
        await fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/access-requests/{id}/consent", new { consent = true }).ExpectAsync(HttpStatusCode.OK);
        await fx.Client(Callers.PoliceCounty).PostJsonAsync($"/api/access-requests/{id}/approve", new { approve = true }).ExpectAsync(HttpStatusCode.OK);
        var lookup = new Dictionary<string, string> { ["Number"] = number, ["Code"] = code };
        var copied = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "Copy", new(lookup));
        Assert.Contains(Masked, copied, StringComparison.Ordinal);
        Assert.DoesNotContain(Full, copied, StringComparison.Ordinal);
        var detailAfter = await fx.Client(Callers.UnitOperatorA).GetAsync($"/api/access-requests/{id}").ExpectAsync(HttpStatusCode.OK);
        var slip = detailAfter.GetProperty("registrations")[0];
        Assert.Contains(Masked, slip.Str("persons"), StringComparison.Ordinal);
        using var download = await fx.Client(Callers.UnitOperatorA).GetAsync(new Uri(slip.Str("packageUrl"), UriKind.Relative));
        using var zip = new System.IO.Compression.ZipArchive(await download.Content.ReadAsStreamAsync());
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain(Full, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
        var log = await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/audit/entries?subject=access-request:{id}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(log.Items());
        Assert.DoesNotContain(Full, log.GetRawText(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdentityMaskingSqlite(SqliteFixture fx) : IdentityMaskingTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class IdentityMaskingPostgres(PostgresFixture fx) : IdentityMaskingTests(fx);
