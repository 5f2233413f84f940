using Jifang.Features.Access;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Data;

/// <summary>
/// The platform's database. Scope is enforced here, once: every query of units, sites, what
/// belongs to sites, contractors and personnel is filtered by <see cref="Scope"/>, which the request sets from the signed-in user.
/// Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class JifangDbContext(DbContextOptions options, AuditTrail? trail = null) : IdentityDbContext<JifangUser, IdentityRole, string>(options)
{
    /// <summary>
    /// Saves the pending changes together with the audit entries the request queued for them (<see cref="AuditTrail"/>):
    /// the entries go into the audit outbox first, in the same transaction (the caller's, or one of its own), so that the
    /// change and its entries commit together or not at all. When the outbox cannot be written the change is not saved
    /// and <see cref="AuditUnavailableException"/> says so. First, every string to be saved passes the text rule's last
    /// guard (<see cref="StoredText"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredText.Check(this);
        if (trail is not { HasQueued: true })
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var rows = trail.TakeQueued();
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            try
            {
                await AuditOutboxStore.InsertAsync(this, rows, cancellationToken);
            }
            catch (System.Data.Common.DbException e)
            {
                throw new AuditUnavailableException("审计日志无法写入，操作未执行（变更已回滚）。", e);
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            trail.Saved(rows);
            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Synchronous saves carry no audit entries: the platform saves asynchronously wherever it audits.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (trail is { HasQueued: true })
        {
            throw new InvalidOperationException("有待随变更保存的审计条目：请使用 SaveChangesAsync");
        }
        StoredText.Check(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>The scope queries are filtered by; system jobs and commands run with <see cref="Scope.All"/>.</summary>
    public Scope Scope { get; set; } = Scope.Nothing;

    /// <summary>
    /// Set by the compliance service while it saves one site's change: the <see cref="CountsCache"/> is then invalidated for
    /// that site's divisions and unit after the commit, not for everything by the <see cref="CountsCacheInvalidator"/>.
    /// </summary>
    internal bool CountsInvalidatedBySite { get; set; }

    /// <summary>Set while writing only tables that no count reads (sign-in throttling, ended sessions): the <see cref="CountsCache"/> stays.</summary>
    internal bool WritesNoCounts { get; set; }

    /// <summary>Sites whose name or address contains the text (as typed: case and width count). PostgreSQL narrows by an index first.</summary>
    public virtual IQueryable<Site> WhereNameOrAddressContains(IQueryable<Site> sites, string text)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.Where(s => s.Name.Contains(text) || s.Address.Contains(text));
    }

    /// <summary>Sites of this category (contract vocabulary).</summary>
    public virtual IQueryable<Site> WhereCategory(IQueryable<Site> sites, string category)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.Where(s => s.Categories.Contains(category));
    }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<SecuritySystem> Systems => Set<SecuritySystem>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<RegisteredAct> Acts => Set<RegisteredAct>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Contractor> Contractors => Set<Contractor>();
    public DbSet<Person> Personnel => Set<Person>();
    public DbSet<StoredFinding> Findings => Set<StoredFinding>();
    public DbSet<TrendSnapshot> Trend => Set<TrendSnapshot>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<AuditTreeHead> AuditTreeHeads => Set<AuditTreeHead>();
    public DbSet<AuditOutboxEntry> AuditOutbox => Set<AuditOutboxEntry>();
    // —— Records and access (issue 4) ——
    public DbSet<MediaRecord> Records => Set<MediaRecord>();
    public DbSet<DeletionAttempt> DeletionAttempts => Set<DeletionAttempt>();
    public DbSet<EvidenceHold> Holds => Set<EvidenceHold>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<AccessRegistration> AccessRegistrations => Set<AccessRegistration>();
    public DbSet<AlarmCredential> AlarmCredentials => Set<AlarmCredential>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<AlarmStep> AlarmSteps => Set<AlarmStep>();
    public DbSet<AlarmAlert> AlarmAlerts => Set<AlarmAlert>();
    public DbSet<SystemWatch> SystemWatch => Set<SystemWatch>();
    public DbSet<MaintenanceWindow> Maintenance => Set<MaintenanceWindow>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<EndedSession> EndedSessions => Set<EndedSession>();
    public DbSet<Features.Filing.VideoFiling> VideoFilings => Set<Features.Filing.VideoFiling>();
    public DbSet<Features.Filing.FilingStep> FilingSteps => Set<Features.Filing.FilingStep>();
    public DbSet<Features.Filing.FilingCounter> FilingCounters => Set<Features.Filing.FilingCounter>();
    public DbSet<Jifang.Features.Reports.CitizenReport> CitizenReports => Set<Jifang.Features.Reports.CitizenReport>();
    public DbSet<Features.Projects.BuildProject> Projects => Set<Features.Projects.BuildProject>();
    public DbSet<Features.Projects.ProjectContractor> ProjectContractors => Set<Features.Projects.ProjectContractor>();
    public DbSet<Features.Projects.ProjectStep> ProjectSteps => Set<Features.Projects.ProjectStep>();
    public DbSet<Features.Projects.TestingAgency> TestingAgencies => Set<Features.Projects.TestingAgency>();
    public DbSet<Features.Projects.Expert> Experts => Set<Features.Projects.Expert>();
    public DbSet<Features.Projects.ReviewPanel> ReviewPanels => Set<Features.Projects.ReviewPanel>();
    public DbSet<Features.Projects.PanelMember> PanelMembers => Set<Features.Projects.PanelMember>();
    public DbSet<Features.Projects.CorrectionItem> Corrections => Set<Features.Projects.CorrectionItem>();
    public DbSet<Features.Projects.InspectionReport> InspectionReports => Set<Features.Projects.InspectionReport>();
    public DbSet<Features.Projects.ProjectDocument> ProjectDocuments => Set<Features.Projects.ProjectDocument>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(JifangDbContext).Assembly, t => t.Namespace?.StartsWith("Jifang.Features", StringComparison.Ordinal) == true);

        // Scope filters (the one place where a user's jurisdiction or unit is enforced). Each kind of scope leaves one
        // branch: the other branches' tests are parameters that EF Core drops (a null compared with a column) or that
        // PostgreSQL folds when it plans the statement with its parameters, so the database sees one simple predicate per
        // kind of scope — nothing, DivisionCode = 'county', DivisionCode LIKE 'prefix%', or UnitId = unit — and can use
        // the indexes on DivisionCode and UnitId (see docs/operations.md on the collation for prefix matches).
        builder.Entity<Unit>().HasQueryFilter(u => Scope.Everything
            || (Scope.Division != null && u.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && u.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && u.Id == Scope.UnitId));
        builder.Entity<Site>().HasQueryFilter(s => Scope.Everything
            || (Scope.Division != null && s.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && s.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && s.UnitId == Scope.UnitId));
        builder.Entity<SecuritySystem>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.Site!.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.Site!.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.Site!.UnitId == Scope.UnitId));
        builder.Entity<Device>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.Site!.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.Site!.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.Site!.UnitId == Scope.UnitId));
        builder.Entity<RegisteredAct>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.Site!.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.Site!.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.Site!.UnitId == Scope.UnitId));
        // Products are a shared catalogue: no scope filter (who may write them is the endpoints' policy).
        // Contractors: police their division prefix; unit users read every contractor (they choose them).
        builder.Entity<Contractor>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix))
            || Scope.UnitId != null);
        // Personnel: through the employer, a unit as for sites, a contractor as for contractors.
        builder.Entity<Person>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.EmployerUnitId != null && Units.Any(u => u.Id == x.EmployerUnitId && u.DivisionCode.StartsWith(Scope.DivisionPrefix)))
            || (Scope.DivisionPrefix != null && x.EmployerContractorId != null && Contractors.Any(c => c.Id == x.EmployerContractorId && c.DivisionCode.StartsWith(Scope.DivisionPrefix)))
            || (Scope.UnitId != null && (x.EmployerUnitId == Scope.UnitId || x.EmployerContractorId != null)));
        builder.Entity<TrendSnapshot>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        // Audit entries: police their division prefix, unit users their unit (the log is read, never written, through a scope).
        builder.Entity<AuditEntry>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.DivisionCode != null && x.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        // —— Records and access (issue 4): through the site they were captured at, like systems and devices ——
        builder.Entity<MediaRecord>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.Site!.UnitId == Scope.UnitId));
        // The rows linking a hold or a request to its records are seen exactly when the hold or request is (EF Core warns about
        // a filtered required end, the record, whose dependants have no filter of their own).
        builder.Entity<EvidenceHoldRecord>().HasQueryFilter(x => Holds.Any(h => h.Id == x.HoldId));
        // A filing lies with the county police it was filed with (its division code) and with its unit.
        builder.Entity<Features.Filing.VideoFiling>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        builder.Entity<AccessRequestRecord>().HasQueryFilter(x => AccessRequests.Any(r => r.Id == x.RequestId));
        builder.Entity<DeletionAttempt>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.Record!.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.Record!.Site!.UnitId == Scope.UnitId));
        builder.Entity<EvidenceHold>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.Unit!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        builder.Entity<AccessRequest>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.Site!.UnitId == Scope.UnitId));
        builder.Entity<AccessRegistration>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.Request!.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.Request!.Site!.UnitId == Scope.UnitId));
        // 举报 (national 第二十四条第二款): the police of the place's division see them; no unit or other role does (the reporter
        // looks one up by its receipt number, past the filter).
        builder.Entity<Jifang.Features.Reports.CitizenReport>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix)));
        // —— Alarm networking ——
        // Alarms, their steps and alerts carry where they happened (division and unit as they were then): police their
        // division prefix, unit users their unit. Credentials, heartbeat status and maintenance follow the system's site.
        builder.Entity<Alarm>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        builder.Entity<AlarmStep>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        builder.Entity<AlarmAlert>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
        builder.Entity<AlarmCredential>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.System!.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.System!.Site!.UnitId == Scope.UnitId));
        builder.Entity<SystemWatch>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.System!.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.System!.Site!.UnitId == Scope.UnitId));
        builder.Entity<MaintenanceWindow>().HasQueryFilter(x => Scope.Everything
            || (Scope.DivisionPrefix != null && x.System!.Site!.DivisionCode.StartsWith(Scope.DivisionPrefix))
            || (Scope.UnitId != null && x.System!.Site!.UnitId == Scope.UnitId));
        // —— Build projects (issue 12) ——
        // The police of the place, the owner's and the site's unit, the project's contractors, the testing agency it
        // commissioned and the experts drawn for it; what belongs to a project follows the project. The registries of
        // testing agencies and experts carry no filter (their lists filter by the caller in code): panels name their experts.
        // Nor do panels (the project's filter reads them to find an expert's projects: a filter of theirs through the project
        // would recurse); they are read only through a project found in scope (ProjectService).
        builder.Entity<Features.Projects.BuildProject>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && (x.OwnerUnitId == Scope.UnitId || x.SiteUnitId == Scope.UnitId))
            || (Scope.ContractorId != null && x.Contractors.Any(c => c.ContractorId == Scope.ContractorId))
            || (Scope.AgencyId != null && x.TestingAgencyId == Scope.AgencyId)
            || (Scope.ExpertId != null && ReviewPanels.Any(p => p.ProjectId == x.Id && p.Members.Any(m => m.ExpertId == Scope.ExpertId))));
        builder.Entity<Features.Projects.ProjectStep>().HasQueryFilter(x => Projects.Any(p => p.Id == x.ProjectId));
        builder.Entity<Features.Projects.CorrectionItem>().HasQueryFilter(x => Projects.Any(p => p.Id == x.ProjectId));
        builder.Entity<Features.Projects.InspectionReport>().HasQueryFilter(x => Projects.Any(p => p.Id == x.ProjectId));
        builder.Entity<Features.Projects.ProjectDocument>().HasQueryFilter(x => Projects.Any(p => p.Id == x.ProjectId));
        builder.Entity<StoredFinding>().HasQueryFilter(x => Scope.Everything
            || (Scope.Division != null && x.DivisionCode == Scope.Division)
            || (Scope.ShortPrefix != null && x.DivisionCode.StartsWith(Scope.ShortPrefix))
            || (Scope.UnitId != null && x.UnitId == Scope.UnitId));
    }
}

