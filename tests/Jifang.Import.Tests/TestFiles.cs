using System.IO.Compression;
using System.Security;
using System.Text;

namespace Jifang.Import.Tests;

/// <summary>Files written byte by byte, for what a spreadsheet program would never save: a cell at column XFD, a sheet
/// of megabytes of whitespace, an entry whose header lies about its size.</summary>
internal static class TestFiles
{
    public const string SitesHeader = "场所编号,场所名称,场所类别,部位";

    /// <summary>A CSV of <paramref name="rows"/> hotels named <c>{prefix}-N</c>.</summary>
    public static byte[] Csv(int rows, string prefix)
    {
        var text = new StringBuilder(SitesHeader).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo(i)).Append(',').Append(prefix).Append('-').Append(CultureInfo(i)).Append(",hotel,main-entrance\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string CultureInfo(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An inline-string cell.</summary>
    public static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A row of inline-string cells from column A on.</summary>
    public static string Row(int number, params string[] texts) =>
        $"<row r=\"{number}\">" + string.Concat(texts.Select((t, i) => Cell($"{(char)('A' + i)}{number}", t))) + "</row>";

    public static string Sheet(string rows, string? dimension = null, string padding = "") =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
        (dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>") + padding + $"<sheetData>{rows}</sheetData></worksheet>";

    /// <summary>A workbook of the given sheets (name, worksheet XML), as the smallest valid .xlsx.</summary>
    public static byte[] Workbook(params (string Name, string Xml)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")) +
                "</Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) +
                "</sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) +
                "</Relationships>");
            for (var i = 0; i < sheets.Length; i++)
            {
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml", sheets[i].Xml);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The workbook with one more entry.</summary>
    public static byte[] WithEntry(byte[] workbook, string name, string text)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            Add(zip, name, text);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Rewrites the uncompressed size the zip's headers declare for the entry <paramref name="name"/> (local header
    /// and central directory), as a hostile file would, leaving the data as it is.</summary>
    public static byte[] DeclareSize(byte[] zip, string name, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && Matches(bytes, i + 30, BitConverter.ToUInt16(bytes, i + 26), nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && Matches(bytes, i + 46, BitConverter.ToUInt16(bytes, i + 28), nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), size);
            }
        }
        return bytes;
    }

    private static bool Matches(byte[] bytes, int at, int length, byte[] name) =>
        length == name.Length && at + length <= bytes.Length && bytes.AsSpan(at, length).SequenceEqual(name);
}
