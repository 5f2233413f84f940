using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Records;

#pragma warning disable CA1002 // request records bind JSON arrays

/// <summary>一条信息资料（录像、音频、图像、报警或出入口记录）的登记</summary>
/// <param name="DeviceId">产生它的设备编号（须是该系统所在场所、属于该系统的设备），可空</param>
/// <param name="Kind">记录类型，必填：`video` 视频录像、`audio` 音频、`image` 图像抓拍、`alarm-log` 报警记录、`access-log` 出入口记录</param>
/// <param name="StartsAt">开始时间（带时区），必填；不早于系统的投入使用日期</param>
/// <param name="EndsAt">结束时间（带时区），必填；晚于开始时间，一条至多 24 小时</param>
/// <param name="StorageLocation">存储位置（如存储设备与路径），必填，至多 500 字</param>
/// <param name="SizeBytes">文件大小（字节），必填，不为负</param>
/// <param name="Sha256">文件的 SHA-256（64 位十六进制），必填：此后据以核对记录未被改动</param>
public sealed record RecordInput(
    Guid? DeviceId, [property: Text(20)] string? Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, [property: Text(500)] string? StorageLocation, long? SizeBytes, [property: Text(64)] string? Sha256);

/// <summary>一个技防系统的一批记录（一次至多 500 条）</summary>
/// <param name="Records">要登记的记录，至少一条</param>
public sealed record RecordBatchRequest(List<RecordInput>? Records);

public sealed record RecordDto(
    Guid Id, Guid SiteId, string? SiteName, Guid? UnitId, Guid SystemId, string? SystemName, Guid? DeviceId, string? DeviceName,
    string Kind, string KindLabel, DateTime StartsAt, DateTime EndsAt, string StorageLocation, long SizeBytes, string Sha256,
    DateTime RegisteredAt, string RegisteredBy, bool Deleted, DateTime? DeletedAt, string? DeletedBy, string? DeletionReason);

public sealed record RetentionDto(string? PackId, int? MinDays, string? Basis, IReadOnlyList<CitedProvision> Citations, DateTime? KeepUntil, bool OnHold, bool Deletable);

public sealed record HoldRefDto(Guid Id, string CaseNumber, string State, string StateLabel);

public sealed record DeletionAttemptDto(Guid Id, Guid RecordId, DateTime At, string Actor, string? Reason, string Cause, string Message, IReadOnlyList<CitedProvision> Citations, long? AuditIndex);

public sealed record RecordDetailDto(RecordDto Record, RetentionDto Retention, IReadOnlyList<HoldRefDto> Holds, IReadOnlyList<DeletionAttemptDto> DeletionAttempts);

public sealed record RegisteredBatchDto(IReadOnlyList<RecordDto> Records, long AuditIndex, string AuditLeafHash);

/// <summary>删除记录的请求</summary>
/// <param name="Reason">删除理由，必填，至多 500 字，可换行</param>
public sealed record DeleteRecordRequest([property: Text(500, MultiLine = true)] string? Reason);

/// <summary>
/// The records registry: systems register what they captured (through a unit user's bearer token for now; a system's own
/// credential is a second authentication scheme the policy admits later), people list and search it, deletion is refused
/// while the minimum retention or an evidence hold lasts, and a lawful deletion only marks the record deleted.
/// </summary>
public static class RecordsApi
{
    public const int MaxBatch = 500;

    public static RouteGroupBuilder MapRecords(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var records = api.MapGroup("/records").WithTags("信息资料");
        records.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        records.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        records.MapPost("/{id:guid}/delete", Delete).RequireAuthorization(Policies.RecordsDelete);
        api.MapPost("/systems/{systemId:guid}/records", Register).WithTags("信息资料").RequireAuthorization(Policies.RecordsRegister);
        return api;
    }

