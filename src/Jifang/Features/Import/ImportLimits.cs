using System.Globalization;

namespace Jifang.Features.Import;

/// <summary>
/// How much one import may cost (section "Import"; docs/operations.md). Every cap is checked before the work it bounds:
/// the file's size before it is read, a workbook's declared and actual uncompressed bytes before and while they are
/// inflated, rows, columns and cells as each row is read, so that a small hostile file cannot buy minutes of CPU or
/// gigabytes of memory. A rejection names the setting (<c>Import:MaxColumns</c>), so that whoever meets it knows what to
/// split or whom to ask.
/// </summary>
public sealed class ImportLimits
{
    public const string Section = "Import";

    /// <summary>The largest file accepted, in bytes (the upload and the command line alike).</summary>
    public long MaxFileBytes { get; set; } = 20L << 20;

    /// <summary>The most bytes a workbook (a zip) may inflate to, all its entries together, by their headers and in fact.</summary>
    public long MaxUncompressedBytes { get; set; } = 200L << 20;

    /// <summary>The most data rows in one sheet (a CSV file, or one worksheet).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>The most columns a sheet may use: a cell further right rejects the file.</summary>
    public int MaxColumns { get; set; } = 64;

    /// <summary>The most non-empty cells in one sheet, and the most shared strings in a workbook; 0 means
    /// <see cref="MaxRows"/> × <see cref="MaxColumns"/>.</summary>
    public long MaxCells { get; set; }

    public long EffectiveMaxCells => MaxCells > 0 ? MaxCells : (long)MaxRows * MaxColumns;

    public const string FileBytesKey = "Import:MaxFileBytes";
    public const string UncompressedBytesKey = "Import:MaxUncompressedBytes";
    public const string RowsKey = "Import:MaxRows";
    public const string ColumnsKey = "Import:MaxColumns";
    public const string CellsKey = "Import:MaxCells";

    /// <summary>"20 MiB (20,971,520 字节)": a size as people read it, with the exact number the setting holds.</summary>
    public static string Bytes(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} 字节");

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>A cap was reached or the file cannot be read on: it is refused as a whole with this one error, and reading stops where it was.</summary>
internal sealed class ImportRefusedException(ImportError error) : Exception(error.Text)
{
    public ImportError Error { get; } = error;

    public static ImportRefusedException General(string key, string message) => new(ImportError.Option(key, message));
}
