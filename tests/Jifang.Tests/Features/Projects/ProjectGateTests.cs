using System.Net;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// Who organizes the design review, as each pack says: province-2012 第十一条第一款 (a public area's design: the police; any
/// other: the owner), nmg-2007 第十三条第三款 (the owner together with the police: both sign the conclusion). Each wrong party
/// and each wrong level is refused with the gate's article and audited, and the project stays as it was; a failed review
/// sends the design back, and the resubmission is reviewed by a panel drawn anew.
/// </summary>
public abstract class ProjectGateTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static Task<HttpResponseMessage> Draw(HttpClient client, Guid project) => client.PostAsync(U($"/api/projects/{project}/panel"), null);

    private static Task<HttpResponseMessage> Conclude(HttpClient client, Guid project) => client.PostJsonAsync($"/api/projects/{project}/review", new { });

    private static readonly object Pass = new { opinion = "pass" };

    /// <summary>The police of the province's city (9901) and of another county (990102): a level and a place that are not the project's.</summary>
    private Task<HttpClient> ProvinceCityPoliceAsync() => kit.AccountAsync("prov-police-city-9901", Roles.PoliceCity, "990101", null);

    private Task<HttpClient> OtherCountyPoliceAsync() => kit.AccountAsync("prov-police-county-990102", Roles.PoliceCounty, "990102", null);

    [Fact]
    public async Task Province_a_public_area_design_is_reviewed_by_the_police_and_the_owner_is_refused_citing_11_1()
    {
        var p = await kit.DriveAsync(fx.P, "design-review", publicArea: true);
        var detail = await kit.DetailAsync(p.Id);
        Assert.True(detail.GetProperty("publicArea").GetBoolean());
        Assert.Equal("公安机关", detail.Str("reviewOrganizer"));

        await kit.RefusedAsync(p.Id, () => Draw(p.Owner, p.Id), "11.1");
        // The police of another level (二级: the county's) only read; another county does not see the project.
        var cityPolice = await ProvinceCityPoliceAsync();
        await kit.RefusedAsync(p.Id, () => Draw(cityPolice, p.Id), "11.1");
        await Draw(await OtherCountyPoliceAsync(), p.Id).ExpectAsync(HttpStatusCode.NotFound);

        var drawn = await Draw(p.Police, p.Id).ExpectAsync(HttpStatusCode.OK);
        p.Panel.AddRange(drawn.GetProperty("panels")[0].GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))));
        await kit.OpinionsAsync(p, Pass, Pass, Pass);
        // The signed review opinion is the organizer's: the owner may not upload it here (第十五条, the documents' article).
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(p.Owner, p.Id, "review-opinion"), "15.1");
        await ProjectKit.UploadAsync(p.Police, p.Id, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        await kit.RefusedAsync(p.Id, () => Conclude(p.Owner, p.Id), "11.1");

        // The police alone conclude: one signature.
        var done = await Conclude(p.Police, p.Id).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", done.GetProperty("project").Str("state"));
        Assert.Equal("通过", done.Str("reviewConclusion"));
        var last = done.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("review-concluded", last.Str("action"));
        Assert.Equal("police", last.Str("party"));
        Assert.Equal("province-2012 11.1", last.Str("citation"));
    }

    [Fact]
    public async Task Province_a_site_of_a_public_area_category_is_a_public_area()
    {
        var p = await kit.DriveAsync(fx.P, "design-review", categories: ["square"]);
        Assert.True((await kit.DetailAsync(p.Id)).GetProperty("publicArea").GetBoolean());
        Assert.Contains("draw-panel", await ProjectKit.ActionsAsync(p.Police, p.Id));
        Assert.DoesNotContain("draw-panel", await ProjectKit.ActionsAsync(p.Owner, p.Id));
        var refused = await kit.RefusedAsync(p.Id, () => Draw(p.Owner, p.Id), "11.1");
        Assert.Contains("公安机关", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Province_any_other_design_is_reviewed_by_the_owner_and_the_police_are_refused_citing_11_1()
    {
        var p = await kit.DriveAsync(fx.P, "design-review");
        Assert.False((await kit.DetailAsync(p.Id)).GetProperty("publicArea").GetBoolean());
        await kit.RefusedAsync(p.Id, () => Draw(p.Police, p.Id), "11.1");
        var drawn = await Draw(p.Owner, p.Id).ExpectAsync(HttpStatusCode.OK);
        p.Panel.AddRange(drawn.GetProperty("panels")[0].GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))));
        await kit.OpinionsAsync(p, Pass, Pass, Pass);
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(p.Police, p.Id, "review-opinion"), "15.1");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        await kit.RefusedAsync(p.Id, () => Conclude(p.Police, p.Id), "11.1");
        var done = await Conclude(p.Owner, p.Id).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", done.GetProperty("project").Str("state"));
        var system = await kit.Admin.GetAsync(U($"/api/systems/{p.System}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction-unit", system.GetProperty("designReview").Str("organizer"));
    }

    [Fact]
    public async Task Nmg_the_owner_and_the_police_both_sign_and_the_conclusion_takes_effect_at_the_second_signature()
    {
        var p = await kit.DriveAsync(fx.A, "opinions");
        var first = await Conclude(p.Owner, p.Id).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design-review", first.GetProperty("project").Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("reviewConclusion").ValueKind);
        Assert.Equal("review-signed", first.GetProperty("steps").EnumerateArray().Last().Str("action"));
        var system = await kit.Admin.GetAsync(U($"/api/systems/{p.System}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(system.GetProperty("designReview").GetProperty("held").GetBoolean());

        // The owner's second signature is not the police's; the city police (二级: the county takes part) are not a party.
        await kit.RefusedAsync(p.Id, () => Conclude(p.Owner, p.Id), "13.3");
        await kit.RefusedAsync(p.Id, () => Conclude(fx.Client(Callers.PoliceCity), p.Id), "13.3");
        await Conclude(fx.Client(Callers.PoliceCountyB), p.Id).ExpectAsync(HttpStatusCode.NotFound);
        await Conclude(fx.Client(Callers.UnitAdminB), p.Id).ExpectAsync(HttpStatusCode.NotFound);

        var done = await Conclude(p.Police, p.Id).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", done.GetProperty("project").Str("state"));
        Assert.Equal("review-concluded", done.GetProperty("steps").EnumerateArray().Last().Str("action"));
        Assert.Equal("police", done.GetProperty("steps").EnumerateArray().Last().Str("party"));
        system = await kit.Admin.GetAsync(U($"/api/systems/{p.System}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(system.GetProperty("designReview").GetProperty("held").GetBoolean());
        Assert.Equal("construction-unit-with-police", system.GetProperty("designReview").Str("organizer"));
    }

    [Fact]
    public async Task A_failed_review_goes_back_with_its_reasons_and_the_resubmission_draws_a_new_panel()
    {
        var p = await kit.DriveAsync(fx.A, "panel");
        var first = await kit.PartyClientAsync(Roles.Expert, p.Panel[0]);
        await first.PostJsonAsync($"/api/projects/{p.Id}/opinion", new { opinion = "fail" }).ExpectValidationAsync("reasons");
        await first.PostJsonAsync($"/api/projects/{p.Id}/opinion", new { opinion = "pass-with-conditions" }).ExpectValidationAsync("conditions");
        await kit.OpinionsAsync(p, new { opinion = "fail", reasons = "周界未设防" }, new { opinion = "fail", reasons = "监控中心无备用电源" }, Pass);
        // An opinion is filed once.
        await kit.RefusedAsync(p.Id, () => first.PostJsonAsync($"/api/projects/{p.Id}/opinion", Pass), "13.3");
        // An expert of the pool who was not drawn does not see the project.
        var outsider = await kit.PartyClientAsync(Roles.Expert, (await kit.ExpertsAsync(1))[0]);
        await outsider.PostJsonAsync($"/api/projects/{p.Id}/opinion", Pass).ExpectAsync(HttpStatusCode.NotFound);

        // A failing conclusion needs no review opinion on file; both still sign it.
        await Conclude(p.Owner, p.Id).ExpectAsync(HttpStatusCode.OK);
        var back = await Conclude(p.Police, p.Id).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("initiated", back.GetProperty("project").Str("state"));
        Assert.Equal("design-review", back.GetProperty("project").Str("returnedFrom"));
        Assert.Contains("周界未设防", back.Str("returnReason"), StringComparison.Ordinal);
        Assert.Contains("监控中心无备用电源", back.Str("returnReason"), StringComparison.Ordinal);
        Assert.Equal("review-returned", back.GetProperty("steps").EnumerateArray().Last().Str("action"));
        Assert.Equal("不通过", back.GetProperty("panels")[0].Str("conclusionLabel"));
        var system = await kit.Admin.GetAsync(U($"/api/systems/{p.System}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(system.GetProperty("designReview").GetProperty("passed").GetBoolean());

        // Resubmitted: round 2, a panel of its own drawn from the pool.
        var again = await p.Owner.PostJsonAsync($"/api/projects/{p.Id}/submit-design", new { note = "已修改" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design-review", again.GetProperty("project").Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, again.GetProperty("project").GetProperty("returnedFrom").ValueKind);
        await kit.ExpertsAsync(3);
        var redrawn = await Draw(p.Police, p.Id).ExpectAsync(HttpStatusCode.OK);
        var panels = redrawn.GetProperty("panels");
        Assert.Equal(2, panels.GetArrayLength());
        Assert.Equal(2, panels[1].GetProperty("round").GetInt32());
        Assert.NotEqual(panels[0].GetProperty("seed").GetInt32(), panels[1].GetProperty("seed").GetInt32());
        var second = panels[1].GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))).ToList();
        Assert.Equal(3, second.Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, panels[1].GetProperty("conclusion").ValueKind);
        // A round-1 expert not drawn again has no say in round 2.
        foreach (var former in p.Panel.Except(second).Take(1))
        {
            var client = await kit.PartyClientAsync(Roles.Expert, former);
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/opinion", Pass), "13.3");
        }
        foreach (var round in new[] { 1, 2 })
        {
            var verified = await p.Owner.GetAsync(U($"/api/projects/{p.Id}/panels/{round}/verify")).ExpectAsync(HttpStatusCode.OK);
            Assert.True(verified.GetProperty("matches").GetBoolean());
        }
        await p.Owner.GetAsync(U($"/api/projects/{p.Id}/panels/3/verify")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nmg_no_gate_can_be_skipped_and_each_refusal_cites_its_article()
    {
        var p = await kit.DriveAsync(fx.A, "initiated");
        var (agency, _) = await kit.AgencyAsync();
        await kit.RefusedAsync(p.Id, () => Draw(p.Owner, p.Id), "13.3");
        await kit.RefusedAsync(p.Id, () => Conclude(p.Police, p.Id), "13.3");
        // Construction done before the design passed its review: refused on the review's article.
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }), "13.3");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "pass", date = kit.Today }), "13.4");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/refuse", new { reason = "不同意" }), "13.4");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "13.5", "23.1");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "13.5", "23.1");
        // The owner's steps are the owner's: the police cannot submit the design or withdraw the project.
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/submit-design", new { }), "13.3");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "公安撤回" }), "13.2");
        await p.Owner.PostJsonAsync($"/api/projects/{p.Id}/corrections/{Guid.NewGuid()}", new { answer = "已整改" }).ExpectValidationAsync("correctionId");

        var withdrawn = await p.Owner.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "工程取消" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.GetProperty("project").Str("state"));
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "再撤" }), "13.2");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/submit-design", new { }), "13.3");
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(p.Owner, p.Id, "other"), "16.1");
        // Its system may join a new project.
        var site = (await kit.DetailAsync(p.Id)).GetProperty("project").Str("siteId");
        await kit.OpenAsync(p.Owner, Guid.Parse(site), p.System);
    }

    [Fact]
    public async Task Province_no_gate_can_be_skipped_and_each_refusal_cites_its_article()
    {
        var p = await kit.DriveAsync(fx.P, "initiated");
        var (agency, _) = await kit.AgencyAsync("990101");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }), "11.1");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "pass", date = kit.Today }), "11.2");
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "11.2", "25.1");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "公安撤回" }), "10.1");
        await p.Owner.PostJsonAsync($"/api/projects/{p.Id}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);
        await kit.RefusedAsync(p.Id, () => p.Owner.PostJsonAsync($"/api/projects/{p.Id}/submit-design", new { }), "11.1");
        await kit.RefusedAsync(p.Id, () => Conclude(p.Owner, p.Id), "11.1");
    }

    [Fact]
    public async Task The_agency_the_experts_and_the_contractors_take_only_their_own_steps()
    {
        var p = await kit.DriveAsync(fx.A, "acceptance", contractor: fx.A.ContractorId);
        var contractor = await kit.PartyClientAsync(Roles.Contractor, fx.A.ContractorId);
        var expert = await kit.PartyClientAsync(Roles.Expert, p.Panel[0]);
        var acceptance = new { conclusion = "pass", date = kit.Today };
        foreach (var client in new[] { p.Agency!, contractor, expert })
        {
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance), "13.4");
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "13.5", "23.1");
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "不是我的项目" }), "13.2");
        }
        await p.Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance).ExpectAsync(HttpStatusCode.OK);
        foreach (var client in new[] { p.Agency!, contractor, expert })
        {
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
            await kit.RefusedAsync(p.Id, () => client.PostJsonAsync($"/api/projects/{p.Id}/acceptance/refuse", new { reason = "不同意" }), "13.4");
        }
        // At the review: the contractor (the builder) and the agency do not organize it; nor does the expert.
        var q = await kit.DriveAsync(fx.A, "opinions", contractor: fx.A.ContractorId);
        var drawnExpert = await kit.PartyClientAsync(Roles.Expert, q.Panel[0]);
        foreach (var client in new[] { contractor, drawnExpert })
        {
            await kit.RefusedAsync(q.Id, () => Conclude(client, q.Id), "13.3");
            await kit.RefusedAsync(q.Id, () => client.PostJsonAsync($"/api/projects/{q.Id}/submit-design", new { }), "13.3");
        }
        await kit.RefusedAsync(q.Id, () => drawnExpert.PostJsonAsync($"/api/projects/{q.Id}/opinion", Pass), "13.3");
        Assert.Equal(["设计施工单位"], (await contractor.GetAsync(U($"/api/projects/{q.Id}")).ExpectAsync(HttpStatusCode.OK)).Strings("parties"));
        Assert.Equal(["技防专家"], (await drawnExpert.GetAsync(U($"/api/projects/{q.Id}")).ExpectAsync(HttpStatusCode.OK)).Strings("parties"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectGateSqlite(SqliteFixture fx) : ProjectGateTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectGatePostgres(PostgresFixture fx) : ProjectGateTests(fx);
