using Jifang.Features.Reports;
using static Jifang.Tests.Security.HandlerMatrix;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// 举报 (national 第二十四条第二款): the form and the receipt look-up are open to everyone; the reports reach the police of
/// their county (the province and city above it, the platform administrator), who alone see and answer them.
/// </summary>
public static class ReportsMatrix
{
    private const string Everyone =
        """
        caller          -
        anonymous       200
        police-province 200
        police-city     200
        police-county   200
        police-county-b 200
        unit-admin-a    200
        unit-operator-a 200
        unit-admin-b    200
        unit-operator-b 200
        contractor      200
        testing-agency  200
        citizen         200
        platform-admin  200
        """;

    private const string PoliceOnly =
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

    /// <summary>A report just submitted about a place in the world's county (when <paramref name="accepted"/>, already 受理).</summary>
    public static Task<CitizenReport> FreshReportAsync(this MatrixCall c, bool accepted = false, string? division = null) => c.DbAsync(async db =>
    {
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var report = new CitizenReport
        {
            Number = "JB-MATRIX-" + c.Unique("R").ToUpperInvariant(), DivisionCode = division ?? c.W.Division, Place = "矩阵路 1 号", Installed = "客房烟感内的摄像头",
            Provision = "8.1", Description = "矩阵：客房内发现摄像头", SubmittedAt = now,
            State = accepted ? ReportStates.Accepted : ReportStates.Submitted, AcceptedAt = accepted ? now : null, AcceptedBy = accepted ? "matrix" : null,
        };
        db.CitizenReports.Add(report);
        await db.SaveChangesAsync();
        return report;
    });

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("* Reports/Create", false, c => Task.FromResult(Get("/Reports/Create")), Everyone),
        new("* Reports/Status", false, c => Task.FromResult(Get("/Reports/Status")), Everyone),
        new("* Reports", false, c => Task.FromResult(Get("/Reports")), PoliceOnly),
        new("* Reports/Index", false, c => Task.FromResult(Get("/Reports/Index")), PoliceOnly),
        new("* Reports/Details/{id:guid}", true, async c => Get($"/Reports/Details/{(await c.FreshReportAsync()).Id}"), Supervise.With(ok: "200", no: "404")),
    ];

    public static readonly IReadOnlyList<MatrixHandler> Handlers =
    [
        new("* POST /Reports/Create", false, c =>
        {
            var place = c.Unique("矩阵举报地点");
            return Task.FromResult(Form("/Reports/Create", _ => c.AnyAsync<CitizenReport>(r => r.Place == place),
                ("Input.DivisionCode", "150102"), ("Input.Place", place), ("Input.Installed", "更衣室内的摄像头"), ("Input.Provision", "8.1"),
                ("Input.Description", "矩阵：更衣室内有摄像头"), ("Input.Contact", "")));
        }, Everyone.Replace(" 200", " 200+", StringComparison.Ordinal)),
        // Looking a report up changes nothing: it is done when the page shows its state.
        new("* POST /Reports/Status", false, async c =>
        {
            var report = await c.FreshReportAsync(division: c.Fixture.A.Division);
            return Form("/Reports/Status", a => Task.FromResult(a.Body.Contains("id=\"state\"", StringComparison.Ordinal)), ("Number", report.Number));
        }, Everyone.Replace(" 200", " 200+", StringComparison.Ordinal)),
        new("* POST /Reports/Details?handler=Accept", true, async c =>
        {
            var id = (await c.FreshReportAsync()).Id;
            return Form($"/Reports/Details/{id}?handler=Accept", _ => c.AnyAsync<CitizenReport>(r => r.Id == id && r.State == ReportStates.Accepted));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Reports/Details?handler=Handle", true, async c =>
        {
            var id = (await c.FreshReportAsync(accepted: true)).Id;
            return Form($"/Reports/Details/{id}?handler=Handle", _ => c.AnyAsync<CitizenReport>(r => r.Id == id && r.State == ReportStates.Handled),
                ("Text", "经查，已责令拆除"));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Reports/Details?handler=Reject", true, async c =>
        {
            var id = (await c.FreshReportAsync()).Id;
            return Form($"/Reports/Details/{id}?handler=Reject", _ => c.AnyAsync<CitizenReport>(r => r.Id == id && r.State == ReportStates.Rejected),
                ("Text", "所举报地点不在本辖区"));
        }, Supervise.With(ok: "302+", no: "404")),
    ];
}
