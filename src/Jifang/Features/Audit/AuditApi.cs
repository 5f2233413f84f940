using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Audit;

public sealed record AuditEntryDto(
    long Index, DateTime At, string Action, string ActionLabel, string Actor, string? Subject, string? DivisionCode, Guid? UnitId,
    string? Citation, string? Detail, string LeafHash);

public sealed record PublicKeyDto(string Algorithm, string PublicKey, string KeyId, string Pem);

/// <summary>
/// The audit log's API: the entries (police see their jurisdiction's, administrators all), one entry with its inclusion
/// proof, the signed tree heads and their export, consistency proofs between two tree sizes, and the public key.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var audit = api.MapGroup("/audit").WithTags("审计日志");
        audit.MapGet("/entries", List).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/entries/{index:long}", Get).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/entries/{index:long}/proof", Proof).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/tree-heads", TreeHeads).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/tree-heads/export", Export).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/consistency", Consistency).RequireAuthorization(Policies.Supervise);
        audit.MapGet("/public-key", PublicKey).AllowAnonymous();
        return api;
    }

    public static AuditEntryDto ToDto(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Index, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Action, AuditActions.Label(e.Action), e.Actor, e.Subject, e.DivisionCode, e.UnitId,
            e.Citation, e.Detail, Convert.ToHexStringLower(e.LeafHash));
    }

    /// <summary>The filters of the list, shared with the page: action (a name, or a prefix ending in '.'), actor, subject, division prefix, time range.</summary>
    internal static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> q, string? action, string? actor, string? subject, string? division, DateTime? from, DateTime? to)
    {
        if (!string.IsNullOrWhiteSpace(action))
        {
            var a = action.Trim();
            q = a.EndsWith('.') ? q.Where(e => e.Action.StartsWith(a)) : q.Where(e => e.Action == a);
        }
        if (!string.IsNullOrWhiteSpace(actor))
        {
            var who = actor.Trim();
            q = q.Where(e => e.Actor == who);
        }
        if (!string.IsNullOrWhiteSpace(subject))
        {
            var s = subject.Trim();
            q = q.Where(e => e.Subject == s);
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = division.Trim();
            q = q.Where(e => e.DivisionCode != null && e.DivisionCode.StartsWith(d));
        }
        if (from is { } f)
        {
            var utc = f.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : f.ToUniversalTime();
            q = q.Where(e => e.At >= utc);
        }
        if (to is { } t)
        {
            var utc = t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();
            q = q.Where(e => e.At < utc);
        }
        return q;
    }

    /// <summary>审计日志</summary>
    /// <remarks>公安机关见其辖区的记录，平台管理员见全部；按序号从新到旧，分页。每条记录写明动作（代码与中文名称）、操作者、对象、行政区划、所依据的条款与叶哈希。行政区划不是 1 至 6 位数字的为 400 `division`，结束时间早于开始时间的为 400 `to`。</remarks>
    /// <param name="action">动作代码（如 `site.created`），或以 `.` 结尾的前缀（如 `alarm.`）</param>
    /// <param name="actor">操作者（如 `user:…`、`system:alarms`）</param>
    /// <param name="subject">对象（如 `site:…`、`record:…`）</param>
    /// <param name="division">行政区划代码前缀（1 至 6 位数字）</param>
    /// <param name="from">起始时间（含），不带时区的按 UTC</param>
    /// <param name="to">结束时间（不含），不带时区的按 UTC</param>
    internal static async Task<Results<Ok<Page<AuditEntryDto>>, ValidationProblem>> List(
        JifangDbContext db, string? action, string? actor, string? subject, string? division, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct)
    {
        if (division is { Length: > 0 } d && (d.Length > 6 || !d.All(char.IsAsciiDigit)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["division"] = ["行政区划代码（前缀）应为 1 至 6 位数字"] });
        }
        if (from is { } f && to is { } t && t < f)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["结束时间早于开始时间"] });
        }
        var q = Filter(db.Audit.AsNoTracking(), action, actor, subject, division, from, to);
        return TypedResults.Ok(await q.OrderByDescending(e => e.Index).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>一条审计记录</summary>
    /// <remarks>范围外或不存在的记录答复 404。</remarks>
    /// <param name="index">审计记录的序号</param>
    internal static async Task<Results<Ok<AuditEntryDto>, NotFound>> Get(long index, JifangDbContext db, CancellationToken ct) =>
        await db.Audit.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, ct) is { } e ? TypedResults.Ok(ToDto(e)) : TypedResults.NotFound();

    /// <summary>审计记录的包含证明</summary>
    /// <remarks>记录的规范字节与叶哈希、审计路径，以及路径所通向的签名树头（或检查点）：证明这条记录在日志中、此后未被改动。范围外或不存在的记录答复 404；没有该大小的签名树头为 400 `treeSize`。</remarks>
    /// <param name="index">审计记录的序号</param>
    /// <param name="treeSize">证明到哪个签名树头（或检查点）的大小，须大于序号；默认最新的</param>
    internal static async Task<Results<Ok<AuditProof>, NotFound, ValidationProblem>> Proof(long index, long? treeSize, JifangDbContext db, AuditProofs proofs, CancellationToken ct)
    {
        if (treeSize is { } size && size <= index)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["treeSize"] = [$"树头大小 {size} 不包含第 {index} 条（应大于 {index}）"] });
        }
        var proof = await proofs.ProveAsync(index, db.Scope, treeSize, ct);
        if (proof is null && treeSize is { } s && await db.Audit.AsNoTracking().AnyAsync(e => e.Index == index, ct))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["treeSize"] = [$"没有大小为 {s} 的签名树头或检查点"] });
        }
        return proof is null ? TypedResults.NotFound() : TypedResults.Ok(proof);
    }

    /// <summary>签名树头</summary>
    /// <remarks>平台定期公布、以审计私钥签名的树头（树的大小与根哈希），按大小从大到小，分页。</remarks>
    internal static async Task<Ok<Page<SignedHeadDto>>> TreeHeads(JifangDbContext db, AuditSigner signer, int? page, int? pageSize, CancellationToken ct)
    {
        var keyId = signer.KeyId;
        return TypedResults.Ok(await db.Set<AuditTreeHead>().AsNoTracking().OrderByDescending(h => h.TreeSize)
            .ToPageAsync(page, pageSize, h => SignedHeadDto.Of(h, keyId), ct));
    }

    /// <summary>导出全部签名树头</summary>
    /// <remarks>全部签名树头与公钥，作为一个 JSON 文件留存；此后可用 `jifang audit verify --tree-heads 文件` 核对日志未被改写。</remarks>
    internal static async Task<FileContentHttpResult> Export(JifangDbContext db, AuditSigner signer, TimeProvider time, CancellationToken ct)
    {
        var heads = await db.Set<AuditTreeHead>().AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.SerializeToUtf8Bytes(TreeHeadsDocument.From(heads, signer.PublicKey, now), TreeHeadsDocument.Json);
        return TypedResults.File(json, "application/json", $"audit-tree-heads-{now:yyyyMMdd-HHmmss}.json");
    }

    /// <summary>两个树大小之间的一致性证明</summary>
    /// <remarks>证明较晚的树只是在较早的树之后追加（RFC 6962），两者的根哈希与签名树头（若有）一并答复。大小须在 0 至日志现有条数之间，`second` 不小于 `first`，否则 400 指明字段。</remarks>
    /// <param name="first">较早的树大小</param>
    /// <param name="second">较晚的树大小</param>
    internal static async Task<Results<Ok<ConsistencyProofDto>, ValidationProblem>> Consistency(long? first, long? second, AuditLog log, AuditProofs proofs, CancellationToken ct)
    {
        var size = (await log.TreeAsync(ct)).Size;
        var errors = new Dictionary<string, string[]>();
        if (first is null)
        {
            errors["first"] = ["缺少较早的树大小 first"];
        }
        else if (first < 0 || first > size)
        {
            errors["first"] = [$"first 应在 0 至 {size} 之间"];
        }
        if (second is null)
        {
            errors["second"] = ["缺少较晚的树大小 second"];
        }
        else if (second < 0 || second > size)
        {
            errors["second"] = [$"second 应在 0 至 {size} 之间（日志现有 {size} 条）"];
        }
        else if (first is { } f && second < f)
        {
            errors["second"] = ["second 不能小于 first"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await proofs.ConsistencyAsync(first!.Value, second!.Value, ct));
    }

    /// <summary>审计公钥</summary>
    /// <remarks>签名树头与检查点所用的 Ed25519 公钥（Base64 与 PEM）及其密钥编号；不需要登录，任何人都可据此核验证明。</remarks>
    internal static Ok<PublicKeyDto> PublicKey(
AuditSigner signer)
    {
        var key = signer.PublicKey;
        var pem = File.Exists(signer.PublicKeyFile) ? File.ReadAllText(signer.PublicKeyFile) : "";
        return TypedResults.Ok(new PublicKeyDto("Ed25519", Convert.ToBase64String(key), AuditStatements.KeyIdOf(key), pem));
    }
}
