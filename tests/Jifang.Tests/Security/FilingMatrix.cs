using System.Collections.Concurrent;
using Jifang.Features.Filing;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// —— 备案 (issue 11) —— the authorization matrix's lines for the filings API and pages, spread into
/// <see cref="AuthorizationMatrix.Endpoints"/>. Filings are made per world straight in the database, on systems of their own, so
/// that the calls measure authorization and scope only. Filing is the unit administrator's (his unit's systems); accepting and
/// returning the county police's of the filing's place; the city and province police and the platform administrator read.
/// </summary>
public static class FilingMatrix
{
    private static bool PageHas(System.Text.Json.JsonElement html, string marker) => html.GetString()!.Contains(marker, StringComparison.Ordinal);

    private static readonly ConcurrentDictionary<(PlatformFixture, string, string), Lazy<Task<Guid>>> WorldFilings = new();

    /// <summary>A filing of the world (made once per fixture, world and state) on a system of its own at the world's site.</summary>
    public static Task<Guid> WorldFilingAsync(this MatrixCall c, string state) =>
        WorldFilings.GetOrAdd((c.Fixture, c.W.Key, state), _ => new Lazy<Task<Guid>>(() => c.FreshFilingAsync(state))).Value;

    /// <summary>A filing in <paramref name="state"/> of a new video system at the world's site, filed by nobody among the callers.</summary>
    public static async Task<Guid> FreshFilingAsync(this MatrixCall c, string state)
    {
        var system = await c.FreshSystemAsync();
        return await c.DbAsync(async db =>
        {
            var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
            var decided = state != FilingStates.Pending;
            var filing = new VideoFiling
            {
                State = state, SystemId = system, SiteId = c.W.SiteId, UnitId = c.W.UnitId, DivisionCode = c.W.Division, UnitName = c.W.UnitName,
                SiteName = c.W.SiteName, Address = "矩阵地址", SystemName = "矩阵系统", FirstSubmittedAt = now, SubmittedAt = now, SubmittedBy = "matrix-unit",
                DecidedAt = decided ? now : null, DecidedBy = decided ? "matrix-police" : null, ReturnReason = state == FilingStates.Returned ? "矩阵退回" : null,
                Number = state == FilingStates.Accepted ? $"{c.W.Division}备〔1999〕{c.Unique("m")}号" : null, UpdatedAt = now,
                Steps = [new FilingStep { Action = "submitted", At = now, By = "matrix-unit" }],
            };
            db.VideoFilings.Add(filing);
            await db.SaveChangesAsync();
            return filing.Id;
        });
    }

    private const string Submit =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 403  403  403
        police-city     403  403  403
        police-county   403  403  403
        police-county-b 403  403  403
        unit-admin-a    OK   NO   NO
        unit-operator-a 403  403  403
        unit-admin-b    NO   OK   NO
        unit-operator-b 403  403  403
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  403  403  403
        """;

    private const string Decide =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 403  403  403
        police-city     403  403  403
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    403  403  403
        unit-operator-a 403  403  403
        unit-admin-b    403  403  403
        unit-operator-b 403  403  403
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  403  403  403
        """;

    private static string ReadList => Read("200+", "200-", "403");

    private static string ReadGet => Read("200", "404", "403");

    /// <summary>
    /// Reading in scope: police of the jurisdiction, the unit's users, the platform administrator; the contractor and testing
    /// agency get <paramref name="parties"/> (by default <paramref name="refused"/>, as everyone without the policy).
    /// </summary>
    internal static string Read(string yes, string no, string refused, string anonymous = "401", string? parties = null) =>
        $"""
        caller          A    B    P
        anonymous       {anonymous} {anonymous} {anonymous}
        police-province {yes} {yes} {no}
        police-city     {yes} {no} {no}
        police-county   {yes} {no} {no}
        police-county-b {no} {yes} {no}
        unit-admin-a    {yes} {no} {no}
        unit-operator-a {yes} {no} {no}
        unit-admin-b    {no} {yes} {no}
        unit-operator-b {no} {yes} {no}
        contractor      {parties ?? refused} {parties ?? refused} {parties ?? refused}
        testing-agency  {parties ?? refused} {parties ?? refused} {parties ?? refused}
        citizen         {refused} {refused} {refused}
        platform-admin  {yes} {yes} {yes}
        """;

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("GET /api/filings/", true, async c => { await c.WorldFilingAsync(FilingStates.Accepted); return Get($"/api/filings?site={c.W.SiteId}"); },
            ReadList, (page, w) => page.Items().Any()),
        new("GET /api/filings/systems", true, c => Task.FromResult(Get($"/api/filings/systems?site={c.W.SiteId}")), ReadList, (page, w) => page.Items().Any()),
        new("GET /api/filings/{id:guid}", true, async c => Get($"/api/filings/{await c.WorldFilingAsync(FilingStates.Accepted)}"), ReadGet),
        new("GET /api/filings/{id:guid}/certificate", true, async c => Get($"/api/filings/{await c.WorldFilingAsync(FilingStates.Accepted)}/certificate"), ReadGet),
        new("GET /api/filings/{id:guid}/certificate.docx", true, async c => Get($"/api/filings/{await c.WorldFilingAsync(FilingStates.Accepted)}/certificate.docx"), ReadGet),
        // Another unit's system is outside the caller's unit: 403 naming systemId, as every id in a body outside one's scope.
        new("POST /api/filings/", true, async c => Post("/api/filings", new { systemId = await c.FreshSystemAsync(), confirmed = true }),
            Submit.With(ok: "201", no: "403")),
        new("POST /api/filings/{id:guid}/resubmit", true, async c => Post($"/api/filings/{await c.FreshFilingAsync(FilingStates.Returned)}/resubmit", new { confirmed = true }),
            Submit.With(ok: "200", no: "404")),
        new("POST /api/filings/{id:guid}/accept", true, async c => Post($"/api/filings/{await c.FreshFilingAsync(FilingStates.Pending)}/accept"), Decide),
        new("POST /api/filings/{id:guid}/return", true, async c => Post($"/api/filings/{await c.FreshFilingAsync(FilingStates.Pending)}/return", new { reason = "矩阵：信息不全" }), Decide),

        // —— pages ——
        new("* Filings", true, async c => { await c.WorldFilingAsync(FilingStates.Pending); return Get($"/Filings?site={c.W.SiteId}"); },
            Read("200+", "200-", "302D", "302L"), (html, w) => PageHas(html, "id=\"filing-")),
        new("* Filings/Index", true, async c => { await c.WorldFilingAsync(FilingStates.Pending); return Get($"/Filings/Index?site={c.W.SiteId}"); },
            Read("200+", "200-", "302D", "302L"), (html, w) => PageHas(html, "id=\"filing-")),
        new("* Filings/Details/{id:guid}", true, async c => Get($"/Filings/Details/{await c.WorldFilingAsync(FilingStates.Accepted)}"), Read("200", "404", "302D", "302L")),
        new("* Filings/Certificate/{id:guid}", true, async c => Get($"/Filings/Certificate/{await c.WorldFilingAsync(FilingStates.Accepted)}"), Read("200", "404", "302D", "302L")),
        new("* Filings/Create/{id:guid}", true, c => Task.FromResult(Get($"/Filings/Create/{c.W.SystemId}")),
            Submit.Replace(" 401", " 302L", StringComparison.Ordinal).Replace(" 403", " 302D", StringComparison.Ordinal).With(ok: "200", no: "404")),
    ];
}
