namespace Jifang.Features.Import;

/// <summary>
/// The file being imported, as a seekable stream (a workbook is a zip, read from its end; a CSV file is read twice, once
/// to tell UTF-8 from GB18030): the caller's own stream when it can seek (an upload ASP.NET Core has buffered, a file on
/// the command line), its size checked before a byte is read; otherwise copied to a temporary file, at most
/// <c>maxBytes</c> of it. Either way the file is never held in memory whole.
/// </summary>
internal sealed class ImportSource : IAsyncDisposable
{
    private readonly FileStream? _temporary;

    private ImportSource(Stream stream, FileStream? temporary, byte[] prefix)
    {
        Stream = stream;
        _temporary = temporary;
        Prefix = prefix;
    }

    public Stream Stream { get; }

    /// <summary>The first bytes (up to 4 KiB), to tell the format by.</summary>
    public byte[] Prefix { get; }

    /// <summary>The file, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ImportSource?> OpenAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Stream stream = content;
        FileStream? temporary = null;
        if (content is { CanSeek: true, Position: 0 })
        {
            if (content.Length > maxBytes)
            {
                return null;
            }
        }
        else
        {
            temporary = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            var chunk = new byte[1 << 16];
            int n;
            while ((n = await content.ReadAsync(chunk, ct)) > 0)
            {
                if (temporary.Length + n > maxBytes)
                {
                    await temporary.DisposeAsync();
                    return null;
                }
                await temporary.WriteAsync(chunk.AsMemory(0, n), ct);
            }
            stream = temporary;
        }
        stream.Position = 0;
        var prefix = new byte[(int)Math.Min(4096, stream.Length)];
        await stream.ReadExactlyAsync(prefix, ct);
        stream.Position = 0;
        return new ImportSource(stream, temporary, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        if (_temporary is not null)
        {
            await _temporary.DisposeAsync();
        }
    }
}
