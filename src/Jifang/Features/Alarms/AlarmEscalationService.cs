using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>
/// The platform's own steps of alarm handling, every Alarms:TickInterval (<see cref="TickAsync"/> is what the tests call):
/// reports confirmed alarms not yet reported (after a crash between the two commits), raises alarms not confirmed or
/// dismissed within Alarms:HandleWithin to the county police as unhandled, escalates alarms not acknowledged within
/// Alarms:AcknowledgeWithin to the next level, and has the audit log recover entries saved with a change but never appended.
/// </summary>
public sealed partial class AlarmEscalationService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<AlarmOptions> options, ILogger<AlarmEscalationService> log) : BackgroundService
{
    private const int PerTick = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public sealed record TickResult(int Reported, int Unhandled, int Escalated, int Audited);

    public async Task<TickResult> TickAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var handling = scope.ServiceProvider.GetRequiredService<AlarmHandling>();
            var o = options.Value;
            var now = time.GetUtcNow().UtcDateTime;

            var reported = 0;
            var unreported = await db.Alarms.Include(a => a.Site)
                .Where(a => a.Status == AlarmCodes.Confirmed && a.PoliceReason != AlarmCodes.ReasonConfirmed)
                .OrderBy(a => a.HandledAt).Take(PerTick).ToListAsync(ct);
            foreach (var alarm in unreported)
            {
                await handling.ReportAsync(alarm, ct);
                reported++;
            }

            var unhandled = 0;
            var handleBy = now - o.HandleWithin;
            var late = await db.Alarms.Include(a => a.Site)
                .Where(a => a.Status == AlarmCodes.New && a.PoliceLevel == null && a.ReceivedAt <= handleBy)
                .OrderBy(a => a.ReceivedAt).Take(PerTick).ToListAsync(ct);
            foreach (var alarm in late)
            {
                unhandled += await handling.RaiseUnhandledAsync(alarm, o.HandleWithin, ct) ? 1 : 0;
            }

            var escalated = 0;
            var ackBy = now - o.AcknowledgeWithin;
            var waiting = await db.Alarms.Include(a => a.Site)
                .Where(a => (a.PoliceLevel == AlarmCodes.County || a.PoliceLevel == AlarmCodes.City) && a.AcknowledgedAt == null && a.LevelSince <= ackBy)
                .OrderBy(a => a.LevelSince).Take(PerTick).ToListAsync(ct);
            foreach (var alarm in waiting)
            {
                escalated += await handling.EscalateAsync(alarm, o.AcknowledgeWithin, ct) ? 1 : 0;
            }

            // Entries whose change committed but whose process stopped before the log appended them (receipts included).
            var audited = await scope.ServiceProvider.GetRequiredService<AuditLog>().RecoverAsync(scope.ServiceProvider.GetRequiredService<IOptions<AuditOptions>>().Value.OutboxGrace, ct);
            return new TickResult(reported, unhandled, escalated, audited);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogTickFailed(log, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "报警升级巡检失败")]
    private static partial void LogTickFailed(ILogger logger, Exception e);
}
