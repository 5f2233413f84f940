using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Alarms;

public sealed record WatchDto(
    Guid SystemId, string SystemName, Guid SiteId, string SiteName, Guid UnitId, string DivisionCode, string State, string StateLabel,
    DateTime StateSince, DateTime? LastHeartbeatAt, Guid? ShutDownActId);

/// <summary>计划维护的登记</summary>
/// <param name="From">维护开始时间（带时区），必填，不早于现在（须提前登记）</param>
/// <param name="Until">维护结束时间（带时区），必填，晚于开始时间，一次至多 30 天</param>
/// <param name="Reason">维护事由，必填，至多 500 字，可换行</param>
public sealed record MaintenanceRequest(DateTimeOffset? From, DateTimeOffset? Until, [property: Text(500, MultiLine = true)] string? Reason);

public sealed record MaintenanceDto(Guid Id, Guid SystemId, DateTime From, DateTime Until, string Reason, string CreatedBy, DateTime CreatedAt);

/// <summary>
/// What the heartbeat watch knows, in one's scope: each system's status, the alerts raised (offline, back online, shut
/// down, flood), and planned maintenance, registered in advance by those who may change the system's registry.
/// </summary>
public static class WatchApi
{
    public static readonly TimeSpan LongestMaintenance = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapAlarmWatch(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/system-watch", List).WithTags("报警联网").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/alarm-alerts", Alerts).WithTags("报警联网").RequireAuthorization(Policies.RegistryRead);
        api.MapGet("/systems/{systemId:guid}/maintenance", ListMaintenance).WithTags("报警联网").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/systems/{systemId:guid}/maintenance", RegisterMaintenance).WithTags("报警联网").RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    /// <summary>技防系统的在线状态</summary>
    /// <remarks>调用者范围内发送过心跳的未归档系统：在线、离线或维护中，自何时起，最后一次心跳的时间；离线的在前，再按场所名称排序，分页。</remarks>
    /// <param name="state">状态：`online` 在线、`offline` 离线、`maintenance` 维护中</param>
    /// <param name="site">场所编号：只列该场所的系统</param>
    /// <param name="system">技防系统编号：只列该系统</param>
    internal static async Task<Ok<Page<WatchDto>>> List(JifangDbContext db, string? state, Guid? site, Guid? system, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.SystemWatch.AsNoTracking().Where(w => !w.System!.Archived);
        if (!string.IsNullOrEmpty(state))
        {
            q = q.Where(w => w.State == state);
        }
        if (site is { } s)
        {
            q = q.Where(w => w.System!.SiteId == s);
        }
        if (system is { } y)
        {
            q = q.Where(w => w.SystemId == y);
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(w => w.State == AlarmCodes.Offline ? 0 : w.State == AlarmCodes.Maintenance ? 1 : 2).ThenBy(w => w.System!.Site!.Name).ThenBy(w => w.SystemId)
            .Skip((p - 1) * size).Take(size)
            .Select(w => new WatchDto(w.SystemId, w.System!.Name, w.System.SiteId, w.System.Site!.Name, w.System.Site.UnitId, w.System.Site.DivisionCode,
                w.State, "", w.StateSince, w.LastHeartbeatAt, w.ShutDownActId))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<WatchDto>(rows.Select(r => r with
        {
            StateLabel = AlarmCodes.StateLabel(r.State), StateSince = AlarmDto.Utc(r.StateSince), LastHeartbeatAt = AlarmDto.Utc(r.LastHeartbeatAt),
        }).ToList(), total, p, size));
    }

