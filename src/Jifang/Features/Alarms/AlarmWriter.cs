using System.Data.Common;
using System.Threading.Channels;
using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>What became of a posted alarm.</summary>
public enum IntakeOutcome
{
    /// <summary>Committed now.</summary>
    Accepted,
    /// <summary>The same alarm (same system, id and content) was committed before: the same answer again.</summary>
    Duplicate,
    /// <summary>The same id was committed before with a different content.</summary>
    Conflict,
    /// <summary>Older than the system's latest accepted alarm by more than the reorder window.</summary>
    OutOfOrder,
}

public sealed record IntakeResult(IntakeOutcome Outcome, Guid AlarmId, DateTime ReceivedAt, DateTime? Latest = null);

/// <summary>
/// Commits posted alarms in groups (group commit): requests queue here, one writer takes whatever has queued (up to
/// Alarms:MaxBatch), checks ids and order, inserts the new ones in ONE transaction and answers every request of the
/// group only after that commit. Concurrent intakes thus share one durable commit instead of waiting for one each.
/// The writer is the only place alarms are inserted, so idempotency and order are checked without races; the unique
/// index (system, id) guards against any other writer.
/// </summary>
public sealed partial class AlarmWriter(
    IServiceScopeFactory scopes, AlarmHub hub, TimeProvider time, IOptions<AlarmOptions> options, ILogger<AlarmWriter> log) : BackgroundService
{
    private sealed record Pending(CredentialInfo Credential, AlarmEvent Event, TaskCompletionSource<IntakeResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>The latest accepted alarm time of each system (loaded on first sight): the reference for out-of-order alarms.</summary>
    private readonly Dictionary<Guid, DateTime> _latest = [];

    public async Task<IntakeResult> SubmitAsync(CredentialInfo credential, AlarmEvent e, CancellationToken ct)
    {
        var done = new TaskCompletionSource<IntakeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(credential, e, done), ct);
        return await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = Math.Max(1, options.Value.MaxBatch);
        var batch = new List<Pending>(max);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < max && _queue.Reader.TryRead(out var p))
                {
                    batch.Add(p);
                }
                await CommitGroupAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Stopping: whatever is still queued was never committed, and says so (the client retries).
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var p))
            {
                p.Done.TrySetException(new OperationCanceledException("平台正在停止"));
            }
        }
    }

    private async Task CommitGroupAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            await CommitAsync(batch, ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException && batch.Count > 1)
        {
            // Someone else inserted one of these ids meanwhile: settle each alarm on its own.
            LogRetryOneByOne(log, batch.Count, e.Message);
            _latest.Clear();
            foreach (var p in batch)
            {
                try
                {
                    await CommitAsync([p], ct);
                }
                catch (Exception one) when (one is DbUpdateException or DbException or InvalidOperationException)
                {
                    _latest.Clear();
                    p.Done.TrySetException(one);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogGroupFailed(log, batch.Count, e.Message);
            _latest.Clear();
            foreach (var p in batch)
            {
                p.Done.TrySetException(e);
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var systems = batch.Select(p => p.Credential.SystemId).Distinct().ToList();
        var ids = batch.Select(p => p.Event.Id).Distinct().ToList();
        var existing = (await db.Alarms.AsNoTracking().Where(a => ids.Contains(a.ExternalId) && systems.Contains(a.SystemId)).ToListAsync(ct))
            .ToDictionary(a => (a.SystemId, a.ExternalId));
        var unknown = systems.Where(s => !_latest.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            var latest = await db.Alarms.AsNoTracking().Where(a => unknown.Contains(a.SystemId))
                .GroupBy(a => a.SystemId).Select(g => new { g.Key, Max = g.Max(a => a.OccurredAt) }).ToListAsync(ct);
            foreach (var s in unknown)
            {
                _latest[s] = DateTime.MinValue;
            }
            foreach (var l in latest)
            {
                _latest[l.Key] = DateTime.SpecifyKind(l.Max, DateTimeKind.Utc);
            }
        }

        var window = options.Value.ReorderWindow;
        var now = time.GetUtcNow().UtcDateTime;
        var results = new IntakeResult[batch.Count];
        var added = new List<(Alarm Alarm, CredentialInfo Credential)>();
        var before = new Dictionary<Guid, DateTime>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (credential, e, _) = batch[i];
            if (existing.TryGetValue((credential.SystemId, e.Id), out var old))
            {
                results[i] = new IntakeResult(e.SameAs(old) ? IntakeOutcome.Duplicate : IntakeOutcome.Conflict, old.Id, AlarmDto.Utc(old.ReceivedAt));
                continue;
            }
            var latest = _latest[credential.SystemId];
            if (latest != DateTime.MinValue && e.Time < latest - window)
            {
                results[i] = new IntakeResult(IntakeOutcome.OutOfOrder, Guid.Empty, now, latest);
                continue;
            }
            var alarm = new Alarm
            {
                SystemId = credential.SystemId, SiteId = credential.SiteId, UnitId = credential.UnitId, DivisionCode = credential.DivisionCode,
                CredentialId = credential.Id, ExternalId = e.Id, Device = e.Device, OccurredAt = e.Time, ReceivedAt = now,
                Type = e.Type, Priority = e.Priority, Description = e.Description,
            };
            existing[(credential.SystemId, e.Id)] = alarm;
            before.TryAdd(credential.SystemId, latest);
            if (e.Time > latest)
            {
                _latest[credential.SystemId] = e.Time;
            }
            added.Add((alarm, credential));
            results[i] = new IntakeResult(IntakeOutcome.Accepted, alarm.Id, now);
        }
        if (added.Count > 0)
        {
            try
            {
                await InsertAsync(db, added.Select(a => a.Alarm).ToList(), ct);
            }
            catch
            {
                foreach (var (system, latest) in before)
                {
                    _latest[system] = latest;
                }
                throw;
            }
        }
        // Durable now: show the new alarms on the consoles, then answer every request of the group.
        foreach (var (alarm, credential) in added)
        {
            hub.Publish(new LiveEvent("alarm", alarm.DivisionCode, alarm.UnitId, false, AlarmDto.Of(alarm, credential.SiteName)));
        }
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    /// <summary>
    /// Inserts a group in one transaction with plain ADO.NET statements whose columns, names and value conversions come from
    /// the EF model (<see cref="RowWriter"/>: one prepared single-row INSERT per row on SQLite, multi-row INSERTs on
    /// PostgreSQL). The change tracker's work per entity was most of the intake's cost; the commit is the same durable commit.
    /// </summary>
    private static async Task InsertAsync(JifangDbContext db, List<Alarm> alarms, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            using (var rows = RowWriter.For<Alarm>(db, db.Database.GetDbConnection(), tx.GetDbTransaction(), db.Database.IsSqlite() ? 1 : 200))
            {
                await rows.InsertAsync(alarms);
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "报警批量提交冲突（{Count} 条），逐条重试：{Error}")]
    private static partial void LogRetryOneByOne(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "报警批量提交失败（{Count} 条）：{Error}")]
    private static partial void LogGroupFailed(ILogger logger, int count, string error);
}
