using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Registry;
using Jifang.Rules.Engine;
using Jifang.Rules.Facts;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Compliance;

/// <summary>A change to the registry, for the audit log: its action (<c>site.updated</c>), subject (<c>site:&lt;id&gt;</c>) and the record's name.</summary>
public sealed record RegistryChange(string Action, string Subject, string? Name);

/// <summary>
/// Keeps every site's findings current: re-judges a site through Jifang.Rules after each change. Every re-judgement
/// queues on the request's <see cref="AuditTrail"/> what it raised and cleared; <see cref="SaveAndRejudgeAsync(Guid, RegistryChange?, CancellationToken, Func{CancellationToken, Task})"/>
/// saves the change, those findings and their audit entries in one transaction and has the log append the entries before the caller answers.
/// </summary>
public sealed class ComplianceService(JifangDbContext db, PackSet packs, IOptions<ComplianceOptions> options, TimeProvider time, AuditTrail audit, CountsCache counts,
    Jifang.Rules.Divisions.DivisionSet divisions)
{
    /// <summary>The pack for a division code: the longest configured prefix, else the pack whose own prefix matches.</summary>
    public CompiledPack? PackFor(string divisionCode) => PackFor(packs, options.Value, divisionCode);

    /// <summary>The pack for a division code, for callers without a DbContext (singletons).</summary>
    public static CompiledPack? PackFor(PackSet packs, ComplianceOptions options, string divisionCode)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(divisionCode);
        var configured = options.Jurisdictions
            .Where(kv => divisionCode.StartsWith(kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length)
            .Select(kv => kv.Value)
            .FirstOrDefault();
        if (configured is not null && packs.TryGet(configured, out var pack))
        {
            return pack;
        }
        return packs.ForDivision(divisionCode);
    }

    /// <summary>Every pack for the place of a division code: the nationwide packs, then the regional one (<see cref="PackFor(string)"/>).</summary>
    public IReadOnlyList<CompiledPack> PacksFor(string divisionCode) => PacksFor(packs, options.Value, divisionCode);

    /// <summary>
    /// Every pack for the place of a division code, for callers without a DbContext (singletons): the nationwide packs
    /// (<see cref="Jurisdiction.Nationwide"/>, by effective date), then the regional one. Whether each is in force on a date is the
    /// caller's question (<see cref="PacksInForce(string, DateOnly)"/>): a site is judged under each on the as-of date, an act under
    /// the rules valid on its own date.
    /// </summary>
    public static IReadOnlyList<CompiledPack> PacksFor(PackSet packs, ComplianceOptions options, string divisionCode)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var list = packs.Packs.Where(p => p.Jurisdiction.Nationwide).Select(p => packs.Get(p.Id)).ToList();
        if (PackFor(packs, options, divisionCode) is { } regional && !regional.Pack.Jurisdiction.Nationwide)
        {
            list.Add(regional);
        }
        return list;
    }

    /// <summary>The packs of the place in force on a date (the national one from 2025-04-01).</summary>
    public IReadOnlyList<CompiledPack> PacksInForce(string divisionCode, DateOnly on) => PacksFor(divisionCode).Where(p => p.Pack.InForceOn(on)).ToList();

    /// <summary>Why a site may not be registered at a division code, or null: see <see cref="PlaceProblem(PackSet, ComplianceOptions, Jifang.Rules.Divisions.DivisionSet, string, DateOnly)"/>.</summary>
    public string? PlaceProblem(string divisionCode) => PlaceProblem(packs, options.Value, divisions, divisionCode, Today);

    /// <summary>
    /// Why a site may not be registered at a division code on a date, or null (docs/decisions/0010-layered-judging.md). A place
    /// with a regional pack is accepted. A place no regional pack covers is judged under the nationwide packs alone, accepted
    /// when one is in force and the platform has the divisions of its province (packs/divisions), so that its code is checked
    /// against GB/T 2260: a mistyped code of an unknown province would otherwise register a site that no regional text judges
    /// and no police officer of the platform sees.
    /// </summary>
    public static string? PlaceProblem(PackSet packs, ComplianceOptions options, Jifang.Rules.Divisions.DivisionSet divisions, string divisionCode, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(divisionCode);
        if (PackFor(packs, options, divisionCode) is { Pack.Jurisdiction.Nationwide: false })
        {
            return null;
        }
        var national = PacksFor(packs, options, divisionCode).Where(p => p.Pack.InForceOn(on)).Select(p => $"《{p.Pack.Title}》").ToList();
        if (national.Count == 0)
        {
            return $"行政区划 {divisionCode} 没有配置适用的条例（Compliance:Jurisdictions），{on:yyyy-MM-dd} 也没有施行中的全国性条例";
        }
        if (divisionCode.Length != 6 || divisions.Find(divisionCode[..2] + "0000") is null)
        {
            return $"行政区划 {divisionCode} 没有配置适用的地方条例（Compliance:Jurisdictions），平台也没有其所在省份的行政区划（packs/divisions），"
                + $"无法核对代码：只依{string.Join("、", national)}判定的场所须位于平台有其行政区划的省份";
        }
        return null;
    }

    /// <summary>
    /// The filing duty of the nationwide regulation in force (national-2025 第十四条: its rule of check kind <c>filing-deadline</c>),
    /// with the deadlines and the sites it binds as its pack says them; null when no pack in force has one.
    /// </summary>
    public (RuleDefinition Rule, FilingDeadlineSpec Spec)? FilingRule(DateOnly on) =>
        packs.Packs.Where(p => p.Jurisdiction.Nationwide && p.InForceOn(on))
            .SelectMany(p => p.Rules)
            .Where(r => r.Valid.Covers(on) && r.Check is FilingDeadlineSpec)
            .Select(r => ((RuleDefinition Rule, FilingDeadlineSpec Spec)?)(r, (FilingDeadlineSpec)r.Check))
            .FirstOrDefault();

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Saves the pending change and re-judges the site in one transaction, so stored findings never lag the registry.</summary>
    public Task<IReadOnlyList<AuditReceipt>> SaveAndRejudgeAsync(Guid siteId, CancellationToken ct) => SaveAndRejudgeAsync(siteId, null, ct);

    /// <summary>
    /// Saves the pending change and re-judges the site in one transaction, then appends the change (with the fields it
    /// modified) and the findings raised and cleared to the audit log, and returns once they are durable.
    /// </summary>
    /// <remarks>
    /// The cached counts (<see cref="CountsCache"/>) of the scopes that can see the site — by its division and unit before
    /// and after the change — are cleared after the commit, and only those; a pending change of anything but this site
    /// and what hangs on it clears them all.
    /// </remarks>
    /// <param name="inTransaction">Work to do inside the transaction before the change is saved (a certificate number taken from its
    /// counter), so that it commits or rolls back with the change and its audit entries.</param>
    public async Task<IReadOnlyList<AuditReceipt>> SaveAndRejudgeAsync(Guid siteId, RegistryChange? change, CancellationToken ct, Func<CancellationToken, Task>? inTransaction = null)
    {
        var modified = change is null ? "" : RegistryAudit.Modified(db);
        var move = change is null ? null : RegistryAudit.Move(db);
        var (divisions, units, onlyThisSite) = Reach(siteId);
        var strategy = db.Database.CreateExecutionStrategy();
        var findings = new List<AuditEvent>();
        (string Division, Guid Unit)? where = null;
        db.CountsInvalidatedBySite = onlyThisSite;
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                findings.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (inTransaction is not null)
                {
                    await inTransaction(ct);
                }
                await db.SaveChangesAsync(ct);
                where = await RejudgeCoreAsync(siteId, findings, ct);
                if (where is { } w)
                {
                    divisions.Add(w.Division);
                    units.Add(w.Unit);
                }
                if (change is not null)
                {
                    audit.Add(change.Action, change.Subject, where?.Division, where?.Unit, RegistryAudit.Detail(change.Name, modified, move));
                    if (move is { } m)
                    {
                        // Under the code it left too: the police who no longer see the site see where it went.
                        audit.Add(change.Action[..change.Action.IndexOf('.', StringComparison.Ordinal)] + ".moved-out", change.Subject, m.From, where?.Unit,
                            $"{(change.Name is { Length: > 0 } n ? $"名称：{n}；" : "")}迁出 {m.From}，迁入 {m.To}");
                    }
                }
                foreach (var f in findings)
                {
                    audit.Add(f);
                }
                // The entries go into the audit outbox in this transaction: the change, its findings and their entries commit together.
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        finally
        {
            db.CountsInvalidatedBySite = false;
            if (onlyThisSite)
            {
                counts.Invalidate(divisions, units);
            }
            else
            {
                counts.Invalidate();
            }
        }
        return await audit.FlushAsync();
    }

    /// <summary>The divisions and units (as they were) of the site's pending change, and whether nothing else is pending.</summary>
    private (List<string> Divisions, List<Guid> Units, bool OnlyThisSite) Reach(Guid siteId)
    {
        var divisions = new List<string>();
        var units = new List<Guid>();
        var only = true;
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached)))
        {
            switch (e.Entity)
            {
                case Site s when s.Id == siteId:
                    var division = e.Property(nameof(Site.DivisionCode));
                    var unit = e.Property(nameof(Site.UnitId));
                    divisions.AddRange([(string)division.CurrentValue!, (string)(division.OriginalValue ?? division.CurrentValue!)]);
                    units.AddRange([(Guid)unit.CurrentValue!, (Guid)(unit.OriginalValue ?? unit.CurrentValue!)]);
                    break;
                case SecuritySystem x when x.SiteId == siteId && Equals(e.Property(nameof(SecuritySystem.SiteId)).OriginalValue, siteId):
                    break;
                case Device x when x.SiteId == siteId && Equals(e.Property(nameof(Device.SiteId)).OriginalValue, siteId):
                    break;
                case RegisteredAct x when x.SiteId == siteId && Equals(e.Property(nameof(RegisteredAct.SiteId)).OriginalValue, siteId):
                    break;
                default:
                    only = false;
                    break;
            }
        }
        return (divisions, units, only);
    }

    /// <summary>
    /// Replaces the stored findings of one site with a fresh judgement as of today, in the caller's transaction; adds an
    /// audit event for each finding raised or cleared to <paramref name="events"/> (when given), for the caller to queue on
    /// the audit trail before it saves its change.
    /// </summary>
    public async Task<IReadOnlyList<StoredFinding>> RejudgeAsync(Guid siteId, List<AuditEvent>? events, CancellationToken ct)
    {
        var stored = new List<StoredFinding>();
        await RejudgeCoreAsync(siteId, events ?? [], ct, stored);
        return stored;
    }

    /// <summary>
    /// Judges a site that was just inserted with everything it has (an import), from the objects that were inserted, not
    /// read back: what <see cref="RejudgeAsync(Guid, List{AuditEvent}, CancellationToken)"/> does for a site with no findings
    /// yet, without its two queries per site (which made a 100,000-site import take minutes). The findings are added to the
    /// context, to be saved with the caller's next SaveChanges; their audit events are added to <paramref name="events"/>,
    /// for the caller to queue before it commits.
    /// </summary>
    public IReadOnlyList<StoredFinding> JudgeInserted(Site site, List<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(events);
        if (site.Archived)
        {
            return [];
        }
        var stored = Judge(site, PacksFor(site.DivisionCode), Today, time.GetUtcNow().UtcDateTime);
        db.Findings.AddRange(stored);
        events.AddRange(stored.Select(f => FindingEvent("finding.raised", f, site)));
        return stored;
    }

    /// <summary>Re-judges a site, adding an audit event per finding raised or cleared to <paramref name="changes"/>; returns the site's division and unit.</summary>
    private async Task<(string Division, Guid Unit)?> RejudgeCoreAsync(Guid siteId, List<AuditEvent> changes, CancellationToken ct, List<StoredFinding>? result = null)
    {
        var site = await db.Sites.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .Include(s => s.Systems.Where(x => !x.Archived))
            .Include(s => s.Devices.Where(x => !x.Archived))
            .Include(s => s.Acts)
            .FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is not null)
        {
            await RegistryLinks.FillAsync(db, site.Systems, ct);
        }
        var before = await db.Findings.IgnoreQueryFilters().AsNoTracking().Where(f => f.SiteId == siteId).ToListAsync(ct);
        if (before.Count > 0)
        {
            await db.Findings.IgnoreQueryFilters().Where(f => f.SiteId == siteId).ExecuteDeleteAsync(ct);
        }
        List<StoredFinding> stored = [];
        if (site is not null && !site.Archived)
        {
            var filings = await Filing.FilingService.StatusOfSiteAsync(db, siteId, time.LocalTimeZone, ct);
            stored = Judge(site, PacksFor(site.DivisionCode), Today, time.GetUtcNow().UtcDateTime, filings);
            // A finding that was there before keeps the time it was first raised.
            var raised = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.Min(f => f.RaisedAt));
            foreach (var f in stored)
            {
                if (raised.TryGetValue(Key(f), out var at))
                {
                    f.RaisedAt = at;
                }
            }
            db.Findings.AddRange(stored);
            await db.SaveChangesAsync(ct);
        }
        result?.AddRange(stored);
        if (site is null)
        {
            return null;
        }
        var old = before.Select(Key).ToHashSet();
        var now = stored.Select(Key).ToHashSet();
        foreach (var f in stored.Where(f => !old.Contains(Key(f))))
        {
            changes.Add(FindingEvent("finding.raised", f, site));
        }
        foreach (var f in before.Where(f => !now.Contains(Key(f))))
        {
            changes.Add(FindingEvent("finding.cleared", f, site));
        }
        return (site.DivisionCode, site.UnitId);
    }

    /// <summary>"The same finding as before": the same regulation's rule finds the same breaches of the same subject.</summary>
    private static string Key(StoredFinding f) => $"{f.PackId}|{f.Rule}|{f.SubjectKind}|{f.SubjectId}|{string.Join(",", f.Breaches)}";

    private AuditEvent FindingEvent(string action, StoredFinding f, Site site) => new(
        action, audit.Actor, $"site:{site.Id}", site.DivisionCode, site.UnitId,
        $"{f.PackId} {string.Join(",", f.Breaches)}",
        $"{f.RuleTitle}：{f.Message}（{f.SubjectKind} {f.SubjectId}）");

    /// <summary>Judges a site under each pack in force for its place (<see cref="PacksFor(string)"/>); pure, no database.</summary>
    /// <param name="filings">Per system, whether it is filed with the police and since when (<see cref="Filing.FilingService.StatusOfSiteAsync"/>); null: none is.</param>
    public static List<StoredFinding> Judge(Site site, IEnumerable<CompiledPack> packs, DateOnly asOf, DateTime now, IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>? filings = null)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return packs.SelectMany(p => Judge(site, p, asOf, now, filings)).ToList();
    }

    /// <summary>Judges a site with its systems, devices and acts under one pack; pure, no database.</summary>
    public static List<StoredFinding> Judge(Site site, CompiledPack pack, DateOnly asOf, DateTime now, IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>? filings = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(pack);
        var findings = new List<Finding>();
        var facts = ToFacts(site, filings);
        if (pack.Pack.InForceOn(asOf))
        {
            pack.JudgeSite(facts, asOf, findings);
        }
        var notJudged = new List<NotJudged>();
        foreach (var act in site.Acts)
        {
            pack.JudgeAct(ToFacts(act, site), asOf, findings, notJudged, facts);
        }
        var category = site.Categories.FirstOrDefault() ?? "";
        return findings.Select(f => new StoredFinding
        {
            SiteId = site.Id,
            DivisionCode = site.DivisionCode,
            UnitId = site.UnitId,
            PackId = pack.Pack.Id,
            Rule = f.Rule,
            RuleTitle = f.RuleTitle,
            SubjectKind = Vocab.SubjectKinds.Code(f.Subject.Kind),
            SubjectId = f.Subject.Id,
            Breaches = f.Breaches.Select(b => b.ToString()).ToList(),
            Article = f.Breaches[0].Article,
            Message = f.Message,
            Basis = f.Consequence?.Basis.ToString(),
            Category = category,
            AsOf = asOf,
            JudgedAt = now,
            RaisedAt = now,
        }).ToList();
    }

    /// <summary>The facts of a site for the rules engine, with its systems' filing status (<paramref name="filings"/>; null: none filed).</summary>
    public static SiteFacts ToFacts(Site site, IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>? filings = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SiteFacts
        {
            Id = site.Id.ToString(),
            Name = site.Name,
            Categories = CategoriesOf(site),
            Flags = FlagsOf(site),
            Parts = (int)Mask(site.Parts, Vocab.Parts),
            Systems = site.Systems.Where(s => !s.Archived).Select(s => ToFacts(s, filings)).ToList(),
            Devices = site.Devices.Where(d => !d.Archived).Select(d => new DeviceFacts
            {
                Id = d.Id.ToString(),
                SystemId = d.SystemId?.ToString(),
                Captures = Flags(d.Captures, Vocab.Captures),
                Zone = Vocab.Zones.TryParse(d.Zone, out var zone) ? zone : Zone.Public,
            }).ToList(),
        };
    }

    /// <summary>The site's categories as the engine's bit set (what a pack's site classes select on).</summary>
    public static UInt128 CategoriesOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Mask(site.Categories, Vocab.SiteCategories);
    }

    /// <summary>The site's flags as the engine reads them.</summary>
    public static SiteFlag FlagsOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var flags = SiteFlag.None;
        if (site.PublicArea) { flags |= SiteFlag.PublicArea; }
        if (site.Large) { flags |= SiteFlag.Large; }
        if (site.Urban) { flags |= SiteFlag.Urban; }
        if (site.InvolvesStateSecrets) { flags |= SiteFlag.InvolvesStateSecrets; }
        if (site.HoldsImportantItems) { flags |= SiteFlag.HoldsImportantItems; }
        if (site.NonPublicPlace) { flags |= SiteFlag.NonPublicPlace; }
        return flags;
    }

    private static SystemFacts ToFacts(SecuritySystem s, IReadOnlyDictionary<Guid, (bool Filed, DateOnly? Date)>? filings) => new()
    {
        Filing = filings is not null && filings.TryGetValue(s.Id, out var filing) ? new FilingFacts(filing.Filed, filing.Date) : FilingFacts.None,
        Id = s.Id.ToString(),
        Subsystems = Flags(s.Subsystems, Vocab.Subsystems),
        Covers = (int)Mask(s.Covers, Vocab.Parts),
        NewConstruction = s.NewConstruction,
        DesignReview = new DesignReviewFacts(s.DesignReviewHeld,
            s.DesignReviewOrganizer is { } o && Vocab.Organizers.TryParse(o, out var organizer) ? organizer : null, s.DesignReviewDate)
        {
            Passed = s.DesignReviewPassed,
        },
        Inspection = new InspectionFacts(s.InspectionHeld, s.InspectionAgencyQualified, s.InspectionPassed, s.InspectionDate),
        Acceptance = new AcceptanceFacts(s.AcceptanceHeld, s.AcceptancePassed, s.AcceptancePoliceParticipated, s.AcceptanceDate),
        InService = s.InService,
        InServiceDate = s.InServiceSince,
        InterfaceReserved = s.InterfaceReserved,
        AlarmNetworked = s.AlarmNetworked,
        RetentionDays = s.RetentionDays,
        PersonnelTrained = s.PersonnelTrained,
        SignagePosted = s.SignagePosted,
        Products = s.Products.Select(p => new ProductFacts(p.Product!.Model, p.Product.InCatalog, p.Product.MeetsStandard)).ToList(),
        Contractors = s.Contractors.Select(c => new ContractorFacts(c.Role, c.Contractor!.Qualified)).ToList(),
    };

    /// <summary>A registered act as the engine reads it.</summary>
    public static ActFacts ToFacts(RegisteredAct a, Site site) => new()
    {
        Id = a.Id.ToString(),
        Kind = Vocab.ActKinds.TryParse(a.Kind, out var kind) ? kind : throw new InvalidDataException($"未知的行为类型 {a.Kind}"),
        Date = a.Date,
        Actor = a.Actor is { } actor && Vocab.ActorKinds.TryParse(actor, out var k) ? k : null,
        Authorized = a.Authorized,
        SiteId = site.Id.ToString(),
        SystemId = a.SystemId?.ToString(),
        SeriousConsequences = a.SeriousConsequences,
    };

    private static UInt128 Mask<T>(IEnumerable<string> codes, VocabTable<T> table) where T : struct, Enum =>
        codes.Aggregate(UInt128.Zero, (m, c) => table.TryParse(c, out var v) ? m | (UInt128.One << Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) : m);

    private static T Flags<T>(IEnumerable<string> codes, VocabTable<T> table) where T : struct, Enum =>
        (T)Enum.ToObject(typeof(T), codes.Aggregate(0, (m, c) => table.TryParse(c, out var v) ? m | Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : m));
}
