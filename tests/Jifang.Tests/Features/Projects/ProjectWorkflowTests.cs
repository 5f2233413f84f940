using System.Net;
using System.Text.Json;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// The build lifecycle as a workflow (province-2012 第十条、第十一条、第二十五条; nmg-2007 第十三条、第二十三条): each party
/// acts as itself — the owner, the experts drawn at random, the testing agency the owner commissioned, the police of the
/// level the grade sets — and no gate can be skipped; the systems' lifecycle facts, which the engine judges, follow.
/// </summary>
public abstract class ProjectWorkflowTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private HttpClient Owner => fx.Client(Callers.UnitAdminA);

    private HttpClient Police => fx.Client(Callers.PoliceCounty);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> OpenAsync(Guid site, Guid system, int riskLevel = 2, decimal investment = 50m) =>
        await Owner.PostJsonAsync("/api/projects", new
        {
            name = fx.Unique("营业网点改造工程"), kind = "rebuild", siteId = site, riskLevel, investment,
            contractors = new[] { new { contractorId = fx.A.ContractorId, role = "design" }, new { contractorId = fx.A.ContractorId, role = "construction" } },
            systemIds = new[] { system },
        }).ExpectAsync(HttpStatusCode.OK);

    /// <summary>立项 → 方案论证 → 施工 under nmg-2007 (the owner together with the police organize; both sign the conclusion).</summary>
    private async Task<(Guid Project, JsonElement Detail)> ThroughReviewAsync(Guid site, Guid system)
    {
        await kit.ExpertsAsync(4);
        var project = (await OpenAsync(site, system)).GetProperty("project").Id();
        await ProjectKit.UploadAsync(Owner, project, "risk-letter").ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(Owner, project, "drawings").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{project}/submit-design", new { note = "提交论证" }).ExpectAsync(HttpStatusCode.OK);
        var drawn = await Police.PostAsync(U($"/api/projects/{project}/panel"), null).ExpectAsync(HttpStatusCode.OK);
        var members = drawn.GetProperty("panels")[0].GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))).ToList();
        Assert.Equal(3, members.Count);
        foreach (var (expert, i) in members.Select((e, i) => (e, i)))
        {
            var client = await kit.PartyClientAsync("expert", expert);
            var body = i == 0
                ? (object)new { opinion = "pass-with-conditions", conditions = new[] { "金库出入口补装一台摄像机" } }
                : new { opinion = "pass" };
            await client.PostJsonAsync($"/api/projects/{project}/opinion", body).ExpectAsync(HttpStatusCode.OK);
        }
        await ProjectKit.UploadAsync(Owner, project, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        var signed = await Owner.PostJsonAsync($"/api/projects/{project}/review", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design-review", signed.GetProperty("project").Str("state"));
        var concluded = await Police.PostJsonAsync($"/api/projects/{project}/review", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", concluded.GetProperty("project").Str("state"));
        return (project, concluded);
    }

    [Fact]
    public async Task A_project_goes_from_initiation_to_service_with_each_party_acting_as_itself()
    {
        var (site, system) = await kit.SiteAsync(fx.A, "150102");
        var (project, detail) = await ThroughReviewAsync(site, system);
        Assert.Equal("有条件通过", detail.Str("reviewConclusion"));
        var correction = detail.GetProperty("corrections")[0];
        var (agency, agencyClient) = await kit.AgencyAsync();

        // The corrections are answered before the next gate; the pledge is on the checklist.
        var refused = await Owner.PostJsonAsync($"/api/projects/{project}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("整改意见", refused.Str("detail"), StringComparison.Ordinal);
        await Owner.PostJsonAsync($"/api/projects/{project}/corrections/{correction.Id()}", new { answer = "已补装" }).ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(Owner, project, "correction-pledge").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{project}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.OK);

        // The unit cannot file the report; the commissioned agency does.
        var report = new { number = fx.Unique("JC"), testedOn = "2026-06-01", conclusion = "pass", items = new[] { new { name = "图像质量", result = "符合 GB 50395", passed = true } } };
        await Owner.PostJsonAsync($"/api/projects/{project}/report", report).ExpectAsync(HttpStatusCode.Conflict);
        var inspected = await agencyClient.PostJsonAsync($"/api/projects/{project}/report", report).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acceptance", inspected.GetProperty("project").Str("state"));
        await ProjectKit.UploadAsync(agencyClient, project, "test-report").ExpectAsync(HttpStatusCode.OK);

        // Not in service before the police signed the acceptance.
        var early = await Owner.PostJsonAsync($"/api/projects/{project}/in-service", new { date = "2026-06-01" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("第十三条第五款", early.ToString(), StringComparison.Ordinal);
        Assert.Contains("第二十三条", early.ToString(), StringComparison.Ordinal);
        await Owner.PostJsonAsync($"/api/projects/{project}/acceptance", new { conclusion = "pass", date = "2026-06-01" }).ExpectAsync(HttpStatusCode.OK);
        await Police.PostJsonAsync($"/api/projects/{project}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(Owner, project, "acceptance-report").ExpectAsync(HttpStatusCode.OK);
        var done = await Owner.PostJsonAsync($"/api/projects/{project}/in-service", new { date = "2026-06-01" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("in-service", done.GetProperty("project").Str("state"));

        var sys = await kit.Admin.GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("project", sys.Str("lifecycleSource"));
        Assert.True(sys.GetProperty("inService").GetBoolean());
        Assert.True(sys.GetProperty("acceptance").GetProperty("passed").GetBoolean());
        Assert.Equal("construction-unit-with-police", sys.GetProperty("designReview").Str("organizer"));
        var findings = (await kit.Admin.GetAsync($"/api/findings?site={site}&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().Select(f => f.Str("rule")).ToList();
        Assert.DoesNotContain("in-service-without-acceptance", findings);
        Assert.DoesNotContain("design-review", findings);
        var actions = (await kit.Admin.GetAsync($"/api/audit/entries?subject=project:{project}&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().Select(e => e.Str("action")).ToList();
        Assert.Contains("project.put-in-service", actions);
        Assert.Contains("project.refused", actions);
    }

    [Fact]
    public async Task An_opinion_after_the_panels_deadline_counts_and_the_timeline_says_it_was_late()
    {
        var p = await kit.DriveAsync(fx.A, "panel");
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jifang.Data.JifangDbContext>();
            db.Scope = Jifang.Features.Identity.Scope.All;
            var panel = await db.ReviewPanels.SingleAsync(x => x.ProjectId == p.Id);
            panel.DueOn = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).AddDays(-1);
            await db.SaveChangesAsync();
        }
        await kit.OpinionsAsync(p, new { opinion = "pass" });
        var steps = (await kit.DetailAsync(p.Id)).GetProperty("steps").EnumerateArray().Where(s => s.Str("action") == "opinion-filed").ToList();
        Assert.Single(steps);
        Assert.Contains("逾期提交", steps[0].Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_deadline_the_organizer_redraws_the_seats_of_experts_who_filed_nothing_and_the_panel_still_verifies()
    {
        // Enough candidates for the seats to fill: three more in the city's pool than a panel takes.
        await kit.ExpertsAsync(3);
        var p = await kit.DriveAsync(fx.A, "panel");
        var organizer = (await ProjectKit.ActionsAsync(p.Owner, p.Id)).Contains("draw-panel") ? p.Owner : p.Police;
        var early = await organizer.PostAsync(U($"/api/projects/{p.Id}/panel"), null).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("截止后方可补抽", early.Str("detail"), StringComparison.Ordinal);
        await kit.OpinionsAsync(p, new { opinion = "pass" });
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jifang.Data.JifangDbContext>();
            db.Scope = Jifang.Features.Identity.Scope.All;
            var panel = await db.ReviewPanels.SingleAsync(x => x.ProjectId == p.Id);
            panel.DueOn = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).AddDays(-1);
            await db.SaveChangesAsync();
        }
        Assert.Contains("draw-panel", await ProjectKit.ActionsAsync(p.Owner, p.Id));
        var redrawn = await p.Owner.PostAsync(U($"/api/projects/{p.Id}/panel"), null).ExpectAsync(HttpStatusCode.OK);
        var members = redrawn.GetProperty("panels")[0].GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(5, members.Count);
        Assert.Equal(2, members.Count(m => m.GetProperty("replaced").GetBoolean()));
        Assert.Equal("pass", members[0].Str("opinion"));
        // The replaced experts can no longer file; the new ones can, and the panel re-draws from its seeds as recorded.
        var replaced = Guid.Parse(members[1].Str("expertId"));
        await (await kit.PartyClientAsync("expert", replaced)).PostJsonAsync($"/api/projects/{p.Id}/opinion", new { opinion = "pass" }).ExpectAsync(HttpStatusCode.Conflict);
        foreach (var m in members.Skip(3))
        {
            await (await kit.PartyClientAsync("expert", Guid.Parse(m.Str("expertId")))).PostJsonAsync($"/api/projects/{p.Id}/opinion", new { opinion = "pass" }).ExpectAsync(HttpStatusCode.OK);
        }
        var verified = await kit.Admin.GetAsync($"/api/projects/{p.Id}/panels/1/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("matches").GetBoolean());
        Assert.Equal(1, verified.GetProperty("redrawSeeds").GetArrayLength());
        await ProjectKit.UploadAsync(p.Owner, p.Id, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        var concluded = await ProjectKit.ConcludeAsync(p);
        Assert.Equal("construction", concluded.GetProperty("project").Str("state"));
    }

    [Fact]
    public async Task A_failed_acceptance_keeps_the_system_out_of_service_with_its_citation()
    {
        var (site, system) = await kit.SiteAsync(fx.A, "150102");
        var (project, detail) = await ThroughReviewAsync(site, system);
        foreach (var c in detail.GetProperty("corrections").EnumerateArray())
        {
            await Owner.PostJsonAsync($"/api/projects/{project}/corrections/{c.Id()}", new { answer = "已整改" }).ExpectAsync(HttpStatusCode.OK);
        }
        await ProjectKit.UploadAsync(Owner, project, "correction-pledge").ExpectAsync(HttpStatusCode.OK);
        var (agency, agencyClient) = await kit.AgencyAsync();
        await Owner.PostJsonAsync($"/api/projects/{project}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.OK);
        await agencyClient.PostJsonAsync($"/api/projects/{project}/report", new { number = fx.Unique("JC"), testedOn = "2026-06-01", conclusion = "pass", items = new[] { new { name = "报警联网", result = "正常", passed = true } } }).ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(agencyClient, project, "test-report").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{project}/acceptance", new { conclusion = "fail", date = "2026-06-01", note = "金库报警未联网" }).ExpectAsync(HttpStatusCode.OK);
        var failed = await Police.PostJsonAsync($"/api/projects/{project}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", failed.GetProperty("project").Str("state"));

        var refused = await Owner.PostJsonAsync($"/api/projects/{project}/in-service", new { date = "2026-06-01" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("验收不合格", refused.Str("detail"), StringComparison.Ordinal);
        var cites = refused.GetProperty("citations").EnumerateArray().Select(c => c.Str("cite")).ToList();
        Assert.Contains("13.5", cites);
        Assert.Contains("23.1", cites);
        // Nor through the registry: the unit cannot tick its own system into service.
        var sys = await Owner.GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK);
        var edit = JsonSerializer.SerializeToNode(sys, Http.Json)!;
        edit["inService"] = true;
        edit["inServiceSince"] = "2026-06-01";
        await Owner.PutJsonAsync($"/api/systems/{system}", edit).ExpectValidationAsync("inService");
        Assert.False((await Owner.GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK)).GetProperty("inService").GetBoolean());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectWorkflowSqlite(SqliteFixture fx) : ProjectWorkflowTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectWorkflowPostgres(PostgresFixture fx) : ProjectWorkflowTests(fx);
