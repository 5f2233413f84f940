using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Alarms;

public sealed record DismissRequest([property: Text(500, MultiLine = true)] string? Reason);

/// <summary>A receipt: what, who, when, at which level and to which police, the article, and the audit entry.</summary>
public sealed record StepDto(
    Guid Id, string Kind, string KindLabel, string Level, string LevelLabel, string? PoliceDivision, string Actor, string? ActorName,
    DateTime At, string? Detail, string? PackId, CitationDto? Citation, long? AuditIndex, string? AuditLeafHash);

public sealed record AlarmDetailDto(AlarmDto Alarm, string SystemName, IReadOnlyList<StepDto> Steps, string? PackId, CitationDto? ReportDuty);

/// <summary>
/// The alarms of one's scope (the unit's operator console, the police consoles): list, read with every receipt, confirm
/// or dismiss (unit), acknowledge (police), and the live stream of new and changed alarms and alerts (Server-Sent Events).
/// </summary>
public static class AlarmsApi
{
    public static RouteGroupBuilder MapAlarms(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/alarms", List).WithTags("报警处置").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/alarms/stream", Stream).WithTags("报警处置").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/alarms/{id:guid}", Get).WithTags("报警处置").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/alarms/{id:guid}/confirm", Confirm).WithTags("报警处置").RequireAuthorization(Policies.AlarmsHandle);
        api.MapPost("/alarms/{id:guid}/dismiss", Dismiss).WithTags("报警处置").RequireAuthorization(Policies.AlarmsHandle);
        api.MapPost("/alarms/{id:guid}/acknowledge", Acknowledge).WithTags("报警处置").RequireAuthorization(Policies.AlarmsAcknowledge);
        api.MapPost("/alarms/{id:guid}/outcome", OutcomeApi.Record).WithTags("报警处置").RequireAuthorization(Policies.AlarmsAcknowledge);
        return api;
    }

    /// <summary>
    /// Alarms in scope, newest first. <c>status</c> new|confirmed|dismissed; <c>police=true</c> only those reported to the
    /// police; <c>awaiting=true</c> only those not yet acknowledged; <c>level</c> the level they have reached; <c>site</c>, <c>system</c>.
    /// </summary>
    internal static async Task<Ok<Page<AlarmDto>>> List(JifangDbContext db, string? status, bool? police, bool? awaiting, string? level,
        Guid? site, Guid? system, int? page, int? pageSize, CancellationToken ct)
    {
        var q = Query(db, status, police, awaiting, level, site, system);
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new { Alarm = a, SiteName = a.Site!.Name, a.Site.ContactPhone }).ToListAsync(ct);
        return TypedResults.Ok(new Page<AlarmDto>(rows.Select(r => AlarmDto.Of(r.Alarm, r.SiteName, r.ContactPhone)).ToList(), total, p, size));
    }

    internal static IQueryable<Alarm> Query(JifangDbContext db, string? status, bool? police, bool? awaiting, string? level, Guid? site, Guid? system)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Alarms.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            q = q.Where(a => a.Status == status);
        }
        if (police == true)
        {
            q = q.Where(a => a.PoliceLevel != null);
        }
        if (awaiting == true)
        {
            q = q.Where(a => a.PoliceLevel != null && a.AcknowledgedAt == null);
        }
        if (!string.IsNullOrEmpty(level))
        {
            q = q.Where(a => a.PoliceLevel == level);
        }
        if (site is { } s)
        {
            q = q.Where(a => a.SiteId == s);
        }
        if (system is { } y)
        {
            q = q.Where(a => a.SystemId == y);
        }
        return q;
    }

    internal static async Task<Results<Ok<AlarmDetailDto>, NotFound>> Get(Guid id, JifangDbContext db, AlarmLaw law, CancellationToken ct)
    {
        var row = await db.Alarms.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { Alarm = a, SiteName = a.Site!.Name, a.Site.ContactPhone }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }
        var systemName = await db.Systems.IgnoreQueryFilters().Where(s => s.Id == row.Alarm.SystemId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var steps = await db.AlarmSteps.AsNoTracking().Where(s => s.AlarmId == id).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var duty = law.For(row.Alarm.DivisionCode, AlarmDuty.Report);
        return TypedResults.Ok(new AlarmDetailDto(AlarmDto.Of(row.Alarm, row.SiteName, row.ContactPhone), systemName, steps.Select(s => StepOf(s, law)).ToList(), duty?.PackId, duty?.Citation));
    }

    public static StepDto StepOf(AlarmStep s, AlarmLaw law)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(law);
        var cite = law.Present(s.Citation);
        return new StepDto(s.Id, s.Kind, AlarmCodes.StepLabel(s.Kind), s.Level, AlarmCodes.LevelLabel(s.Level), s.PoliceDivision, s.Actor, s.ActorName,
            AlarmDto.Utc(s.At), s.Detail, cite?.PackId, cite?.Citation, s.AuditIndex, s.AuditLeafHash);
    }

    internal static async Task<Results<Ok<AlarmDto>, NotFound, ProblemHttpResult>> Confirm(Guid id, ClaimsPrincipal user, AlarmHandling handling, CancellationToken ct) =>
        Answer(await handling.ConfirmAsync(id, user, ct));

    internal static async Task<Results<Ok<AlarmDto>, NotFound, ProblemHttpResult, ValidationProblem>> Dismiss(
        Guid id, DismissRequest? request, ClaimsPrincipal user, AlarmHandling handling, CancellationToken ct)
    {
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["排除误报须说明理由"] });
        }
        if (reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["理由不能超过 500 个字符"] });
        }
        return Answer(await handling.DismissAsync(id, reason, user, ct)).Result switch
        {
            Ok<AlarmDto> ok => ok,
            NotFound nf => nf,
            ProblemHttpResult p => p,
            var other => throw new InvalidOperationException(other.ToString()),
        };
    }

    internal static async Task<Results<Ok<AlarmDto>, NotFound, ProblemHttpResult>> Acknowledge(Guid id, ClaimsPrincipal user, AlarmHandling handling, CancellationToken ct) =>
        Answer(await handling.AcknowledgeAsync(id, user, ct));

    public static Results<Ok<AlarmDto>, NotFound, ProblemHttpResult> Answer(Handled h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return h.Status switch
        {
            StatusCodes.Status200OK => TypedResults.Ok(h.Alarm!),
            StatusCodes.Status404NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(statusCode: h.Status, title: h.Status == StatusCodes.Status403Forbidden ? "无权办理" : "无法办理", detail: h.Problem),
        };
    }

    /// <summary>
    /// The live stream of one's scope: <c>ready</c> once subscribed, then <c>alarm</c> (a new alarm, to the unit),
    /// <c>alarm-updated</c> (a step; to the police as well once reported) and <c>alert</c> (offline, back online, shut
    /// down, flood); <c>ping</c> every 15 seconds. The stream ends after <c>seconds</c> (default 600, at most 3600; 0
    /// ends it right after <c>ready</c>, a probe): browsers reconnect by themselves, proxies do not hold it forever.
    /// </summary>
    internal static Results<ServerSentEventsResult<object>, ValidationProblem> Stream(ClaimsPrincipal user, AlarmHub hub, int? seconds, CancellationToken ct)
    {
        if (seconds is < 0 or > 3600)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = ["应在 0 至 3600 之间"] });
        }
        return TypedResults.ServerSentEvents(Events(hub.Subscribe(Scope.From(user)), TimeSpan.FromSeconds(seconds ?? 600), ct));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(AlarmHub.Subscription subscription, TimeSpan lifetime, [EnumeratorCancellation] CancellationToken aborted)
    {
        using var subscribed = subscription;
        yield return new SseItem<object>(new { scope = subscription.Scope.Role }, "ready");
        if (lifetime <= TimeSpan.Zero)
        {
            yield break;
        }
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        ends.CancelAfter(lifetime);
        var ct = ends.Token;
        while (!ct.IsCancellationRequested)
        {
            bool ready;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                wait.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    ready = await subscription.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    ready = true;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
            if (!subscription.Reader.TryPeek(out _))
            {
                if (!ready)
                {
                    yield break;
                }
                yield return new SseItem<object>(new { }, "ping");
                continue;
            }
            while (subscription.Reader.TryRead(out var e))
            {
                yield return new SseItem<object>(e.Data, e.Kind);
            }
        }
    }
}
