using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jifang.Features.Identity;
using Jifang.Tests.Features.Projects;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// —— 建设项目 (issue 12) —— the authorization matrix's lines for the projects API, spread into
/// <see cref="AuthorizationMatrix.Endpoints"/>. Projects are taken through the API to the stage a line needs (ProjectKit's
/// driver: the world's unit administrator as owner, the county police of the world's place, experts and a testing agency bound
/// to their accounts). A caller who could act on the world's project gets a project of its own, since acting changes it; the
/// others share one per world and stage. The grade is 二级: the county police take part, the city and province police read
/// (409 on a step, which is not theirs), other counties and units do not see the project (404); the platform administrator
/// reads but takes no step (403); contractor and testing-agency accounts bound to no registered party see nothing (404).
/// </summary>
public static class ProjectMatrix
{
    private static readonly ConcurrentDictionary<PlatformFixture, ProjectKit> Kits = new();

    private static readonly ConcurrentDictionary<(PlatformFixture, string, string, bool), Lazy<Task<ProjectKit.Driven>>> Shared = new();

    private static readonly ConcurrentDictionary<(PlatformFixture, string), Lazy<Task<Guid>>> Agencies = new();

    /// <summary>The shared project of each world and stage, by the fixture's world object (the answers' checks get only the world).</summary>
    private static readonly ConcurrentDictionary<(World, string), Guid> SharedIds = new();

    private static ProjectKit Kit(this MatrixCall c) => Kits.GetOrAdd(c.Fixture, fx => new ProjectKit(fx));

    /// <summary>The world's shared project at a stage (made once per fixture, world and stage).</summary>
    public static async Task<Guid> WorldProjectAsync(this MatrixCall c, string stage, bool withCondition = false)
    {
        var driven = await Shared.GetOrAdd((c.Fixture, c.W.Key, stage, withCondition),
            _ => new Lazy<Task<ProjectKit.Driven>>(() => c.Kit().DriveAsync(c.W, stage, withCondition: withCondition))).Value;
        SharedIds[(c.W, stage)] = driven.Id;
        return driven.Id;
    }

    /// <summary>Whether the caller could take a step on a project of the world: its unit's administrator, or police covering its place.</summary>
    private static bool MayAct(MatrixCall c) =>
        (c.Caller.Role == Roles.UnitAdmin && c.Caller.Unit.ToString() == c.W.Key)
        || (c.Caller.Role is { } role && Roles.Police.Contains(role) && c.W.Division.StartsWith(c.Caller.Division![..Roles.PrefixLength(role)], StringComparison.Ordinal));

    /// <summary>A project at the stage for this call: a fresh one for a caller who may act on it, else the world's shared one.</summary>
    public static async Task<Guid> ProjectAtAsync(this MatrixCall c, string stage, bool withCondition = false) =>
        MayAct(c) ? (await c.Kit().DriveAsync(c.W, stage, withCondition: withCondition)).Id : await c.WorldProjectAsync(stage, withCondition);

