using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Projects;

/// <summary>The answer of a workflow step: done, not found (out of scope), bad input naming a field, or refused with citations.</summary>
public sealed record ProjectOutcome(BuildProject? Project, string? Field = null, string? Message = null, Refusal? Refusal = null)
{
    public static readonly ProjectOutcome NotFound = new((BuildProject?)null);

    public bool Done => Project is not null && Field is null && Refusal is null;

    public static ProjectOutcome Invalid(string field, string message) => new(null, field, message);
}

/// <summary>Who is acting: the account, its name and role, its scope.</summary>
public sealed record ProjectActor(string Account, string Name, string Role, Scope Scope)
{
    public static ProjectActor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(Actor.Of(user), Actor.NameOf(user), Roles.All.FirstOrDefault(user.IsInRole) ?? "", Scope.From(user));
    }
}

/// <summary>
/// The build lifecycle as a workflow (docs/decisions/0013-build-lifecycle.md). Each step is taken by the party the pack of
/// the place names for it (<see cref="LifecycleRules"/>): the owner (建设单位, an administrator of the owner unit), the
/// police of the level the grade sets, the testing agency the owner commissioned, the experts drawn for the review. A
/// step out of order, by the wrong party, or with a gate's checklist incomplete is refused with the article it rests on;
/// every step is recorded (who, when, as whom) and audited, and sets the lifecycle facts of the project's systems, which
/// the engine judges (the site is re-judged in the same transaction).
/// </summary>
public sealed partial class ProjectService(
    JifangDbContext db, ComplianceService compliance, PackSet packs, AuditTrail audit, TimeProvider time, IOptions<ProjectOptions> options,
    ProjectDocumentStore store)
{
    public JifangDbContext Db => db;

    public ProjectOptions Options => options.Value;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>A project in the caller's scope with its contractors and steps, or null.</summary>
    public async Task<BuildProject?> LoadAsync(Guid id, CancellationToken ct)
    {
        var p = await db.Projects.Include(x => x.Contractors).Include(x => x.Steps).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return null;
        }
        p.Steps.Sort((a, b) => a.At.CompareTo(b.At) is var c and not 0 ? c : a.Id.CompareTo(b.Id));
        await FillAsync([p], ct);
        return p;
    }

    /// <summary>
    /// Sets the site, owner and contractors of projects found in scope. They are read past the filters: a testing agency, an
    /// expert or a contractor sees a project it is a party to, not the registry around it (an Include of a filtered required
    /// navigation would drop the project itself for them).
    /// </summary>
    public async Task FillAsync(IReadOnlyList<BuildProject> projects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var siteIds = projects.Select(p => p.SiteId).Distinct().ToList();
        var unitIds = projects.Select(p => p.OwnerUnitId).Distinct().ToList();
        var contractorIds = projects.SelectMany(p => p.Contractors).Select(c => c.ContractorId).Distinct().ToList();
        var sites = await db.Sites.IgnoreQueryFilters().AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var contractors = await db.Contractors.IgnoreQueryFilters().AsNoTracking().Where(c => contractorIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var p in projects)
        {
            p.Site = sites.GetValueOrDefault(p.SiteId);
            p.OwnerUnit = units.GetValueOrDefault(p.OwnerUnitId);
            foreach (var c in p.Contractors)
            {
                c.Contractor = contractors.GetValueOrDefault(c.ContractorId);
            }
        }
    }

    /// <summary>The pack whose lifecycle the project follows.</summary>
    public Pack PackOf(BuildProject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return packs.Get(p.PackId).Pack;
    }

    /// <summary>The regional pack of a place (its lifecycle), else the nationwide one that states a lifecycle.</summary>
    public Pack? LifecyclePackFor(string divisionCode)
    {
        var regional = compliance.PackFor(divisionCode)?.Pack;
        if (regional is { Lifecycle: not null } && !regional.Jurisdiction.Nationwide)
        {
            return regional;
        }
        return compliance.PacksInForce(divisionCode, Today).Select(p => p.Pack).FirstOrDefault(p => p.Lifecycle is not null) ?? regional;
    }

    public LifecycleGate? Gate(BuildProject p, string gate) => PackOf(p).Lifecycle?.Gate(gate);

    /// <summary>Who organizes the design review of this project (the pack; a pack without a lifecycle: the owner).</summary>
    public Organizer ReviewOrganizer(BuildProject p) => Gate(p, "design-review")?.OrganizerFor(p.PublicArea) ?? Organizer.ConstructionUnit;

    /// <summary>Who organizes the acceptance (the pack; by default the owner together with the police).</summary>
    public Organizer AcceptanceOrganizer(BuildProject p) => Gate(p, "acceptance")?.Organizer ?? Organizer.ConstructionUnitWithPolice;

    /// <summary>The parties the actor is in this project (owner, police, testing-agency, expert, contractor).</summary>
    public async Task<IReadOnlySet<string>> PartiesAsync(BuildProject p, ProjectActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        return PartiesOf(p, actor, actor.Scope.ExpertId is null ? null : await CurrentPanelAsync(p, ct));
    }

    /// <summary>The parties the actor is in this project, given the panel of its current round (needed for an expert only).</summary>
    public static IReadOnlySet<string> PartiesOf(BuildProject p, ProjectActor actor, ReviewPanel? panel)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        var s = actor.Scope;
        var parties = new HashSet<string>(StringComparer.Ordinal);
        if (actor.Role == Roles.UnitAdmin && s.UnitId == p.OwnerUnitId)
        {
            parties.Add(ProjectParties.Owner);
        }
        if (IsResponsiblePolice(p, actor))
        {
            parties.Add(ProjectParties.Police);
        }
        if (s.AgencyId is { } agency && agency == p.TestingAgencyId)
        {
            parties.Add(ProjectParties.TestingAgency);
        }
        if (s.ContractorId is { } contractor && p.Contractors.Any(c => c.ContractorId == contractor))
        {
            parties.Add(ProjectParties.Contractor);
        }
        if (s.ExpertId is { } expert && panel is not null && panel.Active.Any(m => m.ExpertId == expert))
        {
            parties.Add(ProjectParties.Expert);
        }
        return parties;
    }

    /// <summary>The police that take part: the level the grade sets (city or county) of the project's place.</summary>
    public static bool IsResponsiblePolice(BuildProject p, ProjectActor actor)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        return p.PoliceLevel == "city"
            ? actor.Role == Roles.PoliceCity && actor.Scope.DivisionPrefix == p.DivisionCode[..4]
            : actor.Role == Roles.PoliceCounty && actor.Scope.DivisionPrefix == p.DivisionCode;
    }

    /// <summary>The panel of the current review round, with its members and their experts.</summary>
    public async Task<ReviewPanel?> CurrentPanelAsync(BuildProject p, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var panel = await db.ReviewPanels.IgnoreQueryFilters().Include(x => x.Members).ThenInclude(m => m.Expert)
            .FirstOrDefaultAsync(x => x.ProjectId == p.Id && x.Round == p.ReviewRound, ct);
        panel?.Members.Sort((a, b) => a.Position.CompareTo(b.Position));
        return panel;
    }

    /// <summary>Every panel of the project, by round.</summary>
    public async Task<List<ReviewPanel>> PanelsAsync(Guid projectId, CancellationToken ct)
    {
        var panels = await db.ReviewPanels.IgnoreQueryFilters().AsNoTracking().Include(x => x.Members).ThenInclude(m => m.Expert)
            .Where(x => x.ProjectId == projectId).OrderBy(x => x.Round).ToListAsync(ct);
        panels.ForEach(x => x.Members.Sort((a, b) => a.Position.CompareTo(b.Position)));
        return panels;
    }

    public Task<List<CorrectionItem>> CorrectionsAsync(Guid projectId, CancellationToken ct) =>
        db.Corrections.IgnoreQueryFilters().Where(x => x.ProjectId == projectId).OrderBy(x => x.Round).ThenBy(x => x.Position).ToListAsync(ct);

    public Task<List<InspectionReport>> ReportsAsync(Guid projectId, CancellationToken ct) =>
        db.InspectionReports.IgnoreQueryFilters().AsNoTracking().Where(x => x.ProjectId == projectId).OrderBy(x => x.FiledAt).ThenBy(x => x.Id).ToListAsync(ct);

    public Task<List<ProjectDocument>> DocumentsAsync(Guid projectId, CancellationToken ct) =>
        db.ProjectDocuments.IgnoreQueryFilters().AsNoTracking().Where(x => x.ProjectId == projectId).OrderBy(x => x.UploadedAt).ThenBy(x => x.Id).ToListAsync(ct);

    /// <summary>The systems the project builds (past the caller's scope: an agency or expert sees them through the project).</summary>
    public Task<List<SecuritySystem>> SystemsAsync(Guid projectId, CancellationToken ct) =>
        db.Systems.IgnoreQueryFilters().Where(s => s.BuildProjectId == projectId && !s.Archived).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>A refusal naming the pack's article (the project's pack), as the API answers it (409) and the pages show it.</summary>
    public Refusal Refuse(BuildProject p, string title, string message, params string[] cites)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(cites);
        var pack = PackOf(p);
        var provisions = cites.Where(c => c.Length > 0).Select(c => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, c))).ToList();
        return new Refusal(title, pack.Id, pack.Title, [new RefusalReason(null, message, provisions, pack.Id)]);
    }

    /// <summary>The cite of a gate in pack notation, or the lifecycle's basis, or "".</summary>
    public string CiteOf(BuildProject p, string gate) =>
        Gate(p, gate)?.Cite.ToString() ?? PackOf(p).Lifecycle?.Basis.ToString() ?? "";

    /// <summary>Records a refusal in the audit log (a gate someone tried to skip) and answers it.</summary>
    public async Task<ProjectOutcome> RefusedAsync(BuildProject p, ProjectActor actor, Refusal refusal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(refusal);
        // Nothing the refused step touched is saved with its audit entry.
        db.ChangeTracker.Clear();
        audit.Add("project.refused", $"project:{p.Id}", p.DivisionCode, p.OwnerUnitId,
            RecordsApi.Truncate($"「{p.Name}」{refusal.Title}：{refusal.Message}（{actor.Name}，{Roles.Label(actor.Role)}）", 3900),
            $"{refusal.PackId} " + string.Join(",", refusal.Citations.Select(c => c.Cite)));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return new ProjectOutcome(p, Refusal: refusal);
    }

    /// <summary>
    /// Records a step (moving the project to <paramref name="to"/>), queues its audit entry, sets the systems' lifecycle facts
    /// from the project, and saves it all with a re-judgement of the site in one transaction.
    /// </summary>
    public async Task<ProjectOutcome> StepAsync(BuildProject p, ProjectActor actor, string party, string action, string to, string? note, string? cite, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        var now = Now;
        var from = p.State;
        if (to != from)
        {
            p.State = to;
            p.StateSince = now;
            var days = Options.DaysFor(to);
            p.DueOn = days > 0 ? Today.AddDays(days) : null;
        }
        var citation = cite is { Length: > 0 } ? $"{p.PackId} {cite}" : null;
        var step = new ProjectStep
        {
            ProjectId = p.Id, Action = action, FromState = from, ToState = to, At = now, By = actor.Account, ByName = actor.Name,
            Role = actor.Role, Party = party, Note = note is { Length: > 0 } ? RecordsApi.Truncate(note, 2000) : null, Citation = citation,
        };
        if (db.Entry(p).State is EntityState.Detached or EntityState.Added)
        {
            p.Steps.Add(step);
        }
        else
        {
            db.Add(step);
        }
        p.UpdatedAt = now;
        await ApplyFactsAsync(p, ct);
        var detail = $"「{p.Name}」{ProjectActions.Label(action)}" + (to != from ? $"（{ProjectStates.Label(from)} → {ProjectStates.Label(to)}）" : "")
            + $"，{ProjectParties.Label(party)}：{actor.Name}" + (note is { Length: > 0 } ? $"；{note}" : "");
        await compliance.SaveAndRejudgeAsync(p.SiteId, null, ct, _ =>
        {
            audit.Add($"project.{action}", $"project:{p.Id}", p.DivisionCode, p.OwnerUnitId, RecordsApi.Truncate(detail, 3900), citation);
            return Task.CompletedTask;
        });
        return new ProjectOutcome(p);
    }

    /// <summary>
    /// Sets the lifecycle facts of the project's systems from the project (the engine judges these): the review, the latest
    /// inspection report, the acceptance the owner and the police both signed, and whether the project put them in service.
    /// </summary>
    private async Task ApplyFactsAsync(BuildProject p, CancellationToken ct)
    {
        var systems = await db.Systems.IgnoreQueryFilters().Where(s => s.BuildProjectId == p.Id && !s.Archived).ToListAsync(ct);
        // At 立项 the systems joined the project in this unit of work only (not yet saved): the query above cannot find them.
        systems.AddRange(db.Systems.Local.Where(s => s.BuildProjectId == p.Id && !s.Archived).Except(systems));
        var report = p.ReportId is { } rid
            ? db.InspectionReports.Local.FirstOrDefault(r => r.Id == rid) ?? await db.InspectionReports.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == rid, ct)
            : null;
        var agency = report is null ? null : await db.TestingAgencies.FirstOrDefaultAsync(a => a.Id == report.AgencyId, ct);
        var accepted = p.AcceptanceSignedBy is not null && p.AcceptanceConclusion is not null;
        foreach (var s in systems)
        {
            s.LifecycleSource = LifecycleSources.Project;
            s.NewConstruction = true;
            s.DesignReviewHeld = p.ReviewConclusion is not null;
            s.DesignReviewOrganizer = p.ReviewConclusion is null ? null : p.ReviewOrganizer;
            s.DesignReviewDate = p.ReviewedOn;
            s.DesignReviewPassed = p.ReviewConclusion is null ? null : p.ReviewConclusion != Opinions.Fail;
            s.InspectionHeld = report is not null;
            s.InspectionAgencyQualified = report is not null && agency is not null && agency.QualifiedOn(report.TestedOn);
            s.InspectionPassed = report?.Conclusion == Opinions.Pass;
            s.InspectionDate = report?.TestedOn;
            s.AcceptanceHeld = accepted;
            s.AcceptancePassed = accepted && p.AcceptancePassed;
            s.AcceptancePoliceParticipated = accepted;
            s.AcceptanceDate = accepted ? p.AcceptanceDate : null;
            s.InService = p.State == ProjectStates.InService;
            s.InServiceSince = p.State == ProjectStates.InService ? p.InServiceOn : null;
            s.UpdatedAt = Now;
        }
    }

    /// <summary>The documents a gate's checklist still misses (uploaded since the project entered its current state).</summary>
    public async Task<IReadOnlyList<string>> MissingDocumentsAsync(BuildProject p, string gate, bool sinceStateEntered, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var rules = Options.For(p.DivisionCode);
        var docs = await db.ProjectDocuments.IgnoreQueryFilters().AsNoTracking().Where(d => d.ProjectId == p.Id).Select(d => new { d.Type, d.UploadedAt }).ToListAsync(ct);
        var corrections = await db.Corrections.IgnoreQueryFilters().AnyAsync(c => c.ProjectId == p.Id, ct);
        return rules.ChecklistFor(gate)
            .Where(i => i.When != "corrections" || corrections)
            .Where(i => !docs.Any(d => d.Type == i.Type && (!sinceStateEntered || d.UploadedAt >= p.StateSince)))
            .Select(i => DocumentTypes.Label(i.Type)).ToList();
    }
}
