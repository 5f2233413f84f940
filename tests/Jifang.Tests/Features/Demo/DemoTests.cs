using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Demo;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Demo;

/// <summary>
/// The demo as seeded on a database of its own: what its pages show holds together (a system with a heartbeat history has the
/// key it beat with; its page said "尚未签发凭据" beside its heartbeats), and docs/demo.md lists every account it creates (it
/// lacked nmg.police.xincheng2).
/// </summary>
public abstract class DemoTests(PlatformFixture fx)
{
    [Fact]
    public async Task The_demo_holds_together_and_its_document_lists_every_account()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using var app = scratch.Build("--Demo:Seed=true", $"--Projects:DocumentsFolder={Path.Combine(scratch.Folder, "documents")}");
        using var output = new StringWriter();
        var accounts = await DemoSeeder.SeedIfEmptyAsync(app.Services, output, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);

        var watched = await db.SystemWatch.AsNoTracking().Where(w => w.LastHeartbeatAt != null).Select(w => w.SystemId).ToListAsync();
        Assert.True(watched.Count >= 4, $"only {watched.Count} demo systems have a heartbeat history");
        var keyless = watched.Where(id => !db.AlarmCredentials.AsNoTracking().Any(c => c.SystemId == id)).ToList();
        Assert.True(keyless.Count == 0, $"demo systems with heartbeats and no key: {string.Join(", ", keyless)}");

        // 备案: accepted filings, one pending and one returned per showcase unit, and systems overdue.
        var states = await db.VideoFilings.AsNoTracking().GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.True(states.GetValueOrDefault("accepted") > 10, $"filings by state: {string.Join(", ", states)}");
        Assert.True(states.GetValueOrDefault("pending") >= 1 && states.GetValueOrDefault("returned") >= 1, $"filings by state: {string.Join(", ", states)}");
        db.Scope = Jifang.Features.Identity.Scope.All;
        var overdue = await ActivatorUtilities.CreateInstance<Jifang.Features.Filing.FilingService>(scope.ServiceProvider, db).OverdueAsync(CancellationToken.None);
        Assert.NotEmpty(overdue);
        // A system of 新城区 is left for the visitor to file (docs/demo.md; the browser test files it).
        Assert.Contains("留待演示办理", output.ToString(), StringComparison.Ordinal);
        // 《公共安全视频图像信息系统管理条例》第十三条: most video systems have the notice posted, a few do not, and those are findings.
        var video = (await db.Systems.AsNoTracking().Where(s => !s.Archived).Select(s => new { s.Subsystems, s.SignagePosted }).ToListAsync())
            .Where(s => s.Subsystems.Contains("video")).ToList();
        var unposted = video.Count(s => !s.SignagePosted);
        var signage = await db.Findings.AsNoTracking().CountAsync(f => f.Rule == "signage" && f.PackId == "national-2025");
        Assert.True(unposted is > 0 and <= 4 && video.Count > 20 * unposted, $"{unposted} of {video.Count} demo video systems without the notice");
        Assert.Equal(unposted, signage);

        await ProjectsHoldTogetherAsync(app.Services, db);

