using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Projects;

/// <summary>One row of the inspection report form.</summary>
public sealed class ReportItemForm
{
    [Text(100)] public string? Name { get; set; }

    [Text(500)] public string? Result { get; set; }

    /// <summary>"true" 合格, "false" 不合格, empty: not filled.</summary>
    [Text(10)] public string? Passed { get; set; }
}

/// <summary>
/// One build project: its grade and where it comes from, the gate it stands at (who acts, the article and its words, the
/// documents still missing), the forms of the steps the caller may take now (<see cref="ProjectDetailDto.Actions"/>), its
/// panels, corrections, reports, documents and timeline. Every step calls the API's handler, which calls the workflow: a
/// refusal is shown with the provisions it rests on, bad input on the field it names.
/// </summary>
[Authorize(Policy = Policies.ProjectsRead)]
public sealed class DetailsModel(ProjectService projects, PackSet packs, IAuthorizationService authorization) : SignedInPageModel
{
    public const string What = "该建设项目";

    public ProjectDetailDto Detail { get; private set; } = null!;

    public Refusal? Refusal { get; private set; }

    /// <summary>The project's regulation (the pack its gates follow).</summary>
    public string PackTitle { get; private set; } = "";

    /// <summary>Registered testing agencies, for the owner's commission (only when that step is open).</summary>
    public IReadOnlyList<TestingAgency> Agencies { get; private set; } = [];

    /// <summary>Per review round: whether re-drawing from the recorded candidates and seed gives the recorded panel.</summary>
    public IReadOnlyDictionary<int, bool> Verified { get; private set; } = new Dictionary<int, bool>();

    /// <summary>Whether the caller reads the registry (links to the site).</summary>
    public bool CanReadRegistry { get; private set; }

    public DateOnly Today => projects.Today;

    [BindProperty, Text(1000, MultiLine = true)] public string? Note { get; set; }

    [BindProperty, Text(1000, MultiLine = true)] public string? Reason { get; set; }

    [BindProperty, Text(30)] public string? Opinion { get; set; }

    [BindProperty, Text(2000, MultiLine = true)] public string? Reasons { get; set; }

    /// <summary>The conditions of a pass with conditions, one a line.</summary>
    [BindProperty, Text(10000, MultiLine = true)] public string? Conditions { get; set; }

    [BindProperty] public Guid? CorrectionId { get; set; }

    [BindProperty, Text(2000, MultiLine = true)] public string? Answer { get; set; }

    [BindProperty] public Guid? TestingAgencyId { get; set; }

    [BindProperty, Text(60)] public string? Number { get; set; }

    [BindProperty, Text(10)] public string? TestedOn { get; set; }

    [BindProperty, Text(10)] public string? Conclusion { get; set; }

    [BindProperty] public List<ReportItemForm> Items { get; set; } = [];

    [BindProperty, Text(10)] public string? Date { get; set; }

    [BindProperty, Text(30)] public string? DocumentType { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>Rows of the report form: those posted, else five empty ones.</summary>
    public IReadOnlyList<ReportItemForm> ItemRows => Items.Count > 0 ? Items : [.. Enumerable.Range(0, 5).Select(_ => new ReportItemForm())];

    public bool Can(string action) => Detail.Actions.Contains(action);

    /// <summary>A step's citation ("nmg-2007 13.3") as the page shows it: the words of the article and its link.</summary>
    public CitationView? CitationOf(string? citation)
    {
        if (citation?.Split(' ', 2) is not [var packId, var cite] || !packs.TryGet(packId, out var loaded))
        {
            return null;
        }
        return new CitationView(packId, FindingPresenter.Cite(loaded.Pack, cite));
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage(What);

    public Task<IActionResult> OnPostSubmitDesignAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.SubmitDesign(id, new ProjectNoteInput(Note), User, projects, ct), "已提交设计方案。", ct);

    public Task<IActionResult> OnPostDrawPanelAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.DrawPanel(id, User, projects, ct), "已随机抽取论证专家。", ct);

    public Task<IActionResult> OnPostFileOpinionAsync(Guid id, CancellationToken ct)
    {
        var conditions = (Conditions ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (conditions.Any(c => c.Length > 500))
        {
            ModelState.AddModelError(nameof(Conditions), "条件：每项至多 500 字");
        }
        return StepAsync(id, () => ProjectsApi.FileOpinion(id, new OpinionInput(Opinion, Reasons, conditions), User, projects, ct), "已提交论证意见。", ct);
    }

    public Task<IActionResult> OnPostConcludeReviewAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.ConcludeReview(id, new ProjectNoteInput(Note), User, projects, ct), "已签署论证结论。", ct);

    public Task<IActionResult> OnPostAnswerCorrectionAsync(Guid id, CancellationToken ct)
    {
        if (CorrectionId is null)
        {
            ModelState.AddModelError(nameof(CorrectionId), "整改意见：未指明答复哪一项");
        }
        return StepAsync(id, () => ProjectsApi.AnswerCorrection(id, CorrectionId ?? Guid.Empty, new CorrectionAnswerInput(Answer), User, projects, ct), "已答复整改意见。", ct);
    }

