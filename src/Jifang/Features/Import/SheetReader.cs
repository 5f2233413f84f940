using System.Globalization;
using System.Text;
using System.Xml;
using CsvHelper;

namespace Jifang.Features.Import;

/// <summary>One row of a sheet: its number as a spreadsheet shows it, and its cells by column position (up to its last cell).</summary>
internal sealed record SheetRow(int Number, object?[] Cells)
{
    public bool IsBlank => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));
}

/// <summary>
/// A sheet being read: the header (its first row), then the data rows as they are read, once. Nothing holds the rows: a
/// sheet's cost in memory is its row being read, and a cap met or a damaged file ends the reading with
/// <see cref="ImportRefusedException"/>.
/// </summary>
internal sealed class SheetTable : IDisposable
{
    private readonly IEnumerator<SheetRow> _rows;
    private bool _started;

    public SheetTable(string? name, IEnumerable<SheetRow> rows)
    {
        Name = name;
        _rows = rows.GetEnumerator();
        Headers = Next() ? _rows.Current.Cells.Select(h => SheetReader.Text(h) ?? "").ToArray() : [];
    }

    /// <summary>The worksheet's name; null for a CSV file.</summary>
    public string? Name { get; }

    /// <summary>The headers as written (trimmed); empty for an empty sheet.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows, read as they are enumerated (once).</summary>
    public IEnumerable<SheetRow> Rows
    {
        get
        {
            if (_started)
            {
                throw new InvalidOperationException("a sheet's rows are read once");
            }
            _started = true;
            while (Next())
            {
                yield return _rows.Current;
            }
        }
    }

    private bool Next()
    {
        try
        {
            return _rows.MoveNext();
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException or NotSupportedException)
        {
            throw new ImportRefusedException(new ImportError(Name, null, null, null, $"无法读取{(Name is null ? "文件" : "工作表")}：{ex.Message}"));
        }
    }

    public void Dispose() => _rows.Dispose();

    /// <summary>"场所类别（代码，用;分隔）" → "场所类别": a header may carry a note in brackets; spaces do not count.</summary>
    public static string Normalize(string header)
    {
        var text = header.Trim();
        var cut = text.IndexOfAny(['（', '(']);
        if (cut > 0)
        {
            text = text[..cut];
        }
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}

/// <summary>Reads CSV files and .xlsx workbooks (<see cref="WorkbookReader"/>) into <see cref="SheetTable"/>s, numbering rows the way the user sees them.</summary>
internal static class SheetReader
{
    static SheetReader()
    {
        // GB18030 (GBK) for CSV files saved by Excel on a Chinese system.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>A CSV file: UTF-8 (with or without BOM), else GB18030; comma-separated. Every record counts as a row, empty
    /// ones too, so row numbers are those a spreadsheet shows, and so that a file of empty lines meets the row cap.</summary>
    public static SheetTable Csv(Stream seekable, ImportLimits limits) => new(null, CsvRows(seekable, limits));

    private static IEnumerable<SheetRow> CsvRows(Stream seekable, ImportLimits limits)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            Separator = ',',
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Recover,
        };
        var encoding = IsUtf8(seekable) ? Encoding.UTF8 : Encoding.GetEncoding("GB18030");
        using var text = new StreamReader(seekable, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        using var reader = CsvReader.Create(text, options, false);
        long cells = 0;
        while (Read(reader))
        {
            var row = (int)reader.RowNumber;
            if (row > limits.MaxRows + 1)
            {
                throw ImportRefusedException.General(ImportLimits.RowsKey, $"文件超过 {ImportLimits.Count(limits.MaxRows)} 行数据的上限（{ImportLimits.RowsKey}），请分批导入");
            }
            if (reader.FieldCount > limits.MaxColumns)
            {
                throw new ImportRefusedException(new ImportError(null, row, null, null,
                    $"超出列数上限：导入表最多 {limits.MaxColumns} 列（{ImportLimits.ColumnsKey}），这一行有 {reader.FieldCount} 列"));
            }
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                var value = reader.GetString(i);
                values[i] = value;
                if (value.Length > 0 && ++cells > limits.EffectiveMaxCells)
                {
                    throw ImportRefusedException.General(ImportLimits.CellsKey, $"文件超过 {ImportLimits.Count(limits.EffectiveMaxCells)} 个非空单元格的上限（{ImportLimits.CellsKey}）");
                }
            }
            yield return new SheetRow(row, values);
        }
    }

    private static bool Read(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new ImportRefusedException(new ImportError(null, (int)ex.RecordNumber, null, null, $"CSV 格式错误：{ex.Message.Split('\n')[0]}"));
        }
    }

    /// <summary>Whether the whole file is valid UTF-8, checked in one pass of 64 KiB blocks (a character may straddle two).</summary>
    private static bool IsUtf8(Stream seekable)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 1];
        try
        {
            int n;
            while ((n = seekable.Read(bytes)) > 0)
            {
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            seekable.Position = 0;
        }
    }

    /// <summary>A cell as text: numbers without exponent or trailing zeros (a division code typed as a number stays 150102), dates as YYYY-MM-DD.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
