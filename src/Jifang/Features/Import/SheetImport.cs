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

    public static void ReadCsv(byte[] bytes, ImportPlan plan)
    {
        if (SheetReader.ReadCsv(bytes, plan.Errors) is { } table)
        {
            ReadSites(table, plan);
        }
    }

    public static void ReadWorkbook(byte[] bytes, ImportPlan plan)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        if (SheetReader.SheetNames(stream, plan.Errors) is not { } names)
        {
            return;
        }
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
        if (SheetReader.ReadSheet(stream, siteSheet, plan.Errors) is not { } sites)
        {
            return;
        }
        var byCode = ReadSites(sites, plan);
        if (Read(stream, names, Sheets.Systems, plan) is { } systems)
        {
            ReadSystems(systems, byCode, plan);
        }
        if (Read(stream, names, Sheets.Devices, plan) is { } devices)
        {
            ReadDevices(devices, byCode, plan);
        }
        if (Read(stream, names, Sheets.Products, plan) is { } products)
        {
            ReadProducts(products, byCode, plan);
        }
        if (Read(stream, names, Sheets.Contractors, plan) is { } contractors)
        {
            ReadContractors(contractors, byCode, plan);
        }
    }

    private static SheetTable? Read(Stream stream, List<string> names, string sheet, ImportPlan plan) =>
        names.Contains(sheet) ? SheetReader.ReadSheet(stream, sheet, plan.Errors) : null;

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
                    plan.Errors.Add(new ImportError(table.Name, 1, header, null, $"未知列（是否应为“{suggestion}”？）"));
                }
                else
                {
                    plan.Warnings.Add($"{where}: 未知列“{header}”，已忽略");
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

    private static IEnumerable<RowCells> Rows(SheetTable table, Dictionary<string, int> index, FrozenDictionary<string, string> map, ImportPlan plan) =>
        table.Rows.Where(r => !r.IsBlank).Select(r => new RowCells(table, index, r, new RowOrigin(table.Name, r.Number, map), plan.Errors));

    private static Dictionary<string, SitePlan> ReadSites(SheetTable table, ImportPlan plan)
    {
        var byCode = new Dictionary<string, SitePlan>(StringComparer.Ordinal);
        if (Index(table, Sheets.SiteColumns, plan) is not { } index)
        {
            return byCode;
        }
        foreach (var c in Rows(table, index, SiteMap, plan))
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
        foreach (var c in Rows(table, index, SystemMap, plan))
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
        foreach (var c in Rows(table, index, DeviceMap, plan))
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
        foreach (var c in Rows(table, index, ProductMap, plan))
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
        foreach (var c in Rows(table, index, ContractorMap, plan))
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