    public Task<IActionResult> OnPostSubmitInspectionAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.SubmitInspection(id, new InspectionRequestInput(TestingAgencyId, Note), User, projects, ct), "已委托检测。", ct);

    public Task<IActionResult> OnPostFileReportAsync(Guid id, CancellationToken ct)
    {
        var testedOn = ModelState.ParseDate(nameof(TestedOn), TestedOn);
        var items = new List<ReportItemInput>();
        foreach (var (row, i) in Items.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.Result) && string.IsNullOrWhiteSpace(row.Passed))
            {
                continue;
            }
            bool? passed = row.Passed switch { "true" => true, "false" => false, _ => null };
            items.Add(new ReportItemInput(row.Name, row.Result, passed));
        }
        return StepAsync(id, () => ProjectsApi.FileReport(id, new ReportInput(Number, testedOn, Conclusion, items, Note), User, projects, ct), "已提交检测报告。", ct);
    }

    public Task<IActionResult> OnPostRecordAcceptanceAsync(Guid id, CancellationToken ct)
    {
        var date = ModelState.ParseDate(nameof(Date), Date);
        return StepAsync(id, () => ProjectsApi.RecordAcceptance(id, new AcceptanceInput(Conclusion, date, Note), User, projects, ct), "已记录验收结论，待公安机关会签。", ct);
    }

    public Task<IActionResult> OnPostSignAcceptanceAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.SignAcceptance(id, new ProjectNoteInput(Note), User, projects, ct), "已会签验收。", ct);

    public Task<IActionResult> OnPostRefuseAcceptanceAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.RefuseAcceptance(id, new ProjectReasonInput(Reason), User, projects, ct), "已退回验收结论。", ct);

    public Task<IActionResult> OnPostPutInServiceAsync(Guid id, CancellationToken ct)
    {
        var date = ModelState.ParseDate(nameof(Date), Date);
        return StepAsync(id, () => ProjectsApi.PutInService(id, new InServiceInput(date), User, projects, ct), "技防系统已投入使用。", ct);
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.Withdraw(id, new ProjectReasonInput(Reason), User, projects, ct), "项目已撤回。", ct);

    public Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => ProjectsApi.Upload(id, DocumentType, Upload, User, projects, ct), "文件已上传。", ct);

    /// <summary>
    /// Takes a step through the API's handler (the caller must hold projects.act): done, the project again with a notice; bad
    /// input, the form again naming the field; refused, the page with the refusal and its provisions; outside scope, 404.
    /// </summary>
    private async Task<IActionResult> StepAsync(Guid id, Func<Task<Results<Ok<ProjectDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>>> step, string notice, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ProjectsAct)).Succeeded)
        {
            return Lacking(Policies.ProjectsAct);
        }
        if (!ModelState.IsValid)
        {
            ModelState.ReplaceBindingErrors();
            return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage(What);
        }
        switch ((await step()).Result)
        {
            case Ok<ProjectDetailDto>:
                TempData["Notice"] = notice;
                return Redirect($"/Projects/Details/{id}");
            case ValidationProblem invalid:
                foreach (var (key, messages) in invalid.ProblemDetails.Errors)
                {
                    var (field, label) = FieldOf(key);
                    foreach (var m in messages)
                    {
                        ModelState.AddModelError(field, $"{label}：{m}");
                    }
                }
                break;
            case ProblemHttpResult problem when problem.ProblemDetails.Extensions.ContainsKey("reasons"):
                Refusal = Records.DetailsModel.ToRefusal(problem);
                break;
            case ProblemHttpResult problem:
                ModelState.AddProblem(problem);
                break;
            default:
                return FormErrors.NotFoundPage(What);
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage(What);
    }

    /// <summary>The form field and its name in Chinese of a field the API names ("items[1].result" → Items[1].Result, 检测项目第 2 行的结果).</summary>
    private static (string Field, string Label) FieldOf(string key)
    {
        if (key.StartsWith("items[", StringComparison.Ordinal) && key.IndexOf(']', StringComparison.Ordinal) is var end and > 6
            && int.TryParse(key[6..end], System.Globalization.CultureInfo.InvariantCulture, out var row))
        {
            var part = key[(end + 1)..].TrimStart('.');
            return ($"Items[{row}]" + (part.Length > 0 ? "." + char.ToUpperInvariant(part[0]) + part[1..] : ""),
                $"检测项目第 {row + 1} 行" + part switch { "name" => "的名称", "result" => "的结果", "passed" => "是否合格", _ => "" });
        }
        return key switch
        {
            "note" => (nameof(Note), "说明"),
            "reason" => (nameof(Reason), "理由"),
            "opinion" => (nameof(Opinion), "论证意见"),
            "reasons" => (nameof(Reasons), "不通过的理由"),
            var k when k.StartsWith("conditions", StringComparison.Ordinal) => (nameof(Conditions), "条件"),
            "answer" => (nameof(Answer), "整改情况"),
            "correctionId" => (nameof(CorrectionId), "整改意见"),
            "testingAgencyId" => (nameof(TestingAgencyId), "检测机构"),
            "number" => (nameof(Number), "报告编号"),
            "testedOn" => (nameof(TestedOn), "检测日期"),
            "conclusion" => (nameof(Conclusion), "结论"),
            "items" => (nameof(Items), "检测项目"),
            "date" => (nameof(Date), "日期"),
            "type" => (nameof(DocumentType), "文件类型"),
            "file" => (nameof(Upload), "文件"),
            _ => ("", key),
        };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ProjectsApi.Get(id, User, projects, ct)).Result is not Ok<ProjectDetailDto> ok)
        {
            return false;
        }
        Detail = ok.Value!;
        PackTitle = packs.TryGet(Detail.Project.PackId, out var pack) ? pack.Pack.Title : Detail.Project.PackId;
        Verified = (await projects.PanelsAsync(id, ct)).ToDictionary(p => p.Round, ProjectService.Verify);
        if (Can("submit-inspection"))
        {
            Agencies = await projects.Db.TestingAgencies.AsNoTracking().Where(a => !a.Archived).OrderBy(a => a.Name).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        }
        CanReadRegistry = (await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded;
        return true;
    }
}
