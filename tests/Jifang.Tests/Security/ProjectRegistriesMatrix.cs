using System.Net;
using System.Text.Json;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.HandlerMatrix;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// Issue 12, the registries build projects draw on: the authorization matrix's lines for /api/testing-agencies, /api/experts,
/// their pages and handlers, and party accounts made through /api/users (spread into <see cref="AuthorizationMatrix.Endpoints"/>
/// and <see cref="HandlerMatrix.Rows"/>; a file of their own to ease merging). Each world has an agency and an expert registered
/// in its division; the testing-agency caller acts for world A's agency.
/// Testing agencies: read by every role that takes part in projects (an agency's own account its own entry only), written by
/// the police of the agency's place (an agency elsewhere they read, and are refused writing: 403) and the administrator.
/// Experts: read and written by the police of the expert's place (elsewhere: 404) and the administrator; no unit, contractor
/// or agency reads the pool.
/// </summary>
public static class ProjectRegistriesMatrix
{
    private static HttpClient Admin(MatrixCall c) => c.Fixture.Client(Callers.PlatformAdmin);

    /// <summary>An agency of its own in the world's division, for a call that changes it.</summary>
    public static async Task<Guid> FreshAgencyAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (await Admin(c).PostJsonAsync("/api/testing-agencies", Bodies.TestingAgency(c.Unique("矩阵检测机构"), c.W.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    /// <summary>An expert of its own in the world's pool, for a call that changes it.</summary>
    public static async Task<Guid> FreshExpertAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (await Admin(c).PostJsonAsync("/api/experts", Bodies.Expert(c.Unique("矩阵专家"), c.W.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    private static bool HasItem(JsonElement page, Guid id) => page.Items().Any(i => i.Id() == id);

    private static bool PageShows(JsonElement html, string anchor) => html.GetString()!.Contains(anchor, StringComparison.Ordinal);

    /// <summary>Reading the agencies: every role of project work reads every world's agency; the agency's account only its own (A).</summary>
    private static string AgencyRead(string on, string off, string refused, string anonymous) =>
        $"""
        caller          A    B    P
        anonymous       {anonymous} {anonymous} {anonymous}
        police-province {on} {on} {on}
        police-city     {on} {on} {on}
        police-county   {on} {on} {on}
        police-county-b {on} {on} {on}
        unit-admin-a    {on} {on} {on}
        unit-operator-a {on} {on} {on}
        unit-admin-b    {on} {on} {on}
        unit-operator-b {on} {on} {on}
        contractor      {on} {on} {on}
        testing-agency  {on} {off} {off}
        citizen         {refused} {refused} {refused}
        platform-admin  {on} {on} {on}
        """;

    /// <summary>Writing by place: the police of the record's division (outside: <paramref name="outside"/>) and the administrator.</summary>
    private static string WriteByPlace(string ok, string outside, string refused = "403") =>
        $"""
        caller          A    B    P
        anonymous       401  401  401
        police-province {ok}  {ok}  {outside}
        police-city     {ok}  {outside}  {outside}
        police-county   {ok}  {outside}  {outside}
        police-county-b {outside}  {ok}  {outside}
        unit-admin-a    {refused}  {refused}  {refused}
        unit-operator-a {refused}  {refused}  {refused}
        unit-admin-b    {refused}  {refused}  {refused}
        unit-operator-b {refused}  {refused}  {refused}
        contractor      {refused}  {refused}  {refused}
        testing-agency  {refused}  {refused}  {refused}
        citizen         {refused}  {refused}  {refused}
        platform-admin  {ok}  {ok}  {ok}
        """;

    /// <summary>A page of the supervisors only (the create forms).</summary>
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

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("GET /api/testing-agencies/", true, c => Task.FromResult(Get($"/api/testing-agencies?search={Uri.EscapeDataString(c.W.AgencyName)}")),
            AgencyRead("200+", "200-", "403", "401"), (page, w) => HasItem(page, w.AgencyId)),
        new("GET /api/testing-agencies/{id:guid}", true, c => Task.FromResult(Get($"/api/testing-agencies/{c.W.AgencyId}")),
            AgencyRead("200", "404", "403", "401")),
        new("POST /api/testing-agencies/", true, c => Task.FromResult(Post("/api/testing-agencies", Bodies.TestingAgency(c.Unique("矩阵新检测机构"), c.W.Division))),
            WriteByPlace("201", "403")),
        new("PUT /api/testing-agencies/{id:guid}", true, c => Task.FromResult(Put($"/api/testing-agencies/{c.W.AgencyId}", Bodies.TestingAgency(c.W.AgencyName, c.W.Division))),
            WriteByPlace("200", "403")),
        new("POST /api/testing-agencies/{id:guid}/archive", true, async c => Post($"/api/testing-agencies/{await c.FreshAgencyAsync()}/archive"),
            WriteByPlace("204", "403")),

        new("GET /api/experts/", true, c => Task.FromResult(Get($"/api/experts?search={Uri.EscapeDataString(c.W.ExpertName)}")),
            WriteByPlace("200+", "200-"), (page, w) => HasItem(page, w.ExpertId)),
        new("GET /api/experts/{id:guid}", true, c => Task.FromResult(Get($"/api/experts/{c.W.ExpertId}")), WriteByPlace("200", "404")),
        new("POST /api/experts/", true, c => Task.FromResult(Post("/api/experts", Bodies.Expert(c.Unique("矩阵新专家"), c.W.Division))),
            WriteByPlace("201", "403")),
        new("PUT /api/experts/{id:guid}", true, c => Task.FromResult(Put($"/api/experts/{c.W.ExpertId}", Bodies.Expert(c.W.ExpertName, c.W.Division))),
            WriteByPlace("200", "404")),
        new("POST /api/experts/{id:guid}/archive", true, async c => Post($"/api/experts/{await c.FreshExpertAsync()}/archive"),
            WriteByPlace("204", "404")),

        // Party accounts: an expert's account for the world's expert, a testing agency's for the world's agency — granted by the
        // police of the party's place (elsewhere refused naming partyId, 403) and the administrator.
        new("POST /api/users/ + expert account", true, c => Task.FromResult(Post("/api/users", new
            {
                userName = c.Unique("matrix-expert").ToLowerInvariant(), displayName = "矩阵专家账户", role = Roles.Expert, partyId = c.W.ExpertId,
            })), WriteByPlace("201", "403")),
        new("POST /api/users/ + testing-agency account", true, c => Task.FromResult(Post("/api/users", new
            {
                userName = c.Unique("matrix-agency").ToLowerInvariant(), displayName = "矩阵检测机构账户", role = Roles.TestingAgency, partyId = c.W.AgencyId,
            })), WriteByPlace("201", "403")),

        new("* TestingAgencies", true, c => Task.FromResult(Get($"/TestingAgencies?search={Uri.EscapeDataString(c.W.AgencyName)}")),
            AgencyRead("200+", "200-", "302D", "302L"), (html, w) => PageShows(html, $"agency-{w.AgencyId}")),
        new("* TestingAgencies/Index", true, c => Task.FromResult(Get($"/TestingAgencies/Index?search={Uri.EscapeDataString(c.W.AgencyName)}")),
            AgencyRead("200+", "200-", "302D", "302L"), (html, w) => PageShows(html, $"agency-{w.AgencyId}")),
        new("* TestingAgencies/Create", false, c => Task.FromResult(Get("/TestingAgencies/Create")), PageSupervise),
        // The edit form: the police of the agency's place (elsewhere not found, although they read it on the list).
        new("* TestingAgencies/Edit/{id:guid}", true, c => Task.FromResult(Get($"/TestingAgencies/Edit/{c.W.AgencyId}")),
            WriteByPlace("200", "404", "302D").Replace("401", "302L", StringComparison.Ordinal)),
        new("* Experts", true, c => Task.FromResult(Get($"/Experts?search={Uri.EscapeDataString(c.W.ExpertName)}")),
            WriteByPlace("200+", "200-", "302D").Replace("401", "302L", StringComparison.Ordinal), (html, w) => PageShows(html, $"expert-{w.ExpertId}")),
        new("* Experts/Index", true, c => Task.FromResult(Get($"/Experts/Index?search={Uri.EscapeDataString(c.W.ExpertName)}")),
            WriteByPlace("200+", "200-", "302D").Replace("401", "302L", StringComparison.Ordinal), (html, w) => PageShows(html, $"expert-{w.ExpertId}")),
        new("* Experts/Create", false, c => Task.FromResult(Get("/Experts/Create")), PageSupervise),
        new("* Experts/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Experts/Edit/{c.W.ExpertId}")),
            WriteByPlace("200", "404", "302D").Replace("401", "302L", StringComparison.Ordinal)),
    ];

    public static readonly IReadOnlyList<MatrixHandler> Handlers =
    [
        new("* POST /TestingAgencies/Create", true, c =>
        {
            var name = c.Unique("页面矩阵检测机构");
            return Task.FromResult(Form("/TestingAgencies/Create", _ => c.AnyAsync<TestingAgency>(x => x.Name == name), AgencyFields(name, c.W.Division)));
        }, Supervise.With(ok: "302+", no: "200")),
        new("* POST /TestingAgencies/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshAgencyAsync(), c.Unique("页面矩阵改名检测机构"));
            return Form($"/TestingAgencies/Edit/{id}", _ => c.AnyAsync<TestingAgency>(x => x.Id == id && x.Name == name), AgencyFields(name, c.W.Division));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /TestingAgencies/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshAgencyAsync();
            return Form($"/TestingAgencies/Edit/{id}?handler=Archive", _ => c.AnyAsync<TestingAgency>(x => x.Id == id && x.Archived), ("ConfirmArchive", "true"));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Experts/Create", true, c =>
        {
            var name = c.Unique("页面矩阵专家");
            return Task.FromResult(Form("/Experts/Create", _ => c.AnyAsync<Expert>(x => x.Name == name), ExpertFields(name, c.W.Division)));
        }, Supervise.With(ok: "302+", no: "200")),
        new("* POST /Experts/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshExpertAsync(), c.Unique("页面矩阵改名专家"));
            return Form($"/Experts/Edit/{id}", _ => c.AnyAsync<Expert>(x => x.Id == id && x.Name == name), ExpertFields(name, c.W.Division));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Experts/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshExpertAsync();
            return Form($"/Experts/Edit/{id}?handler=Archive", _ => c.AnyAsync<Expert>(x => x.Id == id && x.Archived), ("ConfirmArchive", "true"));
        }, Supervise.With(ok: "302+", no: "404")),
    ];

    private static (string, string)[] AgencyFields(string name, string division) =>
    [
        ("Input.Name", name), ("Input.DivisionCode", division), ("Input.CertificateNumber", "CMA-矩阵"), ("Input.QualifiedUntil", "2028-12-31"),
    ];

    private static (string, string)[] ExpertFields(string name, string division) =>
    [
        ("Input.Name", name), ("Input.DivisionCode", division), ("Input.Specialty", "入侵报警"), ("Input.Employer", "测试研究院"),
        ("Input.EmployerKind", ExpertEmployers.Other), ("Input.EmployerId", ""), ("Input.Available", "true"),
    ];
}
