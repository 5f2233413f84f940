using System.Globalization;
using System.Text;

namespace Jifang.Features.Demo;

/// <summary>
/// A one-page PDF (PDF 1.4, Helvetica, ASCII lines) with a correct cross-reference table: the demo projects' documents are
/// real files a viewer opens, small enough to seed quickly, and each one different (its lines name the project).
/// </summary>
internal static class DemoPdf
{
    public static byte[] Make(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("BT /F1 14 Tf 72 760 Td 18 TL\n");
        foreach (var line in lines)
        {
            var ascii = new string(line.Select(ch => ch is >= ' ' and <= '~' ? ch : '?').ToArray());
            text.Append('(').Append(ascii.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal)
                .Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }
        text.Append("ET");
        var stream = text.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            string.Create(c, $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream"),
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(c, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(c, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(c, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(c, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