        var text = File.ReadAllText(Path.Combine(Repo.Root, "docs", "demo.md"));
        var section = text[text.IndexOf("## Accounts", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = Regex.Matches(section, @"^\|[^|\n]*\|", RegexOptions.Multiline)
            .SelectMany(row => Regex.Matches(row.Value, "`([a-z0-9.]+)`").Select(m => m.Groups[1].Value)).ToHashSet();
        var seeded = accounts.Select(a => a.UserName).ToHashSet();
        Assert.True(seeded.Count >= 15, $"the demo created {seeded.Count} accounts");
        Assert.True(seeded.SetEquals(documented),
            $"accounts the demo creates but docs/demo.md does not list: {string.Join(", ", seeded.Except(documented))}; listed but not created: {string.Join(", ", documented.Except(seeded))}");
    }

    /// <summary>
    /// Issue 12: under each regional pack a project in every state, made by the workflow (steps, audit entries, the systems'
    /// facts from the project); the party accounts bound to their registry entries and finding their projects through the
    /// list of /api/projects in their own scope; the three experts of each showcase city the only ones a draw can pick; and
    /// each showcase unit's 「在建」 site with three systems free for a new project (the browser tests open projects from it).
    /// </summary>
    private static async Task ProjectsHoldTogetherAsync(IServiceProvider services, JifangDbContext db)
    {
        var projects = await db.Projects.AsNoTracking().ToListAsync();
        foreach (var pack in new[] { "nmg-2007", "province-2012" })
        {
            var mine = projects.Where(p => p.PackId == pack).ToList();
            var missing = ProjectStates.All.Except(mine.Select(p => p.State)).ToList();
            Assert.True(missing.Count == 0, $"{pack}: no demo project in {string.Join(", ", missing)}");
            Assert.Contains(mine, p => p.State == ProjectStates.Initiated && p.ReturnedFrom == ProjectStates.DesignReview);
            Assert.Contains(mine, p => p.State == ProjectStates.Construction && p.ReturnedFrom == ProjectStates.Acceptance);
            Assert.Contains(mine, p => p is { State: ProjectStates.Acceptance, AcceptanceSignedBy: null } && p.AcceptanceConclusion == "pass");
            Assert.Contains(mine, p => p is { Grade: 1, PoliceLevel: "city" });
        }
        Assert.Contains(projects, p => p is { PackId: "province-2012", PublicArea: true, ReviewOrganizer: "police" });
        var ids = projects.Select(p => p.Id).ToList();
        // Made by the workflow: every project's steps and audit entries, and its systems' facts from the project.
        var systems = await db.Systems.AsNoTracking().Where(s => s.BuildProjectId != null && ids.Contains(s.BuildProjectId.Value)).ToListAsync();
        Assert.Equal(projects.Count, systems.Count);
        Assert.All(systems, s => Assert.Equal(LifecycleSources.Project, s.LifecycleSource));
        var inService = projects.Where(p => p.State == ProjectStates.InService).Select(p => p.Id).ToHashSet();
        Assert.All(systems, s => Assert.Equal(inService.Contains(s.BuildProjectId!.Value), s.InService));
        var created = await db.ProjectSteps.AsNoTracking().Where(s => s.Action == ProjectActions.Created).Select(s => s.ProjectId).ToListAsync();
        Assert.Equal(ids.Order(), created.Order());
        var audited = await db.Audit.AsNoTracking().Where(e => e.Action.StartsWith("project.")).Select(e => new { e.Action, e.Actor }).ToListAsync();
        Assert.Equal(projects.Count, audited.Count(e => e.Action == "project.created"));
        Assert.Contains(audited, e => e.Action == "project.refused" && e.Actor == "nmg.unit.admin");
        Assert.Contains(audited, e => e.Action == "project.opinion-filed" && e.Actor == "prov.expert2");
        Assert.Contains(audited, e => e.Action == "project.report-filed" && e.Actor == "testing");

        // The party accounts, bound, find their projects in their own scope.
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<JifangUser>>();
        var service = scope.ServiceProvider.GetRequiredService<ProjectService>();
        async Task<(JifangUser User, List<Guid> Projects)> SeenByAsync(string userName)
        {
            var user = await users.FindByNameAsync(userName);
            Assert.True(user is not null, $"no demo account {userName}");
            service.Db.Scope = Scope.From(await principals.CreateAsync(user));
            var listed = await ProjectsApi.List(service, null, null, null, 1, 200, CancellationToken.None);
            return (user, Assert.IsType<Ok<Page<ProjectDto>>>(listed.Result).Value!.Items.Select(p => p.Id).ToList());
        }
        var contractor = await SeenByAsync("contractor");
        Assert.Equal(DemoProjects.ContractorName, (await db.Contractors.AsNoTracking().SingleAsync(c => c.Id == contractor.User.PartyId)).Name);
        Assert.Equal(ids.Order(), contractor.Projects.Order());
        var testing = await SeenByAsync("testing");
        var agency = await db.TestingAgencies.AsNoTracking().SingleAsync(a => a.Id == testing.User.PartyId);
        Assert.Equal((DemoProjects.AgencyName, new DateOnly(2030, 12, 31)), (agency.Name, agency.QualifiedUntil));
        var tested = projects.Where(p => p.TestingAgencyId == agency.Id).Select(p => p.Id).ToList();
        Assert.True(tested.Count >= 8, $"the demo agency tests {tested.Count} projects");
        Assert.Equal(tested.Order(), testing.Projects.Order());
        Assert.Contains(await db.TestingAgencies.AsNoTracking().ToListAsync(), a => !a.QualifiedOn(service.Today));

        var experts = await db.Experts.AsNoTracking().ToListAsync();
        var panels = await db.ReviewPanels.AsNoTracking().Include(p => p.Members).ToListAsync();
        foreach (var (prefix, city) in new[] { ("nmg", "1501"), ("prov", "9901") })
        {
            var bound = new List<Guid>();
            for (var n = 1; n <= 3; n++)
            {
                var (user, seen) = await SeenByAsync($"{prefix}.expert{n}");
                Assert.Equal(Roles.Expert, user.Role);
                bound.Add(user.PartyId!.Value);
                var drawn = panels.Where(p => p.Members.Any(m => m.ExpertId == user.PartyId)).Select(p => p.ProjectId).Distinct().ToList();
                Assert.NotEmpty(drawn);
                Assert.Equal(drawn.Order(), seen.Order());
                Assert.All(projects.Where(p => seen.Contains(p.Id)), p => Assert.StartsWith(city, p.DivisionCode, StringComparison.Ordinal));
            }
            // A draw there picks all three: no other available expert of the city is free of the conflict rule.
            var pool = experts.Where(e => e.DivisionCode.StartsWith(city, StringComparison.Ordinal) && e.Available && !e.Archived).ToList();
            Assert.Equal(bound.Order(), pool.Where(e => e.EmployerKind != ExpertEmployers.Police).Select(e => e.Id).Order());
            Assert.Contains(pool, e => e.EmployerKind == ExpertEmployers.Police);
            Assert.Contains(experts, e => e.DivisionCode.StartsWith(city, StringComparison.Ordinal) && !e.Available);
            Assert.All(panels.Where(p => projects.First(x => x.Id == p.ProjectId).DivisionCode.StartsWith(city, StringComparison.Ordinal)),
                p => Assert.Equal(bound.Order(), p.Members.Select(m => m.ExpertId).Order()));
        }

        // Each showcase unit's 「在建」 site: three systems not in service and in no project.
        foreach (var admin in new[] { "nmg.unit.admin", "prov.unit.admin" })
        {
            var unit = (await users.FindByNameAsync(admin))!.UnitId;
            var site = await db.Sites.AsNoTracking().Include(s => s.Systems).SingleAsync(s => s.UnitId == unit && s.Name.Contains("在建"));
            Assert.Equal(3, site.Systems.Count(s => !s.InService && !s.Archived && s.BuildProjectId == null));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoSqlite(SqliteFixture fx) : DemoTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class DemoPostgres(PostgresFixture fx) : DemoTests(fx);
