using System.Net;
using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Identity;

/// <summary>
/// Issue 9: signing out ends that session (a copied cookie or token no longer answers), and a lock, a password change or
/// a deletion ends every session of the user, cookies and bearer tokens alike, at once in this process and within
/// Security:SessionCacheSeconds of the platform's clock for a change made elsewhere. Each end is in the audit log once.
/// </summary>
public abstract class SessionTests(PlatformFixture fx)
{
    /// <summary>A browser (keeping cookies) signed in through the sign-in page.</summary>
    private async Task<(HttpClient Browser, CookieKeeper Cookies)> BrowserAsync(string user)
    {
        var ip = fx.NewAddress();
        var cookies = new CookieKeeper(new NoServerErrors(fx.Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip)));
        var browser = new HttpClient(cookies) { BaseAddress = fx.Server.BaseAddress };
        await PlatformFixture.SignInWithFormAsync(browser, user, Caller.Password);
        return (browser, cookies);
    }

    /// <summary>A client sending a copy of a browser's cookies, as someone who took them would, from elsewhere.</summary>
    private HttpClient Replaying(CookieKeeper cookies)
    {
        var client = fx.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", cookies.Cookies.GetCookieHeader(fx.Server.BaseAddress));
        return client;
    }

    private async Task<List<AuditEntry>> EntriesAsync(string user, string action)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await db.Audit.AsNoTracking().Where(e => e.Subject == $"user:{user}" && e.Action == action).OrderBy(e => e.Index).ToListAsync();
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task Signing_out_of_the_pages_ends_that_session_even_for_a_copy_of_its_cookie()
    {
        var user = fx.Unique("leaving");
        await fx.CreateUserAsync(user, Roles.PoliceCounty, "150102");
        var (browser, cookies) = await BrowserAsync(user);
        using var copy = Replaying(cookies);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(copy));
        using var otherDevice = fx.NewClient(await fx.LoginAsync(user, Caller.Password));

        var page = await browser.GetStringAsync(new Uri("/Guide", UriKind.Relative));
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var signedOut = await browser.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(copy));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
        // Only this session ended: the same user's other sign-in goes on.
        Assert.Equal(HttpStatusCode.OK, await MeAsync(otherDevice));
        var entry = Assert.Single(await EntriesAsync(user, "auth.signed-out"));
        Assert.Contains("通道：登录页面", entry.Detail, StringComparison.Ordinal);
        Assert.Equal("150102", entry.DivisionCode);
    }

    [Fact]
    public async Task Signing_out_through_the_api_ends_that_token_and_no_other()
    {
        var user = fx.Unique("api-leaving");
        await fx.CreateUserAsync(user, Roles.Citizen);
        using var first = fx.NewClient(await fx.LoginAsync(user, Caller.Password));
        using var second = fx.NewClient(await fx.LoginAsync(user, Caller.Password));
        using var signOut = await first.PostAsync(new Uri("/api/auth/sign-out", UriKind.Relative), null);
        await signOut.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(first));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(second));
        using var again = await first.PostAsync(new Uri("/api/auth/sign-out", UriKind.Relative), null);
        await again.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("通道：API 令牌", Assert.Single(await EntriesAsync(user, "auth.signed-out")).Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> Changes => new() { "lock", "password", "delete" };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_lock_a_password_change_or_a_deletion_ends_cookies_and_tokens_at_once(string change)
    {
        var user = fx.Unique($"ended-by-{change}");
        await fx.CreateUserAsync(user, Roles.PoliceCity, "150102");
        using var api = fx.NewClient(await fx.LoginAsync(user, Caller.Password));
        var (browser, _) = await BrowserAsync(user);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));

        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            var account = (await users.FindByNameAsync(user))!;
            var done = change switch
            {
                "lock" => await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue),
                "password" => await users.ChangePasswordAsync(account, Caller.Password, "a-new-password-22"),
                _ => await users.DeleteAsync(account),
            };
            Assert.True(done.Succeeded);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api));
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
        }
        // Each of the two sessions is logged as ended once, however often it knocks again.
        var ended = await EntriesAsync(user, "auth.session-ended");
        Assert.Equal(2, ended.Count);
        Assert.All(ended, e => Assert.Equal(user, e.Actor));
        if (change == "password")
        {
            using var fresh = fx.NewClient(await fx.LoginAsync(user, "a-new-password-22"));
            Assert.Equal(HttpStatusCode.OK, await MeAsync(fresh));
        }
    }

    [Fact]
    public async Task A_change_made_elsewhere_ends_sessions_within_the_cache_time_of_the_platforms_clock()
    {
        var user = fx.Unique("changed-elsewhere");
        await fx.CreateUserAsync(user, Roles.Citizen);
        using var api = fx.NewClient(await fx.LoginAsync(user, Caller.Password));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api));
        // As another instance or a database administrator would: not through this process's UserManager.
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            Assert.Equal(1, await db.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, "changed-elsewhere")));
        }
        // This process learns of it when what it remembers of the user expires (documented: Security:SessionCacheSeconds).
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api));
        await fx.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionSqlite(SqliteFixture fx) : SessionTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SessionPostgres(PostgresFixture fx) : SessionTests(fx);
