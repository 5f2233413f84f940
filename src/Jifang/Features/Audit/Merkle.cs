using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace Jifang.Features.Audit;

/// <summary>
/// The RFC 6962 (Certificate Transparency) Merkle tree hash, audit paths and consistency proofs, and their
/// verification as RFC 9162 §2.1.3.2 and §2.1.4.2 describe it. Pure: no database, no clock. A leaf is
/// SHA-256(0x00 || data), an interior node SHA-256(0x01 || left || right), the empty tree SHA-256("").
/// </summary>
public static class Merkle
{
    public const int HashSize = 32;

    /// <summary>MTH({}) = SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || data).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        LeafHash(data, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 || data) into <paramref name="destination"/>.</summary>
    public static void LeafHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var length = data.Length + 1;
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        buffer[0] = 0;
        data.CopyTo(buffer[1..]);
        Sha256.Hash(buffer, destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        NodeHash(left, right, hash);
        return hash;
    }

    /// <summary>SHA-256(0x01 || left || right) into <paramref name="destination"/> (which may be <paramref name="left"/> or <paramref name="right"/>).</summary>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        Sha256.Hash(buffer, destination);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree of n leaves.</summary>
    public static long Split(long n) => n < 2 ? throw new ArgumentOutOfRangeException(nameof(n)) : (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>MTH of a list of leaf hashes.</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var frontier = new MerkleFrontier();
        foreach (var leaf in leafHashes)
        {
            frontier.Append(leaf);
        }
        return frontier.Root();
    }

    /// <summary>
    /// PATH(index, D[size]) of RFC 6962 §2.1.1: the audit path of leaf <paramref name="index"/> in the tree of the first
    /// <paramref name="size"/> leaves, from the leaf's sibling up. <paramref name="range"/> answers MTH(D[lo:hi]).
    /// </summary>
    public static List<byte[]> InclusionProof(long index, long size, Func<long, long, byte[]> range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size}");
        }
        var proof = new List<byte[]>();
        Path(index, 0, size, range, proof);
        return proof;
    }

    private static void Path(long m, long lo, long hi, Func<long, long, byte[]> range, List<byte[]> proof)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return;
        }
        var k = Split(n);
        if (m < k)
        {
            Path(m, lo, lo + k, range, proof);
            proof.Add(range(lo + k, hi));
        }
        else
        {
            Path(m - k, lo + k, hi, range, proof);
            proof.Add(range(lo, lo + k));
        }
    }

    /// <summary>
    /// PROOF(first, D[second]) of RFC 6962 §2.1.2: the consistency proof between the tree of the first
    /// <paramref name="first"/> leaves and the tree of the first <paramref name="second"/>. Empty when first is 0 or equals second.
    /// </summary>
    public static List<byte[]> ConsistencyProof(long first, long second, Func<long, long, byte[]> range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"no consistency proof from {first} to {second}");
        }
        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, range, proof);
        }
        return proof;
    }

    private static void SubProof(long m, long lo, long hi, bool whole, Func<long, long, byte[]> range, List<byte[]> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(range(lo, hi));
            }
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, lo, lo + k, whole, range, proof);
            proof.Add(range(lo + k, hi));
        }
        else
        {
            SubProof(m - k, lo + k, hi, false, range, proof);
            proof.Add(range(lo, lo + k));
        }
    }

    /// <summary>The root an audit path leads to (RFC 9162 §2.1.3.2), or null when the path cannot be one for that index and size.</summary>
    public static byte[]? RootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != HashSize)
        {
            return null;
        }
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p is not { Length: HashSize })
            {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                NodeHash(r, p, r);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /// <summary>Whether <paramref name="proof"/> proves leaf <paramref name="leafHash"/> at <paramref name="index"/> in the tree of <paramref name="size"/> with root <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root) =>
        RootFromInclusionProof(index, size, leafHash, proof) is { } computed && root.Length == HashSize && computed.AsSpan().SequenceEqual(root);

    /// <summary>Whether <paramref name="proof"/> shows the tree of <paramref name="second"/> leaves with root <paramref name="secondRoot"/> extends the tree of <paramref name="first"/> with <paramref name="firstRoot"/> (RFC 9162 §2.1.4.2).</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (first < 0 || first > second)
        {
            return false;
        }
        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }
        if (first == 0)
        {
            return proof.Count == 0;
        }
        if (proof.Count == 0 || proof.Any(p => p is not { Length: HashSize }) || firstRoot.Length != HashSize || secondRoot.Length != HashSize)
        {
            return false;
        }
        IReadOnlyList<byte[]> path = BitOperations.IsPow2(first) ? [firstRoot.ToArray(), .. proof] : proof;
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0].ToArray();
        var sr = path[0].ToArray();
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(c, fr, fr);
                NodeHash(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                NodeHash(sr, c, sr);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}

/// <summary>
/// The right edge of a growing tree: one hash per set bit of the size (the perfect subtrees the tree is made of),
/// enough to append a leaf and to compute the root in O(log n) without keeping the leaves. Appending allocates nothing.
/// </summary>
public sealed class MerkleFrontier
{
    private const int Levels = 64;
    private readonly byte[] _nodes = new byte[Levels * Merkle.HashSize];
    private readonly byte[] _scratch = new byte[Merkle.HashSize];

