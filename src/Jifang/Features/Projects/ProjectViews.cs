using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Rules.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Projects;

/// <summary>建设项目（列表中的一行）</summary>
/// <param name="Id">项目编号</param>
/// <param name="Name">项目名称</param>
/// <param name="Kind">新建、改建、扩建（new、rebuild、extension）</param>
/// <param name="State">状态代码</param>
/// <param name="StateLabel">状态</param>
/// <param name="SiteId">场所编号</param>
/// <param name="SiteName">场所名称</param>
/// <param name="OwnerUnitId">建设单位编号</param>
/// <param name="OwnerName">建设单位</param>
/// <param name="DivisionCode">所在地行政区划代码</param>
/// <param name="PackId">依据的条例</param>
/// <param name="Grade">项目分级（1 一级、2 二级、3 三级）</param>
/// <param name="GradeLabel">分级</param>
/// <param name="DueOn">当前关口的办理期限</param>
/// <param name="Overdue">当前关口是否逾期</param>
/// <param name="ReturnedFrom">被退回的关口（修改后重新提交）</param>
/// <param name="UpdatedAt">更新时间（UTC）</param>
public sealed record ProjectDto(
    Guid Id, string Name, string Kind, string State, string StateLabel, Guid SiteId, string SiteName, Guid OwnerUnitId, string OwnerName,
    string DivisionCode, string PackId, int Grade, string GradeLabel, DateOnly? DueOn, bool Overdue, string? ReturnedFrom, DateTime UpdatedAt);

/// <summary>当前关口：名称、由谁办理、依据</summary>
/// <param name="Gate">关口代码（design-review、inspection、acceptance、in-service）</param>
/// <param name="Label">关口名称</param>
/// <param name="Actors">由谁办理（中文）</param>
/// <param name="Citation">依据条款（如《省安全技术防范条例》第十一条第一款）</param>
/// <param name="Text">条款原文</param>
/// <param name="Missing">本关口的材料清单中尚缺的文件</param>
public sealed record GateDto(string Gate, string Label, string Actors, string Citation, string Text, IReadOnlyList<string> Missing);

/// <summary>项目的一步</summary>
public sealed record ProjectStepDto(string Action, string ActionLabel, string FromState, string ToState, DateTime At, string By, string? ByName,
    string Role, string RoleLabel, string Party, string PartyLabel, string? Note, string? Citation);

/// <summary>论证专家及其意见</summary>
/// <param name="Replaced">截止后未提交意见、已被补抽替换</param>
public sealed record PanelMemberDto(Guid ExpertId, string Name, string Specialty, string Employer, string? Opinion, string? OpinionLabel, string? Reasons,
    IReadOnlyList<string> Conditions, DateTime? FiledAt, bool Replaced = false);

/// <summary>一轮论证：随机种子、候选人数、回避名单、专家及意见、结论</summary>
public sealed record PanelDto(int Round, int Seed, int Candidates, IReadOnlyList<string> Excluded, DateTime DrawnAt, string DrawnBy, DateOnly DueOn,
    string? Conclusion, string? ConclusionLabel, IReadOnlyList<PanelMemberDto> Members);

/// <summary>专家抽取的复核结果</summary>
/// <param name="Round">论证轮次</param>
/// <param name="Seed">记录的随机种子</param>
/// <param name="Candidates">候选专家人数</param>
/// <param name="Recorded">记录的抽取结果</param>
/// <param name="Redrawn">重新抽取的结果</param>
/// <param name="Matches">两者是否一致</param>
/// <param name="RedrawSeeds">补抽（截止后仍未提交意见的专家由尚未抽取的候选专家替换）所用的随机种子，依次</param>
public sealed record PanelVerificationDto(int Round, int Seed, int Candidates, IReadOnlyList<Guid> Recorded, IReadOnlyList<Guid> Redrawn, bool Matches, IReadOnlyList<int> RedrawSeeds);

/// <summary>整改意见及答复</summary>
public sealed record CorrectionDto(Guid Id, int Round, string Text, string? Answer, DateTime? AnsweredAt);

