using System.Security.Cryptography;
using Jifang.Features.Audit;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// The Merkle tree against the published RFC 6962 / Certificate Transparency test vectors and against a naive
/// reference written straight from the RFC's recursive definitions (MTH, PATH, PROOF), for every tree size up to 70
/// and every leaf and pair of sizes; and the verifiers against corrupted proofs.
/// </summary>
public sealed class MerkleTests
{
    // RFC 6962 test data as the certificate-transparency projects publish it: eight leaves and the roots of sizes 1..8.
    private static readonly byte[][] Leaves =
        [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Convert.FromHexString)];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // Audit paths (leaf index 0-based, tree size) and consistency proofs (size 1, size 2) of the same data.
    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    private static MerkleTree TreeOf(IEnumerable<byte[]> data)
    {
        var tree = new MerkleTree();
        foreach (var d in data)
        {
            tree.Append(Merkle.LeafHash(d));
        }
        return tree;
    }

    [Fact]
    public void Roots_match_the_published_vectors_for_every_size_from_0_to_8()
    {
        Assert.Equal(Roots[0], Convert.ToHexStringLower(Merkle.EmptyRoot()));
        var frontier = new MerkleFrontier();
        Assert.Equal(Roots[0], Convert.ToHexStringLower(frontier.Root()));
        var tree = TreeOf(Leaves);
        for (var n = 1; n <= Leaves.Length; n++)
        {
            frontier.Append(Merkle.LeafHash(Leaves[n - 1]));
            Assert.Equal(Roots[n], Convert.ToHexStringLower(frontier.Root()));
            Assert.Equal(Roots[n], Convert.ToHexStringLower(tree.Root(n)));
            Assert.Equal(Roots[n], Convert.ToHexStringLower(Naive.Mth(Leaves[..n])));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Audit_paths_match_the_published_vectors(long index, long size, string[] expected)
    {
        var tree = TreeOf(Leaves);
        Assert.Equal(expected, tree.InclusionProof(index, size).Select(Convert.ToHexStringLower));
        Assert.True(Merkle.VerifyInclusion(index, size, Merkle.LeafHash(Leaves[index]), [.. expected.Select(Convert.FromHexString)], Convert.FromHexString(Roots[size])));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_match_the_published_vectors(long first, long second, string[] expected)
    {
        var tree = TreeOf(Leaves);
        Assert.Equal(expected, tree.ConsistencyProof(first, second).Select(Convert.ToHexStringLower));
        Assert.True(Merkle.VerifyConsistency(first, second, Convert.FromHexString(Roots[first]), Convert.FromHexString(Roots[second]), [.. expected.Select(Convert.FromHexString)]));
    }

    [Fact]
    public void Every_root_path_and_consistency_proof_up_to_70_leaves_equals_the_naive_reference_and_verifies()
    {
        var data = Enumerable.Range(0, 70).Select(i => new[] { (byte)i, (byte)(i * 7), (byte)(i >> 3) }).ToArray();
        var tree = TreeOf(data);
        for (var n = 1; n <= data.Length; n++)
        {
            var prefix = data[..n];
            var root = Naive.Mth(prefix);
            Assert.Equal(root, tree.Root(n));
            for (var i = 0; i < n; i++)
            {
                var path = tree.InclusionProof(i, n);
                Assert.Equal(Naive.Path(i, prefix), path);
                Assert.True(Merkle.VerifyInclusion(i, n, Merkle.LeafHash(data[i]), path, root), $"path of {i} in {n}");
            }
            for (var m = 0; m <= n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                Assert.Equal(m == 0 || m == n ? [] : Naive.Proof(m, prefix), proof);
                Assert.True(Merkle.VerifyConsistency(m, n, m == 0 ? Merkle.EmptyRoot() : Naive.Mth(data[..m]), root, proof), $"consistency {m} → {n}");
            }
        }
    }

    [Fact]
    public void A_large_tree_answers_from_its_cache_as_the_frontier_does()
    {
        var tree = new MerkleTree();
        var frontier = new MerkleFrontier();
        var leaves = new List<byte[]>();
        for (var i = 0; i < 5000; i++)
        {
            var leaf = SHA256.HashData(BitConverter.GetBytes(i));
            leaves.Add(leaf);
            tree.Append(leaf);
            frontier.Append(leaf);
        }
        Assert.Equal(frontier.Root(), tree.Root(5000));
        Assert.Equal(Naive.MthOfHashes(leaves), tree.Root(5000));
        foreach (var (index, size) in new[] { (0L, 5000L), (4999, 5000), (1234, 4097), (4096, 4097), (255, 256), (2048, 3000) })
        {
            Assert.True(Merkle.VerifyInclusion(index, size, leaves[(int)index], tree.InclusionProof(index, size), tree.Root(size)));
        }
        foreach (var (m, n) in new[] { (1L, 5000L), (256, 4096), (257, 4097), (3333, 5000), (4096, 5000) })
        {
            Assert.True(Merkle.VerifyConsistency(m, n, tree.Root(m), tree.Root(n), tree.ConsistencyProof(m, n)));
        }
    }

    [Fact]
    public void The_direct_libcrypto_hash_gives_the_bytes_of_dotnets_sha256_for_every_length()
    {
        var random = new Random(3);
        for (var length = 0; length < 700; length += 1 + (length / 20))
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA256.HashData([0, .. data]), Merkle.LeafHash(data));
        }
        // On Linux with OpenSSL the direct path is the one in use (the platform's speed depends on it).
        Assert.Equal(OperatingSystem.IsLinux(), Jifang.Features.Audit.Sha256.Native);
    }

    [Fact]
    public void Corrupted_audit_paths_do_not_verify()
    {
        var data = Enumerable.Range(0, 37).Select(i => new[] { (byte)i }).ToArray();
        var tree = TreeOf(data);
        foreach (var (index, size) in new[] { (0L, 37L), (17, 37), (36, 37), (5, 8), (7, 21) })
        {
            var leaf = Merkle.LeafHash(data[index]);
            var root = tree.Root(size);
            var proof = tree.InclusionProof(index, size);
            Assert.True(Merkle.VerifyInclusion(index, size, leaf, proof, root));
            foreach (var (desc, i2, s2, l2, p2, r2) in Corruptions(index, size, leaf, proof, root))
            {
                Assert.False(Merkle.VerifyInclusion(i2, s2, l2, p2, r2), $"{desc} verified ({index} in {size})");
            }
        }
    }

    private static IEnumerable<(string, long, long, byte[], List<byte[]>, byte[])> Corruptions(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root)
    {
        yield return ("index - 1", index - 1, size, leaf, proof, root);
        yield return ("index + 1", index + 1, size, leaf, proof, root);
        yield return ("index ^ 2", index ^ 2, size, leaf, proof, root);
        yield return ("size * 2", index, size * 2, leaf, proof, root);
        yield return ("size / 2", index, size / 2, leaf, proof, root);
        yield return ("wrong leaf", index, size, Merkle.LeafHash("wrong"u8), proof, root);
        yield return ("empty root", index, size, leaf, proof, Merkle.EmptyRoot());
        yield return ("trailing garbage", index, size, leaf, [.. proof, new byte[32]], root);
        yield return ("preceding root", index, size, leaf, [root, .. proof], root);
        for (var i = 0; i < proof.Count; i++)
        {
            var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
            flipped[i][0] ^= 8;
            yield return ($"proof[{i}] bit 3", index, size, leaf, flipped, root);
        }
        if (proof.Count > 0)
        {
            yield return ("removed component", index, size, leaf, proof[..^1], root);
        }
    }

    [Fact]
    public void Corrupted_consistency_proofs_do_not_verify()
    {
        var data = Enumerable.Range(0, 40).Select(i => new[] { (byte)i, (byte)1 }).ToArray();
        var tree = TreeOf(data);
        foreach (var (m, n) in new[] { (1L, 40L), (7, 40), (16, 33), (23, 24), (32, 40) })
        {
            var r1 = tree.Root(m);
            var r2 = tree.Root(n);
            var proof = tree.ConsistencyProof(m, n);
            Assert.True(Merkle.VerifyConsistency(m, n, r1, r2, proof));
            Assert.False(Merkle.VerifyConsistency(m - 1, n, r1, r2, proof), "first - 1");
            Assert.False(Merkle.VerifyConsistency(m + 1, n, r1, r2, proof), "first + 1");
            Assert.False(Merkle.VerifyConsistency(m, n * 2, r1, r2, proof), "second * 2");
            Assert.False(Merkle.VerifyConsistency(m, n, r2, r1, proof), "swapped roots");
            Assert.False(Merkle.VerifyConsistency(m, n, Merkle.LeafHash("x"u8), r2, proof), "wrong first root");
            Assert.False(Merkle.VerifyConsistency(m, n, r1, Merkle.LeafHash("x"u8), proof), "wrong second root");
            Assert.False(Merkle.VerifyConsistency(m, n, r1, r2, []), "empty proof");
            Assert.False(Merkle.VerifyConsistency(m, n, r1, r2, [.. proof, r1]), "trailing root");
            Assert.False(Merkle.VerifyConsistency(m, n, r1, r2, [r2, .. proof]), "preceding root");
            Assert.False(Merkle.VerifyConsistency(m, n, r1, r2, proof[..^1]), "truncated");
            for (var i = 0; i < proof.Count; i++)
            {
                var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
                flipped[i][0] ^= 16;
                Assert.False(Merkle.VerifyConsistency(m, n, r1, r2, flipped), $"proof[{i}] bit 4");
            }
        }
        // The trivial cases of RFC 9162: from the empty tree, and a tree to itself.
        Assert.True(Merkle.VerifyConsistency(0, 5, Merkle.EmptyRoot(), tree.Root(5), []));
        Assert.True(Merkle.VerifyConsistency(5, 5, tree.Root(5), tree.Root(5), []));
        Assert.False(Merkle.VerifyConsistency(5, 5, tree.Root(5), tree.Root(6), []));
        Assert.False(Merkle.VerifyConsistency(6, 5, tree.Root(6), tree.Root(5), []));
    }

    /// <summary>RFC 6962 §2.1 as written: recursive, over the data, with its own hashing.</summary>
    private static class Naive
    {
        private static byte[] Leaf(byte[] d) => SHA256.HashData([0, .. d]);

        private static byte[] Node(byte[] l, byte[] r) => SHA256.HashData([1, .. l, .. r]);

        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }
            return k;
        }

        public static byte[] Mth(byte[][] d) => MthOfHashes([.. d.Select(Leaf)]);

        public static byte[] MthOfHashes(IReadOnlyList<byte[]> h) => h.Count switch
        {
            0 => SHA256.HashData([]),
            1 => h[0],
            _ => Node(MthOfHashes([.. h.Take(K(h.Count))]), MthOfHashes([.. h.Skip(K(h.Count))])),
        };

        public static List<byte[]> Path(int m, byte[][] d)
        {
            if (d.Length == 1)
            {
                return [];
            }
            var k = K(d.Length);
            return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
        }

        public static List<byte[]> Proof(int m, byte[][] d) => SubProof(m, d, true);

        private static List<byte[]> SubProof(int m, byte[][] d, bool b)
        {
            var n = d.Length;
            if (m == n)
            {
                return b ? [] : [Mth(d)];
            }
            var k = K(n);
            return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
        }
    }
}
