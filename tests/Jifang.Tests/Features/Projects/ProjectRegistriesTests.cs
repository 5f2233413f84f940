using System.Net;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// Issue 12, the registries build projects draw on: testing agencies with their qualification (only a valid one tests), the
/// expert pool of each jurisdiction, and the accounts of contractors, testing agencies and experts bound to their party.
/// </summary>
public abstract class ProjectRegistriesTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private Task<int> CountAsync<T>()
        where T : class => fx.DbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());

    private Task<List<string>> ActionsAsync(string subject) => fx.DbAsync(db =>
        db.Audit.IgnoreQueryFilters().Where(e => e.Subject == subject).OrderBy(e => e.Index).Select(e => e.Action).ToListAsync());

    // —— Testing agencies ——

    [Fact]
    public async Task An_agency_is_qualified_while_its_certificate_runs_and_is_not_once_it_lapsed_or_was_archived()
    {
        // The fixture's today is 2026-06-01 (local date of the platform's clock).
        var today = await Admin.PostJsonAsync("/api/testing-agencies", Bodies.TestingAgency(fx.Unique("今日到期检测机构"), "150102", "2026-06-01")).ExpectAsync(HttpStatusCode.Created);
        Assert.True(today.GetProperty("qualified").GetBoolean());
        Assert.Equal("资质有效", today.Str("qualifiedLabel"));
        var lapsed = await Admin.PostJsonAsync("/api/testing-agencies", Bodies.TestingAgency(fx.Unique("过期检测机构"), "150102", "2026-05-31")).ExpectAsync(HttpStatusCode.Created);
        Assert.False(lapsed.GetProperty("qualified").GetBoolean());
        Assert.Equal("资质已过期", lapsed.Str("qualifiedLabel"));
        var onlyLapsed = await Admin.GetAsync(new Uri($"/api/testing-agencies?search={Uri.EscapeDataString(lapsed.Str("name"))}&qualified=false", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(lapsed.Id(), Assert.Single(onlyLapsed.Items()).Id());

        await fx.Client(Callers.PoliceCounty).PostAsync(new Uri($"/api/testing-agencies/{today.Id()}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        var archived = await Admin.GetAsync(new Uri($"/api/testing-agencies/{today.Id()}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(archived.GetProperty("qualified").GetBoolean());
        Assert.Equal("已归档", archived.Str("qualifiedLabel"));
        // Archived agencies leave the list unless asked for.
        var search = Uri.EscapeDataString(today.Str("name"));
        Assert.Empty((await Admin.GetAsync(new Uri($"/api/testing-agencies?search={search}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Single((await Admin.GetAsync(new Uri($"/api/testing-agencies?search={search}&includeArchived=true", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Equal(["testing-agency.created", "testing-agency.archived"], await ActionsAsync($"testing-agency:{today.Id()}"));
    }

    [Fact]
    public async Task Bad_agency_registrations_are_refused_naming_the_field_and_change_nothing()
    {
        var before = await CountAsync<TestingAgency>();
        async Task Refused(object body, string field)
        {
            var messages = await Admin.PostJsonAsync("/api/testing-agencies", body).ExpectValidationAsync(field);
            Assert.All(messages, m => Assert.Matches("[\u4e00-\u9fff]", m));
            await Admin.PutJsonAsync($"/api/testing-agencies/{fx.A.AgencyId}", body).ExpectValidationAsync(field);
        }
        await Refused(new { divisionCode = "150102", certificateNumber = "CMA-1", qualifiedUntil = "2028-01-01" }, "name");
        await Refused(new { name = new string('检', 201), divisionCode = "150102", certificateNumber = "CMA-1", qualifiedUntil = "2028-01-01" }, "name");
        await Refused(new { name = "检测中心", divisionCode = "150100", certificateNumber = "CMA-1", qualifiedUntil = "2028-01-01" }, "divisionCode");
        await Refused(new { name = "检测中心", divisionCode = "15010", certificateNumber = "CMA-1", qualifiedUntil = "2028-01-01" }, "divisionCode");
        await Refused(new { name = "检测中心", divisionCode = "150102", creditCode = "91150100MA0N1234O0", certificateNumber = "CMA-1", qualifiedUntil = "2028-01-01" }, "creditCode");
        await Refused(new { name = "检测中心", divisionCode = "150102", qualifiedUntil = "2028-01-01" }, "certificateNumber");
        await Refused(new { name = "检测中心", divisionCode = "150102", certificateNumber = new string('C', 61), qualifiedUntil = "2028-01-01" }, "certificateNumber");
        await Refused(new { name = "检测中心", divisionCode = "150102", certificateNumber = "CMA-1" }, "qualifiedUntil");
        Assert.Equal(before, await CountAsync<TestingAgency>());
        var kept = await Admin.GetAsync(new Uri($"/api/testing-agencies/{fx.A.AgencyId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.A.AgencyName, kept.Str("name"));
    }

    [Fact]
    public async Task The_police_read_every_agency_and_write_those_of_their_place_only()
    {
        // World B's agency (150203): the county police of 150102 read it (owners may commission an agency from anywhere)…
        var county = fx.Client(Callers.PoliceCounty);
        await county.GetAsync(new Uri($"/api/testing-agencies/{fx.B.AgencyId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        // …but may not change it, nor register one in 150203.
        var refused = await county.PutJsonAsync($"/api/testing-agencies/{fx.B.AgencyId}", Bodies.TestingAgency("改名", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", refused.Str("field"));
        // Nor move one of its own place away.
        var mine = (await county.PostJsonAsync("/api/testing-agencies", Bodies.TestingAgency(fx.Unique("县检测机构"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        await county.PutJsonAsync($"/api/testing-agencies/{mine}", Bodies.TestingAgency("迁走", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        await fx.Client(Callers.PoliceCity).PutJsonAsync($"/api/testing-agencies/{mine}", Bodies.TestingAgency("市局改名", "150102", "2029-12-31")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["testing-agency.created", "testing-agency.updated"], await ActionsAsync($"testing-agency:{mine}"));
        Assert.Equal("修改检测机构", Jifang.Features.Audit.AuditActions.Label("testing-agency.updated"));
    }

    [Fact]
    public async Task A_testing_agency_account_sees_its_own_entry_only_and_cannot_edit_it()
    {
        var agency = fx.Client(Callers.TestingAgency);
        var listed = await agency.GetAsync(new Uri("/api/testing-agencies?pageSize=200", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.A.AgencyId, Assert.Single(listed.Items()).Id());
        using var other = await agency.GetAsync(new Uri($"/api/testing-agencies/{fx.B.AgencyId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var edit = await agency.PutJsonAsync($"/api/testing-agencies/{fx.A.AgencyId}", Bodies.TestingAgency(fx.A.AgencyName, "150102", "2099-12-31"));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    // —— Experts ——

    [Fact]
    public async Task The_pool_is_filtered_by_place_specialty_and_availability_and_archiving_takes_an_expert_out()
    {
        var tag = fx.Unique("筛选专家");
        var police = fx.Client(Callers.PoliceProvince);
        var body = (string division, string specialty, bool available) => new
        {
            name = tag, divisionCode = division, specialty, employer = "某大学", employerKind = ExpertEmployers.Other, available,
        };
        var hohhot = (await police.PostJsonAsync("/api/experts", body("150102", "视频监控", true)).ExpectAsync(HttpStatusCode.Created)).Id();
        var baotou = (await police.PostJsonAsync("/api/experts", body("150203", "入侵报警", false)).ExpectAsync(HttpStatusCode.Created)).Id();
        async Task<Guid[]> Listed(string query) =>
            (await police.GetAsync(new Uri($"/api/experts?search={Uri.EscapeDataString(tag)}{query}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Items().Select(i => i.Id()).ToArray();
        Assert.Equal([hohhot], await Listed("&division=1501"));
        Assert.Equal([baotou], await Listed($"&specialty={Uri.EscapeDataString("报警")}"));
        Assert.Equal([hohhot], await Listed("&available=true"));
        Assert.Equal(2, (await Listed("")).Length);
        await police.PostAsync(new Uri($"/api/experts/{baotou}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal([hohhot], await Listed(""));
        Assert.Equal(2, (await Listed("&includeArchived=true")).Length);
        Assert.Equal(["expert.created", "expert.archived"], await ActionsAsync($"expert:{baotou}"));
        Assert.Equal("归档技防专家", Jifang.Features.Audit.AuditActions.Label("expert.archived"));
    }

    [Fact]
    public async Task Bad_expert_registrations_are_refused_naming_the_field_and_change_nothing()
    {
        var before = await CountAsync<Expert>();
        var archivedContractor = (await Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("已归档施工单位"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostAsync(new Uri($"/api/contractors/{archivedContractor}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        object Body(string? name = "专家", string? division = "150102", string? specialty = "视频监控", string? employer = "单位", string? kind = ExpertEmployers.Other, Guid? employerId = null) =>
            new { name, divisionCode = division, specialty, employer, employerKind = kind, employerId, available = true };
        async Task Refused(object body, string field)
        {
            var messages = await Admin.PostJsonAsync("/api/experts", body).ExpectValidationAsync(field);
            Assert.All(messages, m => Assert.Matches("[\u4e00-\u9fff]", m));
            await Admin.PutJsonAsync($"/api/experts/{fx.A.ExpertId}", body).ExpectValidationAsync(field);
        }
        await Refused(Body(name: null), "name");
        await Refused(Body(name: new string('名', 51)), "name");
        await Refused(Body(division: "150100"), "divisionCode");
        await Refused(Body(specialty: ""), "specialty");
        await Refused(Body(specialty: new string('专', 101)), "specialty");
        await Refused(Body(employer: null), "employer");
        await Refused(Body(kind: "university"), "employerKind");
        await Refused(Body(kind: null), "employerKind");
        // A registered employer is named by its id, and only then.
        await Refused(Body(kind: ExpertEmployers.Contractor), "employerId");
        await Refused(Body(kind: ExpertEmployers.Police, employerId: fx.A.UnitId), "employerId");
        // The id must be one of that registry, not archived.
        await Refused(Body(kind: ExpertEmployers.Contractor, employerId: Guid.NewGuid()), "employerId");
        await Refused(Body(kind: ExpertEmployers.Contractor, employerId: fx.A.UnitId), "employerId");
        await Refused(Body(kind: ExpertEmployers.Contractor, employerId: archivedContractor), "employerId");
        await Refused(Body(kind: ExpertEmployers.TestingAgency, employerId: fx.A.ContractorId), "employerId");
        Assert.Equal(before, await CountAsync<Expert>());
        var kept = await Admin.GetAsync(new Uri($"/api/experts/{fx.A.ExpertId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.A.ExpertName, kept.Str("name"));

        // Employers registered anywhere are accepted (the county police name a contractor of another city).
        var employed = await fx.Client(Callers.PoliceCounty).PostJsonAsync("/api/experts",
            Body(name: fx.Unique("受聘专家"), kind: ExpertEmployers.Contractor, employerId: fx.B.ContractorId)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(fx.B.ContractorId, employed.GetProperty("employerId").GetGuid());
        Assert.Equal("设计施工单位", employed.Str("employerKindLabel"));
    }

    [Fact]
    public async Task Units_contractors_and_agencies_do_not_read_the_pool()
    {
        foreach (var caller in new[] { Callers.UnitAdminA, Callers.UnitOperatorA, Callers.Contractor, Callers.TestingAgency, Callers.Citizen })
        {
            using var list = await fx.Client(caller).GetAsync(new Uri("/api/experts", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }
    }

    // —— Party accounts ——

    private static async Task<(string Id, string Password)> CreateAccountAsync(HttpClient manager, string role, Guid party, string name)
    {
        var created = await manager.PostJsonAsync("/api/users", new { userName = name, displayName = "账户" + name, role, partyId = party }).ExpectAsync(HttpStatusCode.Created);
        var user = created.GetProperty("user");
        Assert.Equal(party, user.GetProperty("partyId").GetGuid());
        return (user.Str("id"), created.Str("password"));
    }

    /// <summary>The scope the account's claims give it (the claims factory adds the party, Scope reads it).</summary>
    private async Task<Scope> ScopeOfAsync(string userName)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<JifangUser>>();
        return Scope.From(await claims.CreateAsync((await users.FindByNameAsync(userName))!));
    }

    [Fact]
    public async Task Each_party_account_acts_for_its_party_and_its_scope_carries_it()
    {
        var contractor = fx.Unique("contractor-acct").ToLowerInvariant();
        var agency = fx.Unique("agency-acct").ToLowerInvariant();
        var expert = fx.Unique("expert-acct").ToLowerInvariant();
        await CreateAccountAsync(Admin, Roles.Contractor, fx.A.ContractorId, contractor);
        await CreateAccountAsync(Admin, Roles.TestingAgency, fx.B.AgencyId, agency);
        var (expertId, expertPassword) = await CreateAccountAsync(Admin, Roles.Expert, fx.P.ExpertId, expert);

        var c = await ScopeOfAsync(contractor);
        Assert.Equal((Roles.Contractor, (Guid?)fx.A.ContractorId, (Guid?)null, (Guid?)null, false), (c.Role, c.ContractorId, c.AgencyId, c.ExpertId, c.Everything));
        Assert.Null(c.DivisionPrefix);
        var a = await ScopeOfAsync(agency);
        Assert.Equal((Roles.TestingAgency, (Guid?)null, (Guid?)fx.B.AgencyId, (Guid?)null), (a.Role, a.ContractorId, a.AgencyId, a.ExpertId));
        var e = await ScopeOfAsync(expert);
        Assert.Equal((Roles.Expert, (Guid?)null, (Guid?)null, (Guid?)fx.P.ExpertId), (e.Role, e.ContractorId, e.AgencyId, e.ExpertId));

        // Signed in, the expert sees itself only in the pool, and reads the agencies.
        using var session = fx.NewClient(await fx.LoginAsync(expert, expertPassword));
        var pool = await session.GetAsync(new Uri("/api/experts?pageSize=200", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.P.ExpertId, Assert.Single(pool.Items()).Id());
        using (var other = await session.GetAsync(new Uri($"/api/experts/{fx.A.ExpertId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        await session.GetAsync(new Uri($"/api/testing-agencies/{fx.B.AgencyId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);

        // The account's party shows by name; the audit entry lies at the party's place.
        var shown = await Admin.GetAsync(new Uri($"/api/users/{expertId}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.P.ExpertName, shown.Str("partyName"));
        var entry = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().SingleAsync(x => x.Subject == $"user:{expert}" && x.Action == "user.created"));
        Assert.Equal("990101", entry.DivisionCode);
        Assert.Contains(fx.P.ExpertName, entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_unknown_archived_or_misplaced_party_is_refused_naming_partyId()
    {
        var archived = (await Admin.PostJsonAsync("/api/experts", Bodies.Expert(fx.Unique("已归档专家"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostAsync(new Uri($"/api/experts/{archived}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        var before = await fx.DbAsync(db => db.Users.CountAsync());
        async Task Refused(HttpClient manager, string role, Guid? party)
        {
            var messages = await manager.PostJsonAsync("/api/users", new { userName = fx.Unique("party-bad").ToLowerInvariant(), displayName = "坏账户", role, partyId = party })
                .ExpectValidationAsync("partyId");
            Assert.All(messages, m => Assert.Matches("[\u4e00-\u9fff]", m));
        }
        foreach (var manager in new[] { Admin, fx.Client(Callers.PoliceCounty) })
        {
            await Refused(manager, Roles.Expert, null);
            await Refused(manager, Roles.Contractor, null);
            await Refused(manager, Roles.TestingAgency, Guid.NewGuid());
            await Refused(manager, Roles.Expert, archived);
            // A party of another registry than the role's.
            await Refused(manager, Roles.Contractor, fx.A.ExpertId);
            // A party for a role that takes none.
            await Refused(manager, Roles.UnitOperator, fx.A.ContractorId);
        }
        var noParty = await Admin.PostJsonAsync("/api/users", new { userName = fx.Unique("citizen-party").ToLowerInvariant(), displayName = "公民", role = Roles.Citizen, partyId = fx.A.ExpertId })
            .ExpectValidationAsync("partyId");
        Assert.Contains("只有设计施工单位、检测机构和专家的账户选择所属单位", noParty);
        Assert.Equal(before, await fx.DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_police_grant_party_accounts_within_their_jurisdiction_only()
    {
        var county = fx.Client(Callers.PoliceCounty);
        var inside = fx.Unique("county-expert").ToLowerInvariant();
        var (id, _) = await CreateAccountAsync(county, Roles.Expert, fx.A.ExpertId, inside);
        await CreateAccountAsync(county, Roles.Contractor, fx.A.ContractorId, fx.Unique("county-contractor").ToLowerInvariant());
        await CreateAccountAsync(county, Roles.TestingAgency, fx.A.AgencyId, fx.Unique("county-agency").ToLowerInvariant());
        // Parties of another county, or of the other province: refused naming partyId.
        foreach (var (role, party) in new[] { (Roles.Expert, fx.B.ExpertId), (Roles.Contractor, fx.B.ContractorId), (Roles.TestingAgency, fx.B.AgencyId), (Roles.Expert, fx.P.ExpertId) })
        {
            var refused = await county.PostJsonAsync("/api/users", new { userName = fx.Unique("outside").ToLowerInvariant(), displayName = "辖区外", role, partyId = party })
                .ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("partyId", refused.Str("field"));
        }
        // The account is managed by the police of the expert's place, not by those of another county.
        using (var hidden = await fx.Client(Callers.PoliceCountyB).GetAsync(new Uri($"/api/users/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        await fx.Client(Callers.PoliceCity).GetAsync(new Uri($"/api/users/{id}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        // Nor may the county police move it to an expert elsewhere.
        var moved = await county.PutJsonAsync($"/api/users/{id}", new { displayName = "专家", role = Roles.Expert, partyId = fx.B.ExpertId }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("partyId", moved.Str("field"));
    }

    [Fact]
    public async Task A_new_party_ends_the_accounts_sessions()
    {
        var name = fx.Unique("moving-expert").ToLowerInvariant();
        var (id, password) = await CreateAccountAsync(Admin, Roles.Expert, fx.A.ExpertId, name);
        using var session = fx.NewClient(await fx.LoginAsync(name, password));
        await session.GetAsync(new Uri("/api/auth/me", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        var changed = await fx.Client(Callers.PoliceProvince).PutJsonAsync($"/api/users/{id}", new { displayName = "专家", role = Roles.Expert, partyId = fx.B.ExpertId })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.B.ExpertName, changed.Str("partyName"));
        using var after = await session.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var entry = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().Where(x => x.Subject == $"user:{name}" && x.Action == "user.scope-changed").SingleAsync());
        Assert.Contains(fx.A.ExpertName, entry.Detail, StringComparison.Ordinal);
        Assert.Contains(fx.B.ExpertName, entry.Detail, StringComparison.Ordinal);
        Assert.Equal((Guid?)fx.B.ExpertId, (await ScopeOfAsync(name)).ExpertId);
    }

    [Fact]
    public async Task The_user_form_offers_the_parties_and_binds_the_chosen_one()
    {
        var page = await fx.PageClientAsync(Callers.PoliceCounty);
        var form = await (await page.GetAsync(new Uri("/Users/Create", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{fx.A.ExpertId}\"", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{fx.A.AgencyId}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{fx.B.ExpertId}\"", form, StringComparison.Ordinal);
        var name = fx.Unique("form-expert").ToLowerInvariant();
        using var posted = await page.PostFormAsync("/Users/Create", "/Users/Create",
            ("Input.UserName", name), ("Input.DisplayName", "表单专家"), ("Input.Role", Roles.Expert), ("Input.PartyId", fx.A.ExpertId.ToString()),
            ("Input.UnitId", fx.A.UnitId.ToString()), ("Input.DivisionCode", ""), ("Input.Password", ""));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        // The unit select's value is dropped for a party's role; the party is kept.
        var user = await fx.DbAsync(db => db.Users.SingleAsync(u => u.UserName == name));
        Assert.Equal((Guid?)fx.A.ExpertId, user.PartyId);
        Assert.Null(user.UnitId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectRegistriesSqlite(SqliteFixture fx) : ProjectRegistriesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectRegistriesPostgres(PostgresFixture fx) : ProjectRegistriesTests(fx);