    public static RecordDto ToDto(MediaRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.SiteId, r.Site?.Name, r.Site?.UnitId, r.SystemId, r.System?.Name, r.DeviceId, r.Device?.Name,
            r.Kind, RecordKinds.Label(r.Kind), r.StartsAt, r.EndsAt, r.StorageLocation, r.SizeBytes, r.Sha256,
            r.RegisteredAt, r.RegisteredBy, r.Deleted, r.DeletedAt, r.DeletedBy, r.DeletionReason);
    }

    private static IQueryable<MediaRecord> WithNames(this IQueryable<MediaRecord> q) =>
        q.Include(r => r.Site).Include(r => r.System).Include(r => r.Device);

    /// <summary>信息资料登记</summary>
    /// <remarks>调用者范围内登记的记录（含已删除的，登记中保留），按开始时间从近到远，分页。`from`、`to` 选出与该时段重叠的记录；未知的记录类型为 400 `kind`，`to` 不晚于 `from` 为 400 `to`。</remarks>
    /// <param name="site">场所编号：只列该场所的记录</param>
    /// <param name="system">技防系统编号：只列该系统的记录</param>
    /// <param name="device">设备编号：只列该设备的记录</param>
    /// <param name="unit">使用单位编号：只列该单位各场所的记录</param>
    /// <param name="kind">记录类型：`video`、`audio`、`image`、`alarm-log` 或 `access-log`</param>
    /// <param name="from">时段起点（带时区）：只列在此之后结束的记录</param>
    /// <param name="to">时段终点（带时区）：只列在此之前开始的记录</param>
    /// <param name="deleted">`true` 只列已删除的，`false` 只列未删除的</param>
    /// <param name="sha256">文件的 SHA-256（64 位十六进制）：查找登记了这个摘要的记录</param>
    internal static async Task<Results<Ok<Page<RecordDto>>, ValidationProblem>> List(
        JifangDbContext db, Guid? site, Guid? system, Guid? device, Guid? unit, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        bool? deleted, string? sha256, int? page, int? pageSize, CancellationToken ct)
    {
        if (kind is { Length: > 0 } && !RecordKinds.All.ContainsKey(kind))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"未知的记录类型 \"{kind}\""] });
        }
        if (from is { } f0 && to is { } t0 && t0 <= f0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["结束时间应晚于开始时间"] });
        }
        var q = db.Records.AsNoTracking();
        if (site is { } s) { q = q.Where(r => r.SiteId == s); }
        if (system is { } sy) { q = q.Where(r => r.SystemId == sy); }
        if (device is { } d) { q = q.Where(r => r.DeviceId == d); }
        if (unit is { } u) { q = q.Where(r => r.Site!.UnitId == u); }
        if (kind is { Length: > 0 }) { q = q.Where(r => r.Kind == kind); }
        if (from is { } f) { var fu = f.UtcDateTime; q = q.Where(r => r.EndsAt > fu); }
        if (to is { } t) { var tu = t.UtcDateTime; q = q.Where(r => r.StartsAt < tu); }
        if (deleted is { } del) { q = q.Where(r => r.Deleted == del); }
        if (sha256 is { Length: > 0 }) { var h = sha256.Trim().ToLowerInvariant(); q = q.Where(r => r.Sha256 == h); }
        return TypedResults.Ok(await q.WithNames().OrderByDescending(r => r.StartsAt).ThenBy(r => r.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>记录详情：保存期限、证据保全与删除企图</summary>
    /// <remarks>记录本身；适用的最低保存期限及其依据（写明条款）、保存至何时、是否处于证据保全中、现在能否删除；涉及它的保全；每次被拒绝的删除企图。范围外或不存在的记录答复 404。</remarks>
    /// <param name="id">记录编号</param>
    internal static async Task<Results<Ok<RecordDetailDto>, NotFound>> Get(Guid id, JifangDbContext db, RetentionPolicy retention, Rules.Packs.PackSet packs, TimeProvider time, CancellationToken ct)
    {
        var record = await db.Records.AsNoTracking().WithNames().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return TypedResults.NotFound();
        }
        var holds = await HoldsOf(db, id, ct);
        var attempts = await db.DeletionAttempts.AsNoTracking().Where(a => a.RecordId == id).OrderBy(a => a.At).ToListAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var rule = retention.For(record.Site!.DivisionCode, today, record.Site);
        var keepUntil = RetentionPolicy.KeepUntil(record, rule);
        var onHold = holds.Any(h => HoldStates.Protecting.Contains(h.State));
        var now = time.GetUtcNow().UtcDateTime;
        var dto = new RecordDetailDto(
            ToDto(record),
            new RetentionDto(rule?.PackId, rule?.MinDays, rule?.Basis, rule?.Citations.Select(c => Refusal.Provision(rule.PackId, c)).ToList() ?? [], keepUntil,
                onHold, !record.Deleted && !onHold && (keepUntil is null || now >= keepUntil)),
            holds.Select(h => new HoldRefDto(h.Id, h.CaseNumber, h.State, HoldStates.Label(h.State))).ToList(),
            attempts.Select(a => AttemptDto(a, packs)).ToList());
        return TypedResults.Ok(dto);
    }

    public static DeletionAttemptDto AttemptDto(DeletionAttempt a, Rules.Packs.PackSet packs)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(packs);
        var pack = packs.TryGet(a.PackId, out var p) ? p.Pack : null;
        return new(a.Id, a.RecordId, a.At, a.Actor, a.Reason, a.Cause, a.Message,
            a.Citations.Select(c => Refusal.Provision(a.PackId, Compliance.FindingPresenter.Cite(pack, c))).ToList(), a.AuditIndex);
    }

    private static async Task<List<EvidenceHold>> HoldsOf(JifangDbContext db, Guid recordId, CancellationToken ct) =>
        await db.Holds.IgnoreQueryFilters().AsNoTracking().Where(h => h.Records.Any(x => x.RecordId == recordId)).OrderBy(h => h.ProposedAt).ToListAsync(ct);

    /// <summary>登记一批记录</summary>
    /// <remarks>技防系统（或代其登记的单位用户）登记产生的记录。整批校验，有一处错误即整体拒绝（400 以 `records[i].字段` 指明）。审计日志以一条 `record.registered` 锚定整批：其中的清单摘要覆盖每条记录的编号、SHA-256、大小与起止时间；答复带这条审计记录的序号与叶哈希，作为登记的回执。不存在、已归档或范围外的系统答复 404。</remarks>
    /// <param name="systemId">技防系统编号</param>
    /// <param name="request">要登记的记录</param>
    internal static async Task<Results<Created<RegisteredBatchDto>, NotFound, ValidationProblem>> Register(
        Guid systemId, RecordBatchRequest request, ClaimsPrincipal user, JifangDbContext db, IValidator<RecordBatchRequest> validator,
        AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var system = await db.Systems.AsNoTracking().Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == systemId && !s.Archived, ct);
        if (system is null)
        {
            return TypedResults.NotFound();
        }
        var errors = (await validator.ValidateAsync(request, ct)).ToErrors();
        var inputs = request.Records ?? [];
        var deviceIds = inputs.Where(i => i?.DeviceId is not null).Select(i => i!.DeviceId!.Value).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id) && d.SiteId == system.SiteId && !d.Archived).ToDictionaryAsync(d => d.Id, ct);
        // Not before the system was in service (its in-service date, on the platform's local calendar), when the registry knows it.
        var since = system.InServiceSince is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), time.LocalTimeZone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))) : (DateTimeOffset?)null;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i]?.DeviceId is { } did && (!devices.TryGetValue(did, out var device) || (device.SystemId is { } ds && ds != systemId)))
            {
                errors[$"records[{i}].deviceId"] = ["该系统没有这个设备"];
            }
            if (since is { } from && inputs[i]?.StartsAt is { } start && start < from)
            {
                errors[$"records[{i}].startsAt"] = [$"开始时间早于该系统的投入使用日期 {system.InServiceSince:yyyy-MM-dd}：系统投入使用之前不会产生记录，请核对系统时钟或登记的投入使用日期"];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var actor = Actor.Of(user);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = inputs.Select(i => new MediaRecord
        {
            SiteId = system.SiteId, SystemId = systemId, DeviceId = i!.DeviceId, Kind = i.Kind!, StartsAt = i.StartsAt!.Value.UtcDateTime,
            EndsAt = i.EndsAt!.Value.UtcDateTime, StorageLocation = i.StorageLocation!.Trim(), SizeBytes = i.SizeBytes!.Value,
            Sha256 = i.Sha256!.ToLowerInvariant(), RegisteredAt = now, RegisteredBy = actor,
        }).ToList();
        db.Records.AddRange(rows);
        // The log anchors the batch: a digest over "id sha256 size start end" of every record, so that a record's hash
        // in the registry can be shown to have been registered at this entry.
        audit.Add(new AuditEvent(
            "record.registered", actor, $"system:{systemId}", system.Site!.DivisionCode, system.Site.UnitId, null,
            $"{rows.Count} 条记录；清单摘要 sha256:{BatchDigest(rows)}"));
        await db.SaveChangesAsync(ct);
        var receipt = (await audit.FlushAsync())[^1];
        // The rows are answered with their names; detach them first so that the context never tracks a second copy of the site.
        db.ChangeTracker.Clear();
        foreach (var r in rows)
        {
            r.Site = system.Site;
            r.System = system;
            r.Device = r.DeviceId is { } d ? devices[d] : null;
        }
        return TypedResults.Created($"/api/records?system={systemId}", new RegisteredBatchDto(rows.Select(ToDto).ToList(), receipt.Index, receipt.LeafHash));
    }

    /// <summary>SHA-256 over one line per record, "id sha256 size startTicks endTicks", in the batch's order.</summary>
    public static string BatchDigest(IEnumerable<MediaRecord> records)
    {
        var text = new StringBuilder();
        foreach (var r in records)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Id:D} {r.Sha256} {r.SizeBytes} {r.StartsAt.Ticks} {r.EndsAt.Ticks}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>删除记录</summary>
    /// <remarks>未满最低保存期限或处于证据保全中的记录不得删除：答复 409 的问题详情，写明原因与所依据的条款，这次企图作为删除企图登记并记入审计日志（`record.delete-refused`）。可以删除时只标记为已删除，登记中保留（`record.deleted`）。已删除的记录也答复 409。</remarks>
    /// <param name="id">记录编号</param>
    /// <param name="request">删除理由</param>
    internal static async Task<Results<Ok<RecordDto>, NotFound, ValidationProblem, ProblemHttpResult>> Delete(

        Guid id, DeleteRecordRequest request, ClaimsPrincipal user, JifangDbContext db, RetentionPolicy retention, Compliance.ComplianceService compliance,
        AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [string.IsNullOrWhiteSpace(request.Reason) ? "缺少删除理由" : "删除理由不能超过 500 字"],
            });
        }
        var record = await db.Records.Include(r => r.Site).Include(r => r.System).Include(r => r.Device).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return TypedResults.NotFound();
        }
        var actor = Actor.Of(user);
        var site = record.Site!;
        var pack = compliance.PackFor(site.DivisionCode)?.Pack;
        if (record.Deleted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "记录已删除",
                detail: $"该记录已于 {record.DeletedAt:yyyy-MM-dd HH:mm} 由 {record.DeletedBy} 删除（登记中保留）");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var holds = (await HoldsOf(db, id, ct)).Where(h => HoldStates.Protecting.Contains(h.State)).ToList();
        var rule = retention.For(site.DivisionCode, today, site);
        var keepUntil = RetentionPolicy.KeepUntil(record, rule);
        var prohibitions = retention.DeletionProhibitions(site.DivisionCode, today);
        var packId = pack?.Id ?? rule?.PackId ?? "";
        var reasons = new List<RefusalReason>();
        string? cause = null;
        if (holds.Count > 0)
        {
            cause = "hold";
            reasons.Add(new RefusalReason(null,
                $"该记录处于证据保全中（案件编号 {string.Join("、", holds.Select(h => h.CaseNumber))}），保全解除前不得删除",
                prohibitions.Select(c => Refusal.Provision(packId, c)).ToList()));
        }
        if (keepUntil is { } until && now < until)
        {
            cause ??= "retention";
            // Counted from the later of the record's end and its registration: the end is the client's word.
            var age = now - RetentionPolicy.KeptSince(record);
            reasons.Add(new RefusalReason("retention",
                string.Create(CultureInfo.InvariantCulture,
                    $"该记录结束于 {Local(record.EndsAt, time):yyyy-MM-dd HH:mm}，平台于 {Local(record.RegisteredAt, time):yyyy-MM-dd HH:mm} 登记，保存期限自二者中较晚者起算，至今 {Math.Max(0, (int)age.TotalDays)} 日，未满最低保存期限 {rule!.MinDays} 日（{Local(until, time):yyyy-MM-dd HH:mm} 前不得删除）；依据：{rule.Basis}"),
                rule.Citations.Concat(prohibitions).DistinctBy(c => c.Cite).Select(c => Refusal.Provision(packId, c)).ToList()));
        }
        if (cause is not null)
        {
            var citations = reasons.SelectMany(r => r.Citations).Select(c => c.Cite).Distinct().ToList();
            var message = string.Join("；", reasons.Select(r => r.Message));
            // An attempted prohibited act (删除技防系统的记录): logged before the refusal is answered.
            var attempt = new DeletionAttempt
            {
                RecordId = id, At = now, Actor = actor, Reason = request.Reason.Trim(), Cause = cause, PackId = packId,
                Citations = citations, Message = Truncate(message, 1000),
            };
            db.DeletionAttempts.Add(attempt);
            audit.Add(new AuditEvent(
                "record.delete-refused", actor, $"record:{id}", site.DivisionCode, site.UnitId,
                citations.Count > 0 ? $"{packId} " + string.Join(",", citations) : null,
                Truncate($"企图删除未满保存期限或处于保全中的记录（records-deleted 未遂）；理由：{request.Reason.Trim()}；{message}", 3900)), attempt);
            await db.SaveChangesAsync(ct);
            var receipt = (await audit.FlushAsync())[^1];
            var title = cause == "hold" ? "不得删除：记录处于证据保全中" : "不得删除：未满最低保存期限";
            return new Refusal(title, packId, pack?.Title ?? packId, reasons, receipt.Index, receipt.LeafHash).ToProblem();
        }
        record.Deleted = true;
        record.DeletedAt = now;
        record.DeletedBy = actor;
        record.DeletionReason = request.Reason.Trim();
        audit.Add(new AuditEvent("record.deleted", actor, $"record:{id}", site.DivisionCode, site.UnitId,
            rule is null ? null : $"{packId} " + string.Join(",", rule.Citations.Select(c => c.Cite)),
            Truncate($"已满保存期限，标记删除（登记保留）；sha256 {record.Sha256}；理由：{record.DeletionReason}", 3900)));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return TypedResults.Ok(ToDto(record));
    }

    public static DateTime Local(DateTime utc, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), time.LocalTimeZone);
    }

    internal static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
