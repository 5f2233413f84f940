using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Users;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Users;

/// <summary>
/// Issue 10, administration: accounts are made and managed in the platform (/api/users and the pages under /Users), each
/// manager within their authority (the administrator all; police the levels below theirs and the using units of their
/// jurisdiction), every change in the audit log, and disabling or a new password ending the account's sessions at once.
/// </summary>
public abstract partial class UsersTests(PlatformFixture fx)
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private static object Operator(string name, Guid unit, string? password = null) =>
        new { userName = name, displayName = "值机员" + name, role = Roles.UnitOperator, divisionCode = (string?)null, unitId = unit, password };

    private static async Task<(string Id, string Password)> CreateAsync(HttpClient manager, object body)
    {
        var created = await manager.PostJsonAsync("/api/users", body).ExpectAsync(HttpStatusCode.Created);
        return (created.GetProperty("user").Str("id"), created.Str("password"));
    }

    private Task<List<(string Action, string Actor)>> TrailAsync(string userName) => fx.DbAsync(async db =>
        (await db.Audit.IgnoreQueryFilters().Where(e => e.Subject == $"user:{userName}").OrderBy(e => e.Index)
            .Select(e => new { e.Action, e.Actor }).ToListAsync()).Select(e => (e.Action, e.Actor)).ToList());

    [Fact]
    public async Task An_account_made_in_the_platform_signs_in_with_its_generated_password_and_is_logged()
    {
        var name = fx.Unique("ops").ToLowerInvariant();
        var (id, password) = await CreateAsync(Admin, Operator(name, fx.A.UnitId));
        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", password);
        var token = await fx.LoginAsync(name, password);
        using var me = fx.NewClient(token);
        var who = await me.GetAsync(new Uri("/api/auth/me", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.UnitOperator, who.Str("role"));
        Assert.Equal(fx.A.UnitId, who.GetProperty("unitId").GetGuid());
        var got = await Admin.GetAsync(new Uri($"/api/users/{id}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.A.UnitName, got.Str("unitName"));
        Assert.False(got.GetProperty("disabled").GetBoolean());
        Assert.Equal([("user.created", Callers.PlatformAdmin.Key), ("auth.signed-in", name)], (await TrailAsync(name)).Take(2));
        // The entry lies in the unit's division and unit, where the county police read it.
        var police = await fx.Client(Callers.PoliceCounty).GetAsync(new Uri($"/api/audit/entries?subject=user:{name}&action=user.created", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(police.Items());
    }

    [Fact]
    public async Task Disabling_ends_every_session_at_once_and_refuses_sign_in_until_enabled()
    {
        var name = fx.Unique("ops").ToLowerInvariant();
        var (id, password) = await CreateAsync(fx.Client(Callers.PoliceCounty), Operator(name, fx.A.UnitId, "Valid-pass-2026"));
        Assert.Equal("Valid-pass-2026", password);
        using var session = fx.NewClient(await fx.LoginAsync(name, password));
        await session.GetAsync(new Uri("/api/auth/me", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);

        var disabled = await fx.Client(Callers.PoliceCounty).PostAsync(new Uri($"/api/users/{id}/disable", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        using (var after = await session.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        using (var client = fx.NewClient())
        {
            using var refused = await client.PostJsonAsync("/api/auth/token", new { userName = name, password });
            Assert.Equal((HttpStatusCode)423, refused.StatusCode);
        }
        var listed = await Admin.GetAsync(new Uri($"/api/users?search={name}&disabled=true", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, Assert.Single(listed.Items()).Str("userName"));

        await fx.Client(Callers.PoliceCounty).PostAsync(new Uri($"/api/users/{id}/enable", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        using var again = fx.NewClient(await fx.LoginAsync(name, password));
        await again.GetAsync(new Uri("/api/auth/me", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var actions = (await TrailAsync(name)).Select(e => e.Action).ToList();
        Assert.Equal(["user.created", "auth.signed-in", "user.disabled", "auth.session-ended"], actions.Take(4));
        Assert.Contains("user.enabled", actions);
    }

    [Fact]
    public async Task A_reset_password_is_shown_once_ends_the_sessions_and_replaces_the_old_one()
    {
        var name = fx.Unique("ops").ToLowerInvariant();
        var (id, old) = await CreateAsync(Admin, Operator(name, fx.B.UnitId));
        using var session = fx.NewClient(await fx.LoginAsync(name, old));
        var reset = await fx.Client(Callers.PoliceProvince).PostAsync(new Uri($"/api/users/{id}/reset-password", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var fresh = reset.Str("password");
        Assert.NotEqual(old, fresh);
        using (var after = await session.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        using (var client = fx.NewClient())
        {
            using var refused = await client.PostJsonAsync("/api/auth/token", new { userName = name, password = old });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        await fx.LoginAsync(name, fresh);
        // A bad change is refused naming the field, whatever account it names.
        await fx.Client(Callers.PoliceProvince).PutJsonAsync($"/api/users/{Guid.NewGuid()}", new { role = Roles.UnitOperator, unitId = fx.B.UnitId }).ExpectValidationAsync("displayName");
        Assert.Contains(("user.password-reset", Callers.PoliceProvince.Key), await TrailAsync(name));
    }

    [Fact]
    public async Task Nobody_grants_a_role_or_scope_above_their_own_nor_manages_outside_it()
    {
        var county = fx.Client(Callers.PoliceCounty);
        // The county police manage unit users of their county only: no police account, no unit elsewhere.
        var refused = await county.PostJsonAsync("/api/users", new { userName = fx.Unique("p").ToLowerInvariant(), displayName = "同级", role = Roles.PoliceCounty, divisionCode = "150102" })
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("role", refused.Str("field"));
        refused = await county.PostJsonAsync("/api/users", Operator(fx.Unique("u").ToLowerInvariant(), fx.B.UnitId)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("unitId", refused.Str("field"));
        // The city police make county police of their city, not of another city, and no city police.
        var city = fx.Client(Callers.PoliceCity);
        refused = await city.PostJsonAsync("/api/users", new { userName = fx.Unique("p").ToLowerInvariant(), displayName = "他市", role = Roles.PoliceCounty, divisionCode = "150203" })
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", refused.Str("field"));
        refused = await city.PostJsonAsync("/api/users", new { userName = fx.Unique("p").ToLowerInvariant(), displayName = "同级", role = Roles.PoliceCity, divisionCode = "150100" })
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("role", refused.Str("field"));
        var name = fx.Unique("county").ToLowerInvariant();
        var (id, _) = await CreateAsync(city, new { userName = name, displayName = "县局民警", role = Roles.PoliceCounty, divisionCode = "150105" });
        // Raising that account to the city's own level is refused; moving it within the city is done (and logged as such).
        refused = await city.PutJsonAsync($"/api/users/{id}", new { displayName = "县局民警", role = Roles.PoliceCity, divisionCode = "150100" }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("role", refused.Str("field"));
        var moved = await city.PutJsonAsync($"/api/users/{id}", new { displayName = "县局民警", role = Roles.PoliceCounty, divisionCode = "150103" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("150103", moved.Str("divisionCode"));
        Assert.Contains(("user.scope-changed", Callers.PoliceCity.Key), await TrailAsync(name));
        // That county account is beyond the county police (same level) and the other city's police: 404, as outside the scope.
        foreach (var outsider in new[] { Callers.PoliceCounty, Callers.PoliceCountyB })
        {
            using var hidden = await fx.Client(outsider).GetAsync(new Uri($"/api/users/{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            using var notDisabled = await fx.Client(outsider).PostAsync(new Uri($"/api/users/{id}/disable", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.NotFound, notDisabled.StatusCode);
        }
        // Nor do the police see the administrator or citizens; they see the accounts of the parties registered in their
        // jurisdiction (world A's contractor and testing agency, in 150102).
        var listed = await fx.Client(Callers.PoliceProvince).GetAsync(new Uri("/api/users?pageSize=200", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var roles = listed.Items().Select(u => u.Str("role")).Distinct().ToList();
        Assert.DoesNotContain(Roles.PlatformAdmin, roles);
        Assert.DoesNotContain(Roles.PoliceProvince, roles);
        Assert.DoesNotContain(Roles.Citizen, roles);
        Assert.Contains(listed.Items(), u => u.Str("userName") == Callers.Contractor.Key && u.Str("partyName") == fx.A.ContractorName);
        Assert.Contains(listed.Items(), u => u.Str("userName") == Callers.UnitAdminA.Key);
    }

    [Fact]
    public async Task Nobody_disables_or_demotes_themselves_and_the_last_administrator_stays()
    {
        var me = await Admin.GetAsync(new Uri("/api/users?search=platform-admin&role=platform-admin", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var id = me.Items().Single(u => u.Str("userName") == Callers.PlatformAdmin.Key).Str("id");
        var refused = await Admin.PostAsync(new Uri($"/api/users/{id}/disable", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("自己", refused.Str("detail"), StringComparison.Ordinal);
        refused = await Admin.PutJsonAsync($"/api/users/{id}", new { displayName = "平台管理员", role = Roles.Citizen }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("role", refused.Str("field"));

        // A second administrator is managed like anyone; once every other one is disabled, the last enabled one cannot be,
        // even by a caller that is not that account (a command acting with the whole scope).
        var (second, _) = await CreateAsync(Admin, new { userName = fx.Unique("admin").ToLowerInvariant(), displayName = "第二管理员", role = Roles.PlatformAdmin });
        await Admin.PostAsync(new Uri($"/api/users/{second}/disable", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var others = await db.Users.Where(u => u.Role == Roles.PlatformAdmin && u.Id != id && u.LockoutEnd == null).Select(u => u.Id).ToListAsync();
        foreach (var other in others)
        {
            Assert.IsType<Ok<UserDto>>((await admin.DisableAsync(other, new ClaimsPrincipal(), default)).Result);
        }
        var last = Assert.IsType<ProblemHttpResult>((await admin.DisableAsync(id, new ClaimsPrincipal(), default)).Result);
        Assert.Equal(Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict, last.StatusCode);
        Assert.Contains("最后一位", last.ProblemDetails.Detail, StringComparison.Ordinal);
        var demoted = Assert.IsType<ProblemHttpResult>((await admin.ChangeAsync(id, new UserChange("平台管理员", Roles.Citizen, null, null), new ClaimsPrincipal(), default)).Result);
        Assert.Contains("最后一位", demoted.ProblemDetails.Detail, StringComparison.Ordinal);
        await Admin.GetAsync(new Uri("/api/auth/me", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_in_chinese()
    {
        async Task Refused(object body, string field)
        {
            var messages = await Admin.PostJsonAsync("/api/users", body).ExpectValidationAsync(field);
            Assert.All(messages, m => Assert.Matches("[\u4e00-\u9fff]", m));
        }
        var unit = fx.A.UnitId;
        await Refused(new { displayName = "无名", role = Roles.Citizen }, "userName");
        await Refused(new { userName = "有 空格", displayName = "空格", role = Roles.Citizen }, "userName");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), role = Roles.Citizen }, "displayName");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = "sheriff" }, "role");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.PoliceCounty }, "divisionCode");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.PoliceCounty, divisionCode = "1501" }, "divisionCode");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.UnitOperator }, "unitId");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.Citizen, unitId = unit }, "unitId");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.Citizen, divisionCode = "150102" }, "divisionCode");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.Citizen, password = "onlyletters" }, "password");
        await Refused(new { userName = Callers.Citizen.Key, displayName = "重名", role = Roles.Citizen }, "userName");
        await Refused(new { userName = fx.Unique("x").ToLowerInvariant(), displayName = "某", role = Roles.UnitOperator, unitId = Guid.NewGuid() }, "unitId");
        await Admin.GetAsync(new Uri("/api/users?role=sheriff", UriKind.Relative)).ExpectValidationAsync("role");
        await Admin.GetAsync(new Uri("/api/users?division=15x", UriKind.Relative)).ExpectValidationAsync("division");
    }

    [Fact]
    public async Task The_list_pages_in_a_stable_order_and_filters_by_role_division_and_name()
    {
        var prefix = fx.Unique("pg").ToLowerInvariant();
        foreach (var n in new[] { "c", "a", "e", "b", "d" })
        {
            await CreateAsync(Admin, Operator($"{prefix}-{n}", fx.B.UnitId));
        }
        var pages = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var page = await Admin.GetAsync(new Uri($"/api/users?search={prefix}&pageSize=2&page={p}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            pages.AddRange(page.Items().Select(u => u.Str("userName")));
        }
        Assert.Equal(["a", "b", "c", "d", "e"], pages.Select(u => u[^1..]));
        var byDivision = await Admin.GetAsync(new Uri($"/api/users?search={prefix}&division=1502&role={Roles.UnitOperator}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, byDivision.GetProperty("total").GetInt32());
        var elsewhere = await Admin.GetAsync(new Uri($"/api/users?search={prefix}&division=1501", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, elsewhere.GetProperty("total").GetInt32());
        var police = await Admin.GetAsync(new Uri($"/api/users?role={Roles.PoliceCounty}&division=150203", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(police.Items(), u => u.Str("userName") == Callers.PoliceCountyB.Key);
        Assert.All(police.Items(), u => Assert.Equal(Roles.PoliceCounty, u.Str("role")));
        // The county police of 150102 see none of them (unit B lies in 150203).
        var county = await fx.Client(Callers.PoliceCounty).GetAsync(new Uri($"/api/users?search={prefix}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, county.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_account_page_shows_its_audit_trail_and_links_to_the_log()
    {
        var name = fx.Unique("ops").ToLowerInvariant();
        var (id, _) = await CreateAsync(fx.Client(Callers.PoliceCounty), Operator(name, fx.A.UnitId));
        await fx.Client(Callers.PoliceCounty).PostAsync(new Uri($"/api/users/{id}/disable", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var page = await fx.PageClientAsync(Callers.PoliceCounty);
        using var response = await page.GetAsync(new Uri($"/Users/Details/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Text(html);
        Assert.Contains("新建用户", text, StringComparison.Ordinal);
        Assert.Contains("停用用户", text, StringComparison.Ordinal);
        Assert.Contains("已停用", text, StringComparison.Ordinal);
        Assert.DoesNotContain("user.disabled", text, StringComparison.Ordinal);
        Assert.Contains($"/Audit?subject=user%3A{name}", html, StringComparison.Ordinal);
        // The list shows the account to its manager, and the menu offers user management to those who may manage users only.
        var list = Text(await page.GetStringAsync(new Uri($"/Users?search={name}", UriKind.Relative)));
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("href=\"/Users\"", await page.GetStringAsync(new Uri("/Sites", UriKind.Relative)), StringComparison.Ordinal);
        var unit = await fx.PageClientAsync(Callers.UnitAdminA);
        Assert.DoesNotContain("href=\"/Users\"", await unit.GetStringAsync(new Uri("/Sites", UriKind.Relative)), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsersSqlite(SqliteFixture fx) : UsersTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class UsersPostgres(PostgresFixture fx) : UsersTests(fx);
