using System.Text.RegularExpressions;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
    TimeProvider time,
    AuditTrail audit,
    Jifang.Rules.Divisions.DivisionSet divisions,
    IOptions<ImportLimits> options)
{
    private readonly ImportLimits _limits = options.Value;

    /// <summary>At most this many problems are listed; the rest are counted.</summary>
    public const int MaxErrors = 500;

    /// <summary>How many sites' findings are saved at once (then the change tracker is cleared).</summary>
    private const int JudgeBatch = 1000;

    /// <summary>How many sites (with their systems, devices and acts) are inserted by one SaveChanges.</summary>
    private const int SaveBatch = 1000;

    [GeneratedRegex("^[0-9]{6}\\z")]
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
        await using var source = await ImportSource.OpenAsync(content, _limits.MaxFileBytes, ct);
        if (source is null)
        {
            return ImportReport.Rejected(fileName, null, options.DryRun, [TooLarge(_limits)], []);
        }
        if (Detect(fileName, source.Prefix) is not { } format)
        {
            return ImportReport.Rejected(fileName, null, options.DryRun,
                [ImportError.General("无法识别文件格式：应为事实文件（.json）、CSV 文件（.csv）或 Excel 工作簿（.xlsx；旧版 .xls 请另存为 .xlsx）")], []);
        }
        var plan = new ImportPlan { Format = format };
        try
        {
            switch (format)
            {
                case ImportFormat.Facts:
                    FactsImport.Read(source.Stream, plan);
                    break;
                case ImportFormat.Csv:
                    SheetImport.ReadCsv(source.Stream, _limits, plan);
                    break;
                default:
                    SheetImport.ReadWorkbook(source.Stream, _limits, plan);
                    break;
            }
        }
        catch (ImportRefusedException refused)
        {
            // A cap met, or a file that cannot be read on: refused as a whole, with that one reason.
            return ImportReport.Rejected(fileName, format, options.DryRun, [refused.Error], []);
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
            return ImportReport.Rejected(fileName, format, options.DryRun, Arrange(plan), Cap(plan.Warnings));
        }
        await WarnAboutDuplicatesAsync(plan, ct);
        var registry = await ResolveRegistryAsync(plan, ct);
        if (plan.Errors.Count > 0)
        {
            return ImportReport.Rejected(fileName, format, options.DryRun, Arrange(plan), Cap(plan.Warnings));
        }

        var imported = options.DryRun ? JudgeInMemory(plan) : await WriteAsync(plan, registry, fileName, format, progress, ct);
        if (!options.DryRun)
        {
            // Committed with the import: now in the log before the report.
            await audit.FlushAsync();
        }
        progress?.Report(new ImportProgress(ImportStage.Done, imported.Count, imported.Count));
        return new ImportReport(fileName, format, true, options.DryRun,
            imported.Count, imported.Sum(s => s.Systems), imported.Sum(s => s.Devices), imported.Sum(s => s.Acts), imported.Sum(s => s.Findings),
            [], Cap(plan.Warnings), imported);
    }

    /// <summary>The answer to a file over <see cref="ImportLimits.MaxFileBytes"/> (the API answers it 413).</summary>
    public static ImportError TooLarge(ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return ImportError.Option(ImportLimits.FileBytesKey, $"文件超过上限 {ImportLimits.Bytes(limits.MaxFileBytes)}，请分批导入");
    }

    /// <summary>
    /// The products and contractors the systems name, as registry entries: the registered ones, or new ones the import
    /// registers with its sites (issue 10: systems refer to the registry, not to text of their own).
    /// </summary>
    private async Task<RegistryResolver> ResolveRegistryAsync(ImportPlan plan, CancellationToken ct)
    {
        var resolver = new RegistryResolver(db, time.GetUtcNow().UtcDateTime);
        foreach (var site in plan.Sites)
        {
            foreach (var system in site.Systems)
            {
                var (products, contractors, errors) = await resolver.ResolveAsync(system.Request, site.DivisionCode!, null, ct);
                foreach (var (key, messages) in errors)
                {
                    plan.Errors.Add(system.At(key, messages[0]));
                }
                (system.Products, system.Contractors) = (products, contractors);
            }
        }
        return resolver;
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
                SystemsApi.Apply(system, s.Request, now,
                    s.Products.Select(e => new ProductEntry { ProductId = e.ProductId, Product = e.Product, Position = e.Position }).ToList(),
                    s.Contractors.Select(e => new ContractorEntry { ContractorId = e.ContractorId, Role = e.Role, Contractor = e.Contractor, Position = e.Position }).ToList());
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
            site.Systems.Count, site.Devices.Count, site.Acts.Count, findings,
            compliance.PacksInForce(site.DivisionCode, compliance.Today).Select(p => p.Pack.Id).ToList());

    /// <summary>A dry run: the findings each site would have, judged as the platform would judge it today; nothing is written.</summary>
    private List<ImportedSite> JudgeInMemory(ImportPlan plan)
    {
        var sites = Build(plan);
        var now = time.GetUtcNow().UtcDateTime;
        return sites.Select((site, i) =>
            Summary(plan.Sites[i], site, ComplianceService.Judge(site, compliance.PacksFor(site.DivisionCode), compliance.Today, now).Count)).ToList();
    }

    /// <summary>
    /// Queued before the commit, so that they are saved with the import: the import, every site it created and every
    /// finding its re-judgements raised, in that order.
    /// </summary>
    private void QueueAudit(string fileName, ImportFormat format, List<ImportedSite> imported, List<AuditEvent> findings)
    {
        var units = imported.Select(s => s.UnitId).Distinct().ToList();
        var divisions = imported.Select(s => s.DivisionCode).Distinct().ToList();
        var prefix = divisions.Count == 0 ? "" : divisions.Aggregate((a, b) => new string(a.Zip(b).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToArray()));
        audit.Add("import.completed", $"import:{Path.GetFileName(fileName)}", prefix.Length >= 2 ? prefix : null, units.Count == 1 ? units[0] : null,
            $"文件：{Path.GetFileName(fileName)}（{format}）；{imported.Count} 个场所、{imported.Sum(s => s.Systems)} 套系统、{imported.Sum(s => s.Devices)} 台设备、{imported.Sum(s => s.Acts)} 项行为；{imported.Sum(s => s.Findings)} 项问题");
        foreach (var site in imported)
        {
            audit.Add("site.created", $"site:{site.Id}", site.DivisionCode, site.UnitId, $"名称：{site.Name}；经导入 {Path.GetFileName(fileName)}");
        }
        foreach (var f in findings)
        {
            audit.Add(f);
        }
    }

    /// <summary>Inserts everything and judges every imported site, all in one transaction.</summary>
    private async Task<List<ImportedSite>> WriteAsync(ImportPlan plan, RegistryResolver registry, string fileName, ImportFormat format, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retried attempt judges again: the findings of a failed one are not logged.
            audit.Discard();
            db.ChangeTracker.Clear();
            var sites = Build(plan);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The products and contractors the import registers, before the systems that refer to them.
            registry.AddNew(audit, $"经导入 {Path.GetFileName(fileName)}");
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            // In batches: one SaveChanges of 100,000 tracked sites costs more than the sum of its parts.
            var saved = 0;
            progress?.Report(new ImportProgress(ImportStage.Saving, 0, sites.Count));
            foreach (var batch in sites.Chunk(SaveBatch))
            {
                db.Sites.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report(new ImportProgress(ImportStage.Saving, saved += batch.Length, sites.Count));
            }
            var imported = new List<ImportedSite>(sites.Count);
            var events = new List<AuditEvent>();
            for (var i = 0; i < sites.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var findings = compliance.JudgeInserted(sites[i], events);
                imported.Add(Summary(plan.Sites[i], sites[i], findings.Count));
                if ((i + 1) % JudgeBatch == 0)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
                progress?.Report(new ImportProgress(ImportStage.Judging, i + 1, sites.Count));
            }
            // Queued last, so that the import and its sites come before their findings; saved with them by this SaveChanges.
            QueueAudit(fileName, format, imported, events);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return imported;
        });
    }
}
