using System.Net;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// Every write of the projects API refuses bad input with 400 naming each field (camelCase, nested by path), before any step
/// is taken: nothing in the database changes.
/// </summary>
public abstract class ProjectBadInputTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private HttpClient Owner => fx.Client(Callers.UnitAdminA);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task Names(Task<HttpResponseMessage> call, params string[] fields)
    {
        using var response = await call;
        var body = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors do not name \"{field}\": {errors}");
            Assert.All(messages.EnumerateArray(), m => Assert.Contains(m.GetString()!, c => c is >= '\u4e00' and <= '\u9fff'));
        }
    }

    [Fact]
    public async Task Bad_input_to_every_write_is_400_naming_the_field_and_changes_nothing()
    {
        var p = await kit.DriveAsync(fx.A, "panel");
        var expert = await kit.PartyClientAsync(Roles.Expert, p.Panel[0]);
        var unqualified = (await kit.Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("无资质单位"), "150102", qualified: false))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var url = $"/api/projects/{p.Id}";
        var before = await DatabaseFingerprint.TakeAsync(fx);

        await Names(Owner.PostJsonAsync("/api/projects", new { }), "name", "kind", "siteId", "riskLevel", "investment");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "  ", kind = "demolish", siteId = p.Site, riskLevel = 4, investment = -1 }), "name", "kind", "riskLevel", "investment");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 0, investment = 1_000_001 }), "riskLevel", "investment");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5, contractors = new[] { new { contractorId = (Guid?)null, role = "painter" } } }),
            "contractors[0].contractorId", "contractors[0].role");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5,
            contractors = Enumerable.Range(0, 21).Select(_ => new { contractorId = fx.A.ContractorId, role = "design" }), systemIds = Enumerable.Range(0, 51).Select(_ => Guid.NewGuid()) }),
            "contractors", "systemIds");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5, contractors = new[] { new { contractorId = unqualified, role = "construction" } } }),
            "contractors[0].contractorId");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5, contractors = new[] { new { contractorId = Guid.NewGuid(), role = "construction" } } }),
            "contractors[0].contractorId");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5, systemIds = new[] { Guid.NewGuid() } }), "systemIds[0]");
        // A system in service, of the world's site; a system already in an open project.
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = fx.A.SiteId, riskLevel = 2, investment = 5, systemIds = new[] { fx.A.SystemId } }), "systemIds[0]");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, riskLevel = 2, investment = 5, systemIds = new[] { p.System } }), "systemIds[0]");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = "工程", kind = "new", siteId = p.Site, ownerUnitId = fx.B.UnitId, riskLevel = 2, investment = 5 }), "ownerUnitId");
        await Names(Owner.PostJsonAsync("/api/projects", new { name = new string('名', 201), kind = "new", siteId = p.Site, riskLevel = 2, investment = 5 }), "name");

        await Names(Owner.PostJsonAsync($"{url}/submit-design", new { note = new string('注', 1001) }), "note");
        await Names(Owner.PostJsonAsync($"{url}/submit-design", new { note = "a\u0000b" }), "note");
        await Owner.PostJsonAsync($"{url}/review", new { note = "说明", opinion = "pass" }).ExpectAsync(HttpStatusCode.BadRequest);
        await Names(expert.PostJsonAsync($"{url}/opinion", new { }), "opinion");
        await Names(expert.PostJsonAsync($"{url}/opinion", new { opinion = "maybe" }), "opinion");
        await Names(expert.PostJsonAsync($"{url}/opinion", new { opinion = "pass-with-conditions", conditions = Enumerable.Range(0, 21).Select(i => $"条件{i}") }), "conditions");
        await Names(expert.PostJsonAsync($"{url}/opinion", new { opinion = "pass-with-conditions", conditions = new[] { "  " } }), "conditions");
        await Names(expert.PostJsonAsync($"{url}/opinion", new { opinion = "fail", reasons = " " }), "reasons");
        await Names(Owner.PostJsonAsync($"{url}/corrections/{Guid.NewGuid()}", new { }), "answer");
        await Names(Owner.PostJsonAsync($"{url}/corrections/{Guid.NewGuid()}", new { answer = "已整改" }), "correctionId");
        await Names(Owner.PostJsonAsync($"{url}/inspection", new { }), "testingAgencyId");
        await Names(Owner.PostJsonAsync($"{url}/report", new { }), "number", "testedOn", "conclusion", "items");
        await Names(Owner.PostJsonAsync($"{url}/report", new { number = "JC", testedOn = kit.Today, conclusion = "ok", items = new[] { new { } } }),
            "conclusion", "items[0].name", "items[0].result", "items[0].passed");
        await Names(Owner.PostJsonAsync($"{url}/report", new { number = "JC", testedOn = kit.Today, conclusion = "pass", items = Enumerable.Range(0, 101).Select(i => new { name = $"项{i}", result = "符合", passed = true }) }),
            "items");
        await Names(Owner.PostJsonAsync($"{url}/acceptance", new { }), "conclusion", "date");
        await Names(Owner.PostJsonAsync($"{url}/acceptance", new { conclusion = "pass-with-conditions", date = kit.Today }), "conclusion");
        await Owner.PostJsonAsync($"{url}/acceptance", new { conclusion = "pass", date = "2026-02-30" }).ExpectAsync(HttpStatusCode.BadRequest);
        await Names(Owner.PostJsonAsync($"{url}/acceptance/refuse", new { reason = "\t " }), "reason");
        await Names(Owner.PostJsonAsync($"{url}/in-service", new { }), "date");
        await Names(Owner.PostJsonAsync($"{url}/withdraw", new { }), "reason");
        await Names(Owner.PostJsonAsync($"{url}/withdraw", new { reason = new string('由', 1001) }), "reason");
        await Owner.PostJsonAsync($"{url}/acceptance/sign", new { reason = "不是本步的字段" }).ExpectAsync(HttpStatusCode.BadRequest);
        using (var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } })
        {
            await Names(Owner.PostAsync(U($"{url}/documents"), empty), "type", "file");
        }
        await Names(Owner.GetAsync(U($"{url}/documents/{Guid.NewGuid()}")), "reason");
        await Names(Owner.GetAsync(U("/api/projects?state=finished")), "state");

        Assert.Empty(DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fx)));
        Assert.Equal("design-review", (await kit.DetailAsync(p.Id)).GetProperty("project").Str("state"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectBadInputSqlite(SqliteFixture fx) : ProjectBadInputTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectBadInputPostgres(PostgresFixture fx) : ProjectBadInputTests(fx);
