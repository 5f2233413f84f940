using System.ComponentModel;
using System.Security.Claims;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Projects;

/// <summary>建设项目立项</summary>
/// <param name="Name">项目名称，必填，至多 200 字</param>
/// <param name="Kind">`new` 新建、`rebuild` 改建、`extension` 扩建</param>
/// <param name="SiteId">场所编号（须在您的范围内）</param>
/// <param name="OwnerUnitId">建设单位（已登记的单位）；不填为场所所属单位。使用单位只能以本单位为建设单位</param>
/// <param name="RiskLevel">风险等级：1 一级、2 二级、3 三级</param>
/// <param name="Investment">投资额（万元，0 至 1000000）</param>
/// <param name="Contractors">设计、施工、监理、维修单位（已登记、资质有效）</param>
/// <param name="SystemIds">项目建设的技防系统（该场所的、尚未投入使用的系统）</param>
public sealed record ProjectInput(
    [property: Text(200)] string? Name, [property: Text(20)] string? Kind, Guid? SiteId, Guid? OwnerUnitId, int? RiskLevel, decimal? Investment,
    IReadOnlyList<ProjectContractorInput>? Contractors, IReadOnlyList<Guid>? SystemIds);

/// <summary>项目的从业单位</summary>
/// <param name="ContractorId">从业单位编号</param>
/// <param name="Role">`design` 设计、`construction` 施工、`supervision` 监理、`maintenance` 维修</param>
public sealed record ProjectContractorInput(Guid? ContractorId, [property: Text(20)] string? Role);

/// <summary>说明</summary>
/// <param name="Note">说明，至多 1000 字，可换行</param>
// The only field is optional: a body with fields of its own is a client's mistake (another step's body, a wrong type), refused with 400.
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record ProjectNoteInput([property: Text(1000, MultiLine = true)] string? Note);

/// <summary>理由</summary>
/// <param name="Reason">理由，必填，至多 1000 字，可换行</param>
public sealed record ProjectReasonInput([property: Text(1000, MultiLine = true)] string? Reason);

/// <summary>专家的论证意见</summary>
/// <param name="Opinion">`pass` 通过、`pass-with-conditions` 有条件通过、`fail` 不通过</param>
/// <param name="Reasons">理由（不通过时必填），至多 2000 字</param>
/// <param name="Conditions">条件（有条件通过时必填），每项至多 500 字，至多 20 项：成为建设单位须答复的整改意见</param>
public sealed record OpinionInput(
    [property: Text(30)] string? Opinion, [property: Text(2000, MultiLine = true)] string? Reasons, [property: Text(500)] IReadOnlyList<string>? Conditions);

/// <summary>答复整改意见</summary>
/// <param name="Answer">整改情况，必填，至多 2000 字</param>
public sealed record CorrectionAnswerInput([property: Text(2000, MultiLine = true)] string? Answer);

/// <summary>竣工，委托检测</summary>
/// <param name="TestingAgencyId">委托的检测机构（已登记、资质有效）</param>
/// <param name="Note">说明</param>
public sealed record InspectionRequestInput(Guid? TestingAgencyId, [property: Text(1000, MultiLine = true)] string? Note);

/// <summary>检测报告</summary>
/// <param name="Number">报告编号，必填，至多 60 字</param>
/// <param name="TestedOn">检测日期</param>
/// <param name="Conclusion">`pass` 合格、`fail` 不合格</param>
/// <param name="Items">检测项目及结果，至少 1 项，至多 100 项</param>
/// <param name="Note">说明</param>
public sealed record ReportInput(
    [property: Text(60)] string? Number, DateOnly? TestedOn, [property: Text(10)] string? Conclusion, IReadOnlyList<ReportItemInput>? Items,
    [property: Text(2000, MultiLine = true)] string? Note);

/// <summary>一个检测项目</summary>
/// <param name="Name">项目名称，至多 100 字</param>
/// <param name="Result">检测结果，至多 500 字</param>
/// <param name="Passed">是否合格</param>
public sealed record ReportItemInput([property: Text(100)] string? Name, [property: Text(500)] string? Result, bool? Passed);