/// <summary>The SQLite database (the default: an embedded file under ./data/).</summary>
public sealed class SqliteJifangDbContext(DbContextOptions<SqliteJifangDbContext> options, AuditTrail? trail = null) : JifangDbContext(options, trail)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Searches on SQLite (the embedded, single-office database) read the names and addresses themselves.
        builder.Entity<Site>().Ignore(s => s.SearchTerms);
    }
}

/// <summary>The PostgreSQL database (Database:Provider=postgres).</summary>
public sealed class PostgresJifangDbContext(DbContextOptions<PostgresJifangDbContext> options, AuditTrail? trail = null) : JifangDbContext(options, trail)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The site list walks (Name, Id), or a county's (DivisionCode, Name, Id), in order and tests scope and archive on
        // each entry: with these columns in the indexes, PostgreSQL answers from the index alone (an index-only scan)
        // instead of fetching every row it passes.
        builder.Entity<Site>().HasIndex(s => new { s.Name, s.Id }).IncludeProperties(s => new { s.DivisionCode, s.UnitId, s.Archived });
        builder.Entity<Site>().HasIndex(s => new { s.DivisionCode, s.Name, s.Id }).IncludeProperties(s => new { s.UnitId, s.Archived });
        // Province and city scopes match division codes by prefix (LIKE '15%'), which a B-tree index serves only under
        // the C collation: the code columns get it whatever the database's collation (digits sort alike in every one),
        // while names keep the database's, so that the site list still sorts Chinese names the way it is set up to.
        builder.Entity<Unit>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<Site>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<Contractor>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<StoredFinding>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<TrendSnapshot>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<Features.Projects.BuildProject>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<Features.Projects.TestingAgency>().Property(x => x.DivisionCode).UseCollation("C");
        builder.Entity<Features.Projects.Expert>().Property(x => x.DivisionCode).UseCollation("C");
        // Searches by name or address: the bigrams of both, kept by PostgreSQL (a generated column) under a GIN index
        // (see SiteSearch); categories under a GIN index too. Both are asked as array containment, which these serve.
        builder.Entity<Site>().Property(s => s.SearchTerms).HasComputedColumnSql(SiteSearch.ColumnSql, stored: true);
        builder.Entity<Site>().HasIndex(s => s.SearchTerms).HasMethod("gin");
        builder.Entity<Site>().HasIndex(s => s.Categories).HasMethod("gin");
    }

    public override IQueryable<Site> WhereNameOrAddressContains(IQueryable<Site> sites, string text)
    {
        var terms = SiteSearch.Bigrams(text);
        // Every site whose name or address contains the text has all of its bigrams (terms <@ SearchTerms, from the
        // index); the text itself is then checked on those.
        return base.WhereNameOrAddressContains(terms.Count == 0 ? sites : sites.Where(s => terms.All(t => s.SearchTerms.Contains(t))), text);
    }

    public override IQueryable<Site> WhereCategory(IQueryable<Site> sites, string category)
    {
        ArgumentNullException.ThrowIfNull(sites);
        string[] wanted = [category];
        return sites.Where(s => wanted.All(c => s.Categories.Contains(c)));
    }
}
