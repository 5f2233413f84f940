using FluentValidation;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;
using Jifang.Rules.Text;

namespace Jifang.Features.Import;

// The checks before anything is written: units and divisions, the API's validators, the report's order.
public sealed partial class Importer
{
    /// <summary>Finds each site's unit (its row's, else the caller's) and division (its row's, else the caller's, else the unit's).</summary>
    private async Task ResolveAsync(ImportPlan plan, ImportOptions options, CancellationToken ct)
    {
        if (options.Division is { } division && !DivisionPattern().IsMatch(division))
        {
            plan.Errors.Add(ImportError.Option("--division", "行政区划代码应为 6 位数字（GB/T 2260）"));
        }
        else if (options.Division is { } known && divisions.Problem(known) is { } problem)
        {
            plan.Errors.Add(ImportError.Option("--division", problem));
        }
        Unit? fallback = null;
        // A unit user imports into their own unit unless they name it.
        var unitRef = string.IsNullOrWhiteSpace(options.Unit) && db.Scope.UnitId is { } own ? own.ToString() : options.Unit;
        if (!string.IsNullOrWhiteSpace(unitRef))
        {
            (fallback, var problem) = await FindUnitAsync(unitRef, ct);
            if (problem is not null)
            {
                plan.Errors.Add(ImportError.Option("--unit", problem));
            }
        }
        else if (plan.Format == ImportFormat.Facts)
        {
            plan.Errors.Add(ImportError.Option("--unit", "导入事实文件须指定所属单位（单位标识、统一社会信用代码或名称）"));
        }
        var byCredit = new Dictionary<string, (Unit? Unit, string? Problem)>(StringComparer.Ordinal);
        var byName = new Dictionary<string, (Unit? Unit, string? Problem)>(StringComparer.Ordinal);
        foreach (var site in plan.Sites)
        {
            Unit? unit = null;
            if (site.Unit is { CreditCode: { } credit } reference)
            {
                if (!byCredit.TryGetValue(credit, out var found))
                {
                    found = await FindUnitAsync(db.Units.Where(u => u.CreditCode == credit), $"统一社会信用代码为 {credit}", ct);
                    byCredit[credit] = found;
                }
                if (found.Problem is not null)
                {
                    plan.Errors.Add(site.Origin.At("UnitId", found.Problem));
                }
                else if (reference.Name is { } name && name != found.Unit!.Name)
                {
                    plan.Errors.Add(site.Origin.At("UnitName", $"与统一社会信用代码 {credit} 所指单位（{found.Unit.Name}）不一致"));
                }
                unit = found.Unit;
            }
            else if (site.Unit is { Name: { } name })
            {
                if (!byName.TryGetValue(name, out var found))
                {
                    found = await FindUnitAsync(db.Units.Where(u => u.Name == name), $"名称为“{name}”", ct);
                    byName[name] = found;
                }
                if (found.Problem is not null)
                {
                    plan.Errors.Add(site.Origin.At("UnitName", found.Problem));
                }
                unit = found.Unit;
            }
            else if (fallback is not null)
            {
                unit = fallback;
            }
            else if (string.IsNullOrWhiteSpace(unitRef) && plan.Format != ImportFormat.Facts)
            {
                plan.Errors.Add(site.Origin.At("UnitId", "缺少所属单位：请填写单位统一社会信用代码或单位名称，或在导入时指定单位"));
            }
            site.ResolvedUnit = unit;
            if (string.IsNullOrWhiteSpace(site.DivisionCode))
            {
                site.DivisionCode = options.Division ?? unit?.DivisionCode;
            }
        }
    }

    private async Task<(Unit? Unit, string? Problem)> FindUnitAsync(string text, CancellationToken ct)
    {
        var t = text.Trim();
        if (PlainText.Problem(t, false, Sheets.Name) is { } problem)
        {
            // Never asked of the database: PostgreSQL refuses a NUL in a parameter with an error of its own.
            return (null, problem);
        }
        if (Guid.TryParse(t, out var id))
        {
            return await FindUnitAsync(db.Units.Where(u => u.Id == id), $"标识为 {id}", ct);
        }
        var credit = t.ToUpperInvariant();
        if (await db.Units.AnyAsync(u => !u.Archived && u.CreditCode == credit, ct))
        {
            return await FindUnitAsync(db.Units.Where(u => u.CreditCode == credit), $"统一社会信用代码为 {credit}", ct);
        }
        return await FindUnitAsync(db.Units.Where(u => u.Name == t), $"统一社会信用代码或名称为“{t}”", ct);
    }

    /// <summary>The one unit a query finds among those the caller may see (the scope filter applies), or why not.</summary>
    private static async Task<(Unit? Unit, string? Problem)> FindUnitAsync(IQueryable<Unit> query, string described, CancellationToken ct)
    {
        var units = await query.Where(u => !u.Archived).OrderBy(u => u.Id).Take(2).ToListAsync(ct);
        return units.Count switch
        {
            0 => (null, $"没有{described}的单位，或该单位不在您的范围内"),
            1 => (units[0], null),
            _ => (null, $"有多个{described}的单位，请改用统一社会信用代码"),
        };
    }

