using System.Net;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Features.Alarms;

/// <summary>
/// Handling with receipts: the unit confirms (reported to the county police at once, the delay kept) or dismisses with a
/// reason; the police acknowledge at their level; unacknowledged alarms escalate county → city → province and unhandled
/// ones are raised to the police, on the platform's (fake) clock; every step is a receipt in the audit log.
/// </summary>
public abstract class AlarmHandlingTests(PlatformFixture fx)
{
    private static readonly TimeSpan AcknowledgeWithin = new AlarmOptions().AcknowledgeWithin;
    private static readonly TimeSpan HandleWithin = new AlarmOptions().HandleWithin;

    private HttpClient Operator => fx.Client(Callers.UnitOperatorA);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Confirming_reports_to_the_county_police_at_once_with_receipts_in_the_audit_log()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        var confirmed = await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.Str("status"));
        Assert.Equal("county", confirmed.Str("policeLevel"));
        Assert.Equal("confirmed", confirmed.Str("policeReason"));
        Assert.True(confirmed.GetProperty("reportDelayMs").GetInt64() >= 0);

        var detail = await Operator.AlarmAsync(id);
        Assert.Equal(["confirmed", "reported"], detail.StepKinds());
        var steps = detail.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal("unit-operator-a", steps[0].Str("actor"));
        Assert.Equal("unit", steps[0].Str("level"));
        Assert.Equal("county", steps[1].Str("level"));
        Assert.Equal("150102", steps[1].Str("policeDivision"));
        Assert.Equal("system:alarms", steps[1].Str("actor"));
        // nmg-2007 art. 10: the multi-level alarm network, written out.
        Assert.Equal("10.1", steps[1].GetProperty("citation").Str("cite"));
        Assert.Contains("多级报警联网网络", steps[1].GetProperty("citation").Str("words"), StringComparison.Ordinal);
        foreach (var step in steps)
        {
            var index = step.GetProperty("auditIndex").GetInt64();
            var entry = await fx.DbAsync(db => db.Audit.SingleAsync(e => e.Index == index));
            Assert.Equal($"alarm.{step.Str("kind")}", entry.Action);
            Assert.Equal($"alarm:{id}", entry.Subject);
            Assert.Equal(step.Str("auditLeafHash"), Convert.ToHexStringLower(entry.LeafHash));
            // The same notation as findings' entries (pack and place), which the log's pages write out.
            Assert.Equal("nmg-2007 10.1", entry.Citation);
        }

        // The county police of the site's division have it to acknowledge; another county does not see it.
        var awaiting = await fx.Client(Callers.PoliceCounty).GetAsync(Url($"/api/alarms?awaiting=true&system={s.SystemId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(awaiting.Items()).Id());
        await fx.Client(Callers.PoliceCountyB).GetAsync(Url($"/api/alarms/{id}")).ExpectAsync(HttpStatusCode.NotFound);

        // Confirmed once: a second confirmation or a dismissal is refused.
        await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.Conflict);
        await Operator.PostJsonAsync($"/api/alarms/{id}/dismiss", new { reason = "误报" }).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Province_pack_sites_cite_article_14_paragraph_2()
    {
        var s = await fx.NewSystemAsync("P");
        var id = await fx.AcceptedAlarmAsync(s);
        var admin = fx.Client(Callers.PlatformAdmin);
        var detail = await admin.AlarmAsync(id);
        Assert.Equal("province-2012", detail.Str("packId"));
        Assert.Equal("14.2", detail.GetProperty("reportDuty").Str("cite"));
        Assert.Contains("接到报警信息并确认后，应当立即报告公安机关", detail.GetProperty("reportDuty").Str("words"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismissing_needs_a_reason_and_is_not_reported()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        await Operator.PostJsonAsync($"/api/alarms/{id}/dismiss", new { reason = "  " }).ExpectValidationAsync("reason");
        await Operator.PostJsonAsync($"/api/alarms/{id}/dismiss", new { reason = new string('长', 501) }).ExpectValidationAsync("reason");
        var dismissed = await Operator.PostJsonAsync($"/api/alarms/{id}/dismiss", new { reason = "保洁人员误触" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dismissed", dismissed.Str("status"));
        Assert.Equal("保洁人员误触", dismissed.Str("dismissReason"));
        Assert.Equal(JsonValueKindNull, dismissed.GetProperty("policeLevel").ValueKind);
        Assert.Equal(["dismissed"], (await Operator.AlarmAsync(id)).StepKinds());
        // Police do not confirm, units do not acknowledge, another unit does not see it.
        await fx.Client(Callers.PoliceCounty).PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.Forbidden);
        await Operator.PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.Forbidden);
        await fx.Client(Callers.UnitOperatorB).PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.NotFound);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task An_unacknowledged_alarm_escalates_from_the_county_to_the_city_and_then_to_the_region()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);

        // The city may not acknowledge what has not reached it.
        var early = await fx.Client(Callers.PoliceCity).PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("尚未逐级上报至本级", early.Str("detail"), StringComparison.Ordinal);

        await fx.MoveClockAsync(AcknowledgeWithin - TimeSpan.FromSeconds(1));
        await fx.EscalationTickAsync();
        Assert.Equal("county", (await Operator.AlarmAsync(id)).GetProperty("alarm").Str("policeLevel"));

        await fx.MoveClockAsync(TimeSpan.FromSeconds(2));
        await fx.EscalationTickAsync();
        var detail = await fx.Client(Callers.PoliceCity).AlarmAsync(id);
        Assert.Equal("city", detail.GetProperty("alarm").Str("policeLevel"));
        var escalated = detail.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("escalated", escalated.Str("kind"));
        Assert.Equal("city", escalated.Str("level"));
        Assert.Equal("1501", escalated.Str("policeDivision"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, escalated.GetProperty("auditIndex").ValueKind);

        await fx.MoveClockAsync(AcknowledgeWithin + TimeSpan.FromSeconds(1));
        await fx.EscalationTickAsync();
        detail = await fx.Client(Callers.PoliceProvince).AlarmAsync(id);
        Assert.Equal("province", detail.GetProperty("alarm").Str("policeLevel"));
        Assert.Equal(["confirmed", "reported", "escalated", "escalated"], detail.StepKinds());
        Assert.Equal("15", detail.GetProperty("steps")[3].Str("policeDivision"));

        // At the top it stays: no further step however long it waits.
        await fx.MoveClockAsync(AcknowledgeWithin * 2);
        await fx.EscalationTickAsync();
        var acknowledged = await fx.Client(Callers.PoliceProvince).PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("province", acknowledged.Str("acknowledgedLevel"));
        Assert.Equal("police-province", acknowledged.Str("acknowledgedBy"));
        detail = await fx.Client(Callers.PoliceProvince).AlarmAsync(id);
        Assert.Equal(["confirmed", "reported", "escalated", "escalated", "acknowledged"], detail.StepKinds());
        Assert.Equal("15", detail.GetProperty("steps")[4].Str("policeDivision"));
        await fx.Client(Callers.PoliceCounty).PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_county_acknowledging_in_time_stops_the_escalation()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
        var acknowledged = await fx.Client(Callers.PoliceCounty).PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("county", acknowledged.Str("acknowledgedLevel"));
        await fx.MoveClockAsync(AcknowledgeWithin * 3);
        await fx.EscalationTickAsync();
        var detail = await Operator.AlarmAsync(id);
        Assert.Equal("county", detail.GetProperty("alarm").Str("policeLevel"));
        Assert.Equal(["confirmed", "reported", "acknowledged"], detail.StepKinds());
    }

    [Fact]
    public async Task An_alarm_nobody_handles_in_time_is_raised_to_the_county_as_unhandled_and_may_still_be_confirmed()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        await fx.MoveClockAsync(HandleWithin - TimeSpan.FromSeconds(1));
        await fx.EscalationTickAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Operator.AlarmAsync(id)).GetProperty("alarm").GetProperty("policeLevel").ValueKind);

        await fx.MoveClockAsync(TimeSpan.FromSeconds(2));
        await fx.EscalationTickAsync();
        var alarm = (await fx.Client(Callers.PoliceCounty).AlarmAsync(id)).GetProperty("alarm");
        Assert.Equal("county", alarm.Str("policeLevel"));
        Assert.Equal("unhandled", alarm.Str("policeReason"));
        Assert.Equal("new", alarm.Str("status"));

        // Late, the unit confirms: now a report of a confirmed alarm, still at the county.
        var confirmed = await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.Str("policeReason"));
        Assert.Equal(["unhandled", "confirmed", "reported"], (await Operator.AlarmAsync(id)).StepKinds());
    }

    [Fact]
    public async Task After_a_crash_between_the_commits_the_tick_reports_the_confirmed_alarm_and_audits_the_receipt()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        // The state a crash right after the confirmation's commit leaves: confirmed, not reported, its receipt and the
        // receipt's audit entry saved (in the outbox, one transaction with the change) but not yet appended to the log.
        var now = fx.Time.GetUtcNow().UtcDateTime;
        var before = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().CountAsync());
        await fx.DbAsync(async db =>
        {
            var alarm = await db.Alarms.SingleAsync(a => a.Id == id);
            alarm.Status = AlarmCodes.Confirmed;
            alarm.HandledAt = now;
            alarm.HandledBy = "unit-operator-a";
            var step = new AlarmStep
            {
                AlarmId = id, Kind = AlarmCodes.StepConfirmed, Level = AlarmCodes.UnitLevel, Actor = "unit-operator-a", At = now,
                Detail = "确认为真实警情", Citation = "nmg-2007 10.1", UnitId = alarm.UnitId, DivisionCode = alarm.DivisionCode,
            };
            db.AlarmSteps.Add(step);
            db.AuditOutbox.Add(new AuditOutboxEntry
            {
                Id = Guid.CreateVersion7(), CreatedAt = now, Action = "alarm.confirmed", Actor = "unit-operator-a", Subject = $"alarm:{id}",
                DivisionCode = alarm.DivisionCode, UnitId = alarm.UnitId, Detail = "确认为真实警情",
                ReceiptType = typeof(AlarmStep).FullName, ReceiptId = step.Id,
            });
            return await db.SaveChangesAsync();
        });
        await fx.MoveClockAsync(TimeSpan.FromMinutes(2));
        var tick = await fx.EscalationTickAsync();
        Assert.True(tick.Reported >= 1 && tick.Audited >= 1, tick.ToString());
        var detail = await Operator.AlarmAsync(id);
        Assert.Equal(["confirmed", "reported"], detail.StepKinds());
        Assert.All(detail.GetProperty("steps").EnumerateArray(), step => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, step.GetProperty("auditIndex").ValueKind));
        // Appended once (the confirmation and the report), and the outbox is empty again.
        Assert.Equal(before + 2, await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().CountAsync()));
        Assert.False(await fx.DbAsync(db => db.AuditOutbox.AnyAsync()));
        Assert.True(detail.GetProperty("alarm").GetProperty("reportDelayMs").GetInt64() >= 120_000);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AlarmHandlingSqlite(SqliteFixture fx) : AlarmHandlingTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AlarmHandlingPostgres(PostgresFixture fx) : AlarmHandlingTests(fx);
