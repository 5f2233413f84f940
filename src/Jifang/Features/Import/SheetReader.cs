using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Jifang.Features.Import;

/// <summary>One row of a sheet: its number as a spreadsheet shows it, and its cells by column position.</summary>
internal sealed record SheetRow(int Number, object?[] Cells)
{
    public bool IsBlank => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));
}

/// <summary>A sheet read whole: the header (row 1) and the data rows below it.</summary>
internal sealed class SheetTable(string? name, IReadOnlyList<string> headers, IReadOnlyList<SheetRow> rows)
{
    /// <summary>The worksheet's name; null for a CSV file.</summary>
    public string? Name { get; } = name;
    /// <summary>The headers as written (trimmed).</summary>
    public IReadOnlyList<string> Headers { get; } = headers;
    public IReadOnlyList<SheetRow> Rows { get; } = rows;

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

/// <summary>Reads CSV files and .xlsx workbooks into <see cref="SheetTable"/>s, numbering rows the way the user sees them.</summary>
internal static class SheetReader
{
    static SheetReader()
    {
        // GB18030 (GBK) for CSV files saved by Excel on a Chinese system.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads a CSV file: UTF-8 (with or without BOM), else GB18030; comma-separated. Every record counts as a row,
    /// empty ones too, so row numbers are those a spreadsheet shows. Problems go to <paramref name="errors"/>.</summary>
    public static SheetTable? ReadCsv(byte[] bytes, List<ImportError> errors)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            Separator = ',',
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Recover,
        };
        var rows = new List<SheetRow>();
        string[]? headers = null;
        using var reader = CsvReader.Create(new StringReader(Decode(bytes)), options, false);
        try
        {
            while (reader.Read())
            {
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
                }
                if (headers is null)
                {
                    headers = cells.Select(h => ((string)h!).Trim()).ToArray();
                    continue;
                }
                rows.Add(new SheetRow((int)reader.RowNumber, cells));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new ImportError(null, (int)ex.RecordNumber, null, null, $"CSV 格式错误：{ex.Message.Split('\n')[0]}"));
            return null;
        }
        if (headers is null || headers.All(h => h.Length == 0))
        {
            errors.Add(ImportError.General("文件为空：第 1 行应为列名（场所编号、场所名称、场所类别……）"));
            return null;
        }
        return new SheetTable(null, headers, rows);
    }

    private static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(span[3..]);
        }
        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            return Encoding.UTF8.GetString(span);
        }
        return Encoding.GetEncoding("GB18030").GetString(span);
    }

    /// <summary>The names of a workbook's sheets, or null (with an error) when it cannot be read.</summary>
    public static List<string>? SheetNames(Stream workbook, List<ImportError> errors)
    {
        try
        {
            workbook.Position = 0;
            return MiniExcel.GetSheetNames(workbook);
        }
#pragma warning disable CA1031 // whatever MiniExcel throws for a damaged workbook is reported as such
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            errors.Add(ImportError.General($"无法读取 Excel 工作簿（应为 .xlsx 格式）：{ex.Message}"));
            return null;
        }
    }

    /// <summary>Reads one worksheet; row 1 is the header.</summary>
    public static SheetTable? ReadSheet(Stream workbook, string sheet, List<ImportError> errors)
    {
        var rows = new List<SheetRow>();
        var columns = new List<string>();
        string[]? headers = null;
        try
        {
            workbook.Position = 0;
            var number = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet))
            {
                number++;
                if (headers is null)
                {
                    // Row 1: the column letters MiniExcel uses as keys, and the header texts.
                    columns.AddRange(row.Keys);
                    headers = columns.Select(c => Text(row[c]) ?? "").ToArray();
                    continue;
                }
                var cells = new object?[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    cells[i] = row.TryGetValue(columns[i], out var v) ? v : null;
                }
                rows.Add(new SheetRow(number, cells));
            }
        }
#pragma warning disable CA1031 // as above
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            errors.Add(new ImportError(sheet, null, null, null, $"无法读取工作表：{ex.Message}"));
            return null;
        }
        return new SheetTable(sheet, headers ?? [], rows);
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
