using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// What the build-project tests share: registered testing agencies and experts with accounts bound to them (made through
/// the platform's own UserManager, as `jifang admin create-user` would), a site with a system not yet in service, and the
/// documents each gate's checklist asks for.
/// </summary>
public sealed class ProjectKit(PlatformFixture fx)
{
    private readonly Dictionary<Guid, HttpClient> _parties = [];
    private readonly Dictionary<HttpClient, (string UserName, DateTimeOffset At)> _signedIn = [];
    private readonly Dictionary<string, HttpClient> _accounts = [];
    private readonly HashSet<string> _pools = [];
    private readonly Dictionary<string, (Guid, HttpClient)> _agencies = [];

    public HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    /// <summary>A registered testing agency (qualified until <paramref name="until"/>) and a signed-in client of its account.</summary>
    public async Task<(Guid Id, HttpClient Client)> AgencyAsync(string division = "150102", string until = "2030-12-31")
    {
        var agency = new TestingAgency
        {
            Name = fx.Unique("检测中心"), DivisionCode = division, CertificateNumber = fx.Unique("CMA"), QualifiedUntil = DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime,
        };
        await SaveAsync(agency);
        return (agency.Id, await PartyClientAsync(Roles.TestingAgency, agency.Id));
    }

    /// <summary>Registers <paramref name="count"/> available experts of a division's pool employed by <paramref name="employerKind"/>.</summary>
    public async Task<List<Guid>> ExpertsAsync(int count, string division = "150102", string employerKind = ExpertEmployers.Other, Guid? employerId = null)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var e = new Expert
            {
                Name = fx.Unique("专家"), DivisionCode = division, Specialty = "视频监控", Employer = fx.Unique("某大学"), EmployerKind = employerKind,
                EmployerId = employerId, Available = true, CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime,
            };
            await SaveAsync(e);
            ids.Add(e.Id);
        }
        return ids;
    }

    /// <summary>Sets the due date of the project's current gate (the shared clock stays on its day: the record is aged instead).</summary>
    public async Task DueAsync(Guid project, DateOnly dueOn)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        (await db.Projects.FindAsync(project))!.DueOn = dueOn;
        await db.SaveChangesAsync();
    }

    private async Task SaveAsync(object entity)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        db.Add(entity);
        await db.SaveChangesAsync();
    }

    /// <summary>A signed-in client of an account bound to the party (created on first use).</summary>
    public async Task<HttpClient> PartyClientAsync(string role, Guid party)
    {
        if (_parties.TryGetValue(party, out var client))
        {
            return await FreshAsync(client);
        }
        var userName = $"{role}-{party:N}";
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            // An expert of the shared pool may be drawn by several tests: its account is made once.
            if (await users.FindByNameAsync(userName) is not null)
            {
                return _parties[party] = await SignedInAsync(userName);
            }
            var user = new JifangUser { UserName = userName, DisplayName = userName, Role = role, PartyId = party, CreatedAt = fx.Time.GetUtcNow().UtcDateTime };
            Assert.True((await users.CreateAsync(user, Caller.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return _parties[party] = await SignedInAsync(userName);
    }

    /// <summary>A new client signed in as the account, remembered with the (fake) time of its sign-in.</summary>
    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = fx.NewClient(await fx.LoginAsync(userName, Caller.Password));
        _signedIn[client] = (userName, fx.Time.GetUtcNow());
        return client;
    }

    /// <summary>
    /// The kit's clients live across tests, while bearer tokens live an hour of the shared fake clock that other tests move
    /// on: a client signed in half an hour ago or more signs in again (as the fixture does for its callers, AdvanceAsync).
    /// </summary>
    private async Task<HttpClient> FreshAsync(HttpClient client)
    {
        if (_signedIn.TryGetValue(client, out var signed) && fx.Time.GetUtcNow() - signed.At >= TimeSpan.FromMinutes(30))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await fx.LoginAsync(signed.UserName, Caller.Password));
            _signedIn[client] = (signed.UserName, fx.Time.GetUtcNow());
        }
        return client;
    }

    /// <summary>A project <see cref="DriveAsync"/> made: its site and system, the owner's and the police's clients, the agency commissioned, the panel.</summary>
    public sealed record Driven(Guid Id, Guid Site, Guid System, HttpClient Owner, HttpClient Police)
    {
        public HttpClient? Agency { get; set; }
        public Guid? AgencyId { get; set; }
        public List<Guid> Panel { get; } = [];
    }

    /// <summary>A client of the party's account that lets 5xx answers through (for the tests that make the audit log fail).</summary>
    public async Task<HttpClient> RawPartyClientAsync(string role, Guid party)
    {
        await PartyClientAsync(role, party);
        var token = await fx.LoginAsync($"{role}-{party:N}", Caller.Password);
        var address = fx.NewAddress();
        var client = new HttpClient(fx.Server.CreateHandler(c => c.Connection.RemoteIpAddress = address)) { BaseAddress = fx.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A site of unit <paramref name="world"/> at <paramref name="division"/> with one system that is not in service yet.</summary>
    public async Task<(Guid Site, Guid System)> SiteAsync(World world, string division, string[]? categories = null, bool publicArea = false)
    {
        var body = JsonSerializer.SerializeToNode(Bodies.Site(world.UnitId, fx.Unique("建设中的银行"), division, categories ?? ["financial-business-premises"], ["main-entrance", "vault"]), Http.Json)!;
        body["publicArea"] = publicArea;
        var site = (await Admin.PostJsonAsync("/api/sites", body).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = JsonSerializer.SerializeToNode(Bodies.System(fx.Unique("新建监控系统"), "main-entrance"), Http.Json)!;
        system["newConstruction"] = true;
        system["designReview"] = null;
        system["inspection"] = null;
        system["acceptance"] = null;
        system["inService"] = false;
        var id = (await Admin.PostJsonAsync($"/api/sites/{site}/systems", system).ExpectAsync(HttpStatusCode.Created)).Id();
        return (site, id);
    }

    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>
    /// The owner (an administrator of the world's unit) and the county police of the world's division: the fixture's callers
    /// for A and B, accounts of their own for P (made once, through UserManager).
    /// </summary>
    public async Task<(HttpClient Owner, HttpClient Police)> SidesAsync(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Key switch
        {
            "A" => (fx.Client(Callers.UnitAdminA), fx.Client(Callers.PoliceCounty)),
            "B" => (fx.Client(Callers.UnitAdminB), fx.Client(Callers.PoliceCountyB)),
            _ => (await AccountAsync($"project-owner-{world.Key}", Roles.UnitAdmin, null, world.UnitId),
                await AccountAsync($"project-police-{world.Key}-{world.Division}", Roles.PoliceCounty, world.Division, null)),
        };
    }

    /// <summary>A signed-in client of an account made once per fixture (police of another level or county, a unit's administrator).</summary>
    public async Task<HttpClient> AccountAsync(string userName, string role, string? division, Guid? unit)
    {
        if (_accounts.TryGetValue(userName, out var client))
        {
            return await FreshAsync(client);
        }
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>().FindByNameAsync(userName) is null)
            {
                await fx.CreateUserAsync(userName, role, division, unit);
            }
        }
        return _accounts[userName] = await SignedInAsync(userName);
    }

    /// <summary>Opens a project (grade 二级: the county police take part) of a site as its owner; answers the detail.</summary>
    public async Task<JsonElement> OpenAsync(HttpClient owner, Guid site, Guid? system, int riskLevel = 2, decimal investment = 50m, Guid? contractor = null) =>
        await owner.PostJsonAsync("/api/projects", new
        {
            name = fx.Unique("技防工程"), kind = "new", siteId = site, riskLevel, investment,
            contractors = contractor is { } c ? new[] { new { contractorId = c, role = "construction" } } : [],
            systemIds = system is { } s ? new[] { s } : [],
        }).ExpectAsync(HttpStatusCode.OK);

    /// <summary>How far <see cref="DriveAsync"/> takes a project, in order.</summary>
    public static readonly IReadOnlyList<string> Stages =
        ["initiated", "design-review", "panel", "opinions", "construction", "inspection", "acceptance", "recorded", "accepted", "in-service"];

    /// <summary>
    /// Opens a project of a fresh site of the world (at <paramref name="division"/>, default the world's) and takes it through
    /// the API to <paramref name="stage"/> (<see cref="Stages"/>), each party acting as itself: "initiated" has its risk letter
    /// and drawings, "panel" a drawn panel (three experts of the pool registered first), "opinions" every opinion filed (pass)
    /// and the review opinion uploaded, "construction" the review concluded (signed by both where both organize),
    /// "inspection" a qualified agency commissioned, "acceptance" its passing report and test report, "recorded" the owner's
    /// acceptance, "accepted" the police's signature and the acceptance report, "in-service" in service. With
    /// <paramref name="pool"/> false no expert is registered (a test that counts its pool registers its own).
    /// </summary>
    public async Task<Driven> DriveAsync(World world, string stage, string? division = null, bool publicArea = false, bool withCondition = false,
        Guid? contractor = null, string[]? categories = null, bool pool = true)
    {
        ArgumentNullException.ThrowIfNull(world);
        var target = Stages.ToList().IndexOf(stage);
        Assert.True(target >= 0, $"unknown stage {stage}");
        var (owner, police) = await SidesAsync(world);
        var (site, system) = await SiteAsync(world, division ?? world.Division, categories, publicArea);
        var id = (await OpenAsync(owner, site, system, contractor: contractor)).GetProperty("project").Id();
        var driven = new Driven(id, site, system, owner, police);
        await UploadAsync(owner, id, "risk-letter").ExpectAsync(HttpStatusCode.OK);
        await UploadAsync(owner, id, "drawings").ExpectAsync(HttpStatusCode.OK);
        if (target >= 1)
        {
            await owner.PostJsonAsync($"/api/projects/{id}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 1 && pool && _pools.Add((division ?? world.Division)[..4]))
        {
            await ExpertsAsync(3, division ?? world.Division);
        }
        if (target >= 2)
        {
            var drawer = (await ActionsAsync(owner, id)).Contains("draw-panel") ? owner : police;
            var drawn = await drawer.PostAsync(U($"/api/projects/{id}/panel"), null).ExpectAsync(HttpStatusCode.OK);
            driven.Panel.AddRange(drawn.GetProperty("panels").EnumerateArray().Last().GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))));
        }
        if (target >= 3)
        {
            foreach (var (expert, i) in driven.Panel.Select((e, i) => (e, i)))
            {
                var opinion = withCondition && i == 0 ? (object)new { opinion = "pass-with-conditions", conditions = new[] { "出入口补装一台摄像机" } } : new { opinion = "pass" };
                await (await PartyClientAsync(Roles.Expert, expert)).PostJsonAsync($"/api/projects/{id}/opinion", opinion).ExpectAsync(HttpStatusCode.OK);
            }
            var organizer = (await ActionsAsync(owner, id)).Contains("conclude-review") ? owner : police;
            await UploadAsync(organizer, id, "review-opinion").ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 4)
        {
            var concluded = await ConcludeAsync(driven);
            if (withCondition && target >= 5)
            {
                foreach (var c in concluded.GetProperty("corrections").EnumerateArray())
                {
                    await owner.PostJsonAsync($"/api/projects/{id}/corrections/{c.Id()}", new { answer = "已补装" }).ExpectAsync(HttpStatusCode.OK);
                }
                await UploadAsync(owner, id, "correction-pledge").ExpectAsync(HttpStatusCode.OK);
            }
        }
        if (target >= 5)
        {
            if (!_agencies.TryGetValue(world.Division, out var commissioned))
            {
                _agencies[world.Division] = commissioned = await AgencyAsync(world.Division);
            }
            var agency = commissioned.Item1;
            // Through PartyClientAsync: its sign-in is renewed when the shared clock has moved on.
            driven.Agency = await PartyClientAsync(Roles.TestingAgency, agency);
            driven.AgencyId = agency;
            await owner.PostJsonAsync($"/api/projects/{id}/inspection", new { testingAgencyId = agency }).ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 6)
        {
            await driven.Agency!.PostJsonAsync($"/api/projects/{id}/report", Report(fx.Unique("JC"), "pass")).ExpectAsync(HttpStatusCode.OK);
            await UploadAsync(driven.Agency!, id, "test-report").ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 7)
        {
            await owner.PostJsonAsync($"/api/projects/{id}/acceptance", new { conclusion = "pass", date = Today }).ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 8)
        {
            await police.PostJsonAsync($"/api/projects/{id}/acceptance/sign", new { }).ExpectAsync(HttpStatusCode.OK);
            await UploadAsync(owner, id, "acceptance-report").ExpectAsync(HttpStatusCode.OK);
        }
        if (target >= 9)
        {
            await owner.PostJsonAsync($"/api/projects/{id}/in-service", new { date = Today }).ExpectAsync(HttpStatusCode.OK);
        }
        return driven;
    }

    /// <summary>Concludes the review: whoever organizes signs (the owner, then the police where they organize too).</summary>
    public static async Task<JsonElement> ConcludeAsync(Driven p)
    {
        ArgumentNullException.ThrowIfNull(p);
        JsonElement detail = default;
        foreach (var client in new[] { p.Owner, p.Police })
        {
            if ((await ActionsAsync(client, p.Id)).Contains("conclude-review"))
            {
                detail = await client.PostJsonAsync($"/api/projects/{p.Id}/review", new { }).ExpectAsync(HttpStatusCode.OK);
            }
        }
        Assert.NotEqual(JsonValueKind.Undefined, detail.ValueKind);
        return detail;
    }

    /// <summary>Today on the fixture's clock (yyyy-MM-dd).</summary>
    public string Today => fx.Time.GetLocalNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A report body: one item, passed or not as the conclusion says, tested today.</summary>
    public object Report(string number, string conclusion) =>
        new { number, testedOn = Today, conclusion, items = new[] { new { name = "视频图像质量", result = conclusion == "pass" ? "符合要求" : "夜间不清晰", passed = conclusion == "pass" } } };

    /// <summary>The actions the caller may take on the project now (its detail's <c>actions</c>).</summary>
    public static async Task<string[]> ActionsAsync(HttpClient client, Guid project) =>
        (await client.GetAsync(U($"/api/projects/{project}")).ExpectAsync(HttpStatusCode.OK)).Strings("actions");

    /// <summary>The project's detail as the platform administrator reads it.</summary>
    public async Task<JsonElement> DetailAsync(Guid project) =>
        await Admin.GetAsync(U($"/api/projects/{project}")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>How many entries of an action the audit log holds for the project.</summary>
    public async Task<int> AuditedAsync(Guid project, string action) =>
        (await Admin.GetAsync(U($"/api/audit/entries?subject=project:{project}&action={action}&pageSize=1")).ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

    /// <summary>
    /// Asserts a refused step: 409 citing each of <paramref name="cites"/> (pack notation, "11.1"), a <c>project.refused</c>
    /// entry in the audit log, and the project as it was (state, steps, documents, panels). Answers the problem.
    /// </summary>
    public async Task<JsonElement> RefusedAsync(Guid project, Func<Task<HttpResponseMessage>> call, params string[] cites)
    {
        ArgumentNullException.ThrowIfNull(call);
        var before = Snapshot(await DetailAsync(project));
        var refusals = await AuditedAsync(project, "project.refused");
        var problem = await call().ExpectAsync(HttpStatusCode.Conflict);
        var cited = problem.GetProperty("citations").EnumerateArray().Select(c => c.Str("cite")).ToList();
        foreach (var cite in cites)
        {
            Assert.True(cited.Contains(cite), $"the refusal cites {string.Join(", ", cited)}, not {cite}: {problem}");
        }
        Assert.All(problem.GetProperty("citations").EnumerateArray(), c => Assert.Contains("第", c.Str("text"), StringComparison.Ordinal));
        Assert.Equal(refusals + 1, await AuditedAsync(project, "project.refused"));
        Assert.Equal(before, Snapshot(await DetailAsync(project)));
        return problem;
    }

    private static string Snapshot(JsonElement d) =>
        $"{d.GetProperty("project").Str("state")} steps {d.GetProperty("steps").GetArrayLength()} documents {d.GetProperty("documents").GetArrayLength()} "
        + $"panels {d.GetProperty("panels").GetArrayLength()} acceptance {d.GetProperty("acceptance")} review {d.GetProperty("reviewConclusion")}";

    /// <summary>Each expert of the current panel files the opinion given for it, in the panel's order.</summary>
    public async Task OpinionsAsync(Driven p, params object[] opinions)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(opinions);
        foreach (var (expert, opinion) in p.Panel.Zip(opinions))
        {
            await (await PartyClientAsync(Roles.Expert, expert)).PostJsonAsync($"/api/projects/{p.Id}/opinion", opinion).ExpectAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>Uploads a small PDF of the type as the client's party.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid project, string type, string fileName = "文件.pdf", byte[]? content = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(type), "type");
        var file = new ByteArrayContent(content ?? "%PDF-1.4 jifang test"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri($"/api/projects/{project}/documents", UriKind.Relative), form);
    }
}
