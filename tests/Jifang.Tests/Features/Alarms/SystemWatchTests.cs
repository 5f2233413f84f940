using System.Net;
using Jifang.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Alarms;

/// <summary>
/// Heartbeats on the fake clock: a silent system goes offline after three missed beats (an alert to the unit and the
/// police), comes back with a beat, and silent without registered maintenance beyond the threshold (30 minutes in the
/// tests) is registered as an act of shut-down that the engine judges into a finding with its citation. The watch reads
/// its state back after a restart, and does not count its own downtime as the systems' silence.
/// </summary>
public abstract class SystemWatchTests(PlatformFixture fx)
{
    private static readonly TimeSpan OfflineAfter = new AlarmOptions().OfflineAfter;
    private static readonly TimeSpan ShutDownAfter = TimeSpan.FromMinutes(30);

    private static async Task BeatAsync(PlatformFixture fx, TestSystem s)
    {
        using var client = fx.IntakeClient(s.Key);
        var answer = await client.PostJsonAsync("/api/intake/heartbeats", new { time = AlarmKit.Iso(fx.Time.GetUtcNow()) }).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(60, answer.GetProperty("intervalSeconds").GetDouble());
    }

    private async Task<string> StateAsync(TestSystem s, Caller? caller = null)
    {
        var page = await fx.Client(caller ?? Callers.UnitOperatorA).GetAsync(new Uri($"/api/system-watch?system={s.SystemId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        return page.Items().Single().Str("state");
    }

    private Task<List<string>> AlertsAsync(TestSystem s) =>
        fx.DbAsync(db => db.AlarmAlerts.Where(a => a.SystemId == s.SystemId).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Kind).ToListAsync());

    [Fact]
    public async Task A_silent_system_goes_offline_after_three_missed_beats_and_back_online_with_the_next()
    {
        var s = await fx.NewSystemAsync();
        await BeatAsync(fx, s);
        await fx.WatchTickAsync();
        Assert.Equal("online", await StateAsync(s));

        await fx.MoveClockAsync(OfflineAfter - TimeSpan.FromSeconds(1));
        await fx.WatchTickAsync();
        Assert.Equal("online", await StateAsync(s));

        await fx.MoveClockAsync(TimeSpan.FromSeconds(2));
        await fx.WatchTickAsync();
        Assert.Equal("offline", await StateAsync(s));
        Assert.Equal("offline", await StateAsync(s, Callers.PoliceCounty));
        foreach (var caller in new[] { Callers.UnitAdminA, Callers.PoliceCounty, Callers.PoliceProvince })
        {
            var alerts = await fx.Client(caller).GetAsync(new Uri($"/api/alarm-alerts?system={s.SystemId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
            var alert = Assert.Single(alerts.Items());
            Assert.Equal("system-offline", alert.Str("kind"));
            Assert.Contains("3 次未发送心跳", alert.Str("message"), StringComparison.Ordinal);
        }
        Assert.Empty((await fx.Client(Callers.PoliceCountyB).GetAsync(new Uri($"/api/alarm-alerts?system={s.SystemId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Equal(1, await fx.DbAsync(db => db.Audit.CountAsync(e => e.Action == "alarm.system-offline" && e.Subject == $"system:{s.SystemId}")));

        // A tick more changes nothing; a beat brings it back.
        await fx.WatchTickAsync();
        await BeatAsync(fx, s);
        await fx.WatchTickAsync();
        Assert.Equal("online", await StateAsync(s));
        Assert.Equal(["system-offline", "system-online"], await AlertsAsync(s));
    }

    [Fact]
    public async Task Silence_beyond_the_threshold_is_an_act_of_shut_down_judged_into_a_finding_with_its_citation()
    {
        var s = await fx.NewSystemAsync();
        await BeatAsync(fx, s);
        await fx.WatchTickAsync();
        await fx.MoveClockAsync(OfflineAfter + TimeSpan.FromSeconds(1));
        await fx.WatchTickAsync();
        Assert.Empty(await fx.DbAsync(db => db.Acts.Where(a => a.SiteId == s.SiteId).ToListAsync()));

        await fx.MoveClockAsync(ShutDownAfter - OfflineAfter);
        await fx.WatchTickAsync();
        var act = Assert.Single(await fx.DbAsync(db => db.Acts.Where(a => a.SiteId == s.SiteId).ToListAsync()));
        Assert.Equal("system-shut-down", act.Kind);
        Assert.Equal(s.SystemId, act.SystemId);
        Assert.False(act.Authorized);
        Assert.Equal("unit", act.Actor);

        // The finding, as the site's page and the API show it: nmg-2007 art. 17 item 6, with the penalty of art. 24.
        var site = await fx.Client(Callers.UnitAdminA).GetAsync(new Uri($"/api/sites/{s.SiteId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var finding = site.GetProperty("findings").EnumerateArray().Single(f => f.Str("subjectId") == act.Id.ToString() && f.Str("packId") == "nmg-2007");
        Assert.Equal("system-shut-down", finding.Str("rule"));
        Assert.Equal("17.1.6", finding.GetProperty("breaches")[0].Str("cite"));
        Assert.Equal(["system-offline", "system-shut-down"], await AlertsAsync(s));
        var alert = (await fx.Client(Callers.PoliceCounty).GetAsync(new Uri($"/api/alarm-alerts?kind=system-shut-down&system={s.SystemId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.Equal(act.Id, alert.GetProperty("actId").GetGuid());
        Assert.Equal("17.1.6", alert.GetProperty("citation").Str("cite"));

        // Once per silence: more ticks register nothing more.
        await fx.MoveClockAsync(TimeSpan.FromMinutes(5));
        await fx.WatchTickAsync();
        Assert.Single(await fx.DbAsync(db => db.Acts.Where(a => a.SiteId == s.SiteId).ToListAsync()));
    }

    [Fact]
    public async Task Registered_maintenance_is_authorised_silence_and_must_be_registered_in_advance()
    {
        var s = await fx.NewSystemAsync();
        var admin = fx.Client(Callers.UnitAdminA);
        await BeatAsync(fx, s);
        await fx.WatchTickAsync();
        var now = fx.Time.GetUtcNow();
        await admin.PostJsonAsync($"/api/systems/{s.SystemId}/maintenance", new { from = now.AddMinutes(-10), until = now.AddHours(1), reason = "补登" }).ExpectValidationAsync("from");
        await admin.PostJsonAsync($"/api/systems/{s.SystemId}/maintenance", new { from = now.AddMinutes(1), until = now, reason = "更换主机" }).ExpectValidationAsync("until");
        await admin.PostJsonAsync($"/api/systems/{s.SystemId}/maintenance", new { from = now.AddMinutes(1), until = now.AddHours(1) }).ExpectValidationAsync("reason");
        await fx.Client(Callers.UnitOperatorA).PostJsonAsync($"/api/systems/{s.SystemId}/maintenance", new { from = now.AddMinutes(1), until = now.AddHours(1), reason = "更换主机" })
            .ExpectAsync(HttpStatusCode.Forbidden);
        await admin.PostJsonAsync($"/api/systems/{s.SystemId}/maintenance", new { from = now.AddMinutes(1), until = now.AddHours(1), reason = "更换报警主机" }).ExpectAsync(HttpStatusCode.Created);

        // Silent through the whole window (longer than the shut-down threshold): no offline alert, no act.
        await fx.MoveClockAsync(TimeSpan.FromMinutes(50));
        await fx.WatchTickAsync();
        Assert.Equal("maintenance", await StateAsync(s));
        await fx.MoveClockAsync(TimeSpan.FromMinutes(12));
        await fx.WatchTickAsync();
        Assert.Equal("online", await StateAsync(s));
        Assert.Empty(await AlertsAsync(s));
        Assert.Empty(await fx.DbAsync(db => db.Acts.Where(a => a.SiteId == s.SiteId).ToListAsync()));

        // After it, silence counts from its end.
        await fx.MoveClockAsync(OfflineAfter);
        await fx.WatchTickAsync();
        Assert.Equal("offline", await StateAsync(s));
        Assert.Equal(1, await fx.DbAsync(db => db.Audit.CountAsync(e => e.Action == "alarm.maintenance-registered" && e.Subject == $"system:{s.SystemId}")));
    }

    [Fact]
    public async Task After_a_restart_the_watch_reads_its_state_back_and_does_not_count_its_own_downtime()
    {
        var s = await fx.NewSystemAsync();
        await BeatAsync(fx, s);
        await fx.WatchTickAsync();

        // A restart soon after: a new watch over the same database knows the system and its last beat.
        await fx.MoveClockAsync(TimeSpan.FromSeconds(20));
        using var restarted = ActivatorUtilities.CreateInstance<SystemWatchService>(fx.App.Services);
        await restarted.TickAsync();
        Assert.Equal("online", await StateAsync(s));
        await fx.MoveClockAsync(OfflineAfter);
        await restarted.TickAsync();
        Assert.Equal("offline", await StateAsync(s));
        // Offline stays offline across a restart, whatever the downtime: only a beat brings it back.
        await fx.MoveClockAsync(TimeSpan.FromMinutes(10));
        using var again = ActivatorUtilities.CreateInstance<SystemWatchService>(fx.App.Services);
        await again.TickAsync();
        Assert.Equal("offline", await StateAsync(s));
        Assert.Equal(["system-offline"], await AlertsAsync(s));

        // Down for ten minutes right after a beat: the silence it did not watch does not count.
        var t = await fx.NewSystemAsync();
        await BeatAsync(fx, t);
        // The running platform's watch wrote the beat (its periodic flush), then the platform went down.
        await fx.App.Services.GetRequiredService<SystemWatchService>().FlushAsync();
        await again.TickAsync();
        await fx.MoveClockAsync(TimeSpan.FromMinutes(10));
        using var third = ActivatorUtilities.CreateInstance<SystemWatchService>(fx.App.Services);
        await third.TickAsync();
        Assert.Equal("online", await StateAsync(t));
        await fx.MoveClockAsync(OfflineAfter + TimeSpan.FromSeconds(1));
        await third.TickAsync();
        Assert.Equal("offline", await StateAsync(t));
    }

    [Fact]
    public async Task An_out_of_order_or_future_heartbeat_is_400_naming_time()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var now = fx.Time.GetUtcNow();
        await client.PostJsonAsync("/api/intake/heartbeats", new { time = AlarmKit.Iso(now) }).ExpectAsync(HttpStatusCode.Accepted);
        await client.PostJsonAsync("/api/intake/heartbeats", new { time = AlarmKit.Iso(now.AddMinutes(-5)) }).ExpectValidationAsync("time");
        await client.PostJsonAsync("/api/intake/heartbeats", new { time = AlarmKit.Iso(now.AddMinutes(5)) }).ExpectValidationAsync("time");
        await client.PostJsonAsync("/api/intake/heartbeats", new { time = AlarmKit.Iso(now), state = "ok" }).ExpectValidationAsync("state");
        // A lone surrogate escape or a control character in the time is not text (the first answered 500).
        await client.SendRawAsync(HttpMethod.Post, "/api/intake/heartbeats", "{\"time\":\"\\ud800\"}").ExpectValidationAsync("time");
        await client.SendRawAsync(HttpMethod.Post, "/api/intake/heartbeats", "{\"time\":\"2026-06-01T01:00:00\\u0000Z\"}").ExpectValidationAsync("time");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SystemWatchSqlite(SqliteFixture fx) : SystemWatchTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SystemWatchPostgres(PostgresFixture fx) : SystemWatchTests(fx);