    public long Size { get; private set; }

    private Span<byte> Node(int level) => _nodes.AsSpan(level * Merkle.HashSize, Merkle.HashSize);

    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        _nodes.CopyTo(copy._nodes, 0);
        return copy;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != Merkle.HashSize)
        {
            throw new ArgumentException("a leaf hash has 32 bytes", nameof(leafHash));
        }
        var hash = _scratch.AsSpan();
        leafHash.CopyTo(hash);
        var s = Size;
        var level = 0;
        Span<byte> input = stackalloc byte[1 + (2 * Merkle.HashSize)];
        input[0] = 1;
        while ((s & 1) == 1)
        {
            Node(level).CopyTo(input[1..]);
            hash.CopyTo(input[(1 + Merkle.HashSize)..]);
            Sha256.Hash(input, hash);
            s >>= 1;
            level++;
        }
        hash.CopyTo(Node(level));
        Size++;
    }

    /// <summary>MTH of the leaves appended so far.</summary>
    public byte[] Root()
    {
        if (Size == 0)
        {
            return Merkle.EmptyRoot();
        }
        byte[]? root = null;
        for (var level = 0; level < Levels; level++)
        {
            if ((Size & (1L << level)) != 0)
            {
                root = root is null ? Node(level).ToArray() : Merkle.NodeHash(Node(level), root);
            }
        }
        return root!;
    }
}

/// <summary>
/// A tree kept in memory: every leaf hash (32 bytes each, in chunks) plus the hashes of complete subtrees of
/// 256 leaves and more, computed once and cached (a complete subtree never changes). Answers MTH of any range,
/// so any root, audit path or consistency proof, in O(log n) hashes once warm. Thread-safe.
/// </summary>
public sealed class MerkleTree
{
    private const int ChunkBits = 16;
    private const int ChunkLeaves = 1 << ChunkBits;
    private const int CachedLevel = 8;

    private readonly List<byte[]> _chunks = [];
    private readonly Dictionary<(int Level, long Index), byte[]> _cache = [];
    private readonly MerkleFrontier _frontier = new();
    private readonly Lock _lock = new();

    public long Size
    {
        get
        {
            lock (_lock)
            {
                return _frontier.Size;
            }
        }
    }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        lock (_lock)
        {
            var size = _frontier.Size;
            var chunk = (int)(size >> ChunkBits);
            if (chunk == _chunks.Count)
            {
                _chunks.Add(new byte[ChunkLeaves * Merkle.HashSize]);
            }
            leafHash.CopyTo(_chunks[chunk].AsSpan((int)(size & (ChunkLeaves - 1)) * Merkle.HashSize, Merkle.HashSize));
            _frontier.Append(leafHash);
        }
    }

    public byte[] Leaf(long index)
    {
        lock (_lock)
        {
            return LeafUnlocked(index).ToArray();
        }
    }

    private ReadOnlySpan<byte> LeafUnlocked(long index)
    {
        if (index < 0 || index >= _frontier.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return _chunks[(int)(index >> ChunkBits)].AsSpan((int)(index & (ChunkLeaves - 1)) * Merkle.HashSize, Merkle.HashSize);
    }

    /// <summary>The root at the current size and that size, read together.</summary>
    public (long Size, byte[] Root) Head()
    {
        lock (_lock)
        {
            return (_frontier.Size, _frontier.Root());
        }
    }

    /// <summary>A copy of the right edge, for a writer that computes the roots of a batch before it is committed.</summary>
    public MerkleFrontier Frontier()
    {
        lock (_lock)
        {
            return _frontier.Clone();
        }
    }

    public byte[] Root(long size)
    {
        lock (_lock)
        {
            CheckSize(size);
            return size == 0 ? Merkle.EmptyRoot() : RangeUnlocked(0, size);
        }
    }

    public List<byte[]> InclusionProof(long index, long size)
    {
        lock (_lock)
        {
            CheckSize(size);
            return Merkle.InclusionProof(index, size, RangeUnlocked);
        }
    }

    public List<byte[]> ConsistencyProof(long first, long second)
    {
        lock (_lock)
        {
            CheckSize(second);
            return Merkle.ConsistencyProof(first, second, RangeUnlocked);
        }
    }

    private void CheckSize(long size)
    {
        if (size < 0 || size > _frontier.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"the tree has {_frontier.Size} leaves, not {size}");
        }
    }

    /// <summary>MTH(D[lo:hi]), splitting as RFC 6962 does; complete subtrees of 2^8 leaves and more come from the cache.</summary>
    private byte[] RangeUnlocked(long lo, long hi)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return LeafUnlocked(lo).ToArray();
        }
        var perfect = BitOperations.IsPow2(n) && lo % n == 0;
        var level = perfect ? BitOperations.Log2((ulong)n) : 0;
        if (perfect && level >= CachedLevel && _cache.TryGetValue((level, lo >> level), out var cached))
        {
            return cached;
        }
        var k = Merkle.Split(n);
        var hash = Merkle.NodeHash(RangeUnlocked(lo, lo + k), RangeUnlocked(lo + k, hi));
        if (perfect && level >= CachedLevel)
        {
            _cache[(level, lo >> level)] = hash;
        }
        return hash;
    }
}