/// <summary>检测报告</summary>
public sealed record ReportDto(Guid Id, string Number, Guid AgencyId, string AgencyName, DateOnly TestedOn, string Conclusion, string ConclusionLabel,
    IReadOnlyList<InspectionItem> Items, string? Note, DateTime FiledAt);

/// <summary>项目文件（不含内容：查看须写明理由）</summary>
public sealed record DocumentDto(Guid Id, string Type, string TypeLabel, string FileName, long Size, string Sha256, DateTime UploadedAt, string UploadedBy, string PartyLabel);

/// <summary>项目的技防系统（其建设事实由项目流程产生）</summary>
public sealed record ProjectSystemDto(Guid Id, string Name, bool InService, string LifecycleSource);

/// <summary>项目的从业单位</summary>
public sealed record ProjectContractorDto(Guid ContractorId, string Name, string Role, string RoleLabel, string? Qualification, DateOnly? QualifiedUntil);

/// <summary>建设项目详情</summary>
/// <param name="Project">项目</param>
/// <param name="RiskLevel">风险等级</param>
/// <param name="Investment">投资额（万元）</param>
/// <param name="GradeSource">分级表的来源（平台默认表不是法定标准）</param>
/// <param name="PoliceLevel">参与的公安机关层级</param>
/// <param name="ReviewRequired">是否须论证</param>
/// <param name="ReviewOrganizer">论证组织者</param>
/// <param name="PublicArea">是否公共区域的设计方案</param>
/// <param name="ReturnReason">退回理由</param>
/// <param name="ReviewConclusion">论证结论</param>
/// <param name="Acceptance">验收：结论、日期、记录人、会签人</param>
/// <param name="InServiceOn">投入使用日期</param>
/// <param name="Gate">当前关口</param>
/// <param name="Parties">调用者在本项目中的身份</param>
/// <param name="Actions">调用者现在可以办理的事项</param>
public sealed record ProjectDetailDto(
    ProjectDto Project, int RiskLevel, decimal Investment, string GradeSource, string PoliceLevel, bool ReviewRequired, string ReviewOrganizer, bool PublicArea,
    string? ReturnReason, string? ReviewConclusion, AcceptanceDto? Acceptance, DateOnly? InServiceOn, GateDto? Gate, IReadOnlyList<string> Parties, IReadOnlyList<string> Actions,
    IReadOnlyList<ProjectContractorDto> Contractors, IReadOnlyList<ProjectSystemDto> Systems, IReadOnlyList<PanelDto> Panels, IReadOnlyList<CorrectionDto> Corrections,
    IReadOnlyList<ReportDto> Reports, IReadOnlyList<DocumentDto> Documents, IReadOnlyList<ProjectStepDto> Steps);

/// <summary>验收</summary>
public sealed record AcceptanceDto(string Conclusion, string ConclusionLabel, DateOnly? Date, string? Note, string? RecordedBy, string? SignedBy, bool Passed);

/// <summary>一项待办</summary>
/// <param name="ProjectId">项目编号</param>
/// <param name="ProjectName">项目名称</param>
/// <param name="State">项目状态</param>
/// <param name="Task">要办的事</param>
/// <param name="DueOn">期限</param>
/// <param name="Overdue">是否逾期</param>
public sealed record ProjectTaskDto(Guid ProjectId, string ProjectName, string State, string Task, DateOnly? DueOn, bool Overdue);

/// <summary>What the API and the pages show of projects.</summary>
public static class ProjectViews
{
    public static ProjectDto Summary(BuildProject p, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProjectDto(p.Id, p.Name, p.Kind, p.State, ProjectStates.Label(p.State), p.SiteId, p.Site?.Name ?? "", p.OwnerUnitId, p.OwnerUnit?.Name ?? "",
            p.DivisionCode, p.PackId, p.Grade, Grades.Label(p.Grade), p.DueOn, p.DueOn is { } due && due < today, p.ReturnedFrom, p.UpdatedAt);
    }

