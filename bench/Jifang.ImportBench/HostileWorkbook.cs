using System.IO.Compression;
using System.Text;

namespace Jifang.ImportBench;

/// <summary>The workbook of issue 9 (1.7 KB): a header in A1:D1 and a cell at column XFD (16,384) in rows 2 and 20, the
/// dimension saying A1:XFD20. It cost 7 s and 94 s of CPU when every row was made as wide as its furthest column.</summary>
internal static class HostileWorkbook
{
    public static void Write(string path)
    {
        const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/package/2006/relationships";
        static string Cell(string r, string text) => $"<c r=\"{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string xml)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(Encoding.UTF8.GetBytes(xml));
        }
        Add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
        Add("_rels/.rels", $"<Relationships xmlns=\"{Rel}\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Add("xl/workbook.xml", $"<workbook xmlns=\"{Ns}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        Add("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{Rel}\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        Add("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{Ns}\"><dimension ref=\"A1:XFD20\"/><sheetData>" +
            $"<row r=\"1\">{Cell("A1", "场所名称")}{Cell("B1", "场所类别")}{Cell("C1", "部位")}{Cell("D1", "地址")}</row>" +
            $"<row r=\"2\">{Cell("XFD2", "x")}</row><row r=\"20\">{Cell("XFD20", "x")}</row></sheetData></worksheet>");
    }
}