    private static async Task<JsonElement> DetailAsync(MatrixCall c, Guid project) =>
        await c.Fixture.Client(Callers.PlatformAdmin).GetAsync(new Uri($"/api/projects/{project}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);

    private static bool Lists(JsonElement items, World w, string stage) =>
        SharedIds.TryGetValue((w, stage), out var id) && items.EnumerateArray().Any(i => i.TryGetProperty("projectId", out var p) && p.GetGuid() == id);

    /// <summary>A step of the project: the owner (OW), the county police (PK) and the city (PC) and province (PP) police of its place.</summary>
    private static string Step(string ow, string pk, string pc = "409", string pp = "409") =>
        $"""
        caller          A    B    P
        anonymous       401  401  401
        police-province {pp} {pp} 404
        police-city     {pc} 404  404
        police-county   {pk} 404  404
        police-county-b 404  {pk} 404
        unit-admin-a    {ow} 404  404
        unit-operator-a 403  403  403
        unit-admin-b    404  {ow} 404
        unit-operator-b 403  403  403
        contractor      404  404  404
        testing-agency  404  404  404
        citizen         403  403  403
        platform-admin  403  403  403
        """;

    /// <summary>Reading in scope: the police of the place, the owner unit's users, the platform administrator; unbound parties see nothing.</summary>
    private static string Read(string yes, string no) => FilingMatrix.Read(yes, no, "403", parties: no);

    private static HttpRequestMessage Upload(Guid project)
    {
        var form = new MultipartFormDataContent { { new StringContent("other"), "type" } };
        var file = new ByteArrayContent("%PDF-1.4 matrix"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "矩阵材料.pdf");
        return new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{project}/documents") { Content = form };
    }

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("GET /api/projects/", true, async c => Get($"/api/projects?site={(await DetailAsync(c, await c.WorldProjectAsync("panel"))).GetProperty("project").Str("siteId")}"),
            Read("200+", "200-"), (page, w) => page.Items().Any()),
        // The tasks of the owner and the county police (both organize an nmg review: its conclusion is due once the panel is drawn).
        new("GET /api/projects/tasks", true, async c => { await c.WorldProjectAsync("panel"); return Get("/api/projects/tasks"); },
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200- 200- 200-
            police-city     200- 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    200+ 200- 200-
            unit-operator-a 200- 200- 200-
            unit-admin-b    200- 200+ 200-
            unit-operator-b 200- 200- 200-
            contractor      200- 200- 200-
            testing-agency  200- 200- 200-
            citizen         403  403  403
            platform-admin  200- 200- 200-
            """,
            (tasks, w) => Lists(tasks, w, "panel")),
        new("GET /api/projects/{id:guid}", true, async c => Get($"/api/projects/{await c.WorldProjectAsync("panel")}"), Read("200", "404")),
        new("GET /api/projects/{id:guid}/panels/{round:int}/verify", true, async c => Get($"/api/projects/{await c.WorldProjectAsync("panel")}/panels/1/verify"), Read("200", "404")),
        new("GET /api/projects/{id:guid}/documents/{documentId:guid}", true, async c =>
            {
                var project = await c.WorldProjectAsync("panel");
                var document = (await DetailAsync(c, project)).GetProperty("documents")[0].Id();
                return Get($"/api/projects/{project}/documents/{document}?reason={Uri.EscapeDataString("矩阵：核对材料")}");
            },
            Read("200", "404")),
        // Opening a project of a site outside one's scope is 403 naming siteId, as every id in a body outside one's scope.
        new("POST /api/projects/", true, async c => Post("/api/projects", new { name = c.Unique("矩阵项目"), kind = "new", siteId = await c.FreshSiteAsync(), riskLevel = 2, investment = 50 }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200  200  403
            police-city     200  403  403
            police-county   200  403  403
            police-county-b 403  200  403
            unit-admin-a    200  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  200  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  403  403  403
            """),
        new("POST /api/projects/{id:guid}/submit-design", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("initiated")}/submit-design", new { }), Step(ow: "200", pk: "409")),
        // nmg-2007 第十三条第三款: the owner together with the police organize the review; either draws the panel.
        new("POST /api/projects/{id:guid}/panel", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("design-review")}/panel"), Step(ow: "200", pk: "200")),
        // Only a drawn expert files an opinion: none of the callers is one.
        new("POST /api/projects/{id:guid}/opinion", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("panel")}/opinion", new { opinion = "pass" }), Step(ow: "409", pk: "409")),
        new("POST /api/projects/{id:guid}/review", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("opinions")}/review", new { }), Step(ow: "200", pk: "200")),
        new("POST /api/projects/{id:guid}/corrections/{correctionId:guid}", true, async c =>
            {
                var project = await c.ProjectAtAsync("construction", withCondition: true);
                var correction = (await DetailAsync(c, project)).GetProperty("corrections")[0].Id();
                return Post($"/api/projects/{project}/corrections/{correction}", new { answer = "矩阵：已整改" });
            },
            Step(ow: "200", pk: "409")),
        new("POST /api/projects/{id:guid}/inspection", true, async c =>
            {
                var project = await c.ProjectAtAsync("construction");
                var agency = await Agencies.GetOrAdd((c.Fixture, c.W.Key), _ => new Lazy<Task<Guid>>(async () => (await c.Kit().AgencyAsync(c.W.Division)).Id)).Value;
                return Post($"/api/projects/{project}/inspection", new { testingAgencyId = agency });
            },
            Step(ow: "200", pk: "409")),
        // Only the commissioned testing agency files the report: none of the callers is bound to it.
        new("POST /api/projects/{id:guid}/report", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("inspection")}/report", c.Kit().Report(c.Unique("JC"), "pass")),
            Step(ow: "409", pk: "409")),
        new("POST /api/projects/{id:guid}/acceptance", true, async c =>
            Post($"/api/projects/{await c.ProjectAtAsync("acceptance")}/acceptance", new { conclusion = "pass", date = c.Kit().Today }), Step(ow: "200", pk: "409")),
        new("POST /api/projects/{id:guid}/acceptance/sign", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("recorded")}/acceptance/sign", new { }),
            Step(ow: "409", pk: "200")),
        new("POST /api/projects/{id:guid}/acceptance/refuse", true, async c =>
            Post($"/api/projects/{await c.ProjectAtAsync("recorded")}/acceptance/refuse", new { reason = "矩阵：报警未联网" }), Step(ow: "409", pk: "200")),
        new("POST /api/projects/{id:guid}/in-service", true, async c =>
            Post($"/api/projects/{await c.ProjectAtAsync("accepted")}/in-service", new { date = c.Kit().Today }), Step(ow: "200", pk: "409")),
        new("POST /api/projects/{id:guid}/withdraw", true, async c => Post($"/api/projects/{await c.ProjectAtAsync("initiated")}/withdraw", new { reason = "矩阵：工程取消" }),
            Step(ow: "200", pk: "409")),
        // Other materials: any party uploads them (the county police are one), the police of other levels only read.
        new("POST /api/projects/{id:guid}/documents", true, async c => Upload(await c.ProjectAtAsync("initiated")), Step(ow: "200", pk: "200")),
    ];
}
