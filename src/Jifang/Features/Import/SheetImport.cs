using System.Collections.Frozen;
using Jifang.Rules.Vocabulary;
using Jifang.Rules.Text;

namespace Jifang.Features.Import;

/// <summary>Reads a CSV file of sites, or a workbook of sites, systems, devices, products and contractors, into an import plan.</summary>
internal static partial class SheetImport
{
    private static readonly FrozenDictionary<string, string> SiteMap = Sheets.PropertyColumns(Sheets.SiteColumns);
    private static readonly FrozenDictionary<string, string> SystemMap = Sheets.PropertyColumns(Sheets.SystemColumns);
    private static readonly FrozenDictionary<string, string> DeviceMap = Sheets.PropertyColumns(Sheets.DeviceColumns);
    private static readonly FrozenDictionary<string, string> ProductMap = Sheets.PropertyColumns(Sheets.ProductColumns);
    private static readonly FrozenDictionary<string, string> ContractorMap = Sheets.PropertyColumns(Sheets.ContractorColumns);

    public static void ReadCsv(Stream seekable, ImportLimits limits, ImportPlan plan)
    {
        using var table = SheetReader.Csv(seekable, limits);
        if (table.Headers.All(h => h.Length == 0))
        {
            plan.Errors.Add(ImportError.General("文件为空：第 1 行应为列名（场所编号、场所名称、场所类别……）"));
            return;
        }
        ReadSites(table, plan);
    }

    public static void ReadWorkbook(Stream seekable, ImportLimits limits, ImportPlan plan)
    {
        WorkbookReader workbook;
        try
        {
            workbook = WorkbookReader.Open(seekable, limits);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException or NotSupportedException)
        {
            plan.Errors.Add(ImportError.General($"无法读取 Excel 工作簿（应为 .xlsx 格式）：{ex.Message}"));
            return;
        }
        using (workbook)
        {
            ReadSheets(workbook, plan);
        }
    }

    private static void ReadSheets(WorkbookReader workbook, ImportPlan plan)
    {
        var names = workbook.SheetNames;
        // A workbook of one sheet is a sheet of sites whatever it is called.
        var siteSheet = names.Contains(Sheets.Sites) ? Sheets.Sites : names.Count == 1 ? names[0] : null;
        if (siteSheet is null)
        {
            plan.Errors.Add(ImportError.General($"工作簿中没有“{Sheets.Sites}”工作表（现有：{string.Join("、", names)}）"));
            return;
        }
        foreach (var other in names.Where(n => n != siteSheet && !Sheets.Order.Contains(n)))
        {
            plan.Warnings.Add($"工作表“{other}”不是导入表（{string.Join("、", Sheets.Order)}），已忽略");
        }
        Dictionary<string, SitePlan> byCode;
        using (var sites = new SheetTable(siteSheet, workbook.Rows(siteSheet)))
        {
            byCode = ReadSites(sites, plan);
        }
        Read(workbook, Sheets.Systems, t => ReadSystems(t, byCode, plan));
        Read(workbook, Sheets.Devices, t => ReadDevices(t, byCode, plan));
        Read(workbook, Sheets.Products, t => ReadProducts(t, byCode, plan));
        Read(workbook, Sheets.Contractors, t => ReadContractors(t, byCode, plan));
    }

    private static void Read(WorkbookReader workbook, string sheet, Action<SheetTable> read)
    {
        if (workbook.SheetNames.Contains(sheet))
        {
            using var table = new SheetTable(sheet, workbook.Rows(sheet));
            read(table);
        }
    }

