using System.Net;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// Who placed an evidence hold decides who may release it: a hold the police took part in placing is released only by police
/// whose jurisdiction covers the organ that placed it, two of them as ever; a unit's own hold keeps the two-person rule among
/// everyone authorised. Every refusal names the platform rule and is in the audit log.
/// </summary>
public abstract class HoldReleaseTests(PlatformFixture fx)
{
    private DateTimeOffset Now => fx.Time.GetUtcNow();

    private static Uri Step(Guid hold, string step) => new($"/api/holds/{hold}/{step}", UriKind.Relative);

    private async Task<Guid> ProposeAsync(HttpClient who, Guid record, string caseNumber) =>
        (await who.PostJsonAsync("/api/holds", new { unitId = fx.A.UnitId, caseNumber, reason = "盗窃案证据", recordIds = new[] { record } })
            .ExpectAsync(HttpStatusCode.Created)).Id();

    private async Task<string> StateAsync(Guid hold) =>
        (await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/holds/{hold}").ExpectAsync(HttpStatusCode.OK)).Str("state");

    /// <summary>Asserts a refusal by the police-hold rule and returns the action of its audit entry.</summary>
    private async Task<string> RefusedByPoliceRuleAsync(Task<HttpResponseMessage> call, string actor)
    {
        var refused = await call.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("police-hold", refused.Str("rule"));
        Assert.StartsWith("平台规则", refused.Str("detail"), StringComparison.Ordinal);
        var entry = await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/audit/entries/{refused.GetProperty("auditIndex").GetInt64()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(actor, entry.Str("actor"));
        return entry.Str("action");
    }

    [Fact]
    public async Task A_police_hold_is_not_released_by_the_unit_alone_nor_by_the_platform_administrator()
    {
        var record = (await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Now.AddHours(-1)))[0];
        var police = fx.Client(Callers.PoliceCounty);
        var (colleague, _) = await fx.UserAsync(Roles.PoliceCounty, "150102");
        var hold = await ProposeAsync(police, record, "新公刑案2026-101");
        await colleague.PostAsync(Step(hold, "confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var placed = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/holds/{hold}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(placed.GetProperty("policeHold").GetBoolean());
        Assert.Equal("150102", placed.Str("placedByDivision"));

        // Two administrators of the unit: the first cannot even propose the release; nor can the platform administrator.
        var (secondAdmin, secondName) = await fx.UserAsync(Roles.UnitAdmin, unit: fx.A.UnitId);
        Assert.Equal("hold.refused-release-proposed", await RefusedByPoliceRuleAsync(
            fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/holds/{hold}/release", new { reason = "单位自行解除" }), "unit-admin-a"));
        await RefusedByPoliceRuleAsync(fx.Client(Callers.PlatformAdmin).PostJsonAsync($"/api/holds/{hold}/release", new { reason = "管理员解除" }), "platform-admin");
        Assert.Equal("active", await StateAsync(hold));

        // The police propose; an administrator of the unit cannot confirm, another county does not see it, the proposer cannot confirm alone.
        await police.PostJsonAsync($"/api/holds/{hold}/release", new { reason = "案件办结" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("hold.refused-released", await RefusedByPoliceRuleAsync(secondAdmin.PostAsync(Step(hold, "confirm-release"), null), secondName));
        await fx.Client(Callers.PoliceCountyB).PostAsync(Step(hold, "confirm-release"), null).ExpectAsync(HttpStatusCode.NotFound);
        await police.PostAsync(Step(hold, "confirm-release"), null).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("release-proposed", await StateAsync(hold));

        // The city bureau, whose jurisdiction covers the county bureau that placed it, confirms.
        await fx.Client(Callers.PoliceCity).PostAsync(Step(hold, "confirm-release"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("released", await StateAsync(hold));
    }

    [Fact]
    public async Task A_hold_the_city_bureau_placed_is_not_released_by_a_county_bureau_under_it()
    {
        var record = (await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Now.AddHours(-1)))[0];
        var hold = await ProposeAsync(fx.Client(Callers.PoliceCity), record, "呼公刑案2026-102");
        await fx.Client(Callers.UnitAdminA).PostAsync(Step(hold, "confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var county = fx.Client(Callers.PoliceCounty);
        Assert.Equal("hold.refused-release-proposed", await RefusedByPoliceRuleAsync(
            county.PostJsonAsync($"/api/holds/{hold}/release", new { reason = "县局解除" }), "police-county"));
        await fx.Client(Callers.PoliceProvince).PostJsonAsync($"/api/holds/{hold}/release", new { reason = "案件办结" }).ExpectAsync(HttpStatusCode.OK);
        await RefusedByPoliceRuleAsync(county.PostAsync(Step(hold, "confirm-release"), null), "police-county");
        await fx.Client(Callers.PoliceCity).PostAsync(Step(hold, "confirm-release"), null).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_unit_s_own_hold_is_released_by_two_of_its_administrators_unless_the_police_confirmed_it()
    {
        var ids = await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Now.AddHours(-2), Now.AddHours(-1));
        var first = fx.Client(Callers.UnitAdminA);
        var (second, _) = await fx.UserAsync(Roles.UnitAdmin, unit: fx.A.UnitId);
        var own = await ProposeAsync(first, ids[0], "内部纠纷-2026-01");
        await second.PostAsync(Step(own, "confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var shown = await first.GetAsync($"/api/holds/{own}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(shown.GetProperty("policeHold").GetBoolean());
        await first.PostJsonAsync($"/api/holds/{own}/release", new { reason = "纠纷已解决" }).ExpectAsync(HttpStatusCode.OK);
        await first.PostAsync(Step(own, "confirm-release"), null).ExpectAsync(HttpStatusCode.Conflict);
        await second.PostAsync(Step(own, "confirm-release"), null).ExpectAsync(HttpStatusCode.OK);

        // Proposed by the unit, confirmed by the police: the police took part in placing it, so the police release it.
        var joint = await ProposeAsync(first, ids[1], "新公刑案2026-103");
        await fx.Client(Callers.PoliceCounty).PostAsync(Step(joint, "confirm"), null).ExpectAsync(HttpStatusCode.OK);
        await RefusedByPoliceRuleAsync(first.PostJsonAsync($"/api/holds/{joint}/release", new { reason = "单位自行解除" }), "unit-admin-a");
    }

    [Fact]
    public async Task The_hold_page_offers_the_release_only_to_whom_may_do_it_and_shows_the_refusal()
    {
        var record = (await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Now.AddHours(-1)))[0];
        var hold = await ProposeAsync(fx.Client(Callers.PoliceCounty), record, "新公刑案2026-104");
        await fx.Client(Callers.PoliceCity).PostAsync(Step(hold, "confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var unitPage = await fx.PageClientAsync(Callers.UnitAdminA);
        var html = WebUtility.HtmlDecode(await unitPage.GetStringAsync(new Uri($"/Holds/Details/{hold}", UriKind.Relative)));
        Assert.DoesNotContain("handler=Release", html, StringComparison.Ordinal);
        Assert.Contains("公安机关设置", html, StringComparison.Ordinal);
        var refused = await RecordsKit.PostFormAsync(unitPage, $"/Holds/Details/{hold}", "Release", new() { ["ReleaseReason"] = "单位自行解除" });
        Assert.Contains("平台规则", refused, StringComparison.Ordinal);
        var policeHtml = await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(new Uri($"/Holds/Details/{hold}", UriKind.Relative));
        Assert.Contains("handler=Release", policeHtml, StringComparison.Ordinal);
        Assert.Equal("active", await StateAsync(hold));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HoldReleaseSqlite(SqliteFixture fx) : HoldReleaseTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class HoldReleasePostgres(PostgresFixture fx) : HoldReleaseTests(fx);