    /// <summary>Every site, system, device and act through the API's validators, plus the checks the API makes around them.</summary>
    private void Validate(ImportPlan plan, IProgress<ImportProgress>? progress)
    {
        var total = plan.Sites.Count;
        for (var i = 0; i < total; i++)
        {
            var site = plan.Sites[i];
            foreach (var e in siteValidator.Validate(site.ToRequest()).Errors.Where(e => e.PropertyName != nameof(SiteRequest.UnitId)))
            {
                plan.Errors.Add(site.Origin.At(e.PropertyName, e.ErrorMessage));
            }
            if (site.ResolvedUnit is { } unit && site.DivisionCode is { } division && DivisionPattern().IsMatch(division))
            {
                if (!db.Scope.Covers(division, unit.Id) || (db.Scope.IsPolice && !division.StartsWith(db.Scope.DivisionPrefix!, StringComparison.Ordinal)))
                {
                    plan.Errors.Add(site.Origin.At(nameof(SiteRequest.DivisionCode), $"行政区划 {division} 不在您的管辖范围内"));
                }
                else if (compliance.PlaceProblem(division) is { } place)
                {
                    plan.Errors.Add(site.Origin.At(nameof(SiteRequest.DivisionCode), place));
                }
                else if (plan.Regulation is { } regulation && compliance.PacksInForce(division, compliance.Today) is var packs && !packs.Any(p => p.Pack.Id == regulation))
                {
                    var warning = $"regulation: 文件写的是 \"{regulation}\"，平台按行政区划 {division} 适用的{string.Join("、", packs.Select(p => $"《{p.Pack.Title}》（{p.Pack.Id}）"))}评判";
                    if (!plan.Warnings.Contains(warning))
                    {
                        plan.Warnings.Add(warning);
                    }
                }
            }
            foreach (var system in site.Systems)
            {
                foreach (var e in systemValidator.Validate(system.Request).Errors)
                {
                    plan.Errors.Add(system.At(e.PropertyName, e.ErrorMessage));
                }
                var outside = (system.Request.Covers ?? []).Where(c => !site.Parts.Contains(c)).Distinct().ToList();
                if (outside.Count > 0)
                {
                    plan.Errors.Add(system.At(nameof(SystemRequest.Covers), $"场所未登记这些部位：{string.Join("、", outside)}（覆盖部位必须是场所部位的子集）"));
                }
            }
            foreach (var device in site.Devices)
            {
                foreach (var e in deviceValidator.Validate(device.Request).Errors)
                {
                    plan.Errors.Add(device.Origin.At(e.PropertyName, e.ErrorMessage));
                }
            }
            foreach (var act in site.Acts)
            {
                foreach (var e in actValidator.Validate(act.Request).Errors)
                {
                    plan.Errors.Add(act.Origin.At(e.PropertyName, e.ErrorMessage));
                }
            }
            progress?.Report(new ImportProgress(ImportStage.Validating, i + 1, total));
        }
    }

    /// <summary>Problems in the order of the file: options first, then sheet by sheet and row by row; repeats once; where a
    /// value was refused by the text rule, only that.</summary>
    private static List<ImportError> Arrange(ImportPlan plan)
    {
        var ordered = plan.Errors.Distinct()
            .Where(e => plan.Refusals.Contains(e) || !plan.Refused.Contains((e.Sheet, e.Row, e.Column, e.Path)))
            .Select((e, i) => (Error: e, Index: i))
            .OrderBy(x => x.Error.Row is null ? -1 : Math.Max(0, Array.IndexOf(Sheets.Order, x.Error.Sheet)))
            .ThenBy(x => x.Error.Row ?? 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Error)
            .ToList();
        if (ordered.Count > MaxErrors)
        {
            var rest = ordered.Count - MaxErrors;
            ordered = [.. ordered.Take(MaxErrors), ImportError.General($"……另有 {rest} 处问题未列出")];
        }
        return ordered;
    }

    private static List<string> Cap(List<string> warnings) =>
        warnings.Count <= MaxErrors ? warnings : [.. warnings.Take(MaxErrors), $"……另有 {warnings.Count - MaxErrors} 条警告未列出"];

    /// <summary>How many (unit, name) pairs one duplicate query asks about: at most twice as many parameters, far below any
    /// provider's limit (SQLite's 32,766, PostgreSQL's 65,535), whatever the number of rows.</summary>
    private const int DuplicateChunk = 500;

    /// <summary>
    /// A note (not an error) where the unit already has a site of the same name: importing again adds another. The file's
    /// (unit, name) pairs are asked in sorted chunks, each narrowed by its units and names through the indexes on UnitId
    /// and Name and the answer matched exactly in memory: a bounded number of parameters per query (it was one per row, and
    /// 32,767 rows broke SQLite), memory for the file's names only (loading a unit's every site name would cost as much
    /// as the unit has), and one query per 500 rows.
    /// </summary>
    private async Task WarnAboutDuplicatesAsync(ImportPlan plan, CancellationToken ct)
    {
        var pairs = plan.Sites.Select(s => (Unit: s.ResolvedUnit!.Id, Name: s.Name!.Trim())).Distinct()
            .OrderBy(p => p.Unit).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var existing = new HashSet<(Guid, string)>();
        foreach (var chunk in pairs.Chunk(DuplicateChunk))
        {
            var units = chunk.Select(p => p.Unit).Distinct().ToList();
            var names = chunk.Select(p => p.Name).Distinct().ToList();
            var found = await db.Sites.AsNoTracking()
                .Where(s => !s.Archived && units.Contains(s.UnitId) && names.Contains(s.Name))
                .Select(s => new { s.UnitId, s.Name })
                .ToListAsync(ct);
            existing.UnionWith(found.Select(s => (s.UnitId, s.Name)));
        }
        foreach (var site in plan.Sites.Where(s => existing.Contains((s.ResolvedUnit!.Id, s.Name!.Trim()))))
        {
            plan.Warnings.Add(site.Origin.At(nameof(SiteRequest.Name), $"单位“{site.ResolvedUnit!.Name}”已登记同名场所，本次导入另建一个").Text);
        }
    }
}