    /// <summary>The gate the project stands at, who acts there and the article.</summary>
    public static async Task<GateDto?> GateAsync(ProjectService projects, BuildProject p, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(p);
        var (gate, label, actors, checklist) = p.State switch
        {
            ProjectStates.Initiated => ("design-review", p.ReviewRequired ? "提交设计方案论证" : "开始施工（按分级无须论证）", "建设单位", ProjectStates.DesignReview),
            ProjectStates.DesignReview => ("design-review", "方案论证", $"{Vocab.Organizers.Label(projects.ReviewOrganizer(p))}组织，抽取的专家提交意见", ProjectStates.Construction),
            ProjectStates.Construction => ("inspection", "施工，竣工后委托检测", "建设单位", ProjectStates.Inspection),
            ProjectStates.Inspection => ("inspection", "检测", "建设单位委托的具有资质的检测机构", ProjectStates.Acceptance),
            ProjectStates.Acceptance when p.AcceptancePassed => ("in-service", "投入使用", "建设单位", ProjectStates.InService),
            ProjectStates.Acceptance => ("acceptance", "验收", $"建设单位会同{Grades.PoliceLevelLabel(p.PoliceLevel)}", ProjectStates.Acceptance),
            _ => ((string?)null, "", "", ""),
        };
        if (gate is null)
        {
            return null;
        }
        var pack = projects.PackOf(p);
        var cite = gate == "in-service" ? projects.InServiceCites(p)[0] : projects.CiteOf(p, gate);
        var c = FindingPresenter.Cite(pack, cite);
        var sinceEntered = checklist is ProjectStates.Construction;
        return new GateDto(gate, label, actors, c.Words.Length > 0 ? c.Text : cite, c.Words,
            await projects.MissingDocumentsAsync(p, checklist, sinceEntered, ct));
    }

    public static async Task<ProjectDetailDto> DetailAsync(ProjectService projects, BuildProject p, ProjectActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        var parties = await projects.PartiesAsync(p, actor, ct);
        var panels = await projects.PanelsAsync(p.Id, ct);
        var corrections = await projects.CorrectionsAsync(p.Id, ct);
        var reports = await projects.ReportsAsync(p.Id, ct);
        var agencyIds = reports.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await projects.Db.TestingAgencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var documents = await projects.DocumentsAsync(p.Id, ct);
        var systems = await projects.SystemsAsync(p.Id, ct);
        var rules = projects.Options.For(p.DivisionCode);
        var today = projects.Today;
        return new ProjectDetailDto(
            Summary(p, today), p.RiskLevel, p.Investment, rules.Grading.Source, Grades.PoliceLevelLabel(p.PoliceLevel), p.ReviewRequired,
            Vocab.Organizers.Label(projects.ReviewOrganizer(p)), p.PublicArea, p.ReturnReason, p.ReviewConclusion is { } rc ? Opinions.Label(rc) : null,
            p.AcceptanceConclusion is { } ac ? new AcceptanceDto(ac, ac == Opinions.Pass ? "合格" : "不合格", p.AcceptanceDate, p.AcceptanceNote, p.AcceptanceRecordedBy, p.AcceptanceSignedBy, p.AcceptancePassed) : null,
            p.InServiceOn, await GateAsync(projects, p, ct), parties.Select(ProjectParties.Label).ToList(),
            await ActionsAsync(projects, p, actor, parties, panels.LastOrDefault(x => x.Round == p.ReviewRound), corrections, ct),
            p.Contractors.OrderBy(c => ContractorRoles.All.ToList().IndexOf(c.Role)).Select(c => new ProjectContractorDto(c.ContractorId, c.Contractor?.Name ?? "", c.Role,
                ContractorRoles.Label(c.Role), c.Contractor?.QualificationLevel, c.Contractor?.QualifiedUntil)).ToList(),
            systems.Select(s => new ProjectSystemDto(s.Id, s.Name, s.InService, s.LifecycleSource)).ToList(),
            panels.Select(x => new PanelDto(x.Round, x.Seed, x.Candidates.Count, x.Excluded, x.DrawnAt, x.DrawnBy, x.DueOn, x.Conclusion,
                x.Conclusion is { } c ? Opinions.Label(c) : null,
                x.Members.Select(m => new PanelMemberDto(m.ExpertId, m.Expert?.Name ?? "", m.Expert?.Specialty ?? "", m.Expert?.Employer ?? "", m.Opinion,
                    m.Opinion is { } o ? Opinions.Label(o) : null, m.Reasons, m.Conditions, m.FiledAt, m.ReplacedAt is not null)).ToList())).ToList(),
            corrections.Select(c => new CorrectionDto(c.Id, c.Round, c.Text, c.Answer, c.AnsweredAt)).ToList(),
            reports.Select(r => new ReportDto(r.Id, r.Number, r.AgencyId, agencies.GetValueOrDefault(r.AgencyId, ""), r.TestedOn, r.Conclusion,
                r.Conclusion == Opinions.Pass ? "合格" : "不合格", r.Items, r.Note, r.FiledAt)).ToList(),
            documents.Select(d => new DocumentDto(d.Id, d.Type, DocumentTypes.Label(d.Type), d.FileName, d.Size, d.Sha256, d.UploadedAt, d.UploadedBy,
                ProjectParties.Label(d.Party))).ToList(),
            p.Steps.Select(s => new ProjectStepDto(s.Action, ProjectActions.Label(s.Action), s.FromState, s.ToState, s.At, s.By, s.ByName, s.Role, Roles.Label(s.Role),
                s.Party, ProjectParties.Label(s.Party), s.Note, s.Citation)).ToList());
    }

