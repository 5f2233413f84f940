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

/// <summary>排除误报的请求</summary>
/// <param name="Reason">排除的理由，必填，至多 500 字，可换行</param>
public sealed record DismissRequest([property: Text(500, MultiLine = true)] string? Reason);

/// <summary>处置回执：何事、何人、何时、到哪一级、哪个公安机关，所依据的条款，以及审计日志中的记录</summary>
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

    /// <summary>报警列表</summary>
    /// <remarks>调用者范围内的报警（使用单位见本单位的，公安机关见辖区内已报告的），按接收时间从近到远，分页。</remarks>
    /// <param name="status">状态：`new` 待处置、`confirmed` 已确认（真实警情）、`dismissed` 已排除（误报）</param>
    /// <param name="police">`true`：只列已报告公安机关的</param>
    /// <param name="awaiting">`true`：只列已报告、公安机关尚未签收的</param>
    /// <param name="level">已到达的级别：`county` 县级、`city` 市级、`province` 省级公安机关</param>
    /// <param name="site">场所编号：只列该场所的报警</param>
    /// <param name="system">技防系统编号：只列该系统的报警</param>
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

    /// <summary>报警详情与处置回执</summary>
    /// <remarks>报警、所属技防系统的名称、每一步处置的回执（确认、排除、报告、未处置上报、逐级上报、签收，各带审计日志的序号与叶哈希），以及报告义务所依据的条款。范围外或不存在的报警答复 404。</remarks>
    /// <param name="id">报警编号</param>
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

    /// <summary>确认警情（使用单位）</summary>
    /// <remarks>确认报警为真实警情，平台随即报告场所所在地的县级公安机关；未签收的按时逐级上报至市级、省级。已处置的答复 409。回执记入审计日志。</remarks>
    /// <param name="id">报警编号</param>
    internal static async Task<Results<Ok<AlarmDto>, NotFound, ProblemHttpResult>> Confirm(Guid id, ClaimsPrincipal user, AlarmHandling handling, CancellationToken ct) =>
        Answer(await handling.ConfirmAsync(id, user, ct));

    /// <summary>排除误报（使用单位）</summary>
    /// <remarks>以理由排除误报，不报告公安机关；没有理由为 400 `reason`，已处置的答复 409。回执记入审计日志。</remarks>
    /// <param name="id">报警编号</param>
    /// <param name="request">排除的理由</param>
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

    /// <summary>签收报警（公安机关）</summary>
    /// <remarks>报警到达（或已越过）本级后由辖区公安机关签收，逐级上报随之停止。尚未到达本级或已签收的答复 409。回执记入审计日志。</remarks>
    /// <param name="id">报警编号</param>
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

    /// <summary>报警实时推送（服务器推送事件）</summary>
    /// <remarks>调用者范围内的实时事件（`text/event-stream`）：订阅后先有 `ready`，此后 `alarm`（新报警，推送给使用单位）、`alarm-updated`（一步处置；报告后也推送给公安机关）与 `alert`（离线、恢复在线、关闭、报警过多）；每 15 秒一个 `ping`。推送在 `seconds` 秒后结束（浏览器会自行重连，代理不会无限期保持连接）。</remarks>
    /// <param name="seconds">推送持续的秒数，0 至 3600，默认 600；0 在 `ready` 之后立即结束（用于探测）</param>
    internal static Results<ServerSentEventsResult<object>, ValidationProblem> Stream(
ClaimsPrincipal user, AlarmHub hub, int? seconds, CancellationToken ct)
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
