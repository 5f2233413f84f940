using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Alarms;

/// <summary>The outcome of a handling step: 200 with the alarm, 404, or 409 with why not.</summary>
public sealed record Handled(int Status, AlarmDto? Alarm = null, string? Problem = null)
{
    public static readonly Handled NotFound = new(StatusCodes.Status404NotFound);

    public static Handled Conflict(string why) => new(StatusCodes.Status409Conflict, null, why);
}

/// <summary>
/// Every step of an alarm's handling, by people and by the platform: the unit confirms (and the platform reports to the
/// county police at once) or dismisses; the police acknowledge; the platform raises unhandled alarms and escalates
/// unacknowledged ones county → city → province. Each step changes the alarm and writes its receipt and the receipt's
/// audit entry in one commit; the log then appends the entry and keeps its index on the receipt, before anyone is told
/// it happened (after a crash in between, the log recovers the entry and the receipt's index with it).
/// </summary>
public sealed partial class AlarmHandling(JifangDbContext db, AuditTrail audit, AlarmHub hub, AlarmLaw law, TimeProvider time)
{
    public Task<Handled> ConfirmAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) => HandleAsync(id, user, null, ct);

    public Task<Handled> DismissAsync(Guid id, string reason, ClaimsPrincipal user, CancellationToken ct) => HandleAsync(id, user, reason, ct);

    /// <summary>The unit confirms (reason null) or dismisses an alarm; a confirmation is reported to the county police at once.</summary>
    private async Task<Handled> HandleAsync(Guid id, ClaimsPrincipal user, string? dismissReason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        // A concurrent change by the platform (the unhandled raise) is no reason to refuse: read again and retry.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var alarm = await db.Alarms.Include(a => a.Site).FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alarm is null)
            {
                return Handled.NotFound;
            }
            if (alarm.Status != AlarmCodes.New)
            {
                return Handled.Conflict($"该报警已于 {Local(alarm.HandledAt)} 由 {alarm.HandledBy} {AlarmCodes.StatusLabel(alarm.Status)}");
            }
            var now = Now;
            alarm.Status = dismissReason is null ? AlarmCodes.Confirmed : AlarmCodes.Dismissed;
            alarm.HandledAt = now;
            alarm.HandledBy = Actors.Of(user);
            alarm.DismissReason = dismissReason;
            var cite = law.For(alarm.DivisionCode, AlarmDuty.Report);
            var step = dismissReason is null
                ? Step(alarm, AlarmCodes.StepConfirmed, AlarmCodes.UnitLevel, null, user, now, "确认为真实警情", cite)
                : Step(alarm, AlarmCodes.StepDismissed, AlarmCodes.UnitLevel, null, user, now, $"排除为误报：{dismissReason}", cite);
            if (!await CommitAsync(alarm, step, ct))
            {
                continue;
            }
            if (dismissReason is null)
            {
                // At once: the report to the county police of the site's division (province art. 14 ¶2).
                await ReportAsync(alarm, ct);
            }
            return new Handled(StatusCodes.Status200OK, Dto(alarm));
        }
        return Handled.Conflict("该报警正被同时处理，请刷新后查看");
    }

    /// <summary>
    /// Police acknowledge an alarm that has reached their level (or passed it: the county may still acknowledge after the
    /// alarm went on to the city). The query filter has already limited the alarm to their division.
    /// </summary>
    public async Task<Handled> AcknowledgeAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var (alarm, level, refused) = await PoliceStepAsync(id, user, "签收", ct);
        if (refused is not null)
        {
            return refused;
        }
        if (alarm!.PoliceLevel is null)
        {
            return Handled.Conflict("该报警尚未上报公安机关");
        }
        if (alarm.AcknowledgedAt is not null)
        {
            return Handled.Conflict($"该报警已于 {Local(alarm.AcknowledgedAt)} 由 {alarm.AcknowledgedBy}（{AlarmCodes.LevelLabel(alarm.AcknowledgedLevel)}）签收");
        }
        if (AlarmCodes.Rank(level) > AlarmCodes.Rank(alarm.PoliceLevel))
        {
            return Handled.Conflict($"该报警目前在{AlarmCodes.LevelLabel(alarm.PoliceLevel)}，尚未逐级上报至本级");
        }
        var now = Now;
        alarm.AcknowledgedAt = now;
        alarm.AcknowledgedBy = Actors.Of(user);
        alarm.AcknowledgedLevel = level;
        var prefix = alarm.DivisionCode[..AlarmCodes.PrefixLength(level)];
        var cite = law.For(alarm.DivisionCode, AlarmDuty.Network);
        var detail = level == alarm.PoliceLevel ? "签收" : $"签收（报警已上报至{AlarmCodes.LevelLabel(alarm.PoliceLevel)}）";
        if (!await CommitAsync(alarm, Step(alarm, AlarmCodes.StepAcknowledged, level, prefix, user, now, detail, cite), ct))
        {
            return Handled.Conflict("该报警刚被签收或上报，请刷新后查看");
        }
        return new Handled(StatusCodes.Status200OK, Dto(alarm));
    }

    /// <summary>The alarm (in the caller's jurisdiction: the query filter) and the caller's police level for a police step; or why not (404, 403).</summary>
    private async Task<(Alarm? Alarm, string Level, Handled? Refused)> PoliceStepAsync(Guid id, ClaimsPrincipal user, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var alarm = await db.Alarms.Include(a => a.Site).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alarm is null)
        {
            return (null, "", Handled.NotFound);
        }
        var level = AlarmCodes.LevelOfRole(Scope.From(user).Role);
        return level is null ? (null, "", new Handled(StatusCodes.Status403Forbidden, null, $"只有公安机关可以{what}")) : (alarm, level, null);
    }

    /// <summary>Reports a confirmed alarm to the county police of its division; the time from confirmation is kept.</summary>
    public async Task ReportAsync(Alarm alarm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var now = Now;
        var cite = law.For(alarm.DivisionCode, AlarmDuty.Report);
        if (alarm.PoliceLevel is null)
        {
            alarm.PoliceLevel = AlarmCodes.County;
            alarm.LevelSince = now;
        }
        alarm.PoliceReason = AlarmCodes.ReasonConfirmed;
        alarm.ReportedAt = now;
        var delay = alarm.HandledAt is { } h ? (now - h).TotalMilliseconds : 0;
        var detail = $"确认后 {delay:0} 毫秒报告{AlarmCodes.LevelLabel(AlarmCodes.County)}（{alarm.DivisionCode}）";
        await CommitAsync(alarm, Step(alarm, AlarmCodes.StepReported, AlarmCodes.County, alarm.DivisionCode, null, now, detail, cite), ct);
    }

    /// <summary>Raises an alarm nobody confirmed or dismissed in time to the county police, as unhandled.</summary>
    public async Task<bool> RaiseUnhandledAsync(Alarm alarm, TimeSpan within, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var now = Now;
        alarm.UnhandledAt = now;
        alarm.PoliceLevel = AlarmCodes.County;
        alarm.PoliceReason = AlarmCodes.ReasonUnhandled;
        alarm.ReportedAt = now;
        alarm.LevelSince = now;
        var cite = law.For(alarm.DivisionCode, AlarmDuty.Report);
        var detail = $"接收后 {within.TotalMinutes:0.#} 分钟内使用单位未确认也未排除，作为未处置警情报{AlarmCodes.LevelLabel(AlarmCodes.County)}（{alarm.DivisionCode}）";
        return await CommitAsync(alarm, Step(alarm, AlarmCodes.StepUnhandled, AlarmCodes.County, alarm.DivisionCode, null, now, detail, cite), ct);
    }

    /// <summary>Takes an alarm not acknowledged in time to the next level (county → city → province).</summary>
    public async Task<bool> EscalateAsync(Alarm alarm, TimeSpan within, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var from = alarm.PoliceLevel!;
        var to = AlarmCodes.Above(from);
        if (to is null)
        {
            return false;
        }
        var now = Now;
        alarm.PoliceLevel = to;
        alarm.LevelSince = now;
        var prefix = alarm.DivisionCode[..AlarmCodes.PrefixLength(to)];
        var cite = law.For(alarm.DivisionCode, AlarmDuty.Network);
        var detail = $"{AlarmCodes.LevelLabel(from)} {within.TotalMinutes:0.#} 分钟内未签收，上报{AlarmCodes.LevelLabel(to)}（{prefix}）";
        return await CommitAsync(alarm, Step(alarm, AlarmCodes.StepEscalated, to, prefix, null, now, detail, cite), ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Local(DateTime? t) => t is { } x ? DateTime.SpecifyKind(x, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "—";

    private static AlarmStep Step(Alarm alarm, string kind, string level, string? policeDivision, ClaimsPrincipal? user, DateTime at, string detail, DutyCitation? cite) => new()
    {
        AlarmId = alarm.Id, Kind = kind, Level = level, PoliceDivision = policeDivision,
        Actor = user is null ? AlarmCodes.PlatformActor : Actors.Of(user), ActorName = user is null ? "技防监管平台" : Actors.DisplayName(user),
        At = at, Detail = detail, Citation = cite?.Stored, UnitId = alarm.UnitId, DivisionCode = alarm.DivisionCode,
    };

    /// <summary>The change, its receipt and the receipt's audit entry in one commit; then the log's index on the receipt; then the consoles. False on a concurrent change.</summary>
    private async Task<bool> CommitAsync(Alarm alarm, AlarmStep step, CancellationToken ct)
    {
        alarm.Version++;
        db.AlarmSteps.Add(step);
        var cite = law.Present(step.Citation);
        audit.Add(new AuditEvent(
            $"alarm.{step.Kind}", step.Actor, $"alarm:{step.AlarmId}", step.DivisionCode, step.UnitId, cite?.Audit,
            $"{AlarmCodes.StepLabel(step.Kind)}｜{AlarmCodes.LevelLabel(step.Level)}{(step.PoliceDivision is { } p ? $"（{p}）" : "")}｜{step.Detail}"), step);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(step).State = EntityState.Detached;
            db.Entry(alarm).State = EntityState.Detached;
            return false;
        }
        await audit.FlushAsync();
        // The log wrote the receipt onto the step; the step in hand has it too, and nothing is left to save.
        db.Entry(step).State = EntityState.Unchanged;
        hub.Publish(new LiveEvent("alarm-updated", alarm.DivisionCode, alarm.UnitId, alarm.PoliceLevel is not null, Dto(alarm)));
        return true;
    }

    private static AlarmDto Dto(Alarm a) => AlarmDto.Of(a, a.Site?.Name ?? "");
}
