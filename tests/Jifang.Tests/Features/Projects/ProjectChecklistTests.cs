using System.Net;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// Each gate opens only with its checklist complete and its own conditions met (nmg-2007 第十三条第三款至第五款): the drawings
/// and risk letter to submit the design, the review opinion to conclude it, the corrections answered and pledged before the
/// inspection, a qualified agency's report (filed by it alone, dated after the review) and its test report for acceptance, the
/// police's signature and the acceptance report before service. Refusals are 409 with the article and audited; bad dates 400.
/// </summary>
public abstract class ProjectChecklistTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private HttpClient Owner => fx.Client(Callers.UnitAdminA);

    [Fact]
    public async Task The_design_is_submitted_with_its_systems_and_documents_and_concluded_with_the_review_opinion()
    {
        var (site, system) = await kit.SiteAsync(fx.A, "150102");
        var bare = (await kit.OpenAsync(Owner, site, null)).GetProperty("project").Id();
        await kit.RefusedAsync(bare, () => Owner.PostJsonAsync($"/api/projects/{bare}/submit-design", new { }), "13.2");

        var project = (await kit.OpenAsync(Owner, site, system)).GetProperty("project").Id();
        var gate = (await kit.DetailAsync(project)).GetProperty("gate");
        Assert.Equal(["风险等级确认函", "设计方案及图纸"], gate.Strings("missing"));
        await ProjectKit.UploadAsync(Owner, project, "risk-letter").ExpectAsync(HttpStatusCode.OK);
        var refused = await kit.RefusedAsync(project, () => Owner.PostJsonAsync($"/api/projects/{project}/submit-design", new { }), "13.3");
        Assert.Contains("设计方案及图纸", refused.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("风险等级确认函", refused.Str("detail"), StringComparison.Ordinal);
        // A contractor the project does not name does not see it.
        var contractor = await kit.PartyClientAsync(Roles.Contractor, fx.B.ContractorId);
        await ProjectKit.UploadAsync(contractor, project, "drawings").ExpectAsync(HttpStatusCode.NotFound);
        await ProjectKit.UploadAsync(Owner, project, "drawings").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{project}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);

        var p = new ProjectKit.Driven(project, site, system, Owner, fx.Client(Callers.PoliceCounty));
        await kit.ExpertsAsync(3);
        var drawn = await p.Police.PostAsync(new Uri($"/api/projects/{project}/panel", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        p.Panel.AddRange(drawn.GetProperty("panels")[0].GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))));
        await kit.OpinionsAsync(p, new { opinion = "pass" });
        var early = await kit.RefusedAsync(project, () => Owner.PostJsonAsync($"/api/projects/{project}/review", new { }), "13.3");
        Assert.Contains("1/3", early.Str("detail"), StringComparison.Ordinal);
        foreach (var expert in p.Panel.Skip(1))
        {
            await (await kit.PartyClientAsync(Roles.Expert, expert)).PostJsonAsync($"/api/projects/{project}/opinion", new { opinion = "pass" }).ExpectAsync(HttpStatusCode.OK);
        }
        var missing = await kit.RefusedAsync(project, () => Owner.PostJsonAsync($"/api/projects/{project}/review", new { }), "13.3");
        Assert.Contains("论证意见书", missing.Str("detail"), StringComparison.Ordinal);
        await ProjectKit.UploadAsync(Owner, project, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{project}/review", new { }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_inspection_needs_the_corrections_answered_and_pledged_and_a_qualified_agency()
    {
        var p = await kit.DriveAsync(fx.A, "construction", withCondition: true);
        var (agency, agencyClient) = await kit.AgencyAsync();
        var (expired, _) = await kit.AgencyAsync(until: "2026-01-31");
        var open = await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }), "13.3");
        Assert.Contains("1 项未答复", open.Str("detail"), StringComparison.Ordinal);
        var correction = (await kit.DetailAsync(p.Id)).GetProperty("corrections")[0].Id();
        await p.Police.PostJsonAsync($"/api/projects/{p.Id}/corrections/{correction}", new { answer = "公安代答" }).ExpectAsync(HttpStatusCode.Conflict);
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/corrections/{correction}", new { answer = "已补装" }).ExpectAsync(HttpStatusCode.OK);
        var pledge = await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }), "13.4");
        Assert.Contains("整改承诺书", pledge.Str("detail"), StringComparison.Ordinal);
        await ProjectKit.UploadAsync(Owner, p.Id, "correction-pledge").ExpectAsync(HttpStatusCode.OK);
        var unqualified = await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = expired }), "13.4");
        Assert.Contains("资质", unqualified.Str("title"), StringComparison.Ordinal);
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = Guid.NewGuid() }).ExpectValidationAsync("testingAgencyId");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }), "13.4");
        var inspecting = await Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("inspection", inspecting.GetProperty("project").Str("state"));

        // The report: the commissioned agency alone, dated between the review and today; a failing one sends the work back.
        var report = kit.Report(fx.Unique("JC"), "fail");
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/report", report), "13.4");
        var (_, other) = await kit.AgencyAsync();
        await other.PostJsonAsync($"/api/projects/{p.Id}/report", report).ExpectAsync(HttpStatusCode.NotFound);
        var items = new[] { new { name = "图像质量", result = "不清晰", passed = false } };
        await agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", new { number = "JC-1", testedOn = "2026-06-02", conclusion = "fail", items }).ExpectValidationAsync("testedOn");
        await agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", new { number = "JC-1", testedOn = "2026-05-31", conclusion = "fail", items }).ExpectValidationAsync("testedOn");
        await agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", new { number = "JC-1", testedOn = kit.Today, conclusion = "pass", items }).ExpectValidationAsync("conclusion");
        var failed = await agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", report).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", failed.GetProperty("project").Str("state"));
        Assert.Equal("inspection", failed.GetProperty("project").Str("returnedFrom"));
        Assert.Contains("视频图像质量", failed.Str("returnReason"), StringComparison.Ordinal);
        var system = await kit.Admin.GetAsync(new Uri($"/api/systems/{p.System}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(system.GetProperty("inspection").GetProperty("held").GetBoolean());
        Assert.False(system.GetProperty("inspection").GetProperty("passed").GetBoolean());
        // No longer commissioned in construction: the agency reads the project it tested, but files nothing.
        await kit.RefusedAsync(p.Id, () => agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", kit.Report(fx.Unique("JC"), "pass")), "13.4");

        await Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.OK);
        var passed = await agencyClient.PostJsonAsync($"/api/projects/{p.Id}/report", kit.Report(fx.Unique("JC"), "pass")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acceptance", passed.GetProperty("project").Str("state"));
        Assert.Equal(2, passed.GetProperty("reports").GetArrayLength());
        system = await kit.Admin.GetAsync(new Uri($"/api/systems/{p.System}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(system.GetProperty("inspection").GetProperty("passed").GetBoolean());
        Assert.True(system.GetProperty("inspection").GetProperty("agencyQualified").GetBoolean());
    }

    [Fact]
    public async Task The_acceptance_rests_on_the_test_report_and_takes_effect_when_the_county_police_sign()
    {
        var p = await kit.DriveAsync(fx.A, "inspection");
        await p.Agency!.PostJsonAsync($"/api/projects/{p.Id}/report", kit.Report(fx.Unique("JC"), "pass")).ExpectAsync(HttpStatusCode.OK);
        var acceptance = new { conclusion = "pass", date = kit.Today };
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
        var noReport = await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance), "13.4");
        Assert.Contains("检测报告", noReport.Str("detail"), StringComparison.Ordinal);
        // The test report is the agency's document, not the owner's.
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(Owner, p.Id, "test-report"), "16.1");
        await ProjectKit.UploadAsync(p.Agency!, p.Id, "test-report").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "pass", date = "2026-05-31" }).ExpectValidationAsync("date");
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "pass", date = "2026-06-02" }).ExpectValidationAsync("date");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance), "13.4");
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance).ExpectAsync(HttpStatusCode.OK);

        // The owner does not sign its own record; the city police are not the level of a 二级 project.
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
        await kit.RefusedAsync(p.Id, () => fx.Client(Callers.PoliceCity).PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance/refuse", new { reason = "自己退回" }), "13.4");
        var cleared = await p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/refuse", new { reason = "报警未联网" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("acceptance").ValueKind);
        Assert.Equal("acceptance", cleared.GetProperty("project").Str("state"));

        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance).ExpectAsync(HttpStatusCode.OK);
        var signed = await p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signed.GetProperty("acceptance").GetProperty("passed").GetBoolean());
        Assert.Equal("in-service", signed.GetProperty("gate").Str("gate"));
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", acceptance), "13.4");
        await kit.RefusedAsync(p.Id, () => p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }), "13.4");
        var noAcceptanceReport = await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "13.5", "23.1");
        Assert.Contains("验收报告", noAcceptanceReport.Str("detail"), StringComparison.Ordinal);
        await ProjectKit.UploadAsync(Owner, p.Id, "acceptance-report").ExpectAsync(HttpStatusCode.OK);
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = "2026-05-31" }).ExpectValidationAsync("date");
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = "2026-06-02" }).ExpectValidationAsync("date");
        var done = await Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("in-service", done.GetProperty("project").Str("state"));
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/in-service", new { date = kit.Today }), "13.5", "23.1");
        await kit.RefusedAsync(p.Id, () => Owner.PostJsonAsync($"/api/projects/{p.Id}/withdraw", new { reason = "已结束" }), "13.2");
    }

    [Fact]
    public async Task After_a_failed_acceptance_the_work_is_inspected_again_and_a_new_acceptance_recorded()
    {
        var p = await kit.DriveAsync(fx.A, "acceptance");
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "fail", date = kit.Today, note = "报警未联网" }).ExpectAsync(HttpStatusCode.OK);
        var failed = await p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", failed.GetProperty("project").Str("state"));
        Assert.Equal("acceptance", failed.GetProperty("project").Str("returnedFrom"));
        Assert.Equal("报警未联网", failed.Str("returnReason"));

        await Owner.PostJsonAsync($"/api/projects/{p.Id}/inspection", new { testingAgencyId = p.AgencyId }).ExpectAsync(HttpStatusCode.OK);
        await p.Agency!.PostJsonAsync($"/api/projects/{p.Id}/report", kit.Report(fx.Unique("JC"), "pass")).ExpectAsync(HttpStatusCode.OK);
        // The new acceptance is the owner's to record again: the failed one, signed, does not stand in its way.
        Assert.Contains("record-acceptance", await ProjectKit.ActionsAsync(Owner, p.Id));
        Assert.DoesNotContain("sign-acceptance", await ProjectKit.ActionsAsync(p.Police, p.Id));
        await Owner.PostJsonAsync($"/api/projects/{p.Id}/acceptance", new { conclusion = "pass", date = kit.Today }).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("sign-acceptance", await ProjectKit.ActionsAsync(p.Police, p.Id));
        var signed = await p.Police.PostJsonAsync($"/api/projects/{p.Id}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signed.GetProperty("acceptance").GetProperty("passed").GetBoolean());
        Assert.Equal(2, signed.GetProperty("steps").EnumerateArray().Count(s => s.Str("action") == "acceptance-signed"));
    }

    [Fact]
    public async Task A_signature_on_a_review_conclusion_is_void_once_another_opinion_changes_it()
    {
        var p = await kit.DriveAsync(fx.A, "panel");
        var pass = new { opinion = "pass" };
        await kit.OpinionsAsync(p, pass, pass);
        await ProjectKit.UploadAsync(Owner, p.Id, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        // Two of three passed: a majority; the owner signs "pass".
        var signed = await Owner.PostJsonAsync($"/api/projects/{p.Id}/review", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("“通过”", signed.GetProperty("steps").EnumerateArray().Last().Str("note"), StringComparison.Ordinal);
        // The third expert sets a condition: the conclusion is now another, and the owner's signature was not on it.
        await (await kit.PartyClientAsync(Roles.Expert, p.Panel[2])).PostJsonAsync($"/api/projects/{p.Id}/opinion",
            new { opinion = "pass-with-conditions", conditions = new[] { "增设周界报警" } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("conclude-review", await ProjectKit.ActionsAsync(Owner, p.Id));
        var police = await p.Police.PostJsonAsync($"/api/projects/{p.Id}/review", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design-review", police.GetProperty("project").Str("state"));
        var done = await Owner.PostJsonAsync($"/api/projects/{p.Id}/review", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", done.GetProperty("project").Str("state"));
        Assert.Equal("有条件通过", done.Str("reviewConclusion"));
        Assert.Equal("增设周界报警", done.GetProperty("corrections")[0].Str("text"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectChecklistSqlite(SqliteFixture fx) : ProjectChecklistTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectChecklistPostgres(PostgresFixture fx) : ProjectChecklistTests(fx);
