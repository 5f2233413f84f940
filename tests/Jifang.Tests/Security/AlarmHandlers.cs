using Jifang.Features.Alarms;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of alarm networking: the operator console and an alarm's page (confirm, dismiss: the unit's users and the
/// platform administrator), acknowledging (police, at a level the alarm has reached), a system's keys and maintenance
/// (<c>registry.write</c>). A step the handling refuses (an alarm outside one's scope, a level it has not reached) comes back
/// as a redirect whose notice says why.
/// </summary>
public static class AlarmHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Alarms/Details?handler=Confirm", true, async c =>
        {
            var id = await c.FreshAlarmAsync();
            return Form($"/Alarms/Details/{id}?handler=Confirm", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.Status == AlarmCodes.Confirmed));
        }, Handle),
        new("* POST /Alarms/Details?handler=Dismiss", true, async c =>
        {
            var id = await c.FreshAlarmAsync();
            return Form($"/Alarms/Details/{id}?handler=Dismiss", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.Status == AlarmCodes.Dismissed), ("reason", "矩阵误报"));
        }, Handle),
        new("* POST /Alarms/Details?handler=Acknowledge", true, async c =>
        {
            var id = await c.FreshReportedAlarmAsync();
            return Form($"/Alarms/Details/{id}?handler=Acknowledge", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.AcknowledgedAt != null));
        }, Acknowledge),
        new("* POST /Alarms/Details?handler=Outcome", true, async c =>
        {
            var id = await c.FreshAcknowledgedAlarmAsync();
            return Form($"/Alarms/Details/{id}?handler=Outcome", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.OutcomeAt != null),
                ("Outcome", "dispatched"), ("OutcomeNote", "页面矩阵出警"));
        }, Outcome),
        new("* POST /Alarms/Index?handler=Confirm", true, async c =>
        {
            var id = await c.FreshAlarmAsync();
            return Form($"/Alarms?handler=Confirm&id={id}", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.Status == AlarmCodes.Confirmed));
        }, Handle),
        new("* POST /Alarms/Index?handler=Dismiss", true, async c =>
        {
            var id = await c.FreshAlarmAsync();
            return Form($"/Alarms?handler=Dismiss&id={id}", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.Status == AlarmCodes.Dismissed), ("reason", "矩阵误报"));
        }, Handle),
        new("* POST /Alarms/Police?handler=Acknowledge", true, async c =>
        {
            var id = await c.FreshReportedAlarmAsync();
            return Form($"/Alarms/Police?handler=Acknowledge&id={id}", _ => c.AnyAsync<Alarm>(a => a.Id == id && a.AcknowledgedAt != null));
        }, Acknowledge),
        new("* POST /Alarms/System?handler=Issue", true, c =>
        {
            var label = c.Unique("页面矩阵凭据");
            return Task.FromResult(Form($"/Alarms/System/{c.W.SystemId}?handler=Issue", _ => c.AnyAsync<AlarmCredential>(k => k.Label == label), ("Label", label)));
        }, WriteInScope.With(ok: "200+", no: "404")),
        new("* POST /Alarms/System?handler=Rotate", true, async c =>
        {
            var id = await c.FreshCredentialAsync();
            return Form($"/Alarms/System/{c.W.SystemId}?handler=Rotate", _ => c.AnyAsync<AlarmCredential>(k => k.Id == id && k.RotatedAt != null), ("credentialId", id.ToString()));
        }, WriteInScope.With(ok: "200+", no: "404")),
        new("* POST /Alarms/System?handler=Revoke", true, async c =>
        {
            var id = await c.FreshCredentialAsync();
            return Form($"/Alarms/System/{c.W.SystemId}?handler=Revoke", _ => c.AnyAsync<AlarmCredential>(k => k.Id == id && k.RevokedAt != null), ("credentialId", id.ToString()));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Alarms/System?handler=Maintenance", true, c =>
        {
            var reason = c.Unique("页面矩阵维护");
            return Task.FromResult(Form($"/Alarms/System/{c.W.SystemId}?handler=Maintenance", _ => c.AnyAsync<MaintenanceWindow>(m => m.Reason == reason),
                ("From", c.LocalField(TimeSpan.FromHours(1))), ("Until", c.LocalField(TimeSpan.FromHours(2))), ("Reason", reason)));
        }, WriteInScope.With(ok: "302+", no: "404")),
    ];

    /// <summary>Confirm or dismiss (<c>alarms.handle</c>): the unit's users on their unit's alarms, the platform administrator on all.</summary>
    private const string Handle =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 302D 302D 302D
        police-city     302D 302D 302D
        police-county   302D 302D 302D
        police-county-b 302D 302D 302D
        unit-admin-a    302+ 302  302
        unit-operator-a 302+ 302  302
        unit-admin-b    302  302+ 302
        unit-operator-b 302  302+ 302
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302+ 302+ 302+
        """;

    /// <summary>
    /// 处警反馈 (<c>alarms.acknowledge</c>) on an alarm the county signed for: that county; the city and province (another level:
    /// the API's 409) get the page again with why; other counties do not see it (404).
    /// </summary>
    private const string Outcome =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   302+ 404  404
        police-county-b 404  302+ 404
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>
    /// Acknowledge (<c>alarms.acknowledge</c>) an alarm reported to the county: its county police; the city and province have
    /// not been reached (the API's 409), other counties do not see it (404).
    /// </summary>
    private const string Acknowledge =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 302  302  302
        police-city     302  302  302
        police-county   302+ 302  302
        police-county-b 302  302+ 302
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;
}
