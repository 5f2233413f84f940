using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Jifang.Features.Audit;

/// <summary>
/// SHA-256 of the small inputs a Merkle tree hashes by the million (a 65-byte node, a few-hundred-byte leaf). .NET's
/// SHA256.HashData goes through OpenSSL's EVP layer, which costs about 400 ns a call whatever the size; on Linux this
/// calls the same libcrypto's SHA256_Init/Update/Final directly (about 90 ns for a node). Where that library or those
/// functions are missing it falls back to <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>; the two give
/// the same bytes (tests check both against the published vectors).
/// </summary>
internal static unsafe class Sha256
{
    // SHA256_CTX is 112 bytes in OpenSSL 1.1 and 3.x; room to spare.
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged<byte*, int> Init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, byte*, int> Final;

    /// <summary>Whether the direct libcrypto path is in use.</summary>
    public static bool Native { get; }

    static Sha256()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("JIFANG_SHA256_MANAGED") == "1")
        {
            return;
        }
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so" })
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged<byte*, int>)init;
                Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged<byte*, byte*, int>)final;
                Native = SelfTest();
                return;
            }
        }
    }

    /// <summary>The direct path is used only if it agrees with .NET's SHA-256 on a known input.</summary>
    private static bool SelfTest()
    {
        Span<byte> input = stackalloc byte[200];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)(i * 7);
        }
        Span<byte> direct = stackalloc byte[32];
        Span<byte> managed = stackalloc byte[32];
        HashNative(input, direct);
        SHA256.HashData(input, managed);
        return direct.SequenceEqual(managed);
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Native)
        {
            HashNative(data, destination);
        }
        else
        {
            SHA256.HashData(data, destination);
        }
    }

    /// <summary>The digest is written after the input is read, so <paramref name="destination"/> may overlap it.</summary>
    private static void HashNative(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException("a SHA-256 digest needs 32 bytes", nameof(destination));
        }
        var context = stackalloc byte[ContextSize];
        fixed (byte* d = data)
        fixed (byte* o = destination)
        {
            Init(context);
            Update(context, d, (nuint)data.Length);
            Final(o, context);
        }
    }
}
