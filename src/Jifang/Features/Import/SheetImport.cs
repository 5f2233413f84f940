using System.Collections.Frozen;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;

namespace Jifang.Features.Import;

/// <summary>Reads a CSV file of sites, or a workbook of sites, systems, devices, products and contractors, into an import plan.</summary>
internal static class SheetImport
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
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException)
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
            plan.Errors.Add(ImportError.General($"工作簿中没有“{Sheets.Sites}”工作表（现有：{ImportText.Visible(string.Join("、", names))}）"));
            return;
        }
        foreach (var other in names.Where(n => n != siteSheet && !Sheets.Order.Contains(n)))
        {
            plan.Warnings.Add($"工作表“{ImportText.Visible(other)}”不是导入表（{string.Join("、", Sheets.Order)}），已忽略");
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
                    plan.Errors.Add(new ImportError(table.Name, 1, ImportText.Visible(header), null, $"未知列（是否应为“{suggestion}”？）"));
                }
                else
                {
                    plan.Warnings.Add($"{where}: 未知列“{ImportText.Visible(header)}”，已忽略");
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

    /// <summary>The non-blank rows, each cell of a known column first through the text rule (<see cref="ImportText"/>): a
    /// refused cell is reported once, for why it was refused, and read as empty.</summary>
    private static IEnumerable<RowCells> Rows(SheetTable table, Dictionary<string, int> index, SheetColumn[] columns, FrozenDictionary<string, string> map, ImportPlan plan)
    {
        foreach (var row in table.Rows.Where(r => !r.IsBlank))
        {
            var origin = new RowOrigin(table.Name, row.Number, map);
            foreach (var column in columns)
            {
                if (index.TryGetValue(column.Header, out var i) && i < row.Cells.Length && row.Cells[i] is string text
                    && ImportText.Problem(text, column.MaxLength, column.MultiLine) is { } problem)
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
                Categories = c.Codes(Sheets.Categories, Vocab.SiteCategories),
                Parts = c.Codes(Sheets.Parts, Vocab.Parts),
                PublicArea = c.Bool(Sheets.PublicArea),
                Large = c.Bool(Sheets.Large),
                Urban = c.Bool(Sheets.Urban),
                InvolvesStateSecrets = c.Bool(Sheets.StateSecrets),
                HoldsImportantItems = c.Bool(Sheets.ImportantItems),
            };
            if (code is not null && !byCode.TryAdd(code, site))
            {
                plan.Errors.Add(c.Origin.Column(Sheets.SiteCode, $"场所编号“{code}”与第 {((RowOrigin)byCode[code].Origin).Row} 行重复"));
            }
            plan.Sites.Add(site);
        }
        return byCode;
    }

    /// <summary>The site a row of another sheet names by its 场所编号, or null (with an error).</summary>
    private static SitePlan? SiteOf(RowCells c, Dictionary<string, SitePlan> byCode, ImportPlan plan)
    {
        var code = c.Text(Sheets.SiteCode);
        if (code is null)
        {
            plan.Errors.Add(c.Origin.Column(Sheets.SiteCode, $"缺少场所编号（即“{Sheets.Sites}”表中的场所编号）"));
            return null;
        }
        if (!byCode.TryGetValue(code, out var site))
        {
            var hint = NearMiss.Closest(code, byCode.Keys.Take(10_000)) is { } s ? $"（是否应为“{s}”？）" : "";
            plan.Errors.Add(c.Origin.Column(Sheets.SiteCode, $"“{Sheets.Sites}”表中没有场所编号“{code}”{hint}"));
            return null;
        }
        return site;
    }

    /// <summary>The system a row names by 系统名称 within its site, or null (with an error when one was named or <paramref name="required"/>).</summary>
    private static SystemPlan? SystemOf(RowCells c, SitePlan site, bool required, ImportPlan plan)
    {
        var name = c.Text(Sheets.SystemName);
        if (name is null)
        {
            if (required)
            {
                plan.Errors.Add(c.Origin.Column(Sheets.SystemName, $"缺少系统名称（即“{Sheets.Systems}”表中该场所的系统名称）"));
            }
            return null;
        }
        var system = site.Systems.FirstOrDefault(s => s.Key == name);
        if (system is null)
        {
            var hint = NearMiss.Closest(name, site.Systems.Select(s => s.Key)) is { } s ? $"（是否应为“{s}”？）" : "";
            plan.Errors.Add(c.Origin.Column(Sheets.SystemName, $"场所“{site.Code}”在“{Sheets.Systems}”表中没有名为“{name}”的系统{hint}"));
        }
        return system;
    }

    private static void ReadSystems(SheetTable table, Dictionary<string, SitePlan> byCode, ImportPlan plan)
    {
        if (Index(table, Sheets.SystemColumns, plan) is not { } index)
        {
            return;
        }
        foreach (var c in Rows(table, index, Sheets.SystemColumns, SystemMap, plan))
        {
            var site = SiteOf(c, byCode, plan);
            var request = RowRequests.System(c);
            if (site is null)
            {
                continue;
            }
            var key = request.Name?.Trim() ?? "";
            if (key.Length > 0 && site.Systems.FirstOrDefault(s => s.Key == key) is { } same)
            {
                plan.Errors.Add(c.Origin.Column(Sheets.SystemName, $"场所“{site.Code}”已有名为“{key}”的系统（第 {((RowOrigin)same.Origin).Row} 行）；同一场所内系统名称应唯一"));
                continue;
            }
            site.Systems.Add(new SystemPlan { Origin = c.Origin, Key = key, Request = request });
        }
    }

    private static void ReadDevices(SheetTable table, Dictionary<string, SitePlan> byCode, ImportPlan plan)
    {
        if (Index(table, Sheets.DeviceColumns, plan) is not { } index)
        {
            return;
        }
        foreach (var c in Rows(table, index, Sheets.DeviceColumns, DeviceMap, plan))
        {
            if (SiteOf(c, byCode, plan) is not { } site)
            {
                continue;
            }
            var system = SystemOf(c, site, required: false, plan);
            var request = new DeviceRequest(
                c.Text(Sheets.DeviceName), c.Text(Sheets.DeviceKind), system?.Id,
                c.Codes(Sheets.Captures, Vocab.Captures),
                c.Text(Sheets.Zone) is { } zone ? VocabText.Code(Vocab.Zones, zone) : null);
            site.Devices.Add(new DevicePlan { Origin = c.Origin, Request = request, SystemKey = system?.Key });
        }
    }

    private static void ReadProducts(SheetTable table, Dictionary<string, SitePlan> byCode, ImportPlan plan)
    {
        if (Index(table, Sheets.ProductColumns, plan) is not { } index)
        {
            return;
        }
        foreach (var c in Rows(table, index, Sheets.ProductColumns, ProductMap, plan))
        {
            if (SiteOf(c, byCode, plan) is not { } site || SystemOf(c, site, required: true, plan) is not { } system)
            {
                continue;
            }
            system.Request.Products!.Add(new ProductRequest(c.Text(Sheets.Model), c.Text(Sheets.Manufacturer), c.Bool(Sheets.InCatalog), c.Bool(Sheets.MeetsStandard)));
            system.ProductOrigins.Add(c.Origin);
        }
    }

    private static void ReadContractors(SheetTable table, Dictionary<string, SitePlan> byCode, ImportPlan plan)
    {
        if (Index(table, Sheets.ContractorColumns, plan) is not { } index)
        {
            return;
        }
        foreach (var c in Rows(table, index, Sheets.ContractorColumns, ContractorMap, plan))
        {
            if (SiteOf(c, byCode, plan) is not { } site || SystemOf(c, site, required: true, plan) is not { } system)
            {
                continue;
            }
            var role = c.Text(Sheets.ContractorRole) is { } r ? Sheets.Role(r) : null;
            system.Request.Contractors!.Add(new ContractorRequest(c.Text(Sheets.ContractorName), role, c.Bool(Sheets.Qualified)));
            system.ContractorOrigins.Add(c.Origin);
        }
    }
}
