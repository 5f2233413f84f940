using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jifang.Data;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Audit;

/// <summary>One signed tree head in an export: the statement's fields as they were signed.</summary>
public sealed record ExportedTreeHead(long TreeSize, string RootHash, string At, string Signature);

/// <summary>
/// The tree heads as a document the police side or a higher level keeps: the public key and every signed head.
/// <c>jifang audit verify --tree-heads FILE</c> checks a log (or an export of it) against it.
/// </summary>
public sealed record TreeHeadsDocument(string Format, string Algorithm, string PublicKey, string KeyId, string ExportedAt, IReadOnlyList<ExportedTreeHead> TreeHeads)
{
    public const string FormatName = "jifang-audit-tree-heads/v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static TreeHeadsDocument From(IEnumerable<AuditTreeHead> heads, byte[] publicKey, DateTime exportedAt)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(publicKey);
        return new(FormatName, "Ed25519", Convert.ToBase64String(publicKey), AuditStatements.KeyIdOf(publicKey), AuditStatements.Time(exportedAt),
            heads.OrderBy(h => h.TreeSize).Select(h => new ExportedTreeHead(h.TreeSize, Convert.ToHexStringLower(h.RootHash), AuditStatements.Time(h.At), Convert.ToBase64String(h.Signature))).ToList());
    }
}

/// <summary>The tree-heads document's JSON, generated at build time (the command line reads it without reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(TreeHeadsDocument))]
public sealed partial class AuditJsonContext : JsonSerializerContext;

/// <summary>A root the verifier trusts because its signature holds: the tree of <see cref="Size"/> entries has <see cref="Root"/>.</summary>
public sealed record SignedRoot(long Size, byte[] Root, string Source);

/// <summary>What went wrong, and at which entry when it is about entries.</summary>
public sealed record AuditProblem(long? Index, string Message);

/// <summary>The outcome of a verification: the first entry altered, removed or reordered (if any), other problems (signatures, checkpoints) and notes.</summary>
public sealed class AuditVerifyReport
{
    public long Entries { get; set; }
    public int SignedRoots { get; set; }
    public AuditProblem? FirstEntryProblem { get; set; }
    public List<AuditProblem> Problems { get; } = [];
    public List<string> Notes { get; } = [];

    public bool Intact => FirstEntryProblem is null && Problems.Count == 0;
}

/// <summary>
/// Streams a log (entries in index order) against signed roots and finds the first entry altered, removed or reordered.
/// Two trees are grown side by side: one over the leaf hashes recomputed from the entries' content, one over the
/// leaf hashes stored with them (when there are any). An entry whose content no longer matches its stored leaf hash is
/// named exactly. An attacker who also recomputes the stored leaf hash cannot recompute the signatures: the first signed
/// root that no longer matches bounds the edit to the entries between the last root that still matches and it (one
/// group-commit batch in the database, one interval between tree heads in an export).
/// </summary>
public sealed class AuditChainChecker
{
    private readonly SignedRoot[] _roots;
    private readonly MerkleFrontier _content = new();
    private readonly MerkleFrontier? _stored;
    private readonly bool _uncoveredIsProblem;
    private int _next;
    private long _count;
    private long? _mismatch;
    private long _goodContent;
    private long _goodStored;
    private (long From, SignedRoot Root)? _failContent;
    private (long From, SignedRoot Root)? _failStored;
    private AuditProblem? _structural;
    private readonly byte[] _leaf = new byte[Merkle.HashSize];