/// <summary>验收结论</summary>
/// <param name="Conclusion">`pass` 合格、`fail` 不合格</param>
/// <param name="Date">验收日期</param>
/// <param name="Note">验收意见</param>
public sealed record AcceptanceInput([property: Text(10)] string? Conclusion, DateOnly? Date, [property: Text(1000, MultiLine = true)] string? Note);

/// <summary>投入使用</summary>
/// <param name="Date">投入使用日期</param>
public sealed record InServiceInput(DateOnly? Date);

/// <summary>
/// Build projects (建设项目): the lifecycle workflow of province-2012 第十条、第十一条, nmg-2007 第十三条 and national 第十一条,
/// with each party acting as itself (see <see cref="ProjectService"/>). Refusals answer 409 with the articles they rest on.
/// </summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjects(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/projects").WithTags("建设项目");
        g.MapGet("/", List).RequireAuthorization(Policies.ProjectsRead);
        g.MapGet("/tasks", Tasks).RequireAuthorization(Policies.ProjectsRead);
        g.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ProjectsRead);
        g.MapPost("/", Create).RequireAuthorization(Policies.ProjectsCreate);
        g.MapPost("/{id:guid}/submit-design", SubmitDesign).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/panel", DrawPanel).RequireAuthorization(Policies.ProjectsAct);
        g.MapGet("/{id:guid}/panels/{round:int}/verify", VerifyPanel).RequireAuthorization(Policies.ProjectsRead);
        g.MapPost("/{id:guid}/opinion", FileOpinion).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/review", ConcludeReview).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/corrections/{correctionId:guid}", AnswerCorrection).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/inspection", SubmitInspection).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/report", FileReport).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/acceptance", RecordAcceptance).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/acceptance/sign", SignAcceptance).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/acceptance/refuse", RefuseAcceptance).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/in-service", PutInService).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.ProjectsAct);
        g.MapPost("/{id:guid}/documents", Upload).RequireAuthorization(Policies.ProjectsAct)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64L * 1024 * 1024)).DisableAntiforgery();
        g.MapGet("/{id:guid}/documents/{documentId:guid}", Download).RequireAuthorization(Policies.ProjectsRead);
        return api;
    }

    /// <summary>Maps a workflow outcome: 200 with the project, 404, 400 naming the field, or 409 with the citations.</summary>
    public static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Answer(
        ProjectService projects, ProjectActor actor, ProjectOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Field is { } field)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [outcome.Message ?? ""] });
        }
        if (outcome.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }
        return outcome.Project is { } p && await projects.LoadAsync(p.Id, ct) is { } loaded
            ? TypedResults.Ok(await ProjectViews.DetailAsync(projects, loaded, actor, ct))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, ClaimsPrincipal user, ProjectService projects, Func<BuildProject, ProjectActor, Task<ProjectOutcome>> step, CancellationToken ct)
    {
        if (await projects.LoadAsync(id, ct) is not { } p)
        {
            return TypedResults.NotFound();
        }
        var actor = ProjectActor.Of(user);
        return await Answer(projects, actor, await step(p, actor), ct);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>建设项目列表</summary>
    /// <remarks>调用者范围内的建设项目（公安机关：辖区内的；建设单位和使用单位：本单位的；设计施工单位：列明它的；检测机构：委托它检测的；专家：抽取其论证的），按更新时间从近到远，分页。</remarks>
    /// <param name="state">状态：initiated、design-review、construction、inspection、acceptance、in-service、withdrawn</param>
    /// <param name="site">场所编号</param>
    /// <param name="overdue">`true`：只列逾期未办的关口</param>
    internal static async Task<Results<Ok<Page<ProjectDto>>, ValidationProblem>> List(
        ProjectService projects, string? state, Guid? site, bool? overdue, int? page, int? pageSize, CancellationToken ct)
    {
        if (state is { Length: > 0 } && !ProjectStates.All.Contains(state))
        {
            return Invalid(new() { ["state"] = [$"未知的状态 \"{state}\"（可选：{string.Join("、", ProjectStates.All)}）"] });
        }
        var q = projects.Db.Projects.AsNoTracking().AsQueryable();
        if (state is { Length: > 0 }) { q = q.Where(p => p.State == state); }
        if (site is { } s) { q = q.Where(p => p.SiteId == s); }
        if (overdue == true)
        {
            var today = projects.Today;
            q = q.Where(p => p.DueOn != null && p.DueOn < today);
        }
        var found = await q.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).ToPageAsync(page, pageSize, p => p, ct);
        await projects.FillAsync(found.Items, ct);
        return TypedResults.Ok(new Page<ProjectDto>(found.Items.Select(p => ProjectViews.Summary(p, projects.Today)).ToList(), found.Total, found.PageNumber, found.PageSize));
    }

    /// <summary>我的待办</summary>
    /// <remarks>调用者作为建设单位、公安机关、检测机构或专家须办理的项目关口，以及（公安机关）辖区内逾期的关口。</remarks>
    internal static async Task<Ok<IReadOnlyList<ProjectTaskDto>>> Tasks(ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        TypedResults.Ok(await ProjectViews.TasksAsync(projects, ProjectActor.Of(user), ct));

    /// <summary>建设项目详情</summary>
    /// <remarks>项目、从业单位、技防系统、各轮论证专家与意见、整改意见、检测报告、文件、时间线（每一步的办理人、角色、时间与依据），以及当前关口由谁办理、所依条款和调用者可以办理的事项。</remarks>
    /// <param name="id">建设项目编号</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound>> Get(Guid id, ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        await projects.LoadAsync(id, ct) is { } p ? TypedResults.Ok(await ProjectViews.DetailAsync(projects, p, ProjectActor.Of(user), ct)) : TypedResults.NotFound();

    /// <summary>立项（建设单位或公安机关）</summary>
    /// <remarks>按所在地的分级表（各地配置；未配置时为平台默认表，非法定标准）由风险等级和投资额定级，定级决定参与的公安机关层级和（条文交由国家规定时）是否须论证。记入审计日志（`project.created`）。</remarks>
    /// <param name="input">立项的内容</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(
        ProjectInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) { errors["name"] = ["缺少项目名称"]; }
        if (input.Kind is null || !ProjectKinds.All.Contains(input.Kind)) { errors["kind"] = [$"项目类型应为 {string.Join("、", ProjectKinds.All)}"]; }
        if (input.SiteId is null) { errors["siteId"] = ["缺少场所"]; }
        if (input.RiskLevel is not (1 or 2 or 3)) { errors["riskLevel"] = ["风险等级应为 1、2 或 3"]; }
        if (input.Investment is not { } inv || inv < 0 || inv > 1_000_000) { errors["investment"] = ["投资额应为 0 至 1000000（万元）"]; }
        var contractors = input.Contractors ?? [];
        for (var i = 0; i < contractors.Count; i++)
        {
            if (contractors[i] is null) { errors[$"contractors[{i}]"] = [TextRule.NullElementMessage]; continue; }
            if (contractors[i].ContractorId is null) { errors[$"contractors[{i}].contractorId"] = ["缺少从业单位"]; }
            if (contractors[i].Role is not { } role || !ContractorRoles.All.Contains(role)) { errors[$"contractors[{i}].role"] = [$"角色应为 {string.Join("、", ContractorRoles.All)}"]; }
        }
        if (contractors.Count > 20) { errors["contractors"] = ["从业单位至多 20 个"]; }
        if (input.SystemIds is { Count: > 50 }) { errors["systemIds"] = ["技防系统至多 50 个"]; }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        // A site that exists outside the caller's scope: 403 naming it, as every id in a body outside one's scope.
        if (!await projects.Db.Sites.AnyAsync(s => s.Id == input.SiteId, ct) && await projects.Db.Sites.IgnoreQueryFilters().AnyAsync(s => s.Id == input.SiteId, ct))
        {
            return UnitsApi.OutsideScope("siteId", input.SiteId!.Value.ToString());
        }
        var opening = new ProjectOpening(input.Name!.Trim(), input.Kind!, input.SiteId!.Value, input.OwnerUnitId, input.RiskLevel!.Value, input.Investment!.Value,
            contractors.Select(c => (c.ContractorId!.Value, c.Role!)).Distinct().ToList(), (input.SystemIds ?? []).Distinct().ToList());
        var actor = ProjectActor.Of(user);
        return await Answer(projects, actor, await projects.CreateAsync(opening, actor, ct), ct);
    }

    /// <summary>提交设计方案论证（建设单位）</summary>
    /// <remarks>立项（或论证未通过退回）后提交：须已上传风险等级确认函和设计方案及图纸（清单可配置）。按分级无须论证的，直接进入施工。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">说明</param>
    internal static Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitDesign(
        Guid id, ProjectNoteInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        Act(id, user, projects, (p, a) => projects.SubmitDesignAsync(p, a, UnitsApi.NullIfEmpty(input.Note), ct), ct);

    /// <summary>抽取论证专家（论证组织者）</summary>
    /// <remarks>从项目所在地（默认为市）的专家库中随机抽取（默认 3 人），排除受聘于公安机关、检测机构、本项目从业单位或建设单位的专家（回避规则可按地区配置）；记录候选名单与随机种子，可复核。组织者依条例：如省条例公共区域由公安机关、其他由建设单位组织；内蒙古条例由建设单位会同公安机关组织。</remarks>
    /// <param name="id">建设项目编号</param>
    internal static Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> DrawPanel(
        Guid id, ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        Act(id, user, projects, (p, a) => projects.DrawPanelAsync(p, a, ct), ct);

    /// <summary>复核专家抽取</summary>
    /// <remarks>用记录的候选名单和随机种子重新抽取，答复是否与记录的专家一致。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="round">论证轮次（1、2…）</param>
    internal static async Task<Results<Ok<PanelVerificationDto>, NotFound>> VerifyPanel(Guid id, int round, ProjectService projects, CancellationToken ct)
    {
        if (await projects.LoadAsync(id, ct) is null)
        {
            return TypedResults.NotFound();
        }
        var panel = (await projects.PanelsAsync(id, ct)).FirstOrDefault(x => x.Round == round);
        return panel is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PanelVerificationDto(round, panel.Seed, panel.Candidates.Count, panel.Members.OrderBy(m => m.Position).Select(m => m.ExpertId).ToList(),
                ProjectService.Replay(panel), ProjectService.Verify(panel), panel.RedrawSeeds));
    }

    /// <summary>提交论证意见（抽取的专家）</summary>
    /// <remarks>每位专家每轮一次：通过、有条件通过（列出条件）、不通过（写明理由）。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">论证意见</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> FileOpinion(
        Guid id, OpinionInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Opinion is null || !Opinions.All.Contains(input.Opinion)) { errors["opinion"] = [$"意见应为 {string.Join("、", Opinions.All)}"]; }
        if (input.Conditions is { Count: > 20 }) { errors["conditions"] = ["条件至多 20 项"]; }
        if (input.Conditions?.Any(c => c is null) == true) { errors["conditions"] = [TextRule.NullElementMessage]; }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var conditions = (input.Conditions ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        return await Act(id, user, projects, (p, a) => projects.FileOpinionAsync(p, a, input.Opinion!, UnitsApi.NullIfEmpty(input.Reasons), conditions, ct), ct);
    }

    /// <summary>作出论证结论（论证组织者）</summary>
    /// <remarks>结论按各地的规则（默认多数意见）由专家意见得出；建设单位会同公安机关组织的，双方都签署后生效。通过进入施工（有条件的，条件成为整改意见）；不通过退回立项，修改后重新提交，另行抽取专家。须已上传论证意见书。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">说明</param>
    internal static Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> ConcludeReview(
        Guid id, ProjectNoteInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        Act(id, user, projects, (p, a) => projects.ConcludeReviewAsync(p, a, UnitsApi.NullIfEmpty(input.Note), ct), ct);

    /// <summary>答复整改意见（建设单位）</summary>
    /// <remarks>建设单位逐项答复论证提出的整改意见；全部答复后方可竣工检测。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="correctionId">整改意见编号</param>
    /// <param name="input">整改情况</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerCorrection(
        Guid id, Guid correctionId, CorrectionAnswerInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Answer))
        {
            return Invalid(new() { ["answer"] = ["缺少整改情况"] });
        }
        return await Act(id, user, projects, (p, a) => projects.AnswerCorrectionAsync(p, a, correctionId, input.Answer, ct), ct);
    }

    /// <summary>竣工，委托检测（建设单位）</summary>
    /// <remarks>只能委托已登记、资质在有效期内的检测机构；论证的整改意见须已全部答复。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">委托的检测机构</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitInspection(
        Guid id, InspectionRequestInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (input.TestingAgencyId is null)
        {
            return Invalid(new() { ["testingAgencyId"] = ["缺少检测机构"] });
        }
        return await Act(id, user, projects, (p, a) => projects.SubmitInspectionAsync(p, a, input.TestingAgencyId.Value, UnitsApi.NullIfEmpty(input.Note), ct), ct);
    }

    /// <summary>提交检测报告（受委托的检测机构）</summary>
    /// <remarks>只有建设单位委托、资质有效的检测机构可以提交；单位不能自行标记“检测通过”。合格进入验收，不合格退回施工整改。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">检测报告</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> FileReport(
        Guid id, ReportInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Number)) { errors["number"] = ["缺少报告编号"]; }
        if (input.TestedOn is null) { errors["testedOn"] = ["缺少检测日期"]; }
        if (input.Conclusion is not (Opinions.Pass or Opinions.Fail)) { errors["conclusion"] = ["结论应为 pass（合格）或 fail（不合格）"]; }
        var items = input.Items ?? [];
        if (items.Count is 0 or > 100) { errors["items"] = ["检测项目应为 1 至 100 项"]; }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) { errors[$"items[{i}]"] = [TextRule.NullElementMessage]; continue; }
            if (string.IsNullOrWhiteSpace(items[i].Name)) { errors[$"items[{i}].name"] = ["缺少检测项目名称"]; }
            if (string.IsNullOrWhiteSpace(items[i].Result)) { errors[$"items[{i}].result"] = ["缺少检测结果"]; }
            if (items[i].Passed is null) { errors[$"items[{i}].passed"] = ["缺少是否合格"]; }
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var filing = new ReportFiling(input.Number!.Trim(), input.TestedOn!.Value, input.Conclusion!,
            items.Select(i => new InspectionItem { Name = i.Name!.Trim(), Result = i.Result!.Trim(), Passed = i.Passed!.Value }).ToList(), UnitsApi.NullIfEmpty(input.Note));
        return await Act(id, user, projects, (p, a) => projects.FileReportAsync(p, a, filing, ct), ct);
    }

    /// <summary>记录验收结论（建设单位）</summary>
    /// <remarks>根据检测机构的检测报告组织验收，由建设单位记录结论，公安机关会签后生效。须有检测报告（文件）。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">验收结论</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAcceptance(
        Guid id, AcceptanceInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Conclusion is not (Opinions.Pass or Opinions.Fail)) { errors["conclusion"] = ["结论应为 pass（合格）或 fail（不合格）"]; }
        if (input.Date is null) { errors["date"] = ["缺少验收日期"]; }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return await Act(id, user, projects, (p, a) => projects.RecordAcceptanceAsync(p, a, input.Conclusion!, input.Date!.Value, UnitsApi.NullIfEmpty(input.Note), ct), ct);
    }

    /// <summary>会签验收（参与验收的公安机关）</summary>
    /// <remarks>按项目分级由市或县级公安机关会签。合格即可投入使用；不合格退回施工，整改后重新检测、验收。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">说明</param>
    internal static Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> SignAcceptance(
        Guid id, ProjectNoteInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct) =>
        Act(id, user, projects, (p, a) => projects.SignAcceptanceAsync(p, a, UnitsApi.NullIfEmpty(input.Note), ct), ct);

    /// <summary>不同意验收结论（参与验收的公安机关）</summary>
    /// <remarks>参与验收的公安机关不同意建设单位记录的验收结论时退回，须说明理由；建设单位可重新记录。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">理由</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> RefuseAcceptance(
        Guid id, ProjectReasonInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Invalid(new() { ["reason"] = ["须说明理由"] });
        }
        return await Act(id, user, projects, (p, a) => projects.RefuseAcceptanceAsync(p, a, input.Reason.Trim(), ct), ct);
    }

    /// <summary>投入使用（建设单位）</summary>
    /// <remarks>只有验收合格（建设单位与公安机关均已签署）的项目可以投入使用；否则答复 409，引用条款（如省条例第十一条第二款、第二十五条；内蒙古条例第十三条第五款、第二十三条）。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">投入使用日期</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> PutInService(
        Guid id, InServiceInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (input.Date is null)
        {
            return Invalid(new() { ["date"] = ["缺少投入使用日期"] });
        }
        return await Act(id, user, projects, (p, a) => projects.PutInServiceAsync(p, a, input.Date.Value, ct), ct);
    }

    /// <summary>撤回项目（建设单位）</summary>
    /// <remarks>建设单位撤回尚未结束的项目，须说明理由；项目的技防系统可纳入新的项目。</remarks>
    /// <param name="id">建设项目编号</param>
    /// <param name="input">理由</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, ProjectReasonInput input, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Invalid(new() { ["reason"] = ["须说明撤回理由"] });
        }
        return await Act(id, user, projects, (p, a) => projects.WithdrawAsync(p, a, input.Reason.Trim(), ct), ct);
    }

    /// <summary>上传项目文件</summary>
    /// <remarks>`multipart/form-data`：字段 `type`（risk-letter 风险等级确认函、drawings 设计方案及图纸、review-opinion 论证意见书、correction-pledge 整改承诺书、test-report 检测报告、acceptance-report 验收报告、other 其他）与 `file`。类型与大小限制可配置（默认 .pdf .jpg .png .docx .xlsx .dwg .zip，20 MB）；以 SHA-256 存放。各类文件由相应的一方上传。</remarks>
    /// <param name="id">建设项目编号</param>
    internal static async Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, [Description("文件类型")] [Microsoft.AspNetCore.Mvc.FromForm] string? type, [Description("文件")] IFormFile? file,
        ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (type is null || !DocumentTypes.All.Contains(type)) { errors["type"] = [$"文件类型应为 {string.Join("、", DocumentTypes.All)}"]; }
        if (file is null || file.Length == 0) { errors["file"] = ["请选择要上传的文件"]; }
        else if (TextRule.Problem(file.FileName, false, 200) is { } bad) { errors["file"] = [$"文件名{bad}"]; }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return await Act(id, user, projects, (p, a) => projects.UploadAsync(p, a, type!, file!.FileName, file.ContentType ?? "application/octet-stream", file.OpenReadStream(), file.Length, ct), ct);
    }

    /// <summary>查看或下载项目文件</summary>
    /// <remarks>项目各方和所在地公安机关可以查看；须写明理由（`reason`，至多 200 字），每次查看记入审计日志（`project.document-viewed`）。文件按 SHA-256 校验，已被改动的不提供。</remarks>
    /// <param name="reason">查看理由，必填</param>
    /// <param name="id">建设项目编号</param>
    /// <param name="documentId">文件编号</param>
    internal static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Download(
        Guid id, Guid documentId, string? reason, ClaimsPrincipal user, ProjectService projects, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || TextRule.Problem(reason, false, 200) is not null)
        {
            return Invalid(new() { ["reason"] = ["请写明查看理由（至多 200 字）"] });
        }
        if (await projects.LoadAsync(id, ct) is not { } p || await projects.OpenAsync(p, ProjectActor.Of(user), documentId, reason.Trim(), ct) is not { } opened)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(opened.Bytes, opened.Document.ContentType, opened.Document.FileName);
    }
}
