using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Jifang.Features.Audit;

/// <summary>Settings of the audit log (section "Audit").</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The Ed25519 private key that signs tree heads and checkpoints (PKCS#8 PEM, file mode 600), created on first start.
    /// The public key is written beside it as <c>.pub</c>. Relative paths are relative to the working folder, as the SQLite file is.
    /// </summary>
    public string KeyFile { get; set; } = "data/audit-signing.key";

    /// <summary>How often the platform signs and publishes a tree head when the log has grown.</summary>
    public TimeSpan TreeHeadInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the platform runs the tree-head signer (off in commands that only read).</summary>
    public bool SignTreeHeads { get; set; } = true;

    /// <summary>The most entries written in one group-commit transaction.</summary>
    public int MaxBatch { get; set; } = 4096;

    /// <summary>
    /// How old an entry left in the audit outbox must be before another process (or a later start) appends it: the
    /// process that saved it normally appends it within milliseconds, so only a process that stopped in between leaves one.
    /// </summary>
    public TimeSpan OutboxGrace { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The log's signing key: an Ed25519 key pair in <see cref="AuditOptions.KeyFile"/>, created (mode 600) the first time
/// anything is signed, shared by the server and the command line on the same machine. Signs the two statements the
/// log makes: a checkpoint after every group commit and a tree head at each interval (see <see cref="AuditStatements"/>).
/// </summary>
public sealed class AuditSigner(IOptions<AuditOptions> options, ILogger<AuditSigner> logger) : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Lock _lock = new();
    private Key? _key;

    public string KeyFile => Path.GetFullPath(options.Value.KeyFile);

    public string PublicKeyFile => KeyFile + ".pub";

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey => EnsureKey().PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>The first 16 hex digits of SHA-256 of the public key: names the key in tree heads and exports.</summary>
    public string KeyId => AuditStatements.KeyIdOf(PublicKey);

    public byte[] Sign(ReadOnlySpan<byte> statement) => Ed25519.Sign(EnsureKey(), statement);

    /// <summary>Whether a key file exists already (without creating one).</summary>
    public bool KeyExists => File.Exists(KeyFile);

    private Key EnsureKey()
    {
        lock (_lock)
        {
            return _key ??= LoadOrCreate();
        }
    }

    private Key LoadOrCreate()
    {
        var path = KeyFile;
        if (!File.Exists(path))
        {
            Create(path);
        }
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                logger.KeyFileTooOpen(path, mode);
            }
        }
        var key = Key.Import(Ed25519, File.ReadAllBytes(path), KeyBlobFormat.PkixPrivateKeyText);
        if (!File.Exists(PublicKeyFile))
        {
            WritePublicKey(key);
        }
        return key;
    }

    /// <summary>Writes a new key to a temporary file created with mode 600 and moves it into place; if another process got there first, keeps theirs.</summary>
    private void Create(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temp, streamOptions))
        {
            file.Write(key.Export(KeyBlobFormat.PkixPrivateKeyText));
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
            var keyId = AuditStatements.KeyIdOf(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            logger.KeyCreated(path, keyId);
            WritePublicKey(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }

    private void WritePublicKey(Key key)
    {
        try
        {
            File.WriteAllBytes(PublicKeyFile, key.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.PublicKeyNotWritten(ex, PublicKeyFile);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _key?.Dispose();
            _key = null;
        }
    }
}

/// <summary>
/// The two statements the log signs, as bytes, and their verification. A checkpoint is signed in the transaction of
/// every group commit and says "the tree of <c>size</c> entries, grown from <c>previous</c>, has this root"; a tree head
/// is signed at each interval and is what the platform publishes and exports. Different first lines keep one from
/// being passed off as the other.
/// </summary>
public static class AuditStatements
{
    public const string TreeHeadFormat = "jifang-audit-tree-head/v1";
    public const string CheckpointFormat = "jifang-audit-checkpoint/v1";

    public static byte[] TreeHead(long size, ReadOnlySpan<byte> root, DateTime at) =>
        Encoding.UTF8.GetBytes($"{TreeHeadFormat}\n{size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexStringLower(root)}\n{Time(at)}\n");

    public static byte[] Checkpoint(long previous, long size, ReadOnlySpan<byte> root, DateTime at) =>
        Encoding.UTF8.GetBytes($"{CheckpointFormat}\n{previous.ToString(CultureInfo.InvariantCulture)}\n{size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexStringLower(root)}\n{Time(at)}\n");

    /// <summary>
    /// The time of an entry, checkpoint or tree head: UTC, cut to whole microseconds, since PostgreSQL keeps no more
    /// and the stored time must be the signed one to the last digit.
    /// </summary>
    public static DateTime Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>UTC, ISO 8601 with 7 fractional digits, as in the canonical entries.</summary>
    public static string Time(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public static string KeyIdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }
        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }
        return SignatureAlgorithm.Ed25519.Verify(key, statement, signature);
    }

    /// <summary>A public key given as a PEM file (<c>-----BEGIN PUBLIC KEY-----</c>), a PEM private key, or base64 of the raw 32 bytes.</summary>
    public static byte[]? ParsePublicKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text.Trim());
        if (NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.PkixPublicKeyText, out var pub) && pub is not null)
        {
            return pub.Export(KeyBlobFormat.RawPublicKey);
        }
        if (Key.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.PkixPrivateKeyText, out var key) && key is not null)
        {
            using (key)
            {
                return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            }
        }
        try
        {
            var raw = Convert.FromBase64String(text.Trim());
            return raw.Length == 32 ? raw : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
