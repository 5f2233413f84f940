using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Records;

#pragma warning disable CA1002 // request records bind JSON arrays

/// <summary>设置证据保全的请求</summary>
/// <param name="UnitId">记录所属使用单位的编号，必填</param>
/// <param name="CaseNumber">案件编号，必填，至多 100 字</param>
/// <param name="Reason">保全理由，必填，至多 1000 字，可换行</param>
/// <param name="RecordIds">要保全的记录编号（须是该单位未删除的记录），1 至 1000 条</param>
public sealed record HoldRequest(Guid? UnitId, [property: Text(100)] string? CaseNumber, [property: Text(1000, MultiLine = true)] string? Reason, List<Guid>? RecordIds);

/// <summary>提出解除证据保全的请求</summary>
/// <param name="Reason">解除理由，必填，至多 1000 字，可换行</param>
public sealed record HoldReleaseRequest([property: Text(1000, MultiLine = true)] string? Reason);

public sealed record HoldDto(
    Guid Id, Guid UnitId, string? UnitName, string CaseNumber, string Reason, string State, string StateLabel,
    string ProposedBy, DateTime ProposedAt, string? ConfirmedBy, DateTime? ConfirmedAt,
    string? ReleaseProposedBy, DateTime? ReleaseProposedAt, string? ReleaseReason, string? ReleasedBy, DateTime? ReleasedAt,
    IReadOnlyList<Guid> RecordIds, string? PlacedByRole, string? PlacedByDivision, bool PoliceHold);

/// <summary>
/// Evidence holds (证据保全): a case's records are kept whatever their age until the hold is released. Placing and releasing
/// each take two distinct authorised people (police, unit administrators, platform administrators in scope): one proposes, a
/// second confirms. This two-person rule is the platform's safeguard, not a provision of either regulation; so is the rule that
/// a hold the police placed is released by the police (<see cref="HoldAuthority"/>).
/// </summary>
public static class HoldsApi
{
    public const string TwoPersonRule = "平台规则：证据保全的设置和解除须由两名不同的授权人员办理，一人提出，另一人确认";

    public static RouteGroupBuilder MapHolds(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var holds = api.MapGroup("/holds").WithTags("证据保全");
        holds.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        holds.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        holds.MapPost("/", Propose).RequireAuthorization(Policies.RecordsHold);
        holds.MapPost("/{id:guid}/confirm", Confirm).RequireAuthorization(Policies.RecordsHold);
        holds.MapPost("/{id:guid}/release", ProposeRelease).RequireAuthorization(Policies.RecordsHold);
        holds.MapPost("/{id:guid}/confirm-release", ConfirmRelease).RequireAuthorization(Policies.RecordsHold);
        return api;
    }

