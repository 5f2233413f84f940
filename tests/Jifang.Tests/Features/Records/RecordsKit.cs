using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// What the records and access tests do again and again: register records through the API, put a record straight in the
/// database (as one registered before a change of the platform), make users of their own, post a page's form with its
/// antiforgery token, file in the citizens' portal, verify a package.
/// </summary>
public static class RecordsKit
{
    public static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    /// <summary>Registers one 30-minute video record per end time on the world's camera; returns their ids.</summary>
    public static async Task<Guid[]> RegisterAsync(this PlatformFixture fx, World w, HttpClient client, params DateTimeOffset[] ends)
    {
        ArgumentNullException.ThrowIfNull(fx);
        var records = ends.Select(end => new
        {
            deviceId = w.DeviceId, kind = "video", startsAt = end.AddMinutes(-30), endsAt = end,
            storageLocation = "nvr-01:/rec/" + fx.Unique("seg"), sizeBytes = 1_048_576, sha256 = Sha(fx.Unique("bytes")),
        }).ToArray();
        var body = await client.PostJsonAsync($"/api/systems/{w.SystemId}/records", new { records }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(body.GetProperty("auditIndex").GetInt64() >= 0);
        Assert.Equal(64, body.Str("auditLeafHash").Length);
        return body.GetProperty("records").EnumerateArray().Select(r => r.Id()).ToArray();
    }

    /// <summary>A record of the world's camera written straight to the database, with the registration time given.</summary>
    public static async Task<Guid> InsertRecordAsync(this PlatformFixture fx, World w, DateTime endsAt, DateTime registeredAt)
    {
        ArgumentNullException.ThrowIfNull(fx);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var record = new MediaRecord
        {
            SiteId = w.SiteId, SystemId = w.SystemId, DeviceId = w.DeviceId, Kind = "video", StartsAt = endsAt.AddMinutes(-30), EndsAt = endsAt,
            StorageLocation = "nvr-01:/rec/" + fx.Unique("old"), SizeBytes = 1024, Sha256 = Sha(fx.Unique("old-bytes")), RegisteredAt = registeredAt,
            RegisteredBy = "earlier-version",
        };
        db.Records.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    /// <summary>
    /// Makes a record older by <paramref name="by"/> (its times and its registration), as if that time had passed for it:
    /// what a test does instead of moving the shared clock by days (PlatformFixture.AdvanceAsync keeps to one day).
    /// </summary>
    public static async Task AgeRecordAsync(this PlatformFixture fx, Guid id, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(fx);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var record = await db.Records.SingleAsync(r => r.Id == id);
        record.StartsAt -= by;
        record.EndsAt -= by;
        record.RegisteredAt -= by;
        await db.SaveChangesAsync();
    }

    /// <summary>A new user of the role (police with a division, unit users with a unit), signed in with a bearer token; and the name.</summary>
    public static async Task<(HttpClient Client, string Name)> UserAsync(this PlatformFixture fx, string role, string? division = null, Guid? unit = null)
    {
        ArgumentNullException.ThrowIfNull(fx);
        var name = fx.Unique(role);
        await fx.CreateUserAsync(name, role, division, unit);
        return (fx.NewClient(await fx.LoginAsync(name, Caller.Password)), name);
    }

    /// <summary>A browser-like client without an account, keeping its cookies (the portal's antiforgery cookie), from an address of its own.</summary>
    public static HttpClient PortalClient(this PlatformFixture fx)
    {
        ArgumentNullException.ThrowIfNull(fx);
        var ip = fx.NewAddress();
        return new HttpClient(new CookieKeeper(new NoServerErrors(fx.Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip)))) { BaseAddress = fx.Server.BaseAddress };
    }

    /// <summary>Loads the page for its antiforgery token, posts the fields (to the handler, if any) and returns the page's decoded text.</summary>
    public static async Task<string> PostFormAsync(HttpClient client, string page, string? handler, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        using var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"no antiforgery token on {page}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var posted = await client.PostAsync(new Uri(page + (handler is null ? "" : $"?handler={handler}"), UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
    }

    /// <summary>Files a citizen's request to copy the last three hours of a world's site in the portal; returns its number and access code.</summary>
    public static async Task<(string Number, string Code)> FileCitizenRequestAsync(this PlatformFixture fx, HttpClient citizen, World w, string idNumber)
    {
        ArgumentNullException.ThrowIfNull(fx);
        var now = fx.Time.GetLocalNow();
        var filed = await PostFormAsync(citizen, "/Portal", null, new Dictionary<string, string>
        {
            ["Input.Name"] = "张某", ["Input.IdNumber"] = idNumber, ["Input.Phone"] = "138-0000-0001",
            ["Input.DivisionCode"] = w.Division, ["Input.SiteName"] = w.SiteName,
            ["Input.From"] = now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.To"] = now.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Reason"] = "电动车在停车场被盗", ["Input.Action"] = "copy", ["Input.RequesterRelation"] = "self",
        });
        var number = System.Text.RegularExpressions.Regex.Match(filed, "id=\"number\">([^<]+)<").Groups[1].Value;
        var code = System.Text.RegularExpressions.Regex.Match(filed, "id=\"code\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);
        return (number, code);
    }

    public static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "package.zip" } };
        return await client.PostAsync(new Uri("/api/access-packages/verify", UriKind.Relative), content).ExpectAsync(HttpStatusCode.OK);
    }
}
