using System.Text.Json;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// Issue 10, user management: the authorization matrix's lines for /api/users and the pages under /Users (spread into
/// <see cref="AuthorizationMatrix.Endpoints"/>; a file of their own to ease merging). The account each call acts on is a
/// unit operator of the world's unit: the administrator manages it everywhere, the police of the world's jurisdiction
/// (every level manages the using units' users), nobody else; outside the caller's authority it is not found (404).
/// </summary>
public static class UsersMatrix
{
    /// <summary>The world's standing account, listed and read (never changed): "matrix-user-a" for world A.</summary>
    public static string StandingName(World w) => $"matrix-user-{w.Key.ToLowerInvariant()}";

    /// <summary>The world's standing account's id, made the first time it is asked for.</summary>
    public static async Task<string> StandingUserAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var name = StandingName(c.W);
        var id = await c.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstOrDefaultAsync());
        return id ?? await c.NewUserAsync(name, disabled: false);
    }

    /// <summary>An account of its own (a unit operator of the world's unit, without a password), for a call that changes it.</summary>
    public static Task<string> FreshUserAsync(this MatrixCall c, bool disabled = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.NewUserAsync(c.Unique("matrix-user").ToLowerInvariant(), disabled);
    }

    private static async Task<string> NewUserAsync(this MatrixCall c, string name, bool disabled)
    {
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var user = new JifangUser
        {
            UserName = name, DisplayName = "矩阵用户", Role = Roles.UnitOperator, UnitId = c.W.UnitId,
            CreatedAt = c.Fixture.Time.GetUtcNow().UtcDateTime, LockoutEnd = disabled ? DateTimeOffset.MaxValue : null,
        };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.UnitOperator)).Succeeded);
        return user.Id;
    }

    private static bool Lists(JsonElement page, World w) => page.Items().Any(i => i.Str("userName") == StandingName(w));

    /// <summary>The account in the result table (the search box repeats the name on every answer).</summary>
    private static bool PageLists(JsonElement html, World w) => html.GetString()!.Contains($"<td>{StandingName(w)}</td>", StringComparison.Ordinal);

    /// <summary>The world's unit operator, as the API's callers reach it: 2xx inside, 404 outside, 403 without the policy.</summary>
    private static string Managed(string ok) =>
        $"""
        caller          A    B    P
        anonymous       401  401  401
        police-province {ok}  {ok}  404
        police-city     {ok}  404  404
        police-county   {ok}  404  404
        police-county-b 404  {ok}  404
        unit-admin-a    403  403  403
        unit-operator-a 403  403  403
        unit-admin-b    403  403  403
        unit-operator-b 403  403  403
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  {ok}  {ok}  {ok}
        """;

    private const string PageSupervise =
        """
        caller          -
        anonymous       302L
        police-province 200
        police-city     200
        police-county   200
        police-county-b 200
        unit-admin-a    302D
        unit-operator-a 302D
        unit-admin-b    302D
        unit-operator-b 302D
        contractor      302D
        testing-agency  302D
        citizen         302D
        platform-admin  200
        """;

    private const string PageList =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200+ 200+ 200-
        police-city     200+ 200- 200-
        police-county   200+ 200- 200-
        police-county-b 200- 200+ 200-
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  200+ 200+ 200+
        """;

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("GET /api/users/", true, async c => { await c.StandingUserAsync(); return Get($"/api/users?search={StandingName(c.W)}"); },
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """, Lists),
        new("GET /api/users/{id:guid}", true, async c => Get($"/api/users/{await c.StandingUserAsync()}"), Managed("200")),
        // Creating a unit operator of the world's unit: a unit outside the caller's jurisdiction is refused naming unitId (403).
        new("POST /api/users/", true, c => Task.FromResult(Post("/api/users", new
            {
                userName = c.Unique("matrix-new").ToLowerInvariant(), displayName = "矩阵新用户", role = Roles.UnitOperator, unitId = c.W.UnitId,
            })),
            Managed("201").Replace("404", "403", StringComparison.Ordinal)),
        new("PUT /api/users/{id:guid}", true, async c => Put($"/api/users/{await c.FreshUserAsync()}", new
            {
                displayName = "矩阵改名", role = Roles.UnitOperator, unitId = c.W.UnitId,
            }), Managed("200")),
        new("POST /api/users/{id:guid}/disable", true, async c => Post($"/api/users/{await c.FreshUserAsync()}/disable"), Managed("200")),
        new("POST /api/users/{id:guid}/enable", true, async c => Post($"/api/users/{await c.FreshUserAsync(disabled: true)}/enable"), Managed("200")),
        new("POST /api/users/{id:guid}/reset-password", true, async c => Post($"/api/users/{await c.FreshUserAsync()}/reset-password"),
            Managed("200")),

        new("* Users", true, async c => { await c.StandingUserAsync(); return Get($"/Users?search={StandingName(c.W)}"); }, PageList, PageLists),
        new("* Users/Index", true, async c => { await c.StandingUserAsync(); return Get($"/Users/Index?search={StandingName(c.W)}"); }, PageList, PageLists),
        new("* Users/Create", false, c => Task.FromResult(Get("/Users/Create")), PageSupervise),
        new("* Users/Details/{id:guid}", true, async c => Get($"/Users/Details/{await c.StandingUserAsync()}"),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    302D 302D 302D
            unit-operator-a 302D 302D 302D
            unit-admin-b    302D 302D 302D
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
    ];
}