    public static HoldDto ToDto(EvidenceHold h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.UnitId, h.Unit?.Name, h.CaseNumber, h.Reason, h.State, HoldStates.Label(h.State), h.ProposedBy, h.ProposedAt,
            h.ConfirmedBy, h.ConfirmedAt, h.ReleaseProposedBy, h.ReleaseProposedAt, h.ReleaseReason, h.ReleasedBy, h.ReleasedAt,
            h.Records.Select(r => r.RecordId).ToList(), h.PlacedByRole, h.PlacedByDivision, HoldAuthority.IsPolice(h));
    }

    /// <summary>证据保全</summary>
    /// <remarks>调用者范围内的证据保全，按提出时间从近到远，分页。</remarks>
    /// <param name="unit">使用单位编号：只列该单位的保全</param>
    /// <param name="state">状态：`proposed` 待确认、`active` 保全中、`release-proposed` 待确认解除、`released` 已解除</param>
    /// <param name="record">记录编号：只列保全了该记录的</param>
    internal static async Task<Ok<Page<HoldDto>>> List(JifangDbContext db, Guid? unit, string? state, Guid? record, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.Holds.AsNoTracking().Include(h => h.Unit).Include(h => h.Records).AsQueryable();
        if (unit is { } u) { q = q.Where(h => h.UnitId == u); }
        if (state is { Length: > 0 }) { q = q.Where(h => h.State == state); }
        if (record is { } r) { q = q.Where(h => h.Records.Any(x => x.RecordId == r)); }
        return TypedResults.Ok(await q.OrderByDescending(h => h.ProposedAt).ThenBy(h => h.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>证据保全详情</summary>
    /// <remarks>范围外或不存在的保全答复 404。</remarks>
    /// <param name="id">证据保全编号</param>
    internal static async Task<Results<Ok<HoldDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct)
    {
        var hold = await db.Holds.AsNoTracking().Include(h => h.Unit).Include(h => h.Records).FirstOrDefaultAsync(h => h.Id == id, ct);
        return hold is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(hold));
    }

    /// <summary>提出证据保全</summary>
    /// <remarks>为一个案件保全单位的记录：保全中的记录不论保存多久都不得删除。设置与解除都须两名不同的授权人员办理，一人提出、另一人确认（平台规则，非条例规定）；提出后状态为待确认。范围外的单位答复 403 `unitId`，不存在、已删除或不属于该单位的记录为 400 `recordIds`。记入审计日志（`hold.proposed`）。</remarks>
    /// <param name="request">单位、案件编号、理由与记录</param>
    internal static async Task<Results<Created<HoldDto>, ValidationProblem, ProblemHttpResult>> Propose(
        HoldRequest request, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.UnitId is null) { errors["unitId"] = ["缺少使用单位"]; }
        if (string.IsNullOrWhiteSpace(request.CaseNumber)) { errors["caseNumber"] = ["缺少案件编号"]; }
        else if (request.CaseNumber.Length > 100) { errors["caseNumber"] = ["案件编号不能超过 100 字"]; }
        if (string.IsNullOrWhiteSpace(request.Reason)) { errors["reason"] = ["缺少保全理由"]; }
        else if (request.Reason.Length > 1000) { errors["reason"] = ["保全理由不能超过 1000 字"]; }
        var ids = request.RecordIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0) { errors["recordIds"] = ["至少选择一条记录"]; }
        else if (ids.Count > 1000) { errors["recordIds"] = ["一次最多保全 1000 条记录"]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null)
        {
            return Registry.UnitsApi.OutsideScope("unitId", request.UnitId!.Value.ToString());
        }
        var found = await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Site!.UnitId == unit.Id && !r.Deleted).Select(r => r.Id).ToListAsync(ct);
        var missing = ids.Except(found).ToList();
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["recordIds"] = [$"以下记录不存在、已删除或不属于该单位：{string.Join("、", missing)}"],
            });
        }
        var now = time.GetUtcNow().UtcDateTime;
        var hold = new EvidenceHold
        {
            UnitId = unit.Id, CaseNumber = request.CaseNumber!.Trim(), Reason = request.Reason!.Trim(), State = HoldStates.Proposed,
            ProposedBy = Actor.Of(user), ProposedAt = now,
            Records = ids.Select(r => new EvidenceHoldRecord { RecordId = r }).ToList(),
        };
        HoldAuthority.Place(hold, user);
        db.Holds.Add(hold);
        audit.Add(new AuditEvent("hold.proposed", hold.ProposedBy, $"hold:{hold.Id}", unit.DivisionCode, unit.Id, null,
            $"案件 {hold.CaseNumber}；{ids.Count} 条记录；{hold.Reason}"));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        hold.Unit = unit;
        return TypedResults.Created($"/api/holds/{hold.Id}", ToDto(hold));
    }

    /// <summary>确认证据保全</summary>
    /// <remarks>由提出人以外的另一名授权人员确认，保全即生效；提出人自己确认、或保全不是待确认的，答复 409。记入审计日志（`hold.confirmed`）。</remarks>
    /// <param name="id">证据保全编号</param>
    internal static Task<Results<Ok<HoldDto>, NotFound, ProblemHttpResult>> Confirm(Guid id, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct) =>
        StepAsync(id, user, db, audit, time, HoldStates.Proposed, "hold.confirmed", h => h.ProposedBy, (h, who, now) =>
        {
            HoldAuthority.Place(h, user);
            h.State = HoldStates.Active;
            h.ConfirmedBy = who;
            h.ConfirmedAt = now;
        }, "该保全不在待确认状态", ct);

    /// <summary>提出解除证据保全</summary>
    /// <remarks>只有保全中的可以提出解除（否则 409）；公安机关设置的保全只能由公安机关解除（否则 403）。解除前记录仍受保全。记入审计日志（`hold.release-proposed`）。</remarks>
    /// <param name="id">证据保全编号</param>
    /// <param name="request">解除理由</param>
    internal static async Task<Results<Ok<HoldDto>, NotFound, ValidationProblem, ProblemHttpResult>> ProposeRelease(
        Guid id, HoldReleaseRequest request, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [string.IsNullOrWhiteSpace(request.Reason) ? "缺少解除理由" : "解除理由不能超过 1000 字"] });
        }
        var hold = await db.Holds.Include(h => h.Unit).Include(h => h.Records).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hold is null)
        {
            return TypedResults.NotFound();
        }
        if (hold.State != HoldStates.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无法提出解除", detail: "只有保全中的证据保全可以提出解除");
        }
        if (!HoldAuthority.MayRelease(hold, user))
        {
            return await HoldAuthority.RefuseAsync(hold, user, "hold.release-proposed", audit, ct);
        }
        hold.State = HoldStates.ReleaseProposed;
        hold.ReleaseProposedBy = Actor.Of(user);
        hold.ReleaseProposedAt = time.GetUtcNow().UtcDateTime;
        hold.ReleaseReason = request.Reason.Trim();
        audit.Add(new AuditEvent("hold.release-proposed", hold.ReleaseProposedBy, $"hold:{hold.Id}", hold.Unit!.DivisionCode, hold.UnitId, null,
            $"案件 {hold.CaseNumber}；{hold.ReleaseReason}"));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return TypedResults.Ok(ToDto(hold));
    }

    /// <summary>确认解除证据保全</summary>
    /// <remarks>由提出解除的人以外的另一名授权人员确认，保全即解除；本人确认、或不是待确认解除的，答复 409。记入审计日志（`hold.released`）。</remarks>
    /// <param name="id">证据保全编号</param>
    internal static Task<Results<Ok<HoldDto>, NotFound, ProblemHttpResult>> ConfirmRelease(
Guid id, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct) =>
        StepAsync(id, user, db, audit, time, HoldStates.ReleaseProposed, "hold.released", h => h.ReleaseProposedBy!, (h, who, now) =>
        {
            h.State = HoldStates.Released;
            h.ReleasedBy = who;
            h.ReleasedAt = now;
        }, "该保全没有待确认的解除", ct);

    private static async Task<Results<Ok<HoldDto>, NotFound, ProblemHttpResult>> StepAsync(
        Guid id, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, TimeProvider time, string from, string action,
        Func<EvidenceHold, string> proposer, Action<EvidenceHold, string, DateTime> apply, string wrongState, CancellationToken ct)
    {
        var hold = await db.Holds.Include(h => h.Unit).Include(h => h.Records).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hold is null)
        {
            return TypedResults.NotFound();
        }
        if (hold.State != from)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无法确认", detail: wrongState);
        }
        if (from == HoldStates.ReleaseProposed && !HoldAuthority.MayRelease(hold, user))
        {
            return await HoldAuthority.RefuseAsync(hold, user, action, audit, ct);
        }
        var who = Actor.Of(user);
        if (string.Equals(who, proposer(hold), StringComparison.Ordinal))
        {
            var refused = await audit.RecordAsync(new AuditEvent(action.Replace("hold.", "hold.refused-", StringComparison.Ordinal), who, $"hold:{hold.Id}",
                hold.Unit!.DivisionCode, hold.UnitId, null, "提出人不能自行确认"));
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "须由另一名人员确认",
                detail: $"{TwoPersonRule}；{who} 已提出，不能再确认",
                extensions: new Dictionary<string, object?> { ["rule"] = "two-person-hold", ["auditIndex"] = refused.Index });
        }
        apply(hold, who, time.GetUtcNow().UtcDateTime);
        audit.Add(new AuditEvent(action, who, $"hold:{hold.Id}", hold.Unit!.DivisionCode, hold.UnitId, null,
            $"案件 {hold.CaseNumber}；{hold.Records.Count} 条记录"));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return TypedResults.Ok(ToDto(hold));
    }
}
