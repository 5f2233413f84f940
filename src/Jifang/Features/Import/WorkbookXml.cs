using System.Globalization;
using System.Text;
using System.Xml;

namespace Jifang.Features.Import;

/// <summary>The values of a worksheet's cells as <see cref="SheetReader.Text"/> and <see cref="RowCells"/> expect them:
/// text, double, bool or DateTime; and the text of shared and inline strings (runs joined, phonetic guides left out).</summary>
internal static class XmlText
{
    /// <summary>The value of the <c>c</c> element the reader is on (it ends on the element's last node); null when empty.</summary>
    public static object? Cell(XmlReader xml, string? type, Func<List<string>> shared)
    {
        if (xml.IsEmptyElement)
        {
            return null;
        }
        string? value = null;
        string? inline = null;
        var depth = xml.Depth;
        var inValue = false;
        // By hand, node by node: the reader must end on this cell's end tag, not on (or past) the next cell.
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "v" })
            {
                inValue = !xml.IsEmptyElement;
                value = "";
            }
            else if (xml is { NodeType: XmlNodeType.EndElement, LocalName: "v" })
            {
                inValue = false;
            }
            else if (inValue && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                value += xml.Value;
            }
            else if (xml is { NodeType: XmlNodeType.Element, LocalName: "is" })
            {
                inline = Of(xml);
            }
        }
        return type switch
        {
            "inlineStr" => inline,
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && shared() is var strings && i < strings.Count
                ? strings[i]
                : throw new InvalidDataException($"共享字符串编号无效：{value}"),
            "b" => value is null ? null : value == "1",
            "str" or "e" => value,
            "d" => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : value,
            _ => value is null ? null : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : value,
        };
    }

    /// <summary>The text of the <c>si</c> or <c>is</c> element the reader is on: its <c>t</c> elements, runs included,
    /// phonetic runs (<c>rPh</c>) left out, with Excel's <c>_xHHHH_</c> escapes decoded.</summary>
    public static string Of(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }
        var text = new StringBuilder();
        var depth = xml.Depth;
        var phonetic = -1;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == phonetic)
            {
                phonetic = -1;
            }
            else if (xml is { NodeType: XmlNodeType.Element, LocalName: "rPh", IsEmptyElement: false })
            {
                phonetic = xml.Depth;
            }
            else if (phonetic < 0 && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                text.Append(xml.Value);
            }
        }
        return Decode(text.ToString());
    }

    /// <summary>"_x0001_" → U+0001, "_x005F_" → "_": how Excel writes characters XML cannot carry (ECMA-376 ST_Xstring).</summary>
    public static string Decode(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }
}

/// <summary>Passes an inflating entry through, counting its bytes, and throws once more than <paramref name="budget"/> come:
/// an entry that inflates beyond what its header declares, or beyond what is left of the workbook's cap.</summary>
internal sealed class CountingStream(Stream inner, long budget, Action<int> counted, Func<Exception> exceeded) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int n)
    {
        _read += n;
        counted(n);
        if (_read > budget)
        {
            throw exceeded();
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
