using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Audit;

/// <summary>
/// The log's writer, with group commit: callers queue entries; one writer loop takes whatever is queued (up to
/// <see cref="AuditOptions.MaxBatch"/>), gives the entries consecutive indexes, extends the Merkle tree, signs a checkpoint
/// of the new root and writes entries and checkpoint in one transaction; only after the commit does each caller's task
/// complete. While one batch commits the next gathers, so many concurrent appends cost one commit (one fsync).
/// Another process appending to the same database (the command line beside the server) makes the insert fail on the
/// index: the writer then reads the entries it missed, extends its tree and tries again.
/// </summary>
public sealed partial class AuditLog(
    IServiceScopeFactory scopes, TimeProvider time, AuditSigner signer, IOptions<AuditOptions> options, ILogger<AuditLog> logger)
    : IAuditLog, IAsyncDisposable
{
    private const int MaxAttempts = 8;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _treeGate = new(1, 1);
    private readonly Lock _start = new();
    private MerkleTree? _tree;
    private Task? _writer;

    /// <summary>An entry waiting for the writer; <paramref name="Saved"/> when it was saved in the outbox with its change.</summary>
    private sealed record Pending(AuditEntry Row, AuditOutboxEntry? Saved, TaskCompletionSource<AuditReceipt> Done)
    {
        public Pending(AuditEntry row, AuditOutboxEntry? saved = null)
            : this(row, saved, new TaskCompletionSource<AuditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously))
        {
        }

        public Guid? OutboxId => Saved?.Id;
    }

    public async Task<AuditReceipt> AppendAsync(AuditEvent entry, CancellationToken ct = default)
    {
        var pending = Enqueue(entry);
        EnsureWriter();
        return await pending.Done.Task.WaitAsync(ct);
    }

    public Task<IReadOnlyList<AuditReceipt>> AppendManyAsync(IReadOnlyList<AuditEvent> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return EnqueueAllAsync(entries.Select(e => new Pending(Normalize(e))).ToList(), ct);
    }

    public Task<IReadOnlyList<AuditReceipt>> AppendSavedAsync(IReadOnlyList<AuditOutboxEntry> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return EnqueueAllAsync(rows.Select(r => new Pending(r.ToEntry(), r)).ToList(), ct);
    }

    private async Task<IReadOnlyList<AuditReceipt>> EnqueueAllAsync(List<Pending> pending, CancellationToken ct)
    {
        // Queued back to back, so the writer takes them in this order (usually into one batch).
        lock (_queue)
        {
            foreach (var p in pending)
            {
                if (!_queue.Writer.TryWrite(p))
                {
                    throw new ObjectDisposedException(nameof(AuditLog), "审计日志已关闭");
                }
            }
        }
        EnsureWriter();
        return await Task.WhenAll(pending.Select(p => p.Done.Task)).WaitAsync(ct);
    }

    private Pending Enqueue(AuditEvent entry)
    {
        var pending = new Pending(Normalize(entry));
        lock (_queue)
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                throw new ObjectDisposedException(nameof(AuditLog), "审计日志已关闭");
            }
        }
        return pending;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+\\z")]
    private static partial Regex ActionPattern();

    /// <summary>
    /// Checks what would break the batch for everyone (an action name or division code of the wrong shape) and cuts
    /// free text to the columns' lengths, replacing what PostgreSQL or the canonical JSON cannot hold (NUL, lone surrogates).
    /// </summary>
    internal static AuditEntry Normalize(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Action is not { Length: <= 64 } || !ActionPattern().IsMatch(e.Action))
        {
            throw new ArgumentException($"审计动作名应为小写点分形式（如 site.updated），不超过 64 个字符：\"{e.Action}\"", nameof(e));
        }
        if (e.DivisionCode is { } d && (d.Length is < 2 or > 6 || !d.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"行政区划代码应为 2 至 6 位数字：\"{d}\"", nameof(e));
        }
        return new AuditEntry
        {
            Action = e.Action,
            Actor = Clean(e.Actor, 256) is { Length: > 0 } actor ? actor : throw new ArgumentException("审计条目缺少操作者", nameof(e)),
            Subject = Clean(e.Subject, 128),
            DivisionCode = e.DivisionCode,
            UnitId = e.UnitId,
            Citation = Clean(e.Citation, 128),
            Detail = Clean(e.Detail, 4000),
        };
    }

    internal static string? Clean(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length <= max && text.AsSpan().IndexOfAnyInRange('\0', '\0') < 0 && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }
        var b = new StringBuilder(Math.Min(text.Length, max));
        for (var i = 0; i < text.Length && b.Length < max; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (b.Length + 2 > max)
                {
                    break;
                }
                b.Append(c).Append(text[++i]);
            }
            else
            {
                b.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.ToString();
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }
        lock (_start)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var max = Math.Max(1, options.Value.MaxBatch);
        var batch = new List<Pending>(max);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < max && _queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
            }
            try
            {
                await CommitAsync(batch);
            }
