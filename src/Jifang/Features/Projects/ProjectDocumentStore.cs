using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Projects;

/// <summary>
/// Where project documents live (province-2012 第十五条, nmg-2007 第十六条, national 第十九条: kept safe and confidential): a
/// configured folder, each file named by its SHA-256 (so a file is stored once and its name proves its content), written to
/// a temporary file first and moved into place once complete and flushed. Reading checks the hash again: a file changed on
/// disk is refused, not served.
/// </summary>
public sealed class ProjectDocumentStore(IOptions<ProjectOptions> options)
{
    private string Root => Path.GetFullPath(options.Value.DocumentsFolder);

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    /// <summary>Why a file may not be stored (type or size), or null.</summary>
    public string? Problem(string fileName, long length)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (!options.Value.Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            return $"不接受 {(ext.Length > 0 ? ext : "无扩展名")} 文件（可上传：{string.Join("、", options.Value.Extensions)}）";
        }
        if (length <= 0)
        {
            return "文件为空";
        }
        return length > options.Value.MaxDocumentBytes ? $"文件超过 {options.Value.MaxDocumentBytes / 1024 / 1024} MB" : null;
    }

    /// <summary>Stores the content; returns its SHA-256 (hex, lower case) and length, or null when it exceeds the limit.</summary>
    public async Task<(string Sha256, long Size)?> SaveAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            string hash;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > options.Value.MaxDocumentBytes)
                    {
                        return null;
                    }
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temp);
            }
            else
            {
                File.Move(temp, target);
            }
            return (hash, size);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The stored bytes of a document, or null when the file is missing or no longer matches its hash.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256 ? bytes : null;
    }
}
