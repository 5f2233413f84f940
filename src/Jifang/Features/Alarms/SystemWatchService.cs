using System.Collections.Concurrent;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>What a heartbeat found: the system's state, or (out of order) the time of the heartbeat it is older than.</summary>
public sealed record BeatResult(string State, DateTime? Latest);

/// <summary>
/// The heartbeat watch. Heartbeats are kept in memory (one slot per system) and written to the database in batches every
/// Alarms:HeartbeatFlushInterval, so that 100,000 systems beating every minute cost a few small transactions, not 1,700
/// commits a second. Every Alarms:TickInterval (<see cref="TickAsync"/>, which the tests call) the watch flushes, then
/// judges each system: online; in registered maintenance (authorised silence); offline after Alarms:MissedHeartbeats
/// missed beats (an alert to the unit and the police); and, silent without authorisation beyond Alarms:ShutDownAfter,
/// shut down: an act <c>system-shut-down</c> registered on the site and judged by the engine like any other.
/// <para>
/// Across restarts: the state and the last flushed heartbeat are in the database and are read back at start. A heartbeat
/// received in the last flush interval before a crash is lost, which makes the system look at most that much more silent
/// than it was (well under one heartbeat interval). Silence is counted only while the platform watched: the watch writes
/// the time of each tick, and after a downtime longer than one heartbeat interval it starts counting again from its
/// restart (<see cref="SystemWatch.WatchedSince"/>), so that its own downtime is never taken for the systems' silence.
/// </para>
/// </summary>
public sealed partial class SystemWatchService(
    IServiceScopeFactory scopes, AlarmHub hub, AlarmLaw law, TimeProvider time, IOptions<AlarmOptions> options, ILogger<SystemWatchService> log)
    : BackgroundService
{
    private sealed class Watched
    {
        public required Guid SystemId { get; init; }
        public required Guid SiteId { get; init; }
        public required Guid UnitId { get; set; }
        public required string Division { get; set; }
        public required string SiteName { get; set; }
        public required string SystemName { get; set; }
        /// <summary>Ticks (UTC) of the last heartbeat received, 0 for none; written by requests under the lock.</summary>
        public long LastBeat;
        /// <summary>The device's own time of its last heartbeat (for the order check); not kept across restarts.</summary>
        public long LastDeviceTime;
        public long PersistedBeat;
        public bool InDatabase;
        public DateTime WatchedSince;
        public string State = AlarmCodes.Online;
        public DateTime StateSince;
        public Guid? ShutDownActId;
    }

    private readonly ConcurrentDictionary<Guid, Watched> _systems = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private volatile bool _loaded;

    /// <summary>How many systems are watched (have sent a heartbeat).</summary>
    public int Count => _systems.Count;

    /// <summary>Records a heartbeat of a credential's system, in memory.</summary>
    public async ValueTask<BeatResult> BeatAsync(CredentialInfo credential, DateTime? deviceTime, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!_loaded)
        {
            await LoadAsync(ct);
        }
        var w = _systems.GetOrAdd(credential.SystemId, _ => new Watched
        {
            SystemId = credential.SystemId, SiteId = credential.SiteId, UnitId = credential.UnitId, Division = credential.DivisionCode,
            SiteName = credential.SiteName, SystemName = credential.SystemName, WatchedSince = now, StateSince = now,
        });
        var window = options.Value.ReorderWindow.Ticks;
        lock (w)
        {
            if (deviceTime is { } t)
            {
                if (w.LastDeviceTime != 0 && t.Ticks < w.LastDeviceTime - window)
                {
                    return new BeatResult(w.State, new DateTime(w.LastDeviceTime, DateTimeKind.Utc));
                }
                w.LastDeviceTime = Math.Max(w.LastDeviceTime, t.Ticks);
            }
            w.LastBeat = Math.Max(w.LastBeat, now.Ticks);
            return new BeatResult(w.State, null);
        }
    }

    /// <summary>Writes the heartbeats received since the last flush.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await FlushCoreAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public sealed record TickResult(int Offline, int Online, int Maintenance, int ShutDown);

    /// <summary>Flushes, then judges every watched system as of now and records what changed.</summary>
    public async Task<TickResult> TickAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_loaded)
            {
                await LoadAsync(ct);
            }
            await FlushCoreAsync(ct);
            return await JudgeAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the watch back from the database (once); after a downtime, starts counting silence again from now.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        await _loadGate.WaitAsync(ct);
        try
        {
            if (_loaded)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var now = time.GetUtcNow().UtcDateTime;
            var clock = await db.Set<WatchClock>().FirstOrDefaultAsync(c => c.Id == 1, ct);
            if (clock is not null && now - AlarmDto.Utc(clock.LastTickAt) > options.Value.HeartbeatInterval)
            {
                // The platform was away longer than a heartbeat: the silence it did not watch does not count.
                await db.SystemWatch.IgnoreQueryFilters().Where(w => w.ShutDownActId == null && w.WatchedSince < now)
                    .ExecuteUpdateAsync(u => u.SetProperty(w => w.WatchedSince, now), ct);
                LogResumed(log, AlarmDto.Utc(clock.LastTickAt), now);
            }
            var rows = await db.SystemWatch.IgnoreQueryFilters().AsNoTracking()
                .Where(w => !w.System!.Archived && !w.System.Site!.Archived)
                .Select(w => new
                {
                    w.SystemId, w.System!.SiteId, w.System.Site!.UnitId, w.System.Site.DivisionCode, SiteName = w.System.Site.Name,
                    SystemName = w.System.Name, w.LastHeartbeatAt, w.WatchedSince, w.State, w.StateSince, w.ShutDownActId,
                })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                var beat = r.LastHeartbeatAt is { } b ? AlarmDto.Utc(b).Ticks : 0;
                var w = _systems.GetOrAdd(r.SystemId, _ => new Watched
                {
                    SystemId = r.SystemId, SiteId = r.SiteId, UnitId = r.UnitId, Division = r.DivisionCode, SiteName = r.SiteName, SystemName = r.SystemName,
                });
                lock (w)
                {
                    w.LastBeat = Math.Max(w.LastBeat, beat);
                    w.PersistedBeat = beat;
                    w.InDatabase = true;
                    w.WatchedSince = AlarmDto.Utc(r.WatchedSince);
                    w.State = r.State;
                    w.StateSince = AlarmDto.Utc(r.StateSince);
                    w.ShutDownActId = r.ShutDownActId;
                }
            }
            _loaded = true;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private async Task<int> FlushCoreAsync(CancellationToken ct)
    {
        var fresh = new List<(Watched W, long Beat)>();
        var changed = new Dictionary<Guid, long>();
        foreach (var w in _systems.Values)
        {
            lock (w)
            {
                if (!w.InDatabase)
                {
                    fresh.Add((w, w.LastBeat));
                }
                else if (w.LastBeat != w.PersistedBeat)
                {
                    changed[w.SystemId] = w.LastBeat;
                }
            }
        }
        if (fresh.Count == 0 && changed.Count == 0)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        foreach (var chunk in fresh.Chunk(1000))
        {
            // A system whose row is there already (written by another process, or before a restart): update it instead.
            var ids = chunk.Select(f => f.W.SystemId).ToList();
            var there = await db.SystemWatch.IgnoreQueryFilters().Where(x => ids.Contains(x.SystemId)).Select(x => x.SystemId).ToListAsync(ct);
            foreach (var (w, beat) in chunk)
            {
                if (there.Contains(w.SystemId))
                {
                    changed[w.SystemId] = beat;
                    continue;
                }
                db.SystemWatch.Add(new SystemWatch
                {
                    SystemId = w.SystemId, LastHeartbeatAt = new DateTime(beat, DateTimeKind.Utc), WatchedSince = w.WatchedSince,
                    State = w.State, StateSince = w.StateSince,
                });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var chunk in changed.Keys.Chunk(1000))
        {
            var rows = await db.SystemWatch.IgnoreQueryFilters().Where(x => chunk.Contains(x.SystemId)).ToListAsync(ct);
            foreach (var row in rows)
            {
                row.LastHeartbeatAt = new DateTime(changed[row.SystemId], DateTimeKind.Utc);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var (w, beat) in fresh)
        {
            lock (w)
            {
                w.InDatabase = true;
                w.PersistedBeat = beat;
            }
        }
        foreach (var (id, beat) in changed)
        {
            if (_systems.TryGetValue(id, out var w))
            {
                lock (w)
                {
                    w.InDatabase = true;
                    w.PersistedBeat = beat;
                }
            }
        }
        return fresh.Count + changed.Count;
    }

    private async Task<TickResult> JudgeAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;

        var gone = (await db.Systems.IgnoreQueryFilters().Where(s => s.Archived || s.Site!.Archived).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var horizon = now - TimeSpan.FromDays(7);
        var windows = (await db.Maintenance.IgnoreQueryFilters().AsNoTracking().Where(m => m.Until > horizon && m.From <= now).ToListAsync(ct))
            .ToLookup(m => m.SystemId);

        var transitions = new List<(Watched W, string From, string To, DateTime Baseline, DateTime? LastBeat)>();
        var shutDowns = new List<(Watched W, DateTime Baseline, DateTime? LastBeat)>();
        foreach (var w in _systems.Values)
        {
            if (gone.Contains(w.SystemId))
            {
                _systems.TryRemove(w.SystemId, out _);
                continue;
            }
            long beatTicks;
            lock (w)
            {
                beatTicks = w.LastBeat;
            }
            DateTime? lastBeat = beatTicks == 0 ? null : new DateTime(beatTicks, DateTimeKind.Utc);
            var baseline = Max(lastBeat ?? DateTime.MinValue, w.WatchedSince);
            var inMaintenance = false;
            foreach (var m in windows[w.SystemId])
            {
                var until = AlarmDto.Utc(m.Until);
                if (until > now)
                {
                    inMaintenance = true;
                }
                else
                {
                    baseline = Max(baseline, until);
                }
            }
            var state = inMaintenance ? AlarmCodes.Maintenance : now - baseline > o.OfflineAfter ? AlarmCodes.Offline : AlarmCodes.Online;
            if (state == AlarmCodes.Online && w.State == AlarmCodes.Offline && (lastBeat is null || lastBeat <= w.StateSince))
            {
                // Only a heartbeat brings an offline system back (not the watch counting afresh after its own restart).
                state = AlarmCodes.Offline;
            }
            if (state != w.State)
            {
                transitions.Add((w, w.State, state, baseline, lastBeat));
            }
            if (state == AlarmCodes.Offline && w.ShutDownActId is null && now - baseline > o.ShutDownAfter)
            {
                shutDowns.Add((w, baseline, lastBeat));
            }
        }

        int offline = 0, online = 0, maintenance = 0;
        foreach (var (w, from, to, baseline, lastBeat) in transitions)
        {
            var row = await db.SystemWatch.IgnoreQueryFilters().FirstAsync(x => x.SystemId == w.SystemId, ct);
            row.State = to;
            row.StateSince = to == AlarmCodes.Offline ? baseline : now;
            if (to != AlarmCodes.Offline)
            {
                row.ShutDownActId = null;
            }
            AlarmAlert? alert = null;
            if (to == AlarmCodes.Offline)
            {
                offline++;
                var cite = law.For(w.Division, AlarmDuty.Network);
                alert = NewAlert(w, AlarmCodes.AlertOffline, now, cite,
                    $"技防系统“{w.SystemName}”（{w.SiteName}）{(lastBeat is { } b ? $"自 {Local(b)} 起" : "")}已连续 {o.MissedHeartbeats} 次未发送心跳（每 {o.HeartbeatInterval.TotalSeconds:0} 秒一次），" +
                    "判定离线；请使用单位立即核查。未登记维护而关闭技防系统属于擅自关闭。");
            }
            else if (to == AlarmCodes.Online)
            {
                online++;
                if (from == AlarmCodes.Offline)
                {
                    alert = NewAlert(w, AlarmCodes.AlertOnline, now, law.For(w.Division, AlarmDuty.Network),
                        $"技防系统“{w.SystemName}”（{w.SiteName}）恢复心跳，离线约 {(now - w.StateSince).TotalMinutes:0} 分钟。");
                }
            }
            else
            {
                maintenance++;
            }
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            if (alert is not null)
            {
                db.AlarmAlerts.Add(alert);
                QueueAudit(audit, alert);
            }
            await db.SaveChangesAsync(ct);
            w.State = to;
            w.StateSince = row.StateSince;
            if (to != AlarmCodes.Offline)
            {
                w.ShutDownActId = null;
            }
            if (alert is not null)
            {
                await audit.FlushAsync();
                Publish(alert, w);
            }
        }

        var shut = 0;
        foreach (var (w, baseline, lastBeat) in shutDowns)
        {
            await RegisterShutDownAsync(scope.ServiceProvider, db, w, baseline, lastBeat, now, ct);
            shut++;
        }

        var clock = await db.Set<WatchClock>().FirstOrDefaultAsync(c => c.Id == 1, ct);
        if (clock is null)
        {
            db.Add(new WatchClock { LastTickAt = now });
        }
        else
        {
            clock.LastTickAt = now;
        }
        await db.SaveChangesAsync(ct);
        return new TickResult(offline, online, maintenance, shut);
    }

    /// <summary>
    /// Silence without authorisation beyond the threshold: an act of shut-down (system-shut-down, by the unit, not
    /// authorised) registered on the site in the same transaction as the watch's note of it, judged at once, so that it
    /// shows as a finding with its citation (province art. 17 item 2; nmg art. 17 item 6); then an alert and its audit entry.
    /// </summary>
    private async Task RegisterShutDownAsync(IServiceProvider sp, JifangDbContext db, Watched w, DateTime baseline, DateTime? lastBeat, DateTime now, CancellationToken ct)
    {
        var o = options.Value;
        var cite = law.For(w.Division, AlarmDuty.ShutDown);
        var silence = now - baseline;
        var act = new RegisteredAct
        {
            SiteId = w.SiteId, SystemId = w.SystemId, Kind = "system-shut-down",
            Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(baseline, time.LocalTimeZone)),
            Actor = "unit", Authorized = false, CreatedAt = now,
            Description = $"平台自 {Local(lastBeat ?? baseline)} 起未收到技防系统“{w.SystemName}”的心跳，静默 {Hours(silence)}，" +
                $"超过 {Hours(o.ShutDownAfter)} 且未登记维护：由心跳监测登记为擅自关闭。",
        };
        var row = await db.SystemWatch.IgnoreQueryFilters().FirstAsync(x => x.SystemId == w.SystemId, ct);
        row.ShutDownActId = act.Id;
        db.Acts.Add(act);
        var alert = NewAlert(w, AlarmCodes.AlertShutDown, now, cite,
            $"技防系统“{w.SystemName}”（{w.SiteName}）未经登记维护静默 {Hours(silence)}，超过 {Hours(o.ShutDownAfter)}：已登记“关闭技防系统”行为并依条例评判。");
        alert.ActId = act.Id;
        db.AlarmAlerts.Add(alert);
        // Saved with the act and the alert in the re-judgement's transaction.
        QueueAudit(sp.GetRequiredService<AuditTrail>(), alert);
        var compliance = sp.GetRequiredService<ComplianceService>();
        await compliance.SaveAndRejudgeAsync(w.SiteId, ct);
        w.ShutDownActId = act.Id;
        Publish(alert, w);
    }

    private static AlarmAlert NewAlert(Watched w, string kind, DateTime now, DutyCitation? cite, string message) => new()
    {
        Kind = kind, SystemId = w.SystemId, SiteId = w.SiteId, UnitId = w.UnitId, DivisionCode = w.Division, At = now,
        Citation = cite?.Stored, Message = message,
    };

    /// <summary>Queues the alert's audit entry, to be saved with the alert (which keeps its receipt).</summary>
    private void QueueAudit(AuditTrail audit, AlarmAlert alert) =>
        audit.Add(new AuditEvent($"alarm.{alert.Kind}", AlarmCodes.PlatformActor, $"system:{alert.SystemId}",
            alert.DivisionCode, alert.UnitId, law.Present(alert.Citation)?.Audit, alert.Message), alert);

    /// <summary>Publishes an alert whose entry the log has appended.</summary>
    private void Publish(AlarmAlert alert, Watched w) =>
        hub.Publish(new LiveEvent("alert", alert.DivisionCode, alert.UnitId, true, AlertDto.Of(alert, w.SiteName, w.SystemName, law.Present(alert.Citation))));

    private string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan t) => t.TotalHours >= 1 ? $"{t.TotalHours:0.#} 小时" : $"{t.TotalMinutes:0} 分钟";

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var flushEvery = o.HeartbeatFlushInterval <= TimeSpan.Zero ? o.TickInterval : o.HeartbeatFlushInterval;
        var tickEvery = o.TickInterval;
        var lastTick = time.GetTimestamp();
        using var timer = new PeriodicTimer(flushEvery < tickEvery ? flushEvery : tickEvery, time);
        try
        {
            await TickSafelyAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (time.GetElapsedTime(lastTick) >= tickEvery)
                {
                    lastTick = time.GetTimestamp();
                    await TickSafelyAsync(stoppingToken);
                }
                else
                {
                    try
                    {
                        await FlushAsync(stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogFailed(log, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // A clean stop writes what is in memory.
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await FlushAsync(cts.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or DbUpdateException)
            {
                LogFailed(log, e);
            }
        }
    }

    private async Task TickSafelyAsync(CancellationToken ct)
    {
        try
        {
            await TickAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        _loadGate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "心跳监测失败")]
    private static partial void LogFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "心跳监测上次运行于 {Last}，现 {Now} 恢复：停机期间的静默不计")]
    private static partial void LogResumed(ILogger logger, DateTime last, DateTime now);
}
