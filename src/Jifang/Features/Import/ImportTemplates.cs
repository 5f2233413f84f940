using System.Text;
using MiniExcelLibs;

namespace Jifang.Features.Import;

/// <summary>
/// Empty import templates, offered on the import page: a CSV file with the header row of the 场所 sheet, and a workbook with
/// every sheet the importer reads (<see cref="Sheets.Order"/>), each with its header row. Both come from the columns the
/// importer itself reads (<see cref="Sheets.ColumnsOf"/>), so a template always fits the importer.
/// </summary>
public static class ImportTemplates
{
    public const string CsvName = "场所导入模板.csv";
    public const string XlsxName = "登记导入模板.xlsx";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The headers of a sheet, in the importer's order.</summary>
    public static IReadOnlyList<string> Headers(string sheet) => Sheets.ColumnsOf(sheet).Select(c => c.Header).ToList();

    /// <summary>The sheets of the workbook template, in the importer's order.</summary>
    public static IReadOnlyList<string> SheetNames => Sheets.Order;

    /// <summary>The CSV template: UTF-8 with a byte-order mark (Excel then reads the Chinese), the 场所 header row.</summary>
    public static byte[] Csv() =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(',', Headers(Sheets.Sites)) + "\r\n")];

    /// <summary>The workbook template: one sheet per importer sheet, its header row only.</summary>
    public static byte[] Xlsx()
    {
        var sheets = Sheets.Order.ToDictionary(s => s, s => (object)new[]
        {
            Headers(s).Select((h, i) => (Key: $"c{i}", Value: (object)h)).ToDictionary(x => x.Key, x => x.Value),
        });
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false);
        return stream.ToArray();
    }
}