    /// <param name="roots">Signed roots whose signatures were checked.</param>
    /// <param name="storedLeaves">Whether entries come with a stored leaf hash (the database) or not (an export).</param>
    /// <param name="uncoveredIsProblem">Whether entries after the last signed root are a problem (the database: every batch is signed) or a note (an export against older heads).</param>
    public AuditChainChecker(IEnumerable<SignedRoot> roots, bool storedLeaves, bool uncoveredIsProblem)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Where(r => r.Size > 0).OrderBy(r => r.Size)];
        _stored = storedLeaves ? new MerkleFrontier() : null;
        _uncoveredIsProblem = uncoveredIsProblem;
    }

    public long Count => _count;

    /// <summary>Adds the next entry given its canonical bytes; false when the log cannot be followed further (an entry missing or out of order).</summary>
    public bool Add(long index, ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> storedLeaf = default)
    {
        if (_structural is not null)
        {
            return false;
        }
        if (index != _count)
        {
            _structural = index > _count
                ? new AuditProblem(_count, Say($"第 {_count} 条缺失：已被删除或移走（此处是第 {index} 条）"))
                : new AuditProblem(_count, Say($"第 {_count} 条处次序错乱：此处是第 {index} 条（条目被调换或重复）"));
            return false;
        }
        Merkle.LeafHash(canonical, _leaf);
        return Accept(index, storedLeaf);
    }

    /// <summary>Adds the next entry of an export by its leaf hash, computed by the caller; false when the log cannot be followed further.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool AddLeafHash(long index, ReadOnlySpan<byte> leafHash)
    {
        if (_structural is not null)
        {
            return false;
        }
        if (index != _count)
        {
            return Add(index, default);
        }
        leafHash.CopyTo(_leaf);
        return Accept(index, default);
    }

    private bool Accept(long index, ReadOnlySpan<byte> storedLeaf)
    {
        if (_stored is not null)
        {
            if (_mismatch is null && !storedLeaf.SequenceEqual(_leaf))
            {
                _mismatch = index;
            }
            _stored.Append(storedLeaf.Length == Merkle.HashSize ? storedLeaf : new byte[Merkle.HashSize]);
        }
        _content.Append(_leaf);
        _count++;
        while (_next < _roots.Length && _roots[_next].Size == _count)
        {
            Check(_roots[_next++]);
        }
        return true;
    }

    private void Check(SignedRoot root)
    {
        if (_failContent is null)
        {
            if (_content.Root().AsSpan().SequenceEqual(root.Root))
            {
                _goodContent = root.Size;
            }
            else
            {
                _failContent = (_goodContent, root);
            }
        }
        if (_stored is not null && _failStored is null)
        {
            if (_stored.Root().AsSpan().SequenceEqual(root.Root))
            {
                _goodStored = root.Size;
            }
            else
            {
                _failStored = (_goodStored, root);
            }
        }
    }

    /// <summary>Fills the report: the first entry problem, chosen as the earliest of what was found.</summary>
    public void Finish(AuditVerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Entries = _count;
        var candidates = new List<AuditProblem>();
        // With stored leaf hashes the stored tree tells which hashes are original; without them the content tree does.
        var fail = _stored is not null ? _failStored : _failContent;
        if (_mismatch is { } d && (fail is null || d < fail.Value.From))
        {
            candidates.Add(new AuditProblem(d, Say($"第 {d} 条被改动：其内容与写入时记录的叶哈希不符")));
        }
        else if (fail is { } f)
        {
            var last = f.Root.Size - 1;
            var also = _mismatch is { } m && m <= last ? Say($"；其中第 {m} 条的内容与叶哈希不符") : "";
            var recomputed = _stored is not null ? "（叶哈希也被重算）" : "";
            candidates.Add(f.From == last
                ? new AuditProblem(f.From, Say($"第 {f.From} 条被改动、删除或调换{recomputed}：{f.Root.Source}（{f.Root.Size} 条）的签名根与日志不符{also}"))
                : new AuditProblem(f.From, Say($"第 {f.From} 至 {last} 条中有条目被改动、删除或调换{recomputed}：{f.Root.Source}（{f.Root.Size} 条）的签名根与日志不符，而前 {f.From} 条仍与签名相符{also}")));
        }
        if (_structural is not null)
        {
            candidates.Add(_structural);
        }
        var maxSigned = _roots.Length == 0 ? 0 : _roots[^1].Size;
        if (_structural is null && _count < maxSigned)
        {
            var source = _roots[^1].Source;
            candidates.Add(new AuditProblem(_count, Say($"第 {_count} 条及以后已被删除：{source}记载日志有 {maxSigned} 条，现仅 {_count} 条")));
        }
        if (_structural is null && _count > maxSigned)
        {
            var text = Say($"第 {maxSigned} 至 {_count - 1} 条没有任何签名覆盖");
            if (_uncoveredIsProblem)
            {
                candidates.Add(new AuditProblem(maxSigned, text + "：签名检查点被删除，或条目被直接写入数据库"));
            }
            else
            {
                report.Notes.Add(text + "（晚于所给的最后一个树头，未能验证）");
            }
        }
        report.FirstEntryProblem = candidates.OrderBy(c => c.Index ?? long.MaxValue).FirstOrDefault();
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>jifang audit verify</c>: the whole log in the database against its checkpoints, its stored tree heads and any
/// exported tree-head files; or an exported log file (one canonical entry per line) against tree-head files.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Reads the signed roots of an exported tree-heads file, checking each signature with <paramref name="pinnedKey"/> or the file's own key.</summary>
    public static List<SignedRoot> ReadTreeHeads(string path, TreeHeadsDocument document, byte[]? pinnedKey, byte[]? configuredKey, AuditVerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(report);
        var name = Path.GetFileName(path);
        if (document.Format != TreeHeadsDocument.FormatName || document.Algorithm != "Ed25519")
        {
            throw new FormatException($"{name}: 不是 {TreeHeadsDocument.FormatName} 格式的树头文件");
        }
        var fileKey = Convert.FromBase64String(document.PublicKey);
        var key = pinnedKey ?? fileKey;
        if (pinnedKey is not null && !pinnedKey.AsSpan().SequenceEqual(fileKey))
        {
            report.Notes.Add($"{name}：文件中的公钥（{AuditStatements.KeyIdOf(fileKey)}）与指定的公钥（{AuditStatements.KeyIdOf(pinnedKey)}）不同，按指定的公钥验证");
        }
        else if (pinnedKey is null && configuredKey is not null && !configuredKey.AsSpan().SequenceEqual(fileKey))
        {
            report.Notes.Add($"{name}：文件中的公钥（{AuditStatements.KeyIdOf(fileKey)}）不是平台当前的签名密钥（{AuditStatements.KeyIdOf(configuredKey)}），按文件中的公钥验证");
        }
        var roots = new List<SignedRoot>();
        foreach (var h in document.TreeHeads)
        {
            var root = Convert.FromHexString(h.RootHash);
            var at = DateTime.ParseExact(h.At, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (h.TreeSize < 0 || root.Length != Merkle.HashSize || !AuditStatements.Verify(key, AuditStatements.TreeHead(h.TreeSize, root, at), Convert.FromBase64String(h.Signature)))
            {
                report.Problems.Add(new AuditProblem(null, $"{name}：{h.TreeSize} 条的树头签名无效（树头被伪造或改动），未采用"));
                continue;
            }
            roots.Add(new SignedRoot(h.TreeSize, root, $"树头文件 {name} 中 {h.At} 的树头"));
        }
        return roots;
    }

    /// <summary>Checks the log in the database: checkpoints (signatures and chain), stored tree heads, then every entry.</summary>
    public static async Task VerifyDatabaseAsync(JifangDbContext db, byte[] publicKey, IEnumerable<SignedRoot> exported, AuditVerifyReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(report);
        var roots = new List<SignedRoot>(exported);
        var checkpoints = await db.Set<AuditCheckpoint>().AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync(ct);
        long previous = 0;
        foreach (var c in checkpoints)
        {
            if (!AuditStatements.Verify(publicKey, c.Statement(), c.Signature))
            {
                report.Problems.Add(new AuditProblem(c.PreviousSize, $"第 {c.PreviousSize} 至 {c.TreeSize - 1} 条的签名检查点签名无效（检查点被伪造或改动），未采用"));
                previous = c.TreeSize;
                continue;
            }
            if (c.PreviousSize != previous)
            {
                report.Problems.Add(c.PreviousSize > previous
                    ? new AuditProblem(previous, $"第 {previous} 至 {c.PreviousSize - 1} 条的签名检查点缺失（被删除）")
                    : new AuditProblem(c.PreviousSize, $"签名检查点重叠：{c.TreeSize} 条的检查点从第 {c.PreviousSize} 条起，而上一检查点止于第 {previous - 1} 条"));
            }
            previous = c.TreeSize;
            roots.Add(new SignedRoot(c.TreeSize, c.RootHash, "签名检查点"));
        }
        foreach (var h in await db.Set<AuditTreeHead>().AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct))
        {
            if (!AuditStatements.Verify(publicKey, h.Statement(), h.Signature))
            {
                report.Problems.Add(new AuditProblem(null, $"{h.TreeSize} 条的树头签名无效（树头被伪造或改动），未采用"));
                continue;
            }
            roots.Add(new SignedRoot(h.TreeSize, h.RootHash, $"{AuditStatements.Time(h.At)} 的树头"));
        }
        report.SignedRoots = roots.Count;
        var checker = new AuditChainChecker(roots, storedLeaves: true, uncoveredIsProblem: true);
        await foreach (var entry in db.Audit.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!checker.Add(entry.Index, entry.CanonicalBytes(), entry.LeafHash))
            {
                break;
            }
        }
        checker.Finish(report);
    }

    /// <summary>
    /// Checks an exported log file (one canonical entry per line, as <c>jifang audit export</c> writes it) against signed roots.
    /// The line is hashed as it is; only the index at its start is read, to tell a removed or reordered line by its place.
    /// Two threads share the work: this one reads the file and hashes the leaves (chunks of 16,384), another folds them
    /// into the tree and checks the signed roots.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void VerifyExport(Stream file, IEnumerable<SignedRoot> roots, AuditVerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(report);
        var list = roots.ToList();
        report.SignedRoots = list.Count;
        var checker = new AuditChainChecker(list, storedLeaves: false, uncoveredIsProblem: false);
        const int chunkLeaves = 1 << 14;
        using var chunks = new System.Collections.Concurrent.BlockingCollection<(byte[] Leaves, long First, int Count)>(boundedCapacity: 8);
        var folder = Task.Factory.StartNew(() =>
        {
            foreach (var (leaves, first, count) in chunks.GetConsumingEnumerable())
            {
                for (var k = 0; k < count; k++)
                {
                    checker.AddLeafHash(first + k, leaves.AsSpan(k * Merkle.HashSize, Merkle.HashSize));
                }
                System.Buffers.ArrayPool<byte>.Shared.Return(leaves);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        long? misplaced = null;
        try
        {
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(chunkLeaves * Merkle.HashSize);
            var inChunk = 0;
            long line = 0;
            // buffer[0] is a spare byte: each line is hashed as 0x00 ‖ line by writing 0x00 over the byte before it
            // (the previous line's newline, or the spare byte) and putting that byte back afterwards.
            var buffer = new byte[1 << 20];
            var filled = 1;
            while (misplaced is null)
            {
                var read = file.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                var start = 1;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }
                    if (!ParseIndex(buffer.AsSpan(start, newline), out var index))
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"第 {line + 1} 行不是审计条目（应以 {{\"index\": 开头）"));
                    }
                    if (index != line)
                    {
                        misplaced = index;
                        break;
                    }
                    var before = buffer[start - 1];
                    buffer[start - 1] = 0;
                    Sha256.Hash(buffer.AsSpan(start - 1, newline + 1), chunk.AsSpan(inChunk * Merkle.HashSize, Merkle.HashSize));
                    buffer[start - 1] = before;
                    if (++inChunk == chunkLeaves)
                    {
                        chunks.Add((chunk, line + 1 - inChunk, inChunk));
                        chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(chunkLeaves * Merkle.HashSize);
                        inChunk = 0;
                    }
                    line++;
                    start += newline + 1;
                }
                if (misplaced is not null)
                {
                    break;
                }
                if (read == 0)
                {
                    if (end > start)
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"第 {line + 1} 行没有换行结尾：文件不完整"));
                    }
                    break;
                }
                // Keep the unfinished line (after the spare byte); grow the buffer when one line does not fit.
                var rest = end - start;
                if (start == 1 && end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 1, rest);
                }
                filled = 1 + rest;
            }
            chunks.Add((chunk, line - inChunk, inChunk));
        }
        finally
        {
            chunks.CompleteAdding();
            folder.GetAwaiter().GetResult();
        }
        if (misplaced is { } at)
        {
            checker.AddLeafHash(at, default);
        }
        checker.Finish(report);
    }

    private static ReadOnlySpan<byte> IndexPrefix => "{\"index\":"u8;

    private static bool ParseIndex(ReadOnlySpan<byte> line, out long index)
    {
        index = 0;
        if (!line.StartsWith(IndexPrefix))
        {
            return false;
        }
        var digits = 0;
        foreach (var b in line[IndexPrefix.Length..])
        {
            if (b is >= (byte)'0' and <= (byte)'9' && digits < 18)
            {
                index = (index * 10) + (b - '0');
                digits++;
            }
            else
            {
                return digits > 0 && b == ',';
            }
        }
        return false;
    }
}