    /// <summary>Header → column position, after checking the header row; null when a required column is missing.</summary>
    private static Dictionary<string, int>? Index(SheetTable table, SheetColumn[] columns, ImportPlan plan)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = columns.Select(c => c.Header).ToArray();
        var where = table.Name is null ? "第 1 行" : $"{table.Name} 第 1 行";
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var header = SheetTable.Normalize(table.Headers[i]);
            if (header.Length == 0)
            {
                continue;
            }
            if (!known.Contains(header))
            {
                // A near-miss would silently drop what the column says: an error, as in facts files; anything else is a note column.
                if (NearMiss.Closest(header, known) is { } suggestion)
                {
                    plan.Errors.Add(new ImportError(table.Name, 1, PlainText.Visible(header), null, $"未知列（是否应为“{suggestion}”？）"));
                }
                else
                {
                    plan.Warnings.Add($"{where}: 未知列“{PlainText.Visible(header)}”，已忽略");
                }
                continue;
            }
            if (!index.TryAdd(header, i))
            {
                plan.Errors.Add(new ImportError(table.Name, 1, header, null, "列名重复"));
            }
        }
        var missing = columns.Where(c => c.Required && !index.ContainsKey(c.Header)).ToList();
        foreach (var column in missing)
        {
            plan.Errors.Add(new ImportError(table.Name, 1, null, null, $"缺少必填列“{column.Header}”"));
        }
        return missing.Count == 0 ? index : null;
    }

    /// <summary>The non-blank rows, each cell of a known column first through the text rule (<see cref="PlainText"/>): a
    /// refused cell is reported once, for why it was refused, and read as empty.</summary>
    private static IEnumerable<RowCells> Rows(SheetTable table, Dictionary<string, int> index, SheetColumn[] columns, FrozenDictionary<string, string> map, ImportPlan plan)
    {
        foreach (var row in table.Rows.Where(r => !r.IsBlank))
        {
            var origin = new RowOrigin(table.Name, row.Number, map);
            foreach (var column in columns)
            {
                if (index.TryGetValue(column.Header, out var i) && i < row.Cells.Length && row.Cells[i] is string text
                    && PlainText.Problem(text, column.MultiLine, column.MaxLength) is { } problem)
                {
                    plan.Refuse(origin.Column(column.Header, problem));
                    row.Cells[i] = null;
                }
            }
            yield return new RowCells(table, index, row, origin, plan.Errors);
        }
    }

    private static Dictionary<string, SitePlan> ReadSites(SheetTable table, ImportPlan plan)
    {
        var byCode = new Dictionary<string, SitePlan>(StringComparer.Ordinal);
        if (Index(table, Sheets.SiteColumns, plan) is not { } index)
        {
            return byCode;
        }
        foreach (var c in Rows(table, index, Sheets.SiteColumns, SiteMap, plan))
        {
            var code = c.Text(Sheets.SiteCode);
            var credit = c.Text(Sheets.UnitCreditCode);
            var unitName = c.Text(Sheets.UnitName);
            var site = new SitePlan
            {
                Origin = c.Origin,
                Code = code,
                Unit = credit is null && unitName is null ? null : new UnitReference(credit?.ToUpperInvariant(), unitName),
                Name = c.Text(Sheets.SiteName),
                DivisionCode = c.Text(Sheets.Division),
                Address = c.Text(Sheets.Address),
                ContactPhone = c.Text(Sheets.ContactPhone),
                Categories = c.Codes(Sheets.Categories, Vocab.SiteCategories),
                Parts = c.Codes(Sheets.Parts, Vocab.Parts),
                PublicArea = c.Bool(Sheets.PublicArea),
                Large = c.Bool(Sheets.Large),
                Urban = c.Bool(Sheets.Urban),
                InvolvesStateSecrets = c.Bool(Sheets.StateSecrets),
                HoldsImportantItems = c.Bool(Sheets.ImportantItems),
                NonPublicPlace = c.Bool(Sheets.NonPublicPlace),
            };
            if (code is not null && !byCode.TryAdd(code, site))
            {
                plan.Errors.Add(c.Origin.Column(Sheets.SiteCode, $"场所编号“{code}”与第 {((RowOrigin)byCode[code].Origin).Row} 行重复"));
            }
            plan.Sites.Add(site);
        }
        return byCode;
    }
}
