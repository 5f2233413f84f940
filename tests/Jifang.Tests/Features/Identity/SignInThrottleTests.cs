using System.Net;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Identity;

/// <summary>
/// Issue 9: an unknown user name is answered exactly as a known one with a wrong password (same status, same body, the
/// same hashing work), and failures are delayed more and more, per name and per client address, on the platform's clock,
/// instead of a lockout that anyone who knows a name could trigger. An administrator's lock still holds.
/// </summary>
public abstract class SignInThrottleTests(PlatformFixture fx)
{
    private static object Body(string user, string password) => new { userName = user, password };

    /// <summary>One attempt from an address of its own, so that only the name's throttle counts.</summary>
    private async Task<HttpResponseMessage> AttemptAsync(string user, string password, HttpClient? client = null) =>
        await (client ?? fx.NewClient()).PostJsonAsync("/api/auth/token", Body(user, password));

    private static async Task<int> RefusedForAsync(HttpResponseMessage response)
    {
        var body = await response.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("登录尝试过于频繁", body.Str("title"));
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.Contains($"{seconds} 秒", body.Str("detail"), StringComparison.Ordinal);
        return seconds;
    }

    /// <summary>The body without its traceId, which differs for every request.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");

    [Fact]
    public async Task An_unknown_name_is_answered_as_a_known_one_with_a_wrong_password_after_the_same_hashing()
    {
        var known = fx.Unique("known-name");
        await fx.CreateUserAsync(known, Roles.Citizen);
        var unknown = fx.Unique("unknown-name");
        var before = fx.Hasher.Verifications;
        using var wrong = await AttemptAsync(known, "not-the-password-1");
        var afterKnown = fx.Hasher.Verifications;
        using var missing = await AttemptAsync(unknown, "not-the-password-1");
        var afterUnknown = fx.Hasher.Verifications;

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, missing.StatusCode);
        Assert.Equal(await BodyAsync(wrong), await BodyAsync(missing));
        Assert.Equal(wrong.Headers.Select(h => h.Key).Order(), missing.Headers.Select(h => h.Key).Order());
        // The work that takes the time: one PBKDF2 verification each (an unknown name against a dummy hash).
        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, afterUnknown - afterKnown);
    }

    [Fact]
    public async Task Failures_are_delayed_alike_for_known_and_unknown_names_and_never_lock_the_account()
    {
        var known = fx.Unique("victim");
        await fx.CreateUserAsync(known, Roles.PlatformAdmin);
        var unknown = fx.Unique("phantom");
        foreach (var name in new[] { known, unknown })
        {
            // Six wrong passwords from six addresses (strangers): 401 each; the seventh attempt at once is asked to wait.
            for (var i = 1; i <= 6; i++)
            {
                using var failed = await AttemptAsync(name, $"wrong-password-{i}");
                await failed.ExpectAsync(HttpStatusCode.Unauthorized);
            }
            using var refused = await AttemptAsync(name, Caller.Password);
            Assert.Equal(1, await RefusedForAsync(refused));
        }
        // Not locked: once the second has passed on the platform's clock, the owner signs in with the right password.
        await fx.AdvanceAsync(TimeSpan.FromSeconds(1));
        using var owner = await AttemptAsync(known, Caller.Password);
        await owner.ExpectAsync(HttpStatusCode.OK);
        using var stranger = await AttemptAsync(unknown, Caller.Password);
        await stranger.ExpectAsync(HttpStatusCode.Unauthorized);
        // Identity's own lockout counter is not used by sign-ins at all.
        await using var scope = fx.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>().FindByNameAsync(known);
        Assert.Equal(0, user!.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
    }

    [Fact]
    public async Task Each_further_failure_of_a_name_doubles_the_delay_up_to_five_minutes()
    {
        var name = fx.Unique("guessed-name");
        for (var i = 1; i <= 6; i++)
        {
            using var failed = await AttemptAsync(name, $"guess-{i}");
            await failed.ExpectAsync(HttpStatusCode.Unauthorized);
        }
        foreach (var delay in new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 })
        {
            using var refused = await AttemptAsync(name, "guess-while-waiting");
            Assert.Equal(delay, await RefusedForAsync(refused));
            if (delay > 1)
            {
                await fx.AdvanceAsync(TimeSpan.FromSeconds(delay - 1));
                using var early = await AttemptAsync(name, "guess-a-second-early");
                Assert.Equal(1, await RefusedForAsync(early));
            }
            await fx.AdvanceAsync(TimeSpan.FromSeconds(delay > 1 ? 1 : delay));
            using var failed = await AttemptAsync(name, $"guess-after-{delay}");
            await failed.ExpectAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Failures_are_forgotten_after_an_hour_without_one()
    {
        var name = fx.Unique("returning");
        for (var i = 1; i <= 6; i++)
        {
            using var failed = await AttemptAsync(name, $"first-try-{i}");
            await failed.ExpectAsync(HttpStatusCode.Unauthorized);
        }
        await fx.AdvanceAsync(TimeSpan.FromHours(1));
        // Counted afresh: six more failures in a row before a delay (had they been added up, the second would be refused).
        for (var i = 1; i <= 6; i++)
        {
            using var failed = await AttemptAsync(name, $"second-try-{i}");
            await failed.ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using var refused = await AttemptAsync(name, "second-try-7");
        Assert.Equal(1, await RefusedForAsync(refused));
    }

    [Fact]
    public async Task The_sign_in_page_tells_a_throttled_person_how_long_to_wait()
    {
        var name = fx.Unique("page-guessed");
        var ip = fx.NewAddress();
        using var browser = new HttpClient(new CookieKeeper(new NoServerErrors(fx.Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip)))) { BaseAddress = fx.Server.BaseAddress };
        var form = await browser.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        async Task<HttpResponseMessage> PostAsync(string password)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token,
            });
            return await browser.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        }
        for (var i = 1; i <= 6; i++)
        {
            using var failed = await PostAsync($"page-guess-{i}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("用户名或密码错误", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The form again, with the wait in words; status and header for whatever reads them.
        using var refused = await PostAsync("page-guess-7");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("登录尝试过于频繁，请 1 秒后再试。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_failing_against_many_names_is_delayed_but_no_other_address()
    {
        var address = fx.NewAddress();
        using var client = fx.NewClient(null, address);
        // Twenty failures, each on a name of its own, are free (the sign-in limit lets ten through a minute).
        for (var i = 1; i <= 21; i++)
        {
            using var failed = await AttemptAsync(fx.Unique("sprayed"), "spray-password-1", client);
            await failed.ExpectAsync(HttpStatusCode.Unauthorized);
            if (i % 10 == 0)
            {
                await fx.AdvanceAsync(TimeSpan.FromMinutes(1));
            }
        }
        var next = fx.Unique("sprayed");
        using var refused = await AttemptAsync(next, "spray-password-1", client);
        Assert.Equal(1, await RefusedForAsync(refused));
        using var elsewhere = await AttemptAsync(next, "spray-password-1");
        await elsewhere.ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrators_lock_refuses_the_right_password_and_tells_only_who_knows_it()
    {
        var user = fx.Unique("locked-by-admin");
        await fx.CreateUserAsync(user, Roles.Citizen);
        async Task LockAsync(DateTimeOffset? until)
        {
            await using var scope = fx.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByNameAsync(user))!, until)).Succeeded);
        }
        await LockAsync(fx.Time.GetUtcNow().AddDays(1));
        using var wrong = await AttemptAsync(user, "not-the-password-1");
        Assert.Equal("用户名或密码错误", (await wrong.ExpectAsync(HttpStatusCode.Unauthorized)).Str("detail"));
        using var right = await AttemptAsync(user, Caller.Password);
        var locked = await right.ExpectAsync((HttpStatusCode)423);
        Assert.Equal("账户已锁定", locked.Str("title"));
        await LockAsync(null);
        using var unlocked = await AttemptAsync(user, Caller.Password);
        await unlocked.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Throttling_is_kept_in_the_database()
    {
        var name = fx.Unique("remembered");
        using var failed = await AttemptAsync(name, "wrong-password-1");
        await failed.ExpectAsync(HttpStatusCode.Unauthorized);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        Assert.Equal(1, (await db.SignInAttempts.SingleAsync(a => a.Key == SignInThrottle.AccountKey(name))).Failures);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInThrottleSqlite(SqliteFixture fx) : SignInThrottleTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SignInThrottlePostgres(PostgresFixture fx) : SignInThrottleTests(fx);
