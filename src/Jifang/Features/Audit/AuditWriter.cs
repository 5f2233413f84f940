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

    private sealed record Pending(AuditEntry Row, TaskCompletionSource<AuditReceipt> Done);

    public async Task<AuditReceipt> AppendAsync(AuditEvent entry, CancellationToken ct = default)
    {
        var pending = Enqueue(entry);
        EnsureWriter();
        return await pending.Done.Task.WaitAsync(ct);
    }

    public async Task<IReadOnlyList<AuditReceipt>> AppendManyAsync(IReadOnlyList<AuditEvent> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(Normalize).ToList();
        var pending = new List<Pending>(rows.Count);
        // Queued back to back, so the writer takes them in this order (usually into one batch).
        lock (_queue)
        {
            foreach (var row in rows)
            {
                var p = new Pending(row, new TaskCompletionSource<AuditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));
                if (!_queue.Writer.TryWrite(p))
                {
                    throw new ObjectDisposedException(nameof(AuditLog), "审计日志已关闭");
                }
                pending.Add(p);
            }
        }
        EnsureWriter();
        return await Task.WhenAll(pending.Select(p => p.Done.Task)).WaitAsync(ct);
    }

    private Pending Enqueue(AuditEvent entry)
    {
        var pending = new Pending(Normalize(entry), new TaskCompletionSource<AuditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_queue)
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                throw new ObjectDisposedException(nameof(AuditLog), "审计日志已关闭");
            }
        }
        return pending;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+$")]
    private static partial Regex ActionPattern();

    /// <summary>
    /// Checks what would break the batch for everyone (an action name or division code of the wrong shape) and cuts
    /// free text to the columns' lengths, replacing what PostgreSQL or the canonical JSON cannot hold (NUL, lone surrogates).
    /// </summary>
    private static AuditEntry Normalize(AuditEvent e)
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
                var receipts = await CommitAsync(batch.Select(p => p.Row).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(receipts[i]);
                }
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

    /// <summary>Writes one batch: indexes, leaf hashes, the checkpoint of the new root, one transaction; then extends the tree in memory.</summary>
    private async Task<AuditReceipt[]> CommitAsync(List<AuditEntry> rows)
    {
        await _treeGate.WaitAsync();
        try
        {
            var tree = await LoadTreeUnlockedAsync(CancellationToken.None);
            for (var attempt = 1; ; attempt++)
            {
                var frontier = tree.Frontier();
                var start = frontier.Size;
                var now = AuditStatements.Now(time);
                for (var i = 0; i < rows.Count; i++)
                {
                    rows[i].Index = start + i;
                    rows[i].At = now;
                    rows[i].LeafHash = rows[i].ComputeLeafHash();
                    frontier.Append(rows[i].LeafHash);
                }
                var checkpoint = new AuditCheckpoint { PreviousSize = start, TreeSize = frontier.Size, RootHash = frontier.Root(), At = now };
                checkpoint.Signature = signer.Sign(checkpoint.Statement());
                try
                {
                    await InsertAsync(rows, checkpoint);
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
            var receipts = new AuditReceipt[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                tree.Append(rows[i].LeafHash);
                receipts[i] = new AuditReceipt(rows[i].Index, Convert.ToHexStringLower(rows[i].LeafHash), rows[i].At);
            }
            return receipts;
        }
        finally
        {
            _treeGate.Release();
        }
    }

    private async Task InsertAsync(List<AuditEntry> rows, AuditCheckpoint checkpoint)
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
            await tx.CommitAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
