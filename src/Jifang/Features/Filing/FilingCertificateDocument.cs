using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Jifang.Features.Filing;

/// <summary>The certificate (备案回执) as a Word document: the same text as its page.</summary>
public static class FilingCertificateDocument
{
    public static byte[] Write(FilingCertificateDto c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph("公共安全视频系统备案回执" + (c.KindLabel == "备案变更" ? "（备案变更）" : ""), bold: true, size: 36, center: true));
            body.Append(Paragraph(c.Number, center: true));
            foreach (var (label, value) in Lines(c))
            {
                body.Append(Paragraph($"{label}：{value}"));
            }
            body.Append(Paragraph($"依据{c.Citation}，该系统已向{c.Authority}备案。"));
            body.Append(Paragraph(c.CitationText, size: 18));
            body.Append(Paragraph($"{c.Authority}    {c.AcceptedOn:yyyy年M月d日}", center: false));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The certificate's lines, label and value, in order: shared with the page.</summary>
    public static IReadOnlyList<(string Label, string Value)> Lines(FilingCertificateDto c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var f = c.Facts;
        return
        [
            ("管理单位", f.UnitName),
            ("统一社会信用代码", f.CreditCode ?? "（未登记）"),
            ("场所", f.SiteName),
            ("建设位置", f.Address),
            ("系统名称", f.SystemName),
            ("图像采集设备数量", f.DeviceCount.ToString(CultureInfo.InvariantCulture)),
            ("图像采集设备类型", f.DeviceKinds.Count == 0 ? "（无）" : string.Join("、", f.DeviceKinds)),
            ("视频图像信息存储期限", f.RetentionDays is { } d ? $"{d} 日" : "（未登记）"),
            ("投入使用日期", f.InServiceSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（未登记）"),
            ("受理日期", c.AcceptedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("受理人", c.AcceptedBy),
        ];
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false)
    {
        // In the schema's order: fonts, bold, size.
        var props = new RunProperties(new RunFonts { EastAsia = "宋体" });
        if (bold)
        {
            props.Append(new Bold());
        }
        props.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }
        return paragraph;
    }
}
