using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// Verifying a package tells nothing about a registration unless the package is the one the platform issued (its SHA-256 is
/// registered): a forged or altered package is "not authentic" and nothing else; an authentic one is answered with what the
/// package itself carries. Likewise a request naming records outside the officer's jurisdiction learns nothing of them.
/// </summary>
public abstract class PackageVerificationTests(PlatformFixture fx)
{
    /// <summary>An official copy in world B (county 150203): opened, co-signed by a second officer of that bureau, registered by unit B.</summary>
    private async Task<(byte[] Package, string Number, string CaseNumber)> CopyInWorldBAsync()
    {
        var record = (await fx.RegisterAsync(fx.B, fx.Client(Callers.UnitAdminB), fx.Time.GetUtcNow().AddHours(-2)))[0];
        var caseNumber = fx.Unique("乙公刑案");
        var opener = fx.Client(Callers.PoliceCountyB);
        var opened = await opener.PostJsonAsync("/api/access-requests", new
        {
            recordIds = new[] { record }, action = "copy", caseNumber, reason = "抢劫案调查取证", credentialNumber = "150203-0001",
            unitCertificate = "乙公（刑）调证字〔2026〕9号", confidentialityPledged = true,
        }).ExpectAsync(HttpStatusCode.Created);
        var request = opened.GetProperty("request").Id();
        var (second, _) = await fx.UserAsync(Roles.PoliceCounty, "150203");
        await second.PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "150203-0002" }).ExpectAsync(HttpStatusCode.OK);
        var slip = await fx.Client(Callers.UnitAdminB).PostJsonAsync($"/api/access-requests/{request}/register", new { credentialsChecked = true, certificateChecked = true })
            .ExpectAsync(HttpStatusCode.OK);
        using var download = await opener.GetAsync(new Uri(slip.Str("packageUrl"), UriKind.Relative));
        return (await download.Content.ReadAsByteArrayAsync(), opened.GetProperty("request").Str("number"), caseNumber);
    }

    /// <summary>A zip made by hand: the genuine manifest (naming the registration and its records) and a watermark of one's own.</summary>
    private static byte[] Forge(byte[] genuine)
    {
        using var source = new ZipArchive(new MemoryStream(genuine), ZipArchiveMode.Read);
        using var reader = new StreamReader(source.GetEntry("manifest.json")!.Open(), Encoding.UTF8);
        var manifest = reader.ReadToEnd();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("manifest.json", manifest), ("WATERMARK.txt", "本副本交付给：伪造者") })
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static void AssertNotAuthentic(JsonElement answer, params string[] secrets)
    {
        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.False(answer.GetProperty("registered").GetBoolean());
        foreach (var field in new[] { "registrationId", "requestNumber", "recipient", "createdAt", "auditIndex", "auditLeafHash" })
        {
            Assert.Equal(JsonValueKind.Null, answer.GetProperty(field).ValueKind);
        }
        Assert.Equal(0, answer.GetProperty("records").GetArrayLength());
        Assert.Contains("不是平台出具的导出包", Assert.Single(answer.Strings("problems")), StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, answer.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_forged_or_altered_package_naming_another_jurisdiction_s_registration_is_not_authentic_and_shows_nothing_else()
    {
        var (genuine, number, caseNumber) = await CopyInWorldBAsync();
        var county = fx.Client(Callers.PoliceCounty);
        AssertNotAuthentic(await RecordsKit.VerifyAsync(county, Forge(genuine)), number, caseNumber, "150203-0001");
        var altered = genuine.ToArray();
        altered[^10] ^= 0xFF;
        AssertNotAuthentic(await RecordsKit.VerifyAsync(fx.Client(Callers.UnitOperatorA), altered), number, caseNumber);

        // The page, as an operator of another unit.
        var page = await fx.PageClientAsync(Callers.UnitOperatorA);
        using var form = await page.GetAsync(new Uri("/Access/Verify", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Forge(genuine)), "file", "package.zip" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        using var posted = await page.PostAsync(new Uri("/Access/Verify", UriKind.Relative), content);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("不是平台出具的导出包", html, StringComparison.Ordinal);
        Assert.DoesNotContain(number, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Access/Registration/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authentic_package_is_answered_with_what_it_carries()
    {
        var (genuine, number, _) = await CopyInWorldBAsync();
        using var zip = new ZipArchive(new MemoryStream(genuine), ZipArchiveMode.Read);
        var carried = string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        // Whoever holds it, in whatever jurisdiction: holding the genuine package is what is verified.
        var answer = await RecordsKit.VerifyAsync(fx.Client(Callers.UnitOperatorA), genuine);
        Assert.True(answer.GetProperty("valid").GetBoolean(), answer.GetRawText());
        Assert.Equal(number, answer.Str("requestNumber"));
        Assert.Equal(manifest.RootElement.Str("recipient"), answer.Str("recipient"));
        Assert.Equal(manifest.RootElement.GetProperty("registration").GetGuid(), answer.GetProperty("registrationId").GetGuid());
        Assert.All(answer.GetProperty("records").EnumerateArray(), r => Assert.True(r.GetProperty("matches").GetBoolean()));
        // Every text of the answer is the package's own, or a hash (of the file, of the audit entry that logged it).
        foreach (var property in answer.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name is not ("sha256" or "auditLeafHash" or "createdAt")))
        {
            Assert.Contains(property.Value.GetString()!, carried, StringComparison.Ordinal);
        }
        Assert.Empty(answer.Strings("problems"));
    }

    [Fact]
    public async Task Anyone_holding_a_package_verifies_it_without_an_account_within_the_portal_s_limit()
    {
        var (genuine, number, _) = await CopyInWorldBAsync();
        // The page, from a browser without an account (it sent a citizen to the guide and a visitor to sign in).
        var visitor = fx.PortalClient();
        using (var form = await visitor.GetAsync(new Uri("/Access/Verify", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
            using var content = new MultipartFormDataContent
            {
                { new ByteArrayContent(genuine), "file", "package.zip" },
                { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            };
            using var posted = await visitor.PostAsync(new Uri("/Access/Verify", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
            Assert.Contains("核验通过：与平台登记一致", html, StringComparison.Ordinal);
            Assert.Contains(number, html, StringComparison.Ordinal);
            // The registration's page is for those who may read it: a visitor is shown its id, not a link that asks to sign in.
            Assert.DoesNotContain("/Access/Registration/", html, StringComparison.Ordinal);
        }
        // The API, without a token, from an address of its own; 30 requests a minute per client, like the portal.
        using var client = fx.NewClient();
        Assert.True((await RecordsKit.VerifyAsync(client, genuine)).GetProperty("valid").GetBoolean());
        for (var i = 2; i <= 30; i++)
        {
            await RecordsKit.VerifyAsync(client, "not a package"u8.ToArray());
        }
        using var content31 = new MultipartFormDataContent { { new ByteArrayContent(genuine), "file", "package.zip" } };
        using var refused = await client.PostAsync(new Uri("/api/access-packages/verify", UriKind.Relative), content31);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_request_naming_a_record_of_another_jurisdiction_is_answered_as_one_naming_no_record()
    {
        var theirs = (await fx.RegisterAsync(fx.B, fx.Client(Callers.UnitAdminB), fx.Time.GetUtcNow().AddHours(-1)))[0];
        var county = fx.Client(Callers.PoliceCounty);
        object Open(Guid record) => new
        {
            recordIds = new[] { record }, action = "view", caseNumber = "新公刑案2026-201", reason = "调查", credentialNumber = "150102-0001",
            unitCertificate = "证明", confidentialityPledged = true,
        };
        var elsewhere = await county.PostJsonAsync("/api/access-requests", Open(theirs)).ExpectAsync(HttpStatusCode.Forbidden);
        var nowhere = Guid.CreateVersion7();
        var unknown = await county.PostJsonAsync("/api/access-requests", Open(nowhere)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(unknown.Str("title"), elsewhere.Str("title"));
        Assert.Equal(unknown.Str("detail").Replace(nowhere.ToString(), "ID", StringComparison.Ordinal), elsewhere.Str("detail").Replace(theirs.ToString(), "ID", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PackageVerificationSqlite(SqliteFixture fx) : PackageVerificationTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class PackageVerificationPostgres(PostgresFixture fx) : PackageVerificationTests(fx);
