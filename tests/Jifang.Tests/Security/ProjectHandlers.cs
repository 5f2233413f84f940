using System.Globalization;
using System.Net;
using System.Text.Json;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Registry;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of build projects (issue 12): 立项 (the police and unit administrators, a site of their scope; outside
/// it the form says why) and each step of the details page, taken by the party the workflow names for it in its world
/// (A: nmg-2007 in 150102, B: nmg-2007 in 150203, P: province-2012 in 990101, where no caller but the administrator
/// reads, who takes no steps): the owner (the unit administrator), the police of the level the grade sets (county for
/// these projects); anyone else who sees the project is refused on the page with the article (200), outside the scope
/// 404. The targets are projects made in the database at the gate the handler acts on.
/// </summary>
/// <remarks>
/// The callers include no account of a drawn expert, nor one bound to the agency a project commissioned: on the rows of
/// the expert's opinion and the agency's report, the lines of the party roles (contractor: the expert; testing-agency:
/// the agency) post as an account bound to the project's own expert or agency, so that the row shows the form doing its
/// work for its party and for nobody else. Every target of those rows carries its client, so that none is passed on to
/// the next caller (whose line may be the stand-in's).
/// </remarks>
public static class ProjectHandlers
{
    private const string Owner =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    302+ 404  404
        unit-operator-a 302D 302D 302D
        unit-admin-b    404  302+ 404
        unit-operator-b 302D 302D 302D
        contractor      404  404  404
        testing-agency  404  404  404
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>The owner together with the county police (nmg-2007 第十三条第三款: the review; and documents of any party).</summary>
    private const string OwnerOrPolice =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   302+ 404  404
        police-county-b 404  302+ 404
        unit-admin-a    302+ 404  404
        unit-operator-a 302D 302D 302D
        unit-admin-b    404  302+ 404
        unit-operator-b 302D 302D 302D
        contractor      404  404  404
        testing-agency  404  404  404
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>The police of the level the grade sets (county): signing or returning the owner's acceptance.</summary>
    private const string Police =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   302+ 404  404
        police-county-b 404  302+ 404
        unit-admin-a    200  404  404
        unit-operator-a 302D 302D 302D
        unit-admin-b    404  200  404
        unit-operator-b 302D 302D 302D
        contractor      404  404  404
        testing-agency  404  404  404
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>A party the project names (its expert, its agency: <see cref="ProjectHandlers"/>'s remarks), wherever the project is.</summary>
    private static string Party(string line) =>
        $"""
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    200  404  404
        unit-operator-a 302D 302D 302D
        unit-admin-b    404  200  404
        unit-operator-b 302D 302D 302D
        {(line == "contractor" ? "contractor      302+ 302+ 302+" : "contractor      404  404  404")}
        {(line == "testing-agency" ? "testing-agency  302+ 302+ 302+" : "testing-agency  404  404  404")}
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>立项: police and unit administrators, a site of their scope; a site outside it is refused on the form naming siteId.</summary>
    private const string Create =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 302+ 302+ 200
        police-city     302+ 200  200
        police-county   302+ 200  200
        police-county-b 200  302+ 200
        unit-admin-a    302+ 200  200
        unit-operator-a 302D 302D 302D
        unit-admin-b    200  302+ 200
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    private static string Today(MatrixCall c) =>
        DateOnly.FromDateTime(c.Fixture.Time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Url(Guid project, string handler) => $"/Projects/Details/{project}?handler={handler}";

    private static Task<bool> InState(MatrixCall c, Guid project, string state) => c.AnyAsync<BuildProject>(p => p.Id == project && p.State == state);

    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Projects/Create", true, async c =>
        {
            var (site, system) = await c.ProjectSiteAsync();
            return Form("/Projects/Create", _ => c.AnyAsync<BuildProject>(p => p.SiteId == site),
                ("Input.SiteId", site.ToString()), ("Input.Name", c.Unique("矩阵建设项目")), ("Input.Kind", "new"), ("Input.RiskLevel", "3"),
                ("Input.Investment", "50"), ("Input.SystemIds", system.ToString()));
        }, Create),
        new("* POST /Projects/Details?handler=SubmitDesign", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Initiated, [DocumentTypes.RiskLetter, DocumentTypes.Drawings]);
            return Form(Url(id, "SubmitDesign"), _ => InState(c, id, ProjectStates.DesignReview), ("Note", "矩阵：提交论证"));
        }, Owner),
        new("* POST /Projects/Details?handler=DrawPanel", true, async c =>
        {
            await c.PoolAsync();
            var id = await c.FreshProjectAsync(ProjectStates.DesignReview);
            return Form(Url(id, "DrawPanel"), _ => c.AnyAsync<ReviewPanel>(x => x.ProjectId == id));
        }, OwnerOrPolice),
        new("* POST /Projects/Details?handler=FileOpinion", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.DesignReview);
            var experts = await c.PanelAsync(id, opinions: false);
            var target = Form(Url(id, "FileOpinion"), _ => c.AnyAsync<PanelMember>(m => m.ExpertId == experts[0] && m.Opinion == Opinions.Pass),
                ("Opinion", Opinions.Pass), ("Reasons", "矩阵：方案可行"), ("Conditions", ""));
            return target with { Client = c.Caller == Callers.Contractor ? await c.PartyClientAsync(Roles.Expert, experts[0]) : await c.Fixture.FormClientAsync(c.Caller) };
        }, Party("contractor")),
        new("* POST /Projects/Details?handler=ConcludeReview", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.DesignReview, [DocumentTypes.ReviewOpinion]);
            await c.PanelAsync(id, opinions: true);
            return Form(Url(id, "ConcludeReview"), _ => c.AnyAsync<BuildProject>(p => p.Id == id && (p.ReviewOwnerSigned != null || p.ReviewPoliceSigned != null)),
                ("Note", "矩阵：签署"));
        }, OwnerOrPolice),
        new("* POST /Projects/Details?handler=AnswerCorrection", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Construction);
            var correction = await c.DbAsync(async db =>
            {
                var item = new CorrectionItem { ProjectId = id, Round = 1, Text = "矩阵：补装摄像机" };
                db.Corrections.Add(item);
                await db.SaveChangesAsync();
                return item.Id;
            });
            return Form(Url(id, "AnswerCorrection"), _ => c.AnyAsync<CorrectionItem>(x => x.Id == correction && x.Answer != null),
                ("CorrectionId", correction.ToString()), ("Answer", "矩阵：已补装"));
        }, Owner),
        new("* POST /Projects/Details?handler=SubmitInspection", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Construction);
            var agency = await c.AgencyAsync();
            return Form(Url(id, "SubmitInspection"), _ => InState(c, id, ProjectStates.Inspection), ("TestingAgencyId", agency.ToString()), ("Note", "矩阵：竣工"));
        }, Owner),
        new("* POST /Projects/Details?handler=FileReport", true, async c =>
        {
            var agency = await c.AgencyAsync();
            var id = await c.FreshProjectAsync(ProjectStates.Inspection, shape: p => p.TestingAgencyId = agency);
            var target = Form(Url(id, "FileReport"), _ => InState(c, id, ProjectStates.Acceptance),
                ("Number", c.Unique("JC")), ("TestedOn", Today(c)), ("Conclusion", Opinions.Pass),
                ("Items[0].Name", "图像质量"), ("Items[0].Result", "矩阵：符合要求"), ("Items[0].Passed", "true"), ("Note", "矩阵：检测"));
            return target with { Client = c.Caller == Callers.TestingAgency ? await c.PartyClientAsync(Roles.TestingAgency, agency) : await c.Fixture.FormClientAsync(c.Caller) };
        }, Party("testing-agency")),
        new("* POST /Projects/Details?handler=RecordAcceptance", true, async c =>
        {
            var id = await c.InspectedProjectAsync();
            return Form(Url(id, "RecordAcceptance"), _ => c.AnyAsync<BuildProject>(p => p.Id == id && p.AcceptanceConclusion != null),
                ("Conclusion", Opinions.Pass), ("Date", Today(c)), ("Note", "矩阵：验收"));
        }, Owner),
        new("* POST /Projects/Details?handler=SignAcceptance", true, async c =>
        {
            var id = await c.InspectedProjectAsync(recorded: true);
            return Form(Url(id, "SignAcceptance"), _ => c.AnyAsync<BuildProject>(p => p.Id == id && p.AcceptanceSignedBy != null), ("Note", "矩阵：会签"));
        }, Police),
        new("* POST /Projects/Details?handler=RefuseAcceptance", true, async c =>
        {
            var id = await c.InspectedProjectAsync(recorded: true);
            return Form(Url(id, "RefuseAcceptance"), _ => c.AnyAsync<BuildProject>(p => p.Id == id && p.AcceptanceConclusion == null), ("Reason", "矩阵：报告与现场不符"));
        }, Police),
        new("* POST /Projects/Details?handler=PutInService", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Acceptance, [DocumentTypes.AcceptanceReport], p =>
            {
                p.AcceptanceConclusion = Opinions.Pass;
                p.AcceptancePassed = true;
                p.AcceptanceDate = DateOnly.FromDateTime(c.Fixture.Time.GetLocalNow().DateTime);
                p.AcceptanceRecordedBy = "unit-admin-a";
                p.AcceptanceSignedBy = "police-county";
            });
            return Form(Url(id, "PutInService"), _ => InState(c, id, ProjectStates.InService), ("Date", Today(c)));
        }, Owner),
        new("* POST /Projects/Details?handler=Withdraw", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Initiated);
            return Form(Url(id, "Withdraw"), _ => InState(c, id, ProjectStates.Withdrawn), ("Reason", "矩阵：工程取消"));
        }, Owner),
        new("* POST /Projects/Details?handler=Upload", true, async c =>
        {
            var id = await c.FreshProjectAsync(ProjectStates.Initiated);
            return Form(Url(id, "Upload"), _ => c.AnyAsync<ProjectDocument>(d => d.ProjectId == id), ("DocumentType", DocumentTypes.Other))
                with { File = new HandlerFile("Upload", "矩阵材料.pdf", "application/pdf", "%PDF-1.4 matrix"u8.ToArray()) };
        }, OwnerOrPolice),
    ];

    /// <summary>A fresh site of the world's unit with one system not in service (through the API, as the registry makes them).</summary>
    public static async Task<(Guid Site, Guid System)> ProjectSiteAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var admin = c.Fixture.Client(Callers.PlatformAdmin);
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(c.W.UnitId, c.Unique("矩阵在建场所"), c.W.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var body = JsonSerializer.SerializeToNode(Bodies.System(c.Unique("矩阵在建系统"), "main-entrance"), Http.Json)!;
        body["newConstruction"] = true;
        body["designReview"] = null;
        body["inspection"] = null;
        body["acceptance"] = null;
        body["inService"] = false;
        var system = (await admin.PostJsonAsync($"/api/sites/{site}/systems", body).ExpectAsync(HttpStatusCode.Created)).Id();
        return (site, system);
    }

    /// <summary>
    /// A project of the world's unit (grade 3, county police; nmg-2007 or province-2012 by the world's place) at
    /// <paramref name="state"/> with a system of its own and the documents named, made in the database.
    /// </summary>
    public static async Task<Guid> FreshProjectAsync(this MatrixCall c, string state, string[]? documents = null, Action<BuildProject>? shape = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var (site, system) = await c.ProjectSiteAsync();
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var nmg = c.W.Division.StartsWith("15", StringComparison.Ordinal);
        return await c.DbAsync(async db =>
        {
            var p = new BuildProject
            {
                Name = c.Unique("矩阵项目"), Kind = ProjectKinds.New, SiteId = site, SiteUnitId = c.W.UnitId, OwnerUnitId = c.W.UnitId, DivisionCode = c.W.Division,
                PackId = nmg ? "nmg-2007" : "province-2012", RiskLevel = 3, Investment = 50m, Grade = 3, PoliceLevel = "county", ReviewRequired = true,
                State = state, StateSince = now.AddMinutes(-30), CreatedAt = now.AddMinutes(-30), CreatedBy = "matrix", UpdatedAt = now,
                ReviewRound = state == ProjectStates.Initiated ? 0 : 1,
                ReviewOrganizer = state == ProjectStates.Initiated ? null : nmg ? "construction-unit-with-police" : "construction-unit",
            };
            shape?.Invoke(p);
            db.Projects.Add(p);
            var s = await db.Systems.FindAsync(system);
            s!.BuildProjectId = p.Id;
            s.LifecycleSource = LifecycleSources.Project;
            foreach (var type in documents ?? [])
            {
                db.ProjectDocuments.Add(new ProjectDocument
                {
                    ProjectId = p.Id, Type = type, FileName = "矩阵.pdf", ContentType = "application/pdf", Size = 10, Sha256 = new string('c', 64),
                    UploadedAt = now, UploadedBy = "matrix", Party = ProjectParties.Owner,
                });
            }
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    /// <summary>A project at acceptance on a passing report of a qualified agency, its test report uploaded; <paramref name="recorded"/>: the owner recorded a pass.</summary>
    public static async Task<Guid> InspectedProjectAsync(this MatrixCall c, bool recorded = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        var agency = await c.AgencyAsync();
        var today = DateOnly.FromDateTime(c.Fixture.Time.GetLocalNow().DateTime);
        var report = Guid.CreateVersion7();
        var id = await c.FreshProjectAsync(ProjectStates.Acceptance, [DocumentTypes.TestReport], p =>
        {
            p.TestingAgencyId = agency;
            p.ReportId = report;
            if (recorded)
            {
                p.AcceptanceConclusion = Opinions.Pass;
                p.AcceptanceDate = today;
                p.AcceptanceRecordedBy = "unit-admin-a";
            }
        });
        await c.DbAsync(async db =>
        {
            db.InspectionReports.Add(new InspectionReport
            {
                Id = report, ProjectId = id, AgencyId = agency, Number = c.Unique("JC"), TestedOn = today, Conclusion = Opinions.Pass,
                Items = [new InspectionItem { Name = "图像质量", Result = "符合", Passed = true }], FiledAt = c.Fixture.Time.GetUtcNow().UtcDateTime, FiledBy = "matrix",
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A registered, qualified testing agency.</summary>
    public static Task<Guid> AgencyAsync(this MatrixCall c) => c.DbAsync(async db =>
    {
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var agency = new TestingAgency
        {
            Name = c.Unique("矩阵检测中心"), DivisionCode = c.W.Division, CertificateNumber = c.Unique("CMA"), QualifiedUntil = new DateOnly(2030, 12, 31),
            CreatedAt = now, UpdatedAt = now,
        };
        db.TestingAgencies.Add(agency);
        await db.SaveChangesAsync();
        return agency.Id;
    });

    /// <summary>Three available experts in the pool of the world's city (a panel's size), so that a draw finds enough.</summary>
    public static Task<List<Guid>> PoolAsync(this MatrixCall c) => c.DbAsync(async db =>
    {
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var experts = Enumerable.Range(0, 3).Select(_ => new Expert
        {
            Name = c.Unique("矩阵专家"), DivisionCode = c.W.Division, Specialty = "视频监控", Employer = "矩阵大学", EmployerKind = ExpertEmployers.Other,
            CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.Experts.AddRange(experts);
        await db.SaveChangesAsync();
        return experts.Select(e => e.Id).ToList();
    });

    /// <summary>The panel of the project's first round: three fresh experts, each with a pass when <paramref name="opinions"/>.</summary>
    public static async Task<List<Guid>> PanelAsync(this MatrixCall c, Guid project, bool opinions)
    {
        ArgumentNullException.ThrowIfNull(c);
        var experts = await c.PoolAsync();
        await c.DbAsync(async db =>
        {
            var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
            db.ReviewPanels.Add(new ReviewPanel
            {
                ProjectId = project, Round = 1, Seed = 1, Size = 3, Candidates = experts, DrawnAt = now, DrawnBy = "matrix",
                DueOn = DateOnly.FromDateTime(now).AddDays(7),
                Members = experts.Select((e, i) => new PanelMember { ExpertId = e, Position = i, Opinion = opinions ? Opinions.Pass : null, FiledAt = opinions ? now : null }).ToList(),
            });
            return await db.SaveChangesAsync();
        });
        return experts;
    }

    /// <summary>A signed-in browser of an account bound to a registered party (an expert, a testing agency), made for the call.</summary>
    public static async Task<HttpClient> PartyClientAsync(this MatrixCall c, string role, Guid party)
    {
        ArgumentNullException.ThrowIfNull(c);
        var userName = $"matrix-{role}-{party:N}";
        await using (var scope = c.Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            var user = new JifangUser { UserName = userName, DisplayName = userName, Role = role, PartyId = party, CreatedAt = c.Fixture.Time.GetUtcNow().UtcDateTime };
            Assert.True((await users.CreateAsync(user, Caller.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = c.Fixture.NewPageClient();
        await PlatformFixture.SignInWithFormAsync(client, userName, Caller.Password);
        return client;
    }
}
