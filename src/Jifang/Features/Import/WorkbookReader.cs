using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Jifang.Rules.Text;

namespace Jifang.Features.Import;

/// <summary>
/// Reads an .xlsx workbook with the framework's zip and XML readers, row by row, within <see cref="ImportLimits"/>.
/// Not MiniExcel: its query materialises every row up to the column the sheet's dimension (or its furthest cell) names,
/// so one cell at XFD made every row 16,384 cells wide (a 1.7 KB file cost minutes of CPU). Here nothing is sized by a
/// column index or a dimension: a cell beyond <see cref="ImportLimits.MaxColumns"/> refuses the file where it is met, a
/// row holds only up to its last cell, and every byte inflated counts against <see cref="ImportLimits.MaxUncompressedBytes"/>,
/// whatever the entry's header declares.
/// </summary>
internal sealed class WorkbookReader : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Xml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, CloseInput = true };

    private readonly ZipArchive _zip;
    private readonly ImportLimits _limits;
    private readonly Dictionary<string, string> _sheets = new(StringComparer.Ordinal);
    private long _inflated;
    private List<string>? _shared;

    private WorkbookReader(ZipArchive zip, ImportLimits limits)
    {
        _zip = zip;
        _limits = limits;
    }

    /// <summary>The sheets by name, in the workbook's order.</summary>
    public List<string> SheetNames { get; } = [];

    /// <summary>Opens the workbook and reads its sheet list; a damaged file is an <see cref="InvalidDataException"/>
    /// or <see cref="XmlException"/>, a declared size beyond the cap an <see cref="ImportRefusedException"/>.</summary>
    public static WorkbookReader Open(Stream seekable, ImportLimits limits)
    {
        var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        var reader = new WorkbookReader(zip, limits);
        try
        {
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (entry.Length > limits.MaxUncompressedBytes || declared > limits.MaxUncompressedBytes)
                {
                    throw reader.Inflation();
                }
            }
            reader.ReadSheetList();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose() => _zip.Dispose();

    private ImportRefusedException Inflation() => ImportRefusedException.General(ImportLimits.UncompressedBytesKey,
        $"工作簿解压后超过上限 {ImportLimits.Bytes(_limits.MaxUncompressedBytes)}（{ImportLimits.UncompressedBytesKey}），请分批导入");

    /// <summary>An entry's XML, every byte inflated counted against the cap (an entry that inflates beyond its declared size too).</summary>
    private XmlReader? Open(string path)
    {
        var entry = _zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }
        var budget = Math.Min(entry.Length, _limits.MaxUncompressedBytes - _inflated);
        return XmlReader.Create(new CountingStream(entry.Open(), budget, n => _inflated += n, Inflation), Xml);
    }

    private void ReadSheetList()
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var rels = Open("xl/_rels/workbook.xml.rels") ?? throw new InvalidDataException("缺少 xl/_rels/workbook.xml.rels"))
        {
            while (rels.Read())
            {
                if (rels is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && rels.GetAttribute("Id") is { } id && rels.GetAttribute("Target") is { } target)
                {
                    targets[id] = target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }
        using var workbook = Open("xl/workbook.xml") ?? throw new InvalidDataException("缺少 xl/workbook.xml");
        while (workbook.Read())
        {
            // A sheet's name is shown in every message about it: a control character in it is shown as [U+XXXX].
            if (workbook is { NodeType: XmlNodeType.Element, LocalName: "sheet" } && workbook.GetAttribute("name") is { } raw && PlainText.Visible(raw) is var name
                && workbook.GetAttribute("id", Relationships) is { } rid && targets.TryGetValue(rid, out var path) && !_sheets.ContainsKey(name))
            {
                _sheets[name] = path;
                SheetNames.Add(name);
            }
        }
    }

    /// <summary>The shared strings, read once when a sheet first needs them; each is a cell's text (with Excel's _xHHHH_ escapes decoded).</summary>
    private List<string> Shared()
    {
        if (_shared is not null)
        {
            return _shared;
        }
        _shared = [];
        using var xml = Open("xl/sharedStrings.xml");
        while (xml is not null && xml.Read())
        {
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "si" })
            {
                // A workbook needs no more distinct strings than it may have cells: millions of empty <si/> would cost
                // far more memory as references than as bytes.
                if (_shared.Count >= _limits.EffectiveMaxCells)
                {
                    throw ImportRefusedException.General(ImportLimits.CellsKey, $"工作簿的共享字符串超过 {ImportLimits.Count(_limits.EffectiveMaxCells)} 个（{ImportLimits.CellsKey}）");
                }
                _shared.Add(XmlText.Of(xml));
            }
        }
        return _shared;
    }

    /// <summary>The rows of a sheet, as they are read (row 1 first, blank rows skipped by the file itself). Throws
    /// <see cref="ImportRefusedException"/> at the first row, column or cell beyond its cap.</summary>
    public IEnumerable<SheetRow> Rows(string sheet)
    {
        using var xml = Open(_sheets[sheet]) ?? throw new InvalidDataException($"缺少工作表“{sheet}”的数据");
        var rows = 0;
        long cells = 0;
        var number = 0;
        while (xml.Read())
        {
            if (xml is not { NodeType: XmlNodeType.Element, LocalName: "row", NamespaceURI: Main })
            {
                continue;
            }
            number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > number ? r : number + 1;
            if (++rows > _limits.MaxRows + 1)
            {
                throw ImportRefusedException.General(ImportLimits.RowsKey, $"工作表“{sheet}”超过 {ImportLimits.Count(_limits.MaxRows)} 行数据的上限（{ImportLimits.RowsKey}），请分批导入");
            }
            var values = new List<object?>();
            if (!xml.IsEmptyElement)
            {
                ReadCells(xml, sheet, number, values, ref cells);
            }
            yield return new SheetRow(number, [.. values]);
        }
    }

    private void ReadCells(XmlReader xml, string sheet, int row, List<object?> values, ref long cells)
    {
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml is not { NodeType: XmlNodeType.Element, LocalName: "c" })
            {
                continue;
            }
            var column = CellColumn(xml.GetAttribute("r"), values.Count);
            if (column >= _limits.MaxColumns)
            {
                var letters = xml.GetAttribute("r") is { } reference ? reference.TrimEnd("0123456789".ToCharArray()) : null;
                throw new ImportRefusedException(new ImportError(sheet, row, letters, null,
                    $"超出列数上限：导入表最多 {_limits.MaxColumns} 列（{ImportLimits.ColumnsKey}），请删除右侧多余的单元格"));
            }
            var value = XmlText.Cell(xml, xml.GetAttribute("t"), Shared);
            if (value is null)
            {
                continue;
            }
            if (++cells > _limits.EffectiveMaxCells)
            {
                throw ImportRefusedException.General(ImportLimits.CellsKey, $"工作表“{sheet}”超过 {ImportLimits.Count(_limits.EffectiveMaxCells)} 个非空单元格的上限（{ImportLimits.CellsKey}）");
            }
            while (values.Count < column)
            {
                values.Add(null);
            }
            values.Add(value);
        }
    }

    /// <summary>"XFD2" → 16383 (zero-based); no reference: the cell after the last. Stops counting letters once past any cap.</summary>
    private static int CellColumn(string? reference, int next)
    {
        if (string.IsNullOrEmpty(reference) || !char.IsAsciiLetter(reference[0]))
        {
            return next;
        }
        var column = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (column > 1 << 20)
            {
                return int.MaxValue;
            }
        }
        return column - 1;
    }
}