    /// <summary>What the actor may do now (the pages' buttons; the service decides each step again).</summary>
    public static Task<IReadOnlyList<string>> ActionsAsync(ProjectService projects, BuildProject p, ProjectActor actor, IReadOnlySet<string> parties,
        ReviewPanel? panel, IReadOnlyList<CorrectionItem> corrections, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(corrections);
        _ = ct;
        var owner = parties.Contains(ProjectParties.Owner);
        var police = parties.Contains(ProjectParties.Police);
        var organizer = projects.ReviewOrganizer(p) switch
        {
            Organizer.Police => police,
            Organizer.ConstructionUnit => owner,
            _ => owner || police,
        };
        var list = new List<string>();
        void When(bool condition, string action)
        {
            if (condition) { list.Add(action); }
        }
        When(owner && p.State == ProjectStates.Initiated, "submit-design");
        When(organizer && p.State == ProjectStates.DesignReview
            && (panel is null || (panel.Conclusion is null && projects.Today > panel.DueOn && panel.Active.Any(m => m.Opinion is null))), "draw-panel");
        When(p.State == ProjectStates.DesignReview && panel?.Conclusion is null && panel?.Active.FirstOrDefault(m => m.ExpertId == actor.Scope.ExpertId) is { Opinion: null }, "file-opinion");
        When(organizer && p.State == ProjectStates.DesignReview && panel is not null
            && !(owner && p.ReviewOwnerSigned is not null && !police) && !(police && p.ReviewPoliceSigned is not null && !owner), "conclude-review");
        When(owner && p.State is ProjectStates.Construction or ProjectStates.Initiated && corrections.Any(c => c.Answer is null), "answer-correction");
        When(owner && p.State == ProjectStates.Construction, "submit-inspection");
        When(parties.Contains(ProjectParties.TestingAgency) && p.State == ProjectStates.Inspection, "file-report");
        When(owner && p.State == ProjectStates.Acceptance && !p.AcceptancePassed && p.AcceptanceSignedBy is null, "record-acceptance");
        When(police && p.State == ProjectStates.Acceptance && p.AcceptanceConclusion is not null && p.AcceptanceSignedBy is null, "sign-acceptance");
        When(police && p.State == ProjectStates.Acceptance && p.AcceptanceConclusion is not null && p.AcceptanceSignedBy is null, "refuse-acceptance");
        When(owner && p.State == ProjectStates.Acceptance && p.AcceptancePassed, "put-in-service");
        When(owner && ProjectStates.Open.Contains(p.State), "withdraw");
        When(parties.Count > 0 && p.State != ProjectStates.Withdrawn, "upload");
        return Task.FromResult<IReadOnlyList<string>>(list);
    }

