using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Identity;

/// <summary>The platform reads the injected clock: bearer tokens expire an hour later by the fake clock, not the wall clock.</summary>
public abstract class ClockTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_bearer_token_expires_after_an_hour_of_the_platforms_clock()
    {
        var token = await fx.LoginAsync("citizen", Caller.Password);
        using var client = fx.NewClient(token);
        await client.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);

        await fx.AdvanceAsync(TimeSpan.FromMinutes(59));
        await client.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);

        await fx.AdvanceAsync(TimeSpan.FromMinutes(2));
        await client.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.Unauthorized);
        // Everyone else signed in again on the way (AdvanceAsync), and is served.
        await fx.Client(Callers.Citizen).GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClockSqlite(SqliteFixture fx) : ClockTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ClockPostgres(PostgresFixture fx) : ClockTests(fx);
