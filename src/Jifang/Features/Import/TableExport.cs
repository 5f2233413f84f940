using System.Reflection;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Jifang.Features.Import;

/// <summary>
/// A list written as a file the same way for every export: a CSV (UTF-8 with BOM, so Excel reads the Chinese; values that
/// start like a formula escaped) streamed as it is written, or an .xlsx workbook written to a temporary file first. The
/// columns are the public string properties of the row type in declaration order, headed by their
/// <see cref="ExcelColumnAttribute"/> names, so CSV and Excel carry the same headers.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The rows as a file of <paramref name="format"/> (<c>csv</c>, the default, or <c>xlsx</c>), named <paramref name="fileName"/>
    /// plus its extension; another format is a 400 naming <c>format</c>. The rows are read only while the file is written.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, FileStreamHttpResult, ValidationProblem>> ResultAsync<T>(
        string? format, string fileName, string sheetName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var kind = (format ?? "csv").Trim().ToUpperInvariant();
        if (kind == "CSV")
        {
            return TypedResults.Stream(body => WriteCsvAsync(body, rows, ct), CsvType, fileName + ".csv");
        }
        if (kind != "XLSX")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["导出格式应为 csv 或 xlsx"] });
        }
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"jifang-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteXlsxAsync(file, sheetName, rows, ct);
            file.Position = 0;
            return TypedResults.File(file, XlsxType, fileName + ".xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public static async Task WriteCsvAsync<T>(Stream output, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Values that start like a formula (=, +, -, @) are escaped: names and addresses come from users.
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        foreach (var (header, _) in Columns<T>())
        {
            csv.WriteField(header);
        }
        await csv.EndRecordAsync(ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var (_, value) in Columns<T>())
            {
                csv.WriteField(value(row));
            }
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    public static async Task WriteXlsxAsync<T>(Stream output, string sheetName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var config = new OpenXmlConfiguration { FreezeRowCount = 1, AutoFilter = true, EnableAutoWidth = false };
        await MiniExcel.SaveAsAsync(output, rows, sheetName: sheetName, configuration: config, cancellationToken: ct);
    }

    /// <summary>The columns of <typeparamref name="T"/> in order: their headers (the same in CSV and Excel) and values.</summary>
    public static IReadOnlyList<(string Header, Func<T, string> Value)> Columns<T>() => ColumnsOf<T>.All;

    private static class ColumnsOf<T>
    {
        public static readonly IReadOnlyList<(string Header, Func<T, string> Value)> All =
            typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && p.GetCustomAttribute<ExcelColumnAttribute>() is not null)
                .OrderBy(p => p.MetadataToken)
                .Select(p => (p.GetCustomAttribute<ExcelColumnAttribute>()!.Name, (Func<T, string>)(r => (string?)p.GetValue(r) ?? "")))
                .ToList();
    }
}