    /// <summary>
    /// The actor's tasks: the projects where a gate waits for them (as owner, police, testing agency or expert), and for the
    /// police the overdue gates of their jurisdiction. Reads the projects in scope that are open.
    /// </summary>
    public static async Task<IReadOnlyList<ProjectTaskDto>> TasksAsync(ProjectService projects, ProjectActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(actor);
        var today = projects.Today;
        // Only the projects where something can wait for this caller are looked at one by one (a province's police would
        // otherwise weigh every open project of the province on each view).
        var s = actor.Scope;
        var q = projects.Db.Projects.AsNoTracking().Include(p => p.Contractors).Where(p => ProjectStates.Open.Contains(p.State));
        if (s.IsPolice)
        {
            q = q.Where(p => p.State == ProjectStates.DesignReview || p.State == ProjectStates.Acceptance || (p.DueOn != null && p.DueOn < today));
        }
        else if (s.UnitId is { } unit)
        {
            q = q.Where(p => p.OwnerUnitId == unit);
        }
        else if (s.AgencyId is not null)
        {
            q = q.Where(p => p.State == ProjectStates.Inspection);
        }
        else if (s.ExpertId is not null)
        {
            q = q.Where(p => p.State == ProjectStates.DesignReview);
        }
        else
        {
            return [];
        }
        var open = await q.OrderBy(p => p.DueOn).ThenBy(p => p.Id).Take(500).ToListAsync(ct);
        // Three statements whatever the number of projects: the projects, the panels of those under review, their open corrections.
        var reviewed = open.Where(p => p.State == ProjectStates.DesignReview).Select(p => p.Id).ToList();
        var panels = (await projects.Db.ReviewPanels.IgnoreQueryFilters().AsNoTracking().Include(x => x.Members)
                .Where(x => reviewed.Contains(x.ProjectId)).ToListAsync(ct))
            .ToLookup(x => x.ProjectId);
        var ids = open.Select(p => p.Id).ToList();
        var unanswered = (await projects.Db.Corrections.IgnoreQueryFilters().AsNoTracking()
                .Where(c => ids.Contains(c.ProjectId) && c.Answer == null).ToListAsync(ct))
            .ToLookup(c => c.ProjectId);
        var tasks = new List<ProjectTaskDto>();
        foreach (var p in open)
        {
            var panel = panels[p.Id].FirstOrDefault(x => x.Round == p.ReviewRound);
            var parties = ProjectService.PartiesOf(p, actor, panel);
            var actions = await ActionsAsync(projects, p, actor, parties, panel, unanswered[p.Id].ToList(), ct);
            var overdue = p.DueOn is { } due && due < today;
            var todo = actions.Where(a => a is not ("withdraw" or "upload" or "refuse-acceptance")).Select(ActionLabel).ToList();
            if (todo.Count > 0)
            {
                tasks.Add(new ProjectTaskDto(p.Id, p.Name, ProjectStates.Label(p.State), string.Join("、", todo), p.DueOn, overdue));
            }
            else if (overdue && actor.Scope.IsPolice)
            {
                tasks.Add(new ProjectTaskDto(p.Id, p.Name, ProjectStates.Label(p.State), $"{ProjectStates.Label(p.State)}逾期（督促办理）", p.DueOn, true));
            }
        }
        return tasks.OrderByDescending(t => t.Overdue).ThenBy(t => t.DueOn ?? DateOnly.MaxValue).ToList();
    }

    public static string ActionLabel(string action) => action switch
    {
        "submit-design" => "提交设计方案论证",
        "draw-panel" => "抽取论证专家",
        "file-opinion" => "提交论证意见",
        "conclude-review" => "作出（会签）论证结论",
        "answer-correction" => "答复整改意见",
        "submit-inspection" => "竣工，委托检测",
        "file-report" => "提交检测报告",
        "record-acceptance" => "组织验收，记录结论",
        "sign-acceptance" => "会签验收",
        "refuse-acceptance" => "不同意验收结论",
        "put-in-service" => "投入使用",
        "withdraw" => "撤回项目",
        "upload" => "上传文件",
        _ => action,
    };
}
