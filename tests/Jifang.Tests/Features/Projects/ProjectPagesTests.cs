using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// The pages of build projects: the list and the details in the caller's scope (404 outside it, the denied page for a role
/// that takes no part), a step taken through its form moving the state, a refused step shown with the article it rests on,
/// a document uploaded through the page, and the systems form showing a project system's lifecycle facts read-only.
/// </summary>
public abstract partial class ProjectPagesTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private async Task<(Guid Project, Guid System, string Name)> OpenAsync()
    {
        var (site, system) = await kit.SiteAsync(fx.A, "150102");
        var name = fx.Unique("营业厅技防改造");
        var detail = await fx.Client(Callers.UnitAdminA).PostJsonAsync("/api/projects", new
        {
            name, kind = "rebuild", siteId = site, riskLevel = 3, investment = 120m, contractors = Array.Empty<object>(), systemIds = new[] { system },
        }).ExpectAsync(HttpStatusCode.OK);
        return (detail.GetProperty("project").Id(), system, name);
    }

    [Fact]
    public async Task The_list_and_the_details_show_a_project_in_scope_with_its_grade_source_and_nothing_outside()
    {
        var (project, _, name) = await OpenAsync();
        var owner = await fx.PageClientAsync(Callers.UnitAdminA);
        var list = await owner.PageTextAsync("/Projects");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("我的待办", list, StringComparison.Ordinal);
        Assert.Contains("提交设计方案论证", list, StringComparison.Ordinal);
        var details = await owner.PageTextAsync($"/Projects/Details/{project}");
        Assert.Contains("id=\"state\">立项<", details, StringComparison.Ordinal);
        // 120 万元 is the default table's 二级 band: the page says the table is the platform's, not the law.
        Assert.Contains("id=\"grade\">二级<", details, StringComparison.Ordinal);
        Assert.Contains("平台默认分级表", details, StringComparison.Ordinal);
        Assert.Contains("不是法定标准", details, StringComparison.Ordinal);
        Assert.Contains("id=\"submit-design\"", details, StringComparison.Ordinal);
        Assert.Contains("id=\"withdraw\"", details, StringComparison.Ordinal);
        Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第十三条第三款", details, StringComparison.Ordinal);

        // The county police read it and may draw nothing yet: no owner's forms for them.
        var police = await (await fx.PageClientAsync(Callers.PoliceCounty)).PageTextAsync($"/Projects/Details/{project}");
        Assert.DoesNotContain("id=\"submit-design\"", police, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"withdraw\"", police, StringComparison.Ordinal);

        // Another unit and another county: the not-found page, and the project is not in their list.
        foreach (var other in new[] { Callers.UnitAdminB, Callers.PoliceCountyB })
        {
            var client = await fx.PageClientAsync(other);
            using var outside = await client.GetAsync(new Uri($"/Projects/Details/{project}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
            Assert.DoesNotContain(name, await client.PageTextAsync("/Projects"), StringComparison.Ordinal);
        }
        // A citizen takes no part in projects: the denied page.
        using var citizen = await (await fx.PageClientAsync(Callers.Citizen)).GetAsync(new Uri($"/Projects/Details/{project}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, citizen.StatusCode);
        Assert.Contains("/Account/Denied", citizen.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_step_shows_its_article_and_a_step_taken_through_its_form_moves_the_state()
    {
        var (project, _, _) = await OpenAsync();
        var owner = await fx.PageClientAsync(Callers.UnitAdminA);
        var url = $"/Projects/Details/{project}";

        // Without the checklist's documents the workflow refuses, and the page shows why with the article's words.
        using (var refused = await owner.PostFormAsync(url, url + "?handler=SubmitDesign", ("Note", "提交论证")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await refused.TextAsync();
            Assert.Contains("role=\"alert\"", text, StringComparison.Ordinal);
            Assert.Contains("材料不全", text, StringComparison.Ordinal);
            Assert.Contains("风险等级确认函", text, StringComparison.Ordinal);
            Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第十三条第三款", text, StringComparison.Ordinal);
            Assert.Contains("/Rules/nmg-2007/13#p3", text, StringComparison.Ordinal);
            Assert.Contains("id=\"state\">立项<", text, StringComparison.Ordinal);
        }

        // The documents through the upload form (multipart), a bad one refused naming the field.
        using (var bad = await UploadAsync(owner, project, "drawings", "图纸.exe"))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var text = await bad.TextAsync();
            Assert.Contains("文件：不接受 .exe 文件", text, StringComparison.Ordinal);
        }
        foreach (var type in new[] { "risk-letter", "drawings" })
        {
            using var uploaded = await UploadAsync(owner, project, type, "材料.pdf");
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        using (var submitted = await owner.PostFormAsync(url, url + "?handler=SubmitDesign", ("Note", "提交论证")))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        var after = await owner.PageTextAsync(url);
        Assert.Contains("id=\"state\">方案论证<", after, StringComparison.Ordinal);
        Assert.Contains("已提交设计方案。", after, StringComparison.Ordinal);
        Assert.Contains("id=\"draw-panel\"", after, StringComparison.Ordinal);
        Assert.Matches("<table id=\"timeline\">[\\s\\S]*提交设计方案论证", after);

        // A reason is required to read a document, and each reading is in the audit log.
        var doc = (await fx.Client(Callers.UnitAdminA).GetAsync($"/api/projects/{project}").ExpectAsync(HttpStatusCode.OK)).GetProperty("documents")[0].Id();
        using (var noReason = await owner.GetAsync(new Uri($"/api/projects/{project}/documents/{doc}?reason=", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }
        using (var read = await owner.GetAsync(new Uri($"/api/projects/{project}/documents/{doc}?reason=" + Uri.EscapeDataString("核对材料"), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        var viewed = (await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/audit/entries?subject=project:{project}&pageSize=200").ExpectAsync(HttpStatusCode.OK))
            .Items().Where(e => e.Str("action") == "project.document-viewed").ToList();
        Assert.Single(viewed);
        Assert.Contains("核对材料", viewed[0].Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_systems_form_shows_a_project_systems_lifecycle_read_only_and_keeps_it_and_marks_declared_facts()
    {
        var (project, system, name) = await OpenAsync();
        var owner = await fx.PageClientAsync(Callers.UnitAdminA);
        var form = await owner.PageTextAsync($"/Systems/Edit/{system}");
        Assert.Contains($"由建设项目「<a href=\"/Projects/Details/{project}\">{name}</a>」流程产生", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.InService\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Acceptance.Passed\"", form, StringComparison.Ordinal);

        // A post that claims the system accepted and in service (as a tampered form would) keeps the workflow's facts.
        var before = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK);
        using (var saved = await owner.PostFormAsync($"/Systems/Edit/{system}", $"/Systems/Edit/{system}",
            ("Input.Name", before.Str("name") + "（改名）"), ("Input.Subsystems", "video"), ("Input.Covers", "main-entrance"),
            ("Input.InService", "true"), ("Input.InServiceSince", "2026-05-01"), ("Input.Acceptance.Held", "true"), ("Input.Acceptance.Passed", "true"),
            ("Input.RetentionDays", "30")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var after = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/systems/{system}").ExpectAsync(HttpStatusCode.OK);
        Assert.EndsWith("（改名）", after.Str("name"), StringComparison.Ordinal);
        Assert.False(after.GetProperty("inService").GetBoolean());
        Assert.False(after.GetProperty("acceptance").GetProperty("held").GetBoolean());
        Assert.True(after.GetProperty("newConstruction").GetBoolean());
        Assert.Equal("project", after.Str("lifecycleSource"));

        // A system whose facts the unit declares: editable, each marked 单位自报.
        var declared = await owner.PageTextAsync($"/Systems/Edit/{fx.A.SystemId}");
        Assert.Contains("单位自报", declared, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.InService\"", declared, StringComparison.Ordinal);
        Assert.DoesNotContain("由建设项目", declared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_police_dashboard_lists_overdue_gates_and_each_home_counts_the_tasks_waiting()
    {
        var (project, _, name) = await OpenAsync();
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jifang.Data.JifangDbContext>();
            db.Scope = Jifang.Features.Identity.Scope.All;
            var p = await db.Projects.FindAsync(project);
            p!.DueOn = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).AddDays(-3);
            await db.SaveChangesAsync();
        }
        var police = await (await fx.PageClientAsync(Callers.PoliceCounty)).PageTextAsync("/");
        var panel = police[police.IndexOf("id=\"projects-overdue\"", StringComparison.Ordinal)..];
        Assert.Contains("逾期的建设项目关口", panel, StringComparison.Ordinal);
        Assert.Contains(name, panel, StringComparison.Ordinal);
        Assert.DoesNotContain(name, await (await fx.PageClientAsync(Callers.PoliceCountyB)).PageTextAsync("/"), StringComparison.Ordinal);

        // The owner's home counts what waits for it (this project's submission among them), linked to the list.
        var home = await (await fx.PageClientAsync(Callers.UnitAdminA)).PageTextAsync("/");
        Assert.Matches("建设项目<a href=\"/Projects#tasks\">我的待办</a>：<strong>[1-9][0-9]*</strong>", home);
        Assert.Contains("逾期", await (await fx.PageClientAsync(Callers.UnitAdminA)).PageTextAsync("/Projects?overdue=true"), StringComparison.Ordinal);
        Assert.Contains(name, await (await fx.PageClientAsync(Callers.UnitAdminA)).PageTextAsync("/Projects?overdue=true"), StringComparison.Ordinal);
    }

    /// <summary>Posts the details page's upload form (multipart) with the form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid project, string type, string fileName)
    {
        var url = $"/Projects/Details/{project}";
        var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(type), "DocumentType" },
        };
        var file = new ByteArrayContent("%PDF-1.4 page test"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync(new Uri(url + "?handler=Upload", UriKind.Relative), form);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectPagesSqlite(SqliteFixture fx) : ProjectPagesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectPagesPostgres(PostgresFixture fx) : ProjectPagesTests(fx);
