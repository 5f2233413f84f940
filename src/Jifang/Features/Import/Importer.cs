using System.Text.RegularExpressions;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Import;

/// <summary>
/// Imports sites with their systems, devices and acts from a facts file, a CSV file or an .xlsx workbook. Every row is
/// checked with the validators the API uses; if any row fails, nothing is written and the report lists every problem
/// by row and column. Otherwise everything is inserted and every imported site judged, in one transaction.
/// Runs in the caller's scope (<see cref="JifangDbContext.Scope"/>): units and divisions outside it are rejected.
/// </summary>
public sealed partial class Importer(
    JifangDbContext db,
    ComplianceService compliance,
    IValidator<SiteRequest> siteValidator,
    IValidator<SystemRequest> systemValidator,
    IValidator<DeviceRequest> deviceValidator,
    IValidator<ActRequest> actValidator,
    TimeProvider time)
{
    /// <summary>The largest file read (the whole file is held while it is checked).</summary>
    public const long MaxBytes = 50L << 20;

    /// <summary>At most this many problems are listed; the rest are counted.</summary>
    public const int MaxErrors = 500;

    /// <summary>How many sites are judged between clearing the change tracker.</summary>
    private const int JudgeBatch = 100;

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex DivisionPattern();

    /// <summary>The format by file name, else by content: a zip is a workbook, a JSON object a facts file.</summary>
    public static ImportFormat? Detect(string fileName, ReadOnlySpan<byte> content)
    {
        switch (Path.GetExtension(fileName).ToUpperInvariant())
        {
            case ".JSON": return ImportFormat.Facts;
            case ".CSV": return ImportFormat.Csv;
            case ".XLSX": return ImportFormat.Xlsx;
            default: break;
        }
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return ImportFormat.Xlsx;
        }
        var text = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first >= 0 && text[first] == (byte)'{')
        {
            return ImportFormat.Facts;
        }
        return Path.GetExtension(fileName).ToUpperInvariant() is "" or ".TXT" && !content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])
            ? ImportFormat.Csv
            : null;
    }

    public async Task<ImportReport> ImportAsync(Stream content, string fileName, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report(new ImportProgress(ImportStage.Reading, 0, 1));
        var bytes = await ReadAllAsync(content, ct);
        if (bytes is null)
        {
            return ImportReport.Rejected(fileName, null, options.DryRun, [ImportError.General($"文件超过 {MaxBytes >> 20} MiB，请分批导入")], []);
        }
        if (Detect(fileName, bytes) is not { } format)
        {
            return ImportReport.Rejected(fileName, null, options.DryRun,
                [ImportError.General("无法识别文件格式：应为事实文件（.json）、CSV 文件（.csv）或 Excel 工作簿（.xlsx；旧版 .xls 请另存为 .xlsx）")], []);
        }
        var plan = new ImportPlan { Format = format };
        switch (format)
        {
            case ImportFormat.Facts:
                using (var json = new MemoryStream(bytes, writable: false))
                {
                    FactsImport.Read(json, plan);
                }
                break;
            case ImportFormat.Csv:
                SheetImport.ReadCsv(bytes, plan);
                break;
            default:
                SheetImport.ReadWorkbook(bytes, plan);
                break;
        }
        progress?.Report(new ImportProgress(ImportStage.Reading, 1, 1));
        if (plan.Sites.Count == 0 && plan.Errors.Count == 0)
        {
            plan.Errors.Add(ImportError.General("文件中没有场所"));
        }

        await ResolveAsync(plan, options, ct);
        Validate(plan, progress);
        if (plan.Errors.Count > 0)
        {
            return ImportReport.Rejected(fileName, format, options.DryRun, Arrange(plan.Errors), Cap(plan.Warnings));
        }
        await WarnAboutDuplicatesAsync(plan, ct);

        var imported = options.DryRun ? JudgeInMemory(plan) : await WriteAsync(plan, progress, ct);
        progress?.Report(new ImportProgress(ImportStage.Done, imported.Count, imported.Count));
        return new ImportReport(fileName, format, true, options.DryRun,
            imported.Count, imported.Sum(s => s.Systems), imported.Sum(s => s.Devices), imported.Sum(s => s.Acts), imported.Sum(s => s.Findings),
            [], Cap(plan.Warnings), imported);
    }

    private static async Task<byte[]?> ReadAllAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>Finds each site's unit (its row's, else the caller's) and division (its row's, else the caller's, else the unit's).</summary>
    private async Task ResolveAsync(ImportPlan plan, ImportOptions options, CancellationToken ct)
    {
        if (options.Division is { } division && !DivisionPattern().IsMatch(division))
        {
            plan.Errors.Add(ImportError.Option("--division", "行政区划代码应为 6 位数字（GB/T 2260）"));
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
                else if (compliance.PackFor(division) is not { } pack)
                {
                    plan.Errors.Add(site.Origin.At(nameof(SiteRequest.DivisionCode), $"行政区划 {division} 没有配置适用的条例（Compliance:Jurisdictions）"));
                }
                else if (plan.Regulation is { } regulation && regulation != pack.Pack.Id)
                {
                    var warning = $"regulation: 文件写的是 \"{regulation}\"，平台按行政区划 {division} 适用的《{pack.Pack.Title}》（{pack.Pack.Id}）评判";
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

    /// <summary>Problems in the order of the file: options first, then sheet by sheet and row by row; repeats once.</summary>
    private static List<ImportError> Arrange(List<ImportError> errors)
    {
        var ordered = errors.Distinct()
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

    /// <summary>A note (not an error) where the unit already has a site of the same name: importing again adds another.</summary>
    private async Task WarnAboutDuplicatesAsync(ImportPlan plan, CancellationToken ct)
    {
        var unitIds = plan.Sites.Select(s => s.ResolvedUnit!.Id).Distinct().ToList();
        var names = plan.Sites.Select(s => s.Name!.Trim()).Distinct().ToList();
        var existing = (await db.Sites.AsNoTracking()
                .Where(s => !s.Archived && unitIds.Contains(s.UnitId) && names.Contains(s.Name))
                .Select(s => new { s.UnitId, s.Name })
                .ToListAsync(ct))
            .Select(s => (s.UnitId, s.Name))
            .ToHashSet();
        foreach (var site in plan.Sites.Where(s => existing.Contains((s.ResolvedUnit!.Id, s.Name!.Trim()))))
        {
            plan.Warnings.Add(site.Origin.At(nameof(SiteRequest.Name), $"单位“{site.ResolvedUnit!.Name}”已登记同名场所，本次导入另建一个").Text);
        }
    }

    private List<Site> Build(ImportPlan plan)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sites = new List<Site>(plan.Sites.Count);
        foreach (var p in plan.Sites)
        {
            var site = new Site { UnitId = p.ResolvedUnit!.Id, CreatedAt = now };
            SitesApi.Apply(site, p.ToRequest(), now);
            foreach (var s in p.Systems)
            {
                var system = new SecuritySystem { Id = s.Id, SiteId = site.Id };
                SystemsApi.Apply(system, s.Request, now);
                site.Systems.Add(system);
            }
            foreach (var d in p.Devices)
            {
                var device = new Device { SiteId = site.Id };
                DevicesApi.Apply(device, d.Request, now);
                site.Devices.Add(device);
            }
            foreach (var a in p.Acts)
            {
                site.Acts.Add(new RegisteredAct
                {
                    SiteId = site.Id, SystemId = a.Request.SystemId, Kind = a.Request.Kind!, Date = a.Request.Date!.Value, Actor = a.Request.Actor,
                    Authorized = a.Request.Authorized, SeriousConsequences = a.Request.SeriousConsequences,
                    Description = UnitsApi.NullIfEmpty(a.Request.Description), CreatedAt = now,
                });
            }
            sites.Add(site);
        }
        return sites;
    }

    private ImportedSite Summary(SitePlan plan, Site site, int findings) =>
        new(plan.Code, site.Id, site.Name, site.UnitId, site.DivisionCode, compliance.PackFor(site.DivisionCode)?.Pack.Id,
            site.Systems.Count, site.Devices.Count, site.Acts.Count, findings);

    /// <summary>A dry run: the findings each site would have, judged as the platform would judge it today; nothing is written.</summary>
    private List<ImportedSite> JudgeInMemory(ImportPlan plan)
    {
        var sites = Build(plan);
        var now = time.GetUtcNow().UtcDateTime;
        return sites.Select((site, i) =>
            Summary(plan.Sites[i], site, ComplianceService.Judge(site, compliance.PackFor(site.DivisionCode)!, compliance.Today, now).Count)).ToList();
    }

    /// <summary>Inserts everything and judges every imported site, all in one transaction.</summary>
    private async Task<List<ImportedSite>> WriteAsync(ImportPlan plan, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var sites = Build(plan);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            progress?.Report(new ImportProgress(ImportStage.Saving, 0, 1));
            db.Sites.AddRange(sites);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(new ImportProgress(ImportStage.Saving, 1, 1));
            var imported = new List<ImportedSite>(sites.Count);
            for (var i = 0; i < sites.Count; i++)
            {
                var findings = await compliance.RejudgeAsync(sites[i].Id, ct);
                imported.Add(Summary(plan.Sites[i], sites[i], findings.Count));
                if ((i + 1) % JudgeBatch == 0)
                {
                    db.ChangeTracker.Clear();
                }
                progress?.Report(new ImportProgress(ImportStage.Judging, i + 1, sites.Count));
            }
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return imported;
        });
    }
}