    /// <summary>联网告警</summary>
    /// <remarks>调用者范围内的告警（系统离线、恢复在线、关闭、报警过多），每条写明所依据的条款；按时间从近到远，分页。</remarks>
    /// <param name="kind">告警类型：`system-offline` 离线、`system-online` 恢复在线、`system-shut-down` 关闭、`flood` 报警过多</param>
    /// <param name="system">技防系统编号：只列该系统的告警</param>
    internal static async Task<Ok<Page<AlertDto>>> Alerts(JifangDbContext db, AlarmLaw law, string? kind, Guid? system, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.AlarmAlerts.AsNoTracking();
        if (!string.IsNullOrEmpty(kind))
        {
            q = q.Where(a => a.Kind == kind);
        }
        if (system is { } y)
        {
            q = q.Where(a => a.SystemId == y);
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var names = await Names(db, rows.Select(r => r.SystemId).Distinct().ToList(), ct);
        return TypedResults.Ok(new Page<AlertDto>(rows.Select(a =>
        {
            var (site, sys) = names.TryGetValue(a.SystemId, out var n) ? n : ("", "");
            return AlertDto.Of(a, site, sys, law.Present(a.Citation));
        }).ToList(), total, p, size));
    }

    /// <summary>Site and system names of systems, whatever their scope (the alerts are already scoped).</summary>
    public static async Task<Dictionary<Guid, (string Site, string System)>> Names(JifangDbContext db, List<Guid> systems, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Systems.IgnoreQueryFilters().Where(s => systems.Contains(s.Id)).Select(s => new { s.Id, Site = s.Site!.Name, s.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => (x.Site, x.Name));
    }

    public static MaintenanceDto ToDto(MaintenanceWindow m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.SystemId, AlarmDto.Utc(m.From), AlarmDto.Utc(m.Until), m.Reason, m.CreatedBy, AlarmDto.Utc(m.CreatedAt));
    }

    /// <summary>技防系统的计划维护</summary>
    /// <remarks>按开始时间从近到远，分页；范围外或不存在的系统答复 404。</remarks>
    /// <param name="systemId">技防系统编号</param>
    internal static async Task<Results<Ok<Page<MaintenanceDto>>, NotFound>> ListMaintenance(Guid systemId, JifangDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Systems.AnyAsync(s => s.Id == systemId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.Maintenance.AsNoTracking().Where(m => m.SystemId == systemId).OrderByDescending(m => m.From);
        return TypedResults.Ok(await q.ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>登记计划维护</summary>
    /// <remarks>维护期间系统没有心跳不算擅自关闭技防系统（《省安全技术防范条例》第十七条第一款第（二）项禁止的是擅自关闭），不产生离线告警。只能提前登记：开始时间不能早于现在（已发生的静默不能补登为维护），一次至多 30 天。不存在、已归档或范围外的系统答复 404。记入审计日志（`alarm.maintenance-registered`）。</remarks>
    /// <param name="systemId">技防系统编号</param>
    /// <param name="request">维护的起止时间与事由</param>
    internal static async Task<Results<Created<MaintenanceDto>, NotFound, ValidationProblem>> RegisterMaintenance(

        Guid systemId, MaintenanceRequest? request, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, AlarmLaw law, TimeProvider time, CancellationToken ct)
    {
        var system = await db.Systems.Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == systemId && !s.Archived, ct);
        if (system is null)
        {
            return TypedResults.NotFound();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        request ??= new MaintenanceRequest(null, null, null);
        if (request.From is null)
        {
            errors["from"] = ["缺少维护开始时间"];
        }
        else if (request.From.Value.UtcDateTime < now - TimeSpan.FromMinutes(1))
        {
            errors["from"] = ["维护须提前登记：开始时间不能早于现在（已发生的静默不能补登为维护）"];
        }
        if (request.Until is null)
        {
            errors["until"] = ["缺少维护结束时间"];
        }
        else if (request.From is { } f && request.Until.Value <= f)
        {
            errors["until"] = ["结束时间应晚于开始时间"];
        }
        else if (request.From is { } f2 && request.Until.Value - f2 > LongestMaintenance)
        {
            errors["until"] = [$"一次维护最长 {LongestMaintenance.TotalDays:0} 天"];
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors["reason"] = ["须说明维护事由"];
        }
        else if (reason.Length > 500)
        {
            errors["reason"] = ["事由不能超过 500 个字符"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var actor = Actors.Of(user);
        var window = new MaintenanceWindow
        {
            SystemId = systemId, From = request.From!.Value.UtcDateTime, Until = request.Until!.Value.UtcDateTime, Reason = reason!,
            CreatedBy = actor, CreatedAt = now,
        };
        db.Maintenance.Add(window);
        var cite = law.For(system.Site!.DivisionCode, AlarmDuty.ShutDown);
        audit.Add(new AuditEvent("alarm.maintenance-registered", actor, $"system:{systemId}", system.Site.DivisionCode, system.Site.UnitId,
            cite?.Audit, $"登记技防系统“{system.Name}”维护 {window.From:yyyy-MM-ddTHH:mm}Z 至 {window.Until:yyyy-MM-ddTHH:mm}Z：{reason}"));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return TypedResults.Created($"/api/systems/{systemId}/maintenance", ToDto(window));
    }
}
