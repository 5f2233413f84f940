using System.Net;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Identity;

/// <summary>POST /api/auth/token and GET /api/auth/me: tokens, who am I, refusals; throttling is in SignInThrottleTests, sessions in SessionTests.</summary>
public abstract class AuthTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_token_is_issued_for_a_user_name_and_password_and_says_who_the_caller_is()
    {
        using var client = fx.NewClient();
        var token = await client.PostJsonAsync("/api/auth/token", new { userName = "police-city", password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", token.Str("tokenType"));
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(token.Str("refreshToken")));

        using var signedIn = fx.NewClient(token.Str("accessToken"));
        var me = await signedIn.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("police-city", me.Str("userName"));
        Assert.Equal(Roles.PoliceCity, me.Str("role"));
        Assert.Equal("设区的市（盟市）级公安机关", me.Str("roleLabel"));
        Assert.Equal("150102", me.Str("divisionCode"));

        var unitUser = await fx.Client(Callers.UnitOperatorB).GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.B.UnitId, unitUser.GetProperty("unitId").GetGuid());
        Assert.Equal(Roles.UnitOperator, unitUser.Str("role"));
    }

    [Fact]
    public async Task Wrong_credentials_are_401_and_missing_ones_400()
    {
        using var client = fx.NewClient();
        var wrong = await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = "not-the-password-1" }).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, wrong.GetProperty("status").GetInt32());
        Assert.Equal("用户名或密码错误", wrong.Str("detail"));
        var unknown = await client.PostJsonAsync("/api/auth/token", new { userName = "nobody-at-all", password = Caller.Password }).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.Str("detail"), unknown.Str("detail")); // no hint whether the user exists
        await client.PostJsonAsync("/api/auth/token", new { password = Caller.Password }).ExpectValidationAsync("userName");
        await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = "" }).ExpectValidationAsync("password");
    }

    [Fact]
    public async Task A_forged_or_garbled_token_is_401()
    {
        using var garbled = fx.NewClient("not-a-token");
        await garbled.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.Unauthorized);
        await garbled.GetAsync("/api/units").ExpectAsync(HttpStatusCode.Unauthorized);
        using var client = fx.NewClient();
        var token = (await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }).ExpectAsync(HttpStatusCode.OK)).Str("accessToken");
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        using var forged = fx.NewClient(flipped);
        await forged.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count_of_failures()
    {
        var user = fx.Unique("forgetful");
        await fx.CreateUserAsync(user, Roles.Citizen);
        using var client = fx.NewClient();
        // Five failures are free (the sixth would be followed by a delay); a success forgets them, so five more are free again.
        for (var i = 1; i <= 5; i++)
        {
            await client.PostJsonAsync("/api/auth/token", new { userName = user, password = $"wrong-password-{i}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        await client.PostJsonAsync("/api/auth/token", new { userName = user, password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
        using var later = fx.NewClient();
        for (var i = 1; i <= 6; i++)
        {
            await later.PostJsonAsync("/api/auth/token", new { userName = user, password = $"wrong-again-{i}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        // The sixth failure since the success is followed by a delay: had the first five not been forgotten, it would have come sooner.
        await later.PostJsonAsync("/api/auth/token", new { userName = user, password = Caller.Password }).ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Identitys_own_refusals_are_in_Chinese()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var user = new JifangUser { UserName = fx.Unique("short-password"), DisplayName = "测试", Role = Roles.Citizen };
        var tooShort = await users.CreateAsync(user, "short");
        Assert.False(tooShort.Succeeded);
        Assert.Contains(tooShort.Errors, e => e.Description == "密码至少需要 10 个字符。");
        var taken = await users.CreateAsync(new JifangUser { UserName = "citizen", DisplayName = "重名", Role = Roles.Citizen }, Caller.Password);
        Assert.Contains(taken.Errors, e => e.Description == "用户名“citizen”已被使用。");
        // Every description Identity can give is Chinese: none is left in English.
        var describer = scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>();
        foreach (var method in typeof(IdentityErrorDescriber).GetMethods().Where(m => m.ReturnType == typeof(IdentityError)))
        {
            var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)3 : "x").ToArray();
            var error = (IdentityError)method.Invoke(describer, args)!;
            Assert.True(error.Description.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{method.Name}: {error.Description}");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthSqlite(SqliteFixture fx) : AuthTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuthPostgres(PostgresFixture fx) : AuthTests(fx);
