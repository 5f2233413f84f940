using System.Globalization;
using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Audit;

/// <summary>
/// 对审计日志树的签名声明：公布的树头，或成组提交的检查点（还写明它由多大的树增长而来）。签名覆盖的字节由 `Statement()`
/// 给出，以审计公钥核验。
/// </summary>
public sealed record SignedHeadDto(string Kind, long TreeSize, string RootHash, DateTime At, string Signature, string KeyId, long? PreviousSize = null)
{
    public byte[] Statement() => Kind == TreeHeadKind
        ? AuditStatements.TreeHead(TreeSize, Convert.FromHexString(RootHash), At)
        : AuditStatements.Checkpoint(PreviousSize ?? 0, TreeSize, Convert.FromHexString(RootHash), At);

    public const string TreeHeadKind = "tree-head";
    public const string CheckpointKind = "checkpoint";

    public static SignedHeadDto Of(AuditTreeHead h, string keyId)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(TreeHeadKind, h.TreeSize, Convert.ToHexStringLower(h.RootHash), DateTime.SpecifyKind(h.At, DateTimeKind.Utc), Convert.ToBase64String(h.Signature), h.KeyId.Length > 0 ? h.KeyId : keyId);
    }

    public static SignedHeadDto Of(AuditCheckpoint c, string keyId)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(CheckpointKind, c.TreeSize, Convert.ToHexStringLower(c.RootHash), DateTime.SpecifyKind(c.At, DateTimeKind.Utc), Convert.ToBase64String(c.Signature), keyId, c.PreviousSize);
    }
}

/// <summary>
/// 包含证明：审计记录（其规范 JSON 与叶哈希）、从叶到根的审计路径，以及路径所通向的根所在的签名树头。任何人都可按 RFC 6962
/// 以公钥核验，无需数据库。
/// </summary>

public sealed record AuditProof(
    long Index, string Canonical, string LeafHash, IReadOnlyList<string> AuditPath, SignedHeadDto Head)
{
    /// <summary>Whether the path leads from the leaf to the head's root (the signature is checked separately, with the public key).</summary>
    public bool PathHolds() =>
        Merkle.VerifyInclusion(Index, Head.TreeSize, Convert.FromHexString(LeafHash), AuditPath.Select(Convert.FromHexString).ToList(), Convert.FromHexString(Head.RootHash));

    /// <summary>One line for a printed registration slip: where the entry is in the log and which signed head proves it.</summary>
    public string SlipLine() => string.Create(CultureInfo.InvariantCulture,
        $"审计日志第 {Index} 条 · 叶哈希 {LeafHash[..16]} · 已收录于 {Head.At.ToLocalTime():yyyy-MM-dd HH:mm} 签名的{(Head.Kind == SignedHeadDto.TreeHeadKind ? "树头" : "检查点")}（{Head.TreeSize} 条，根 {Head.RootHash[..16]}，密钥 {Head.KeyId}）· 证明：/api/audit/entries/{Index}/proof");
}

public sealed record ConsistencyProofDto(SignedHeadDto? First, SignedHeadDto? Second, long FirstSize, long SecondSize, string FirstRoot, string SecondRoot, IReadOnlyList<string> Proof);

