using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// Who sees and touches what (nmg-2007 第十六条, the documents' article): a project's documents are stored by SHA-256 within type
/// and size limits, uploaded by the party each kind belongs to, viewed with a reason that lands in the audit log, refused when
/// altered on disk; a project is seen by its parties and the police of its place only; a project system's lifecycle facts are
/// the workflow's, a declared system's stay the unit's. And the grade: the default table, not law, sets the police level and,
/// under nmg-2007, whether a review is required at all (province-2012 reviews always).
/// </summary>
public abstract class ProjectAccessTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static Task<HttpResponseMessage> View(HttpClient client, Guid project, Guid document, string? reason = "核对图纸") =>
        client.GetAsync(U($"/api/projects/{project}/documents/{document}" + (reason is null ? "" : $"?reason={Uri.EscapeDataString(reason)}")));

    /// <summary>Asserts a document was served (200, its bytes: not JSON).</summary>
    private static async Task ServedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<Guid> DocumentAsync(Guid project, string fileName) =>
        (await kit.DetailAsync(project)).GetProperty("documents").EnumerateArray().Last(d => d.Str("fileName") == fileName).Id();

    [Fact]
    public async Task Uploads_are_checked_for_type_extension_and_size_and_each_kind_is_its_partys()
    {
        var p = await kit.DriveAsync(fx.A, "inspection", contractor: fx.A.ContractorId);
        var documents = (await kit.DetailAsync(p.Id)).GetProperty("documents").GetArrayLength();
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "安装程序.exe").ExpectValidationAsync("file");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "无扩展名").ExpectValidationAsync("file");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "空文件.pdf", []).ExpectValidationAsync("file");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "minutes").ExpectValidationAsync("type");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "过大的图纸.pdf", new byte[20 * 1024 * 1024 + 1]).ExpectValidationAsync("file");
        using (var typeOnly = new MultipartFormDataContent { { new StringContent("other"), "type" } })
        {
            await p.Owner.PostAsync(U($"/api/projects/{p.Id}/documents"), typeOnly).ExpectValidationAsync("file");
        }
        Assert.Equal(documents, (await kit.DetailAsync(p.Id)).GetProperty("documents").GetArrayLength());

        // The test report is the commissioned agency's; the drawings the owner's or a contractor's of the project; the risk letter the owner's.
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(p.Owner, p.Id, "test-report"), "16.1");
        var contractor = await kit.PartyClientAsync(Roles.Contractor, fx.A.ContractorId);
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(contractor, p.Id, "test-report"), "16.1");
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(contractor, p.Id, "risk-letter"), "16.1");
        await kit.RefusedAsync(p.Id, () => ProjectKit.UploadAsync(p.Agency!, p.Id, "drawings"), "16.1");
        await ProjectKit.UploadAsync(p.Agency!, p.Id, "test-report", "检测报告.pdf").ExpectAsync(HttpStatusCode.OK);
        var uploaded = await ProjectKit.UploadAsync(contractor, p.Id, "drawings", "竣工图.pdf").ExpectAsync(HttpStatusCode.OK);
        var drawing = uploaded.GetProperty("documents").EnumerateArray().Last();
        Assert.Equal("设计施工单位", drawing.Str("partyLabel"));
        Assert.Equal("document-uploaded", uploaded.GetProperty("steps").EnumerateArray().Last().Str("action"));
    }

    [Fact]
    public async Task A_view_needs_a_reason_lands_in_the_audit_log_and_only_the_projects_parties_and_police_see_it()
    {
        var p = await kit.DriveAsync(fx.A, "inspection", contractor: fx.A.ContractorId);
        var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4 {fx.Unique("图纸")}");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "机房布置图.pdf", content).ExpectAsync(HttpStatusCode.OK);
        var document = await DocumentAsync(p.Id, "机房布置图.pdf");

        await View(p.Owner, p.Id, document, null).ExpectValidationAsync("reason");
        await View(p.Owner, p.Id, document, "  ").ExpectValidationAsync("reason");
        await View(p.Owner, p.Id, document, new string('由', 201)).ExpectValidationAsync("reason");
        var viewed = await kit.AuditedAsync(p.Id, "project.document-viewed");
        using (var response = await View(p.Owner, p.Id, document, "核对机房布置"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(viewed + 1, await kit.AuditedAsync(p.Id, "project.document-viewed"));
        var entry = (await kit.Admin.GetAsync(U($"/api/audit/entries?subject=project:{p.Id}&action=project.document-viewed&pageSize=1")).ExpectAsync(HttpStatusCode.OK)).Items().First();
        Assert.Contains("核对机房布置", entry.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("机房布置图.pdf", entry.Str("detail"), StringComparison.Ordinal);

        // The project's parties and the police of its place.
        var contractor = await kit.PartyClientAsync(Roles.Contractor, fx.A.ContractorId);
        foreach (var client in new[] { p.Police, fx.Client(Callers.PoliceCity), fx.Client(Callers.UnitOperatorA), p.Agency!, contractor })
        {
            await ServedAsync(View(client, p.Id, document));
        }
        // Outsiders: another unit, another county, an agency not commissioned, an expert not drawn, a contractor not named.
        var (_, otherAgency) = await kit.AgencyAsync();
        var outsiders = new[]
        {
            fx.Client(Callers.UnitAdminB), fx.Client(Callers.PoliceCountyB), otherAgency,
            await kit.PartyClientAsync(Roles.Expert, (await kit.ExpertsAsync(1))[0]), await kit.PartyClientAsync(Roles.Contractor, fx.B.ContractorId),
        };
        var before = await kit.AuditedAsync(p.Id, "project.document-viewed");
        foreach (var client in outsiders)
        {
            await View(client, p.Id, document).ExpectAsync(HttpStatusCode.NotFound);
            await client.GetAsync(U($"/api/projects/{p.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(before, await kit.AuditedAsync(p.Id, "project.document-viewed"));
        // A drawn expert sees it.
        await ServedAsync(View(await kit.PartyClientAsync(Roles.Expert, p.Panel[0]), p.Id, document));
        // Another project's document is not this project's.
        var other = await kit.DriveAsync(fx.A, "initiated");
        await View(p.Owner, other.Id, document).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Identical_content_is_stored_once_and_a_file_altered_on_disk_is_refused()
    {
        var p = await kit.DriveAsync(fx.A, "initiated");
        var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4 {fx.Unique("同一内容")}");
        await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "一.pdf", content).ExpectAsync(HttpStatusCode.OK);
        var detail = await ProjectKit.UploadAsync(p.Owner, p.Id, "other", "二.pdf", content).ExpectAsync(HttpStatusCode.OK);
        var twins = detail.GetProperty("documents").EnumerateArray().Where(d => d.Str("fileName") is "一.pdf" or "二.pdf").ToList();
        Assert.Equal(2, twins.Count);
        var sha = twins[0].Str("sha256");
        Assert.Equal(sha, twins[1].Str("sha256"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), sha);
        Assert.Single(Directory.GetFiles(fx.DocumentsFolder, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).Contains(sha, StringComparison.Ordinal));

        var document = twins[1].Id();
        await ServedAsync(View(p.Owner, p.Id, document));
        var path = Path.Combine(fx.DocumentsFolder, sha[..2], sha);
        await File.WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 篡改后的内容"));
        var viewed = await kit.AuditedAsync(p.Id, "project.document-viewed");
        await View(p.Owner, p.Id, document).ExpectAsync(HttpStatusCode.NotFound);
        await View(p.Owner, p.Id, twins[0].Id()).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(viewed, await kit.AuditedAsync(p.Id, "project.document-viewed"));
    }

    [Fact]
    public async Task Each_party_sees_only_its_projects()
    {
        var named = await kit.DriveAsync(fx.A, "inspection", contractor: fx.A.ContractorId);
        var other = await kit.DriveAsync(fx.A, "panel");
        async Task Sees(HttpClient client, ProjectKit.Driven p, bool sees)
        {
            var list = await client.GetAsync(U($"/api/projects?site={p.Site}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(sees, list.Items().Any(i => i.Id() == p.Id));
            await client.GetAsync(U($"/api/projects/{p.Id}")).ExpectAsync(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        }
        var contractor = await kit.PartyClientAsync(Roles.Contractor, fx.A.ContractorId);
        await Sees(contractor, named, true);
        await Sees(contractor, other, false);
        await Sees(await kit.PartyClientAsync(Roles.Contractor, fx.B.ContractorId), named, false);
        await Sees(named.Agency!, named, true);
        await Sees(named.Agency!, other, false);
        var (_, notCommissioned) = await kit.AgencyAsync();
        await Sees(notCommissioned, named, false);
        foreach (var expert in other.Panel.Except(named.Panel).Take(1))
        {
            var client = await kit.PartyClientAsync(Roles.Expert, expert);
            await Sees(client, other, true);
            await Sees(client, named, false);
            Assert.Contains((await client.GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(),
                t => t.GetProperty("projectId").GetGuid() == other.Id && t.Str("task").Contains("提交论证意见", StringComparison.Ordinal));
        }
        await Sees(fx.Client(Callers.PoliceCounty), named, true);
        await Sees(fx.Client(Callers.PoliceCity), named, true);
        await Sees(fx.Client(Callers.PoliceCountyB), named, false);
        await Sees(fx.Client(Callers.UnitAdminB), named, false);
        await Sees(fx.Client(Callers.UnitOperatorB), named, false);
        await Sees(fx.Client(Callers.UnitOperatorA), named, true);
        // The agency's task is its report; the list filters by state.
        Assert.Contains((await named.Agency!.GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(),
            t => t.GetProperty("projectId").GetGuid() == named.Id && t.Str("task").Contains("提交检测报告", StringComparison.Ordinal));
        Assert.Contains((await contractor.GetAsync(U("/api/projects?state=inspection&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).Items(), i => i.Id() == named.Id);
        Assert.DoesNotContain((await contractor.GetAsync(U("/api/projects?state=design-review&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).Items(), i => i.Id() == named.Id);
        Assert.All((await named.Agency!.GetAsync(U("/api/projects?pageSize=200")).ExpectAsync(HttpStatusCode.OK)).Items(), i => Assert.Equal(named.Id, i.Id()));
    }

    [Fact]
    public async Task An_overdue_gate_is_listed_and_in_the_polices_tasks()
    {
        var late = await kit.DriveAsync(fx.A, "design-review");
        var onTime = await kit.DriveAsync(fx.A, "design-review");
        var due = (await kit.DetailAsync(onTime.Id)).GetProperty("project");
        Assert.Equal("2026-07-01", due.Str("dueOn"));
        Assert.False(due.GetProperty("overdue").GetBoolean());
        await kit.DueAsync(late.Id, new DateOnly(2026, 5, 31));
        var city = fx.Client(Callers.PoliceCity);
        var overdue = (await city.GetAsync(U("/api/projects?overdue=true&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.Contains(overdue, i => i.Id() == late.Id && i.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(overdue, i => i.Id() == onTime.Id);
        // The city police are not a party of a 二级 project: they are told to urge it; the county police have the step itself.
        var urge = (await city.GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single(t => t.GetProperty("projectId").GetGuid() == late.Id);
        Assert.True(urge.GetProperty("overdue").GetBoolean());
        Assert.Contains("逾期", urge.Str("task"), StringComparison.Ordinal);
        Assert.DoesNotContain((await city.GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("projectId").GetGuid() == onTime.Id);
        var county = (await late.Police.GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single(t => t.GetProperty("projectId").GetGuid() == late.Id);
        Assert.Contains("抽取论证专家", county.Str("task"), StringComparison.Ordinal);
        Assert.True(county.GetProperty("overdue").GetBoolean());
        // The unit is not told of others' overdue gates, only of its own steps.
        Assert.DoesNotContain((await fx.Client(Callers.UnitAdminB).GetAsync(U("/api/projects/tasks")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("projectId").GetGuid() == late.Id);
    }

    private static async Task<JsonNode> SystemAsync(HttpClient client, Guid system) =>
        JsonSerializer.SerializeToNode(await client.GetAsync(U($"/api/systems/{system}")).ExpectAsync(HttpStatusCode.OK), Http.Json)!;

    [Fact]
    public async Task A_project_systems_lifecycle_facts_are_locked_while_a_declared_systems_are_not()
    {
        var p = await kit.DriveAsync(fx.A, "construction");
        var edits = new Dictionary<string, Action<JsonNode>>
        {
            ["designReview"] = s => s["designReview"]!["held"] = false,
            ["inspection"] = s => s["inspection"] = new JsonObject { ["held"] = true, ["agencyQualified"] = true, ["passed"] = true, ["date"] = kit.Today },
            ["acceptance"] = s => s["acceptance"] = new JsonObject { ["held"] = true, ["passed"] = true, ["policeParticipated"] = true, ["date"] = kit.Today },
            ["inService"] = s => { s["inService"] = true; s["inServiceSince"] = kit.Today; },
            ["newConstruction"] = s => s["newConstruction"] = false,
        };
        foreach (var (field, edit) in edits)
        {
            foreach (var client in new[] { p.Owner, kit.Admin })
            {
                var body = await SystemAsync(client, p.System);
                edit(body);
                await client.PutJsonAsync($"/api/systems/{p.System}", body).ExpectValidationAsync(field);
            }
        }
        // The other fields still change, the facts stay.
        var renamed = await SystemAsync(p.Owner, p.System);
        renamed["name"] = fx.Unique("改名的监控系统");
        renamed["retentionDays"] = 90;
        await p.Owner.PutJsonAsync($"/api/systems/{p.System}", renamed).ExpectAsync(HttpStatusCode.OK);
        var after = await p.Owner.GetAsync(U($"/api/systems/{p.System}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(renamed["name"]!.GetValue<string>(), after.Str("name"));
        Assert.Equal(90, after.GetProperty("retentionDays").GetInt32());
        Assert.Equal("project", after.Str("lifecycleSource"));
        Assert.Equal(p.Id, after.GetProperty("buildProjectId").GetGuid());
        Assert.True(after.GetProperty("designReview").GetProperty("held").GetBoolean());
        Assert.False(after.GetProperty("inService").GetBoolean());

        // A declared system (in no project) keeps working as before: the unit records its own facts.
        var (_, declared) = await kit.SiteAsync(fx.A, "150102");
        var body2 = await SystemAsync(p.Owner, declared);
        Assert.Equal("declared", body2["lifecycleSource"]!.GetValue<string>());
        body2["inspection"] = new JsonObject { ["held"] = true, ["agencyQualified"] = true, ["passed"] = true, ["date"] = "2026-05-20" };
        await p.Owner.PutJsonAsync($"/api/systems/{declared}", body2).ExpectAsync(HttpStatusCode.OK);
        var saved = await p.Owner.GetAsync(U($"/api/systems/{declared}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(saved.GetProperty("inspection").GetProperty("passed").GetBoolean());
        Assert.Equal("declared", saved.Str("lifecycleSource"));
    }

    [Fact]
    public async Task A_grade_one_project_is_the_city_polices_and_the_county_is_refused()
    {
        var owner = fx.Client(Callers.UnitAdminA);
        var (id, opened) = await OpenGradedAsync(fx.A, owner, 600m, 1);
        Assert.Equal("一级", opened.GetProperty("project").Str("gradeLabel"));
        Assert.Equal("设区的市（盟市）级公安机关", opened.Str("policeLevel"));
        Assert.Contains("平台默认", opened.Str("gradeSource"), StringComparison.Ordinal);
        Assert.Contains("不是法定标准", opened.Str("gradeSource"), StringComparison.Ordinal);
        Assert.Contains("定为一级", opened.GetProperty("steps")[0].Str("note"), StringComparison.Ordinal);
        await ProjectKit.UploadAsync(owner, id, "risk-letter").ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(owner, id, "drawings").ExpectAsync(HttpStatusCode.OK);
        await owner.PostJsonAsync($"/api/projects/{id}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);
        await kit.ExpertsAsync(3);
        var county = fx.Client(Callers.PoliceCounty);
        Assert.DoesNotContain("公安机关", await PartiesAsync(county, id));
        await kit.RefusedAsync(id, () => county.PostAsync(U($"/api/projects/{id}/panel"), null), "13.3");
        var city = fx.Client(Callers.PoliceCity);
        Assert.Contains("公安机关", await PartiesAsync(city, id));
        var drawn = await city.PostAsync(U($"/api/projects/{id}/panel"), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("police", drawn.GetProperty("steps").EnumerateArray().Last().Str("party"));
    }

    /// <summary>Opens a project of risk level 三级 with the investment on a fresh site of the world; asserts the grade it gets.</summary>
    private async Task<(Guid Id, JsonElement Detail)> OpenGradedAsync(World world, HttpClient owner, decimal investment, int grade)
    {
        var (site, system) = await kit.SiteAsync(world, world.Division);
        var opened = await kit.OpenAsync(owner, site, system, riskLevel: 3, investment: investment);
        Assert.Equal(grade, opened.GetProperty("project").GetProperty("grade").GetInt32());
        return (opened.GetProperty("project").Id(), opened);
    }

    private static async Task<string[]> PartiesAsync(HttpClient client, Guid project) =>
        (await client.GetAsync(U($"/api/projects/{project}")).ExpectAsync(HttpStatusCode.OK)).Strings("parties");

    [Fact]
    public async Task A_grade_three_project_needs_no_review_under_nmg_while_the_province_always_reviews()
    {
        var owner = fx.Client(Callers.UnitAdminA);
        var (id, opened) = await OpenGradedAsync(fx.A, owner, 50m, 3);
        Assert.False(opened.GetProperty("reviewRequired").GetBoolean());
        Assert.Equal("县（旗县）级公安机关", opened.Str("policeLevel"));
        Assert.Contains("无须论证", opened.GetProperty("gate").Str("label"), StringComparison.Ordinal);
        var built = await owner.PostJsonAsync($"/api/projects/{id}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("construction", built.GetProperty("project").Str("state"));
        Assert.Contains("无须论证", built.GetProperty("steps").EnumerateArray().Last().Str("note"), StringComparison.Ordinal);
        Assert.Empty(built.GetProperty("panels").EnumerateArray());

        var (provinceOwner, _) = await kit.SidesAsync(fx.P);
        var (pid, province) = await OpenGradedAsync(fx.P, provinceOwner, 50m, 3);
        Assert.True(province.GetProperty("reviewRequired").GetBoolean());
        // 第十一条第一款 requires the review of every design: the checklist applies, and the design goes to review.
        await kit.RefusedAsync(pid, () => provinceOwner.PostJsonAsync($"/api/projects/{pid}/submit-design", new { }), "11.1");
        await ProjectKit.UploadAsync(provinceOwner, pid, "risk-letter").ExpectAsync(HttpStatusCode.OK);
        await ProjectKit.UploadAsync(provinceOwner, pid, "drawings").ExpectAsync(HttpStatusCode.OK);
        var reviewing = await provinceOwner.PostJsonAsync($"/api/projects/{pid}/submit-design", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design-review", reviewing.GetProperty("project").Str("state"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectAccessSqlite(SqliteFixture fx) : ProjectAccessTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectAccessPostgres(PostgresFixture fx) : ProjectAccessTests(fx);
