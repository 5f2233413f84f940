using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Security;

/// <summary>
/// Issue 9: every answer of a rate limit (the sign-in limit per client, the citizens' portal) is a 429 with Retry-After and
/// a Chinese ProblemDetails body, and the limits count minutes of the platform's clock (the fake clock in these tests), so
/// that whether a test is refused depends on what it did, not on how fast the machine ran it.
/// </summary>
public abstract class RateLimitTests(PlatformFixture fx)
{
    private static async Task<int> RefusedForAsync(HttpResponseMessage response)
    {
        var body = await response.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal("请求过于频繁", body.Str("title"));
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.Contains($"{seconds} 秒", body.Str("detail"), StringComparison.Ordinal);
        return seconds;
    }

    [Fact]
    public async Task The_sign_in_limit_answers_Retry_After_and_counts_minutes_of_the_platforms_clock()
    {
        using var client = fx.NewClient();
        for (var i = 1; i <= 10; i++)
        {
            await client.PostJsonAsync("/api/auth/token", new { userName = fx.Unique("limited"), password = "wrong-password-1" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using (var refused = await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }))
        {
            Assert.Equal(60, await RefusedForAsync(refused));
        }
        await fx.AdvanceAsync(TimeSpan.FromSeconds(45));
        using (var still = await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }))
        {
            Assert.Equal(15, await RefusedForAsync(still));
        }
        await fx.AdvanceAsync(TimeSpan.FromSeconds(15));
        await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_portal_limit_answers_Retry_After_and_a_Chinese_problem()
    {
        using var client = fx.NewClient();
        for (var i = 1; i <= 30; i++)
        {
            using var page = await client.GetAsync(new Uri("/Portal", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var refused = await client.GetAsync(new Uri("/Portal", UriKind.Relative));
        Assert.Equal(60, await RefusedForAsync(refused));
        await fx.AdvanceAsync(TimeSpan.FromMinutes(1));
        using var again = await client.GetAsync(new Uri("/Portal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RateLimitSqlite(SqliteFixture fx) : RateLimitTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RateLimitPostgres(PostgresFixture fx) : RateLimitTests(fx);