/// <summary>
/// Proofs over the log: inclusion of an entry (against the newest published tree head that covers it, else the
/// checkpoint of the entry's own batch, signed when it was committed) and consistency between two tree sizes.
/// Records and alarms print <see cref="AuditProof.SlipLine"/> on their slips.
/// </summary>
public sealed class AuditProofs(AuditLog log, IServiceScopeFactory scopes, AuditSigner signer)
{
    /// <summary>
    /// The proof of entry <paramref name="index"/>, as the caller's scope allows (null when the entry does not exist or is
    /// outside it), against the head of <paramref name="treeSize"/> when given (a stored tree head or checkpoint).
    /// </summary>
    public async Task<AuditProof?> ProveAsync(long index, Scope scope, long? treeSize = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = scope;
        var entry = await db.Audit.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, ct);
        if (entry is null)
        {
            return null;
        }
        var head = await HeadForAsync(db, index, treeSize, ct);
        if (head is null)
        {
            return null;
        }
        var tree = await log.TreeAsync(ct);
        var path = tree.InclusionProof(index, head.TreeSize);
        return new AuditProof(index, System.Text.Encoding.UTF8.GetString(entry.CanonicalBytes()), Convert.ToHexStringLower(entry.LeafHash),
            path.Select(Convert.ToHexStringLower).ToList(), head);
    }

    /// <summary>For the platform's own use (a slip right after an append): the proof whatever the caller's scope.</summary>
    public Task<AuditProof?> ProveAsync(long index, CancellationToken ct = default) => ProveAsync(index, Scope.All, null, ct);

    private async Task<SignedHeadDto?> HeadForAsync(JifangDbContext db, long index, long? treeSize, CancellationToken ct)
    {
        var keyId = signer.KeyId;
        if (treeSize is { } size)
        {
            if (size <= index)
            {
                return null;
            }
            if (await db.Set<AuditTreeHead>().AsNoTracking().FirstOrDefaultAsync(h => h.TreeSize == size, ct) is { } th)
            {
                return SignedHeadDto.Of(th, keyId);
            }
            return await db.Set<AuditCheckpoint>().AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == size, ct) is { } cp ? SignedHeadDto.Of(cp, keyId) : null;
        }
        var latest = await db.Set<AuditTreeHead>().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.TreeSize > index)
        {
            return SignedHeadDto.Of(latest, keyId);
        }
        var own = await db.Set<AuditCheckpoint>().AsNoTracking().Where(c => c.TreeSize > index).OrderBy(c => c.TreeSize).FirstOrDefaultAsync(ct);
        return own is null ? null : SignedHeadDto.Of(own, keyId);
    }

    /// <summary>The consistency proof from the tree of <paramref name="first"/> entries to that of <paramref name="second"/>, with the stored heads of those sizes if any.</summary>
    public async Task<ConsistencyProofDto> ConsistencyAsync(long first, long second, CancellationToken ct = default)
    {
        var tree = await log.TreeAsync(ct);
        if (first < 0 || first > second || second > tree.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(second), $"需要 0 ≤ first ≤ second ≤ {tree.Size}");
        }
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<JifangDbContext>();
        var keyId = signer.KeyId;
        async Task<SignedHeadDto?> Head(long size) =>
            await db.Set<AuditTreeHead>().AsNoTracking().FirstOrDefaultAsync(h => h.TreeSize == size, ct) is { } th ? SignedHeadDto.Of(th, keyId)
            : await db.Set<AuditCheckpoint>().AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == size, ct) is { } cp ? SignedHeadDto.Of(cp, keyId)
            : null;
        return new ConsistencyProofDto(await Head(first), await Head(second), first, second,
            Convert.ToHexStringLower(tree.Root(first)), Convert.ToHexStringLower(tree.Root(second)),
            tree.ConsistencyProof(first, second).Select(Convert.ToHexStringLower).ToList());
    }
}

/// <summary>Signs and stores a tree head when the log has grown since the last one (the hosted service calls it at each interval).</summary>
public sealed class AuditTreeHeads(AuditLog log, IServiceScopeFactory scopes, AuditSigner signer, TimeProvider time, ILogger<AuditTreeHeads> logger)
{
    /// <summary>One tick: the new signed head, or null when the log has not grown since the last head.</summary>
    public async Task<AuditTreeHead?> SignIfGrownAsync(CancellationToken ct = default)
    {
        var tree = await log.TreeAsync(ct);
        var (size, root) = tree.Head();
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<JifangDbContext>();
        var last = await db.Set<AuditTreeHead>().AsNoTracking().MaxAsync(h => (long?)h.TreeSize, ct) ?? 0;
        if (size <= last)
        {
            return null;
        }
        var head = new AuditTreeHead { TreeSize = size, RootHash = root, At = AuditStatements.Now(time), KeyId = signer.KeyId };
        head.Signature = signer.Sign(head.Statement());
        db.Add(head);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another signer (a second server on the same database) signed this size first: nothing to add.
            db.ChangeTracker.Clear();
            if (await db.Set<AuditTreeHead>().AsNoTracking().AnyAsync(h => h.TreeSize == size, ct))
            {
                return null;
            }
            throw;
        }
        var rootHex = Convert.ToHexStringLower(root);
        logger.TreeHeadSigned(size, rootHex);
        return head;
    }
}

/// <summary>Signs a tree head every <see cref="AuditOptions.TreeHeadInterval"/> when the log grew (on the injected clock).</summary>
public sealed class AuditTreeHeadService(AuditTreeHeads heads, AuditLog log, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditTreeHeadService> logger) : BackgroundService
{
    private TaskCompletionSource _ticked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next tick has finished (signed or not): what a test of the interval waits for instead of sleeping.</summary>
    public Task NextTickAsync() => Volatile.Read(ref _ticked).Task;

    private PeriodicTimer? _timer;

    /// <summary>The interval counts from the start (ExecuteAsync itself runs later, on a thread of its own).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.TreeHeadInterval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("not started");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // First the entries a stopped process left in the outbox, so that the head covers them.
                    await log.RecoverAsync(options.Value.OutboxGrace, stoppingToken);
                    await heads.SignIfGrownAsync(stoppingToken);
                }
#pragma warning disable CA1031 // a failed tick is logged; the next one tries again
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.TreeHeadFailed(ex);
                }
                Interlocked.Exchange(ref _ticked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
