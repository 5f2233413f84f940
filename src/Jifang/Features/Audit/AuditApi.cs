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

    internal static async Task<Results<Ok<AuditEntryDto>, NotFound>> Get(long index, JifangDbContext db, CancellationToken ct) =>
        await db.Audit.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, ct) is { } e ? TypedResults.Ok(ToDto(e)) : TypedResults.NotFound();

    /// <summary>The entry's inclusion proof: its canonical bytes and leaf hash, the audit path and the signed head (tree head or checkpoint) it leads to.</summary>
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

    internal static async Task<Ok<Page<SignedHeadDto>>> TreeHeads(JifangDbContext db, AuditSigner signer, int? page, int? pageSize, CancellationToken ct)
    {
        var keyId = signer.KeyId;
        return TypedResults.Ok(await db.Set<AuditTreeHead>().AsNoTracking().OrderByDescending(h => h.TreeSize)
            .ToPageAsync(page, pageSize, h => SignedHeadDto.Of(h, keyId), ct));
    }

    /// <summary>Every signed tree head with the public key, as a file to keep; <c>jifang audit verify --tree-heads FILE</c> checks a log against it.</summary>
    internal static async Task<FileContentHttpResult> Export(JifangDbContext db, AuditSigner signer, TimeProvider time, CancellationToken ct)
    {
        var heads = await db.Set<AuditTreeHead>().AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.SerializeToUtf8Bytes(TreeHeadsDocument.From(heads, signer.PublicKey, now), TreeHeadsDocument.Json);
        return TypedResults.File(json, "application/json", $"audit-tree-heads-{now:yyyyMMdd-HHmmss}.json");
    }

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

    internal static Ok<PublicKeyDto> PublicKey(AuditSigner signer)
    {
        var key = signer.PublicKey;
        var pem = File.Exists(signer.PublicKeyFile) ? File.ReadAllText(signer.PublicKeyFile) : "";
        return TypedResults.Ok(new PublicKeyDto("Ed25519", Convert.ToBase64String(key), AuditStatements.KeyIdOf(key), pem));
    }
}