#pragma warning disable CA1031 // the callers get the failure; the loop goes on for the next batch
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.BatchFailed(ex, batch.Count);
                foreach (var p in batch)
                {
                    p.Done.TrySetException(ex);
                }
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// Writes one batch: takes the batch's saved entries out of the outbox, gives the entries indexes and leaf hashes, writes
    /// them with the checkpoint of the new root, one transaction; then extends the tree in memory and answers each caller.
    /// An entry whose outbox row is gone (its change rolled back, or another process appended it) is left out and its
    /// caller told so.
    /// </summary>
    private async Task CommitAsync(List<Pending> batch)
    {
        await _treeGate.WaitAsync();
        try
        {
            var tree = await LoadTreeUnlockedAsync(CancellationToken.None);
            List<Pending> written;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    written = await InsertAsync(tree, batch);
                    break;
                }
                catch (Exception ex) when (attempt < MaxAttempts && ex is DbException or DbUpdateException or InvalidOperationException)
                {
                    // Another process appended meanwhile: read what it wrote and try again behind it.
                    if (await CatchUpUnlockedAsync(tree, CancellationToken.None) == 0)
                    {
                        throw;
                    }
                    logger.CaughtUp(attempt);
                }
            }
            foreach (var p in written)
            {
                tree.Append(p.Row.LeafHash);
                p.Done.TrySetResult(new AuditReceipt(p.Row.Index, Convert.ToHexStringLower(p.Row.LeafHash), p.Row.At));
            }
            foreach (var p in batch.Except(written))
            {
                p.Done.TrySetException(new AuditUnavailableException(
                    $"审计条目（{p.Row.Action}）已不在待写队列中：其变更未提交，或已由另一进程写入审计日志。"));
            }
        }
        finally
        {
            _treeGate.Release();
        }
    }

    /// <summary>One attempt at a batch, in one transaction; returns the entries written (in order), not yet in the tree.</summary>
    private async Task<List<Pending>> InsertAsync(MerkleTree tree, List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var sqlite = db.Database.IsSqlite();
            if (sqlite)
            {
                // A larger page cache for the writer's connection: the log's indexes outgrow SQLite's default 2 MB. And checkpoints
                // every 10,000 WAL pages (~40 MB) instead of 1,000: each checkpoint writes the index pages that changed since
                // the last one into the database file, and fewer, larger checkpoints write each hot page once instead of many
                // times (a million appends: 18,500 -> 22,100-23,000 entries/s). Commits are fsynced to the WAL as before.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000");
            }
            await using var tx = await db.Database.BeginTransactionAsync();
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            var saved = batch.Where(p => p.OutboxId is not null).Select(p => p.OutboxId!.Value).ToList();
            var taken = saved.Count == 0 ? [] : await AuditOutboxStore.TakeAsync(db, connection, transaction, saved);
            // Each row taken once: the same row queued twice (two recoveries at once) is appended once.
            var written = batch.Where(p => p.OutboxId is not { } id || taken.Remove(id)).ToList();
            if (written.Count == 0)
            {
                await tx.CommitAsync();
                return written;
            }
            var frontier = tree.Frontier();
            var start = frontier.Size;
            var now = AuditStatements.Now(time);
            var rows = new List<AuditEntry>(written.Count);
            foreach (var p in written)
            {
                p.Row.Index = start + rows.Count;
                p.Row.At = now;
                p.Row.LeafHash = p.Row.ComputeLeafHash();
                frontier.Append(p.Row.LeafHash);
                rows.Add(p.Row);
            }
            var checkpoint = new AuditCheckpoint { PreviousSize = start, TreeSize = frontier.Size, RootHash = frontier.Root(), At = now };
            checkpoint.Signature = signer.Sign(checkpoint.Statement());
            // SQLite: one prepared single-row INSERT, executed per row (cheapest there); PostgreSQL: multi-row INSERTs (fewest round trips).
            var perStatement = sqlite ? 1 : 500;
            using (var entries = RowWriter.For<AuditEntry>(db, connection, transaction, perStatement))
            {
                await entries.InsertAsync(rows);
            }
            using (var checkpoints = RowWriter.For<AuditCheckpoint>(db, connection, transaction, 1))
            {
                await checkpoints.InsertAsync([checkpoint]);
            }
            await AuditOutboxStore.WriteReceiptsAsync(db, connection, transaction, written
                .Where(p => p.Saved is { ReceiptType: not null, ReceiptId: not null })
                .Select(p => (p.Saved!.ReceiptType!, p.Saved.ReceiptId!.Value, p.Row)));
            await tx.CommitAsync();
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Appends the outbox rows that were saved at least <paramref name="olderThan"/> ago (by the platform's clock) and are
    /// still there: the entries of changes whose process died between the commit and the append. Run at start and by the
    /// tree-head service; returns how many it appended.
    /// </summary>
    public async Task<int> RecoverAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            List<AuditOutboxEntry> orphans;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
                var before = time.GetUtcNow().UtcDateTime - olderThan;
                orphans = await db.Set<AuditOutboxEntry>().AsNoTracking().Where(o => o.CreatedAt <= before)
                    .OrderBy(o => o.CreatedAt).ThenBy(o => o.Position).ThenBy(o => o.Id).Take(Math.Max(1, options.Value.MaxBatch)).ToListAsync(ct);
            }
            if (orphans.Count == 0)
            {
                return total;
            }
            var pending = orphans.Select(r => new Pending(r.ToEntry(), r)).ToList();
            try
            {
                await EnqueueAllAsync(pending, ct);
            }
            catch (AuditUnavailableException)
            {
                // Taken by another process meanwhile: it appended them.
            }
            var appended = pending.Count(p => p.Done.Task.IsCompletedSuccessfully);
            if (appended > 0)
            {
                logger.Recovered(appended);
            }
            total += appended;
            if (appended == 0)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// The tree of the stored entries, read once (32 bytes of memory per entry) and then kept current by the writer.
    /// Proofs and tree heads use it; it catches up with entries another process appended when asked.
    /// </summary>
    public async Task<MerkleTree> TreeAsync(CancellationToken ct = default)
    {
        await _treeGate.WaitAsync(ct);
        try
        {
            var tree = await LoadTreeUnlockedAsync(ct);
            await CatchUpUnlockedAsync(tree, ct);
            return tree;
        }
        finally
        {
            _treeGate.Release();
        }
    }

    private async Task<MerkleTree> LoadTreeUnlockedAsync(CancellationToken ct)
    {
        if (_tree is not null)
        {
            return _tree;
        }
        var tree = new MerkleTree();
        await CatchUpUnlockedAsync(tree, ct);
        await CheckLastCheckpointAsync(tree, ct);
        return _tree = tree;
    }

    /// <summary>Reads the entries after the tree's end in index order and appends their stored leaf hashes; returns how many.</summary>
    private async Task<long> CatchUpUnlockedAsync(MerkleTree tree, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var from = tree.Size;
        var rows = db.Audit.IgnoreQueryFilters().AsNoTracking().Where(e => e.Index >= from).OrderBy(e => e.Index)
            .Select(e => new { e.Index, e.LeafHash }).AsAsyncEnumerable();
        long read = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (row.Index != tree.Size || row.LeafHash is not { Length: Merkle.HashSize })
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"审计日志不连续或已损坏：应为第 {tree.Size} 条，读到第 {row.Index} 条。请运行 jifang audit verify 检查。"));
            }
            tree.Append(row.LeafHash);
            read++;
        }
        return read;
    }

    /// <summary>At load: the stored entries should end where the last signed checkpoint ends and hash to its root. If not, the log was edited while the platform was down.</summary>
    private async Task CheckLastCheckpointAsync(MerkleTree tree, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        var last = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            if (tree.Size > 0)
            {
                logger.NoCheckpoint(tree.Size);
            }
            return;
        }
        if (last.TreeSize != tree.Size || !tree.Root(last.TreeSize).AsSpan().SequenceEqual(last.RootHash))
        {
            logger.CheckpointMismatch(last.TreeSize, tree.Size);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_queue)
        {
            _queue.Writer.TryComplete();
        }
        if (_writer is { } writer)
        {
            await writer;
        }
        _treeGate.Dispose();
    }
}
