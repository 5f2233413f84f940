using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;

namespace Jifang.Features.Import;

// The sheets that hang off the sites by 场所编号 (and 系统名称): systems, devices, products, contractors.
internal static partial class SheetImport
{
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
