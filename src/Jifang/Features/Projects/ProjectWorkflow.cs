using System.Globalization;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Projects;

/// <summary>What opens a project (立项).</summary>
public sealed record ProjectOpening(
    string Name, string Kind, Guid SiteId, Guid? OwnerUnitId, int RiskLevel, decimal Investment,
    IReadOnlyList<(Guid ContractorId, string Role)> Contractors, IReadOnlyList<Guid> SystemIds);

/// <summary>What a testing agency files (检测报告).</summary>
public sealed record ReportFiling(string Number, DateOnly TestedOn, string Conclusion, IReadOnlyList<InspectionItem> Items, string? Note);

// The transitions. Each checks, in this order: the state, the party (as the pack names it), the gate's own conditions and its
// checklist; refusals cite the gate's article and are audited (project.refused); a step moves the state and saves.
public sealed partial class ProjectService
{
    /// <summary>立项: the owner (an administrator of the site's unit, or the police for it) opens a project of a site with its systems.</summary>
    public async Task<ProjectOutcome> CreateAsync(ProjectOpening o, ProjectActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(actor);
        var site = await db.Sites.Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == o.SiteId && !s.Archived, ct);
        if (site is null)
        {
            return ProjectOutcome.Invalid("siteId", "场所不存在或不在您的范围内");
        }
        var ownerId = o.OwnerUnitId ?? site.UnitId;
        if (actor.Scope.IsUnit && ownerId != actor.Scope.UnitId)
        {
            return ProjectOutcome.Invalid("ownerUnitId", "使用单位只能以本单位为建设单位立项");
        }
        if (await db.Units.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == ownerId && !u.Archived, ct) is null)
        {
            return ProjectOutcome.Invalid("ownerUnitId", "建设单位未登记或已归档");
        }
        if (LifecyclePackFor(site.DivisionCode) is not { } pack)
        {
            return ProjectOutcome.Invalid("siteId", "场所所在地没有适用的条例");
        }
        var contractors = new List<ProjectContractor>();
        foreach (var (c, i) in o.Contractors.Select((c, i) => (c, i)))
        {
            var registered = await db.Contractors.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == c.ContractorId, ct);
            if (registered is null || registered.Archived)
            {
                return ProjectOutcome.Invalid($"contractors[{i}].contractorId", "从业单位未登记或已归档");
            }
            if (!registered.Qualified || (registered.QualifiedUntil is { } until && until < Today))
            {
                return ProjectOutcome.Invalid($"contractors[{i}].contractorId",
                    $"「{registered.Name}」没有有效的资质（发包人不得将技防系统工程发包给不符合规定条件的单位，{ContractingCite(pack)}）");
            }
            contractors.Add(new ProjectContractor { ContractorId = registered.Id, Role = c.Role, Contractor = registered });
        }
        var systems = new List<SecuritySystem>();
        foreach (var (id, i) in o.SystemIds.Select((id, i) => (id, i)))
        {
            var s = await db.Systems.FirstOrDefaultAsync(x => x.Id == id && !x.Archived, ct);
            if (s is null || s.SiteId != site.Id)
            {
                return ProjectOutcome.Invalid($"systemIds[{i}]", "技防系统不存在或不属于该场所");
            }
            if (s.InService)
            {
                return ProjectOutcome.Invalid($"systemIds[{i}]", $"「{s.Name}」已投入使用：改建、扩建的部分请登记为新的技防系统后纳入项目");
            }
            if (s.BuildProjectId is { } other && await db.Projects.IgnoreQueryFilters().AnyAsync(x => x.Id == other && ProjectStates.Open.Contains(x.State), ct))
            {
                return ProjectOutcome.Invalid($"systemIds[{i}]", $"「{s.Name}」已在另一个进行中的建设项目中");
            }
            systems.Add(s);
        }
        var rules = Options.For(site.DivisionCode);
        var grade = rules.Grading.GradeOf(o.RiskLevel, o.Investment);
        var gradeRule = rules.Grading.RuleOf(grade);
        var review = pack.Lifecycle?.Gate("design-review");
        var now = Now;
        var p = new BuildProject
        {
            Name = o.Name, Kind = o.Kind, SiteId = site.Id, SiteUnitId = site.UnitId, OwnerUnitId = ownerId, DivisionCode = site.DivisionCode,
            PackId = pack.Id, PublicArea = IsPublicArea(site, pack), RiskLevel = o.RiskLevel, Investment = o.Investment, Grade = grade,
            PoliceLevel = gradeRule.PoliceLevel, ReviewRequired = review is null ? gradeRule.ReviewRequired : review.RequiredAlways || gradeRule.ReviewRequired,
            State = ProjectStates.Initiated, StateSince = now, CreatedAt = now, CreatedBy = actor.Account, UpdatedAt = now, Contractors = contractors,
        };
        db.Projects.Add(p);
        foreach (var s in systems)
        {
            s.BuildProjectId = p.Id;
        }
        var party = actor.Scope.IsPolice ? ProjectParties.Police : actor.Scope.Everything ? ProjectParties.Admin : ProjectParties.Owner;
        var note = $"{ProjectKinds.Label(p.Kind)}；风险等级{Grades.Label(p.RiskLevel)}，投资额 {p.Investment.ToString("0.##", CultureInfo.InvariantCulture)} 万元，"
            + $"定为{Grades.Label(grade)}（{rules.Grading.Source}），{Grades.PoliceLevelLabel(p.PoliceLevel)}参与；"
            + (p.ReviewRequired ? "设计方案须经论证" : "按分级无须论证") + $"；技防系统 {systems.Count} 个";
        return await StepAsync(p, actor, party, ProjectActions.Created, ProjectStates.Initiated, note, pack.Lifecycle?.Basis.ToString(), ct);
    }

    private static bool IsPublicArea(Site site, Rules.Packs.Pack pack) =>
        site.PublicArea || (pack.PublicArea is { } area && (Compliance.ComplianceService.CategoriesOf(site) & area.Categories) != 0);

    /// <summary>The pack's rule on qualified contractors (check kind contractors), for the words of a refusal.</summary>
    private static string ContractingCite(Rules.Packs.Pack pack) =>
        pack.Rules.FirstOrDefault(r => r.Check is Rules.Packs.ContractorsSpec) is { } rule
            ? pack.Cite(rule.Breaches.First())
            : $"《{pack.Title}》";

    /// <summary>Submits the design for review (立项 → 方案论证), or, where the grade requires none, starts construction.</summary>
    public async Task<ProjectOutcome> SubmitDesignAsync(BuildProject p, ProjectActor actor, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "design-review");
        if (p.State != ProjectStates.Initiated)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交论证", $"项目处于“{ProjectStates.Label(p.State)}”，只有立项（含论证未通过退回）的项目可以提交设计方案", cite), ct);
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交论证", "设计方案由建设单位提交", cite), ct);
        }
        if (!await HasSystemsAsync(p, ct))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交论证", "项目还没有纳入任何技防系统", PackOf(p).Lifecycle?.Basis.ToString() ?? cite), ct);
        }
        if (!p.ReviewRequired)
        {
            return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.SubmittedDesign, ProjectStates.Construction,
                JoinNote("按分级管理无须论证，进入施工", note), cite, ct);
        }
        if (await MissingDocumentsAsync(p, ProjectStates.DesignReview, false, ct) is { Count: > 0 } missing)
        {
            return await RefusedAsync(p, actor, Refuse(p, "材料不全", $"提交论证须先上传：{string.Join("、", missing)}", cite), ct);
        }
        p.ReviewRound++;
        p.ReturnedFrom = null;
        p.ReturnReason = null;
        p.ReviewConclusion = null;
        p.ReviewOwnerSigned = null;
        p.ReviewPoliceSigned = null;
        p.ReviewOrganizer = Rules.Vocabulary.Vocab.Organizers.Code(ReviewOrganizer(p));
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.SubmittedDesign, ProjectStates.DesignReview,
            JoinNote($"第 {p.ReviewRound} 轮论证，由{Vocab.Organizers.Label(ReviewOrganizer(p))}组织", note), cite, ct);
    }

    private Task<bool> HasSystemsAsync(BuildProject p, CancellationToken ct) =>
        db.Systems.IgnoreQueryFilters().AnyAsync(s => s.BuildProjectId == p.Id && !s.Archived, ct);

    private static string JoinNote(string a, string? b) => b is { Length: > 0 } ? $"{a}；{b}" : a;

    /// <summary>Whether the actor organizes the review (alone, or as one of the owner and the police together).</summary>
    private static bool Organizes(Organizer organizer, IReadOnlySet<string> parties) => organizer switch
    {
        Organizer.Police => parties.Contains(ProjectParties.Police),
        Organizer.ConstructionUnit => parties.Contains(ProjectParties.Owner),
        _ => parties.Contains(ProjectParties.Police) || parties.Contains(ProjectParties.Owner),
    };

    private string OrganizerWords(BuildProject p, Organizer organizer) =>
        $"依{PackOf(p).Cite(Gate(p, "design-review")?.Cite ?? PackOf(p).Lifecycle!.Basis)}，本项目的设计方案由{Vocab.Organizers.Label(organizer)}组织论证";

    /// <summary>Draws the panel of the current round at random from the pool (the organizer).</summary>
    public async Task<ProjectOutcome> DrawPanelAsync(BuildProject p, ProjectActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "design-review");
        if (p.State != ProjectStates.DesignReview)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能抽取专家", $"项目处于“{ProjectStates.Label(p.State)}”，只有方案论证阶段抽取专家", cite), ct);
        }
        var organizer = ReviewOrganizer(p);
        if (!Organizes(organizer, await PartiesAsync(p, actor, ct)))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能抽取专家", OrganizerWords(p, organizer), cite), ct);
        }
        if (await CurrentPanelAsync(p, ct) is { } current)
        {
            return await RedrawAsync(p, actor, current, cite, ct);
        }
        var rules = Options.For(p.DivisionCode);
        var prefix = p.DivisionCode[..Math.Clamp(Options.PoolPrefixLength, 2, 6)];
        var pool = await db.Experts.Where(e => e.DivisionCode.StartsWith(prefix) && e.Available && !e.Archived).OrderBy(e => e.Id).ToListAsync(ct);
        var excluded = new List<string>();
        var candidates = new List<Guid>();
        foreach (var e in pool)
        {
            if (PanelDraw.Conflict(e, rules.Conflicts, p) is { } why)
            {
                excluded.Add($"{e.Name}：{why}");
            }
            else
            {
                candidates.Add(e.Id);
            }
        }
        var size = Math.Max(1, Options.PanelSize);
        if (candidates.Count < size)
        {
            return await RefusedAsync(p, actor, Refuse(p, "专家不足",
                $"专家库（行政区划 {prefix}）中可用且无须回避的专家只有 {candidates.Count} 人，少于论证所需的 {size} 人；请公安机关补充专家库", cite), ct);
        }
        var seed = PanelDraw.NewSeed();
        var drawn = PanelDraw.Draw(candidates, seed, size);
        var panel = new ReviewPanel
        {
            ProjectId = p.Id, Round = p.ReviewRound, Seed = seed, Size = size, Candidates = candidates, Excluded = excluded, DrawnAt = Now,
            DrawnBy = actor.Account, DueOn = Today.AddDays(Options.OpinionDays),
            Members = drawn.Select((id, i) => new PanelMember { ExpertId = id, Position = i }).ToList(),
        };
        db.ReviewPanels.Add(panel);
        var names = string.Join("、", drawn.Select(id => pool.First(e => e.Id == id).Name));
        return await StepAsync(p, actor, PartyOf(actor, await PartiesAsync(p, actor, ct)), ProjectActions.PanelDrawn, p.State,
            $"第 {p.ReviewRound} 轮：从 {candidates.Count} 名专家中随机抽取 {names}（种子 {seed}；回避 {excluded.Count} 人），意见截止 {panel.DueOn:yyyy-MM-dd}", cite, ct);
    }

    /// <summary>
    /// 补抽: once the opinions' deadline has passed without a conclusion, the seats of the experts who filed nothing are drawn
    /// again from the panel's recorded candidates not yet drawn, with a new seed (recorded, so the whole panel can still be
    /// re-drawn); the replaced experts stay on record, and signatures on a co-organized conclusion are void.
    /// </summary>
    private async Task<ProjectOutcome> RedrawAsync(BuildProject p, ProjectActor actor, ReviewPanel panel, string cite, CancellationToken ct)
    {
        var missing = panel.Active.Where(m => m.Opinion is null).OrderBy(m => m.Position).ToList();
        if (panel.Conclusion is not null || missing.Count == 0 || Today <= panel.DueOn)
        {
            var why = panel.Conclusion is not null || missing.Count == 0
                ? $"第 {p.ReviewRound} 轮论证的专家已经抽取，意见已齐"
                : $"第 {p.ReviewRound} 轮论证的专家已经抽取；意见截止 {panel.DueOn:yyyy-MM-dd}，截止后方可补抽未提交意见的专家";
            return await RefusedAsync(p, actor, Refuse(p, "不能抽取专家", why, cite), ct);
        }
        var seated = panel.Members.Select(m => m.ExpertId).ToHashSet();
        var remaining = panel.Candidates.Where(c => !seated.Contains(c)).ToList();
        if (remaining.Count < missing.Count)
        {
            return await RefusedAsync(p, actor, Refuse(p, "专家不足",
                $"本轮候选专家中尚未抽取的只有 {remaining.Count} 人，少于须补抽的 {missing.Count} 人；请撤回后补充专家库再论证", cite), ct);
        }
        var seed = PanelDraw.NewSeed();
        var drawn = PanelDraw.Draw(remaining, seed, missing.Count);
        panel.RedrawSeeds.Add(seed);
        var position = panel.Members.Max(m => m.Position);
        foreach (var m in missing)
        {
            m.ReplacedAt = Now;
        }
        var added = drawn.Select(id => new PanelMember { PanelId = panel.Id, ExpertId = id, Position = ++position, Draw = panel.RedrawSeeds.Count }).ToList();
        db.PanelMembers.AddRange(added);
        panel.DueOn = Today.AddDays(Options.OpinionDays);
        p.ReviewOwnerSigned = null;
        p.ReviewPoliceSigned = null;
        var names = await db.Experts.Where(e => drawn.Contains(e.Id)).Select(e => e.Name).ToListAsync(ct);
        return await StepAsync(p, actor, PartyOf(actor, await PartiesAsync(p, actor, ct)), ProjectActions.PanelDrawn, p.State,
            $"第 {p.ReviewRound} 轮补抽：{string.Join("、", missing.Select(m => m.Expert?.Name))}逾期未提交意见，从尚未抽取的 {remaining.Count} 名候选专家中随机抽取 "
            + $"{string.Join("、", names)}（种子 {seed}），意见截止 {panel.DueOn:yyyy-MM-dd}", cite, ct);
    }

    private static string PartyOf(ProjectActor actor, IReadOnlySet<string> parties) =>
        parties.Contains(ProjectParties.Police) && actor.Scope.IsPolice ? ProjectParties.Police
        : parties.Contains(ProjectParties.Owner) ? ProjectParties.Owner
        : parties.FirstOrDefault() ?? ProjectParties.Admin;

    /// <summary>An expert of the current panel files their opinion (once).</summary>
    public async Task<ProjectOutcome> FileOpinionAsync(BuildProject p, ProjectActor actor, string opinion, string? reasons, IReadOnlyList<string> conditions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(conditions);
        var cite = CiteOf(p, "design-review");
        if (opinion == Opinions.Fail && string.IsNullOrWhiteSpace(reasons))
        {
            return ProjectOutcome.Invalid("reasons", "不通过的意见须写明理由");
        }
        if (opinion == Opinions.PassWithConditions && conditions.Count == 0)
        {
            return ProjectOutcome.Invalid("conditions", "有条件通过的意见须列出条件");
        }
        var panel = await CurrentPanelAsync(p, ct);
        var member = panel?.Active.FirstOrDefault(m => m.ExpertId == actor.Scope.ExpertId);
        if (p.State != ProjectStates.DesignReview || panel is null || panel.Conclusion is not null || member is null)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交论证意见", "只有本轮论证抽取的专家，在论证结论作出前提交意见", cite), ct);
        }
        if (member.Opinion is not null)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交论证意见", "您已提交本轮论证意见，不能更改", cite), ct);
        }
        member.Opinion = opinion;
        member.Reasons = reasons?.Trim();
        member.Conditions = conditions.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        member.FiledAt = Now;
        // A signature of a co-organized review is on the conclusion of the opinions filed when it was given: another opinion
        // may change that conclusion (a condition, a fail), so both sign again.
        p.ReviewOwnerSigned = null;
        p.ReviewPoliceSigned = null;
        // The deadline (Projects:OpinionDays) is the organizer's to chase, not a bar: a late opinion counts, and says it is late.
        var late = Today > panel.DueOn ? $"（逾期提交，截止 {panel.DueOn:yyyy-MM-dd}）" : "";
        return await StepAsync(p, actor, ProjectParties.Expert, ProjectActions.OpinionFiled, p.State,
            $"{member.Expert?.Name}：{Opinions.Label(opinion)}{late}" + (member.Reasons is { Length: > 0 } r ? $"（{r}）" : ""), cite, ct);
    }

    /// <summary>
    /// The organizer concludes the review from the panel's opinions by the jurisdiction's rule. Co-organized (owner with the
    /// police), the conclusion takes effect when both have signed it. Pass → 施工 (conditions become corrections); fail →
    /// back to 立项 for correction and resubmission.
    /// </summary>
    public async Task<ProjectOutcome> ConcludeReviewAsync(BuildProject p, ProjectActor actor, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "design-review");
        if (p.State != ProjectStates.DesignReview)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能作出论证结论", $"项目处于“{ProjectStates.Label(p.State)}”", cite), ct);
        }
        var organizer = ReviewOrganizer(p);
        var parties = await PartiesAsync(p, actor, ct);
        if (!Organizes(organizer, parties))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能作出论证结论", OrganizerWords(p, organizer), cite), ct);
        }
        var panel = await CurrentPanelAsync(p, ct);
        var rule = Options.For(p.DivisionCode).PanelRule;
        var conclusion = panel is null ? null : PanelDraw.Conclusion(panel.Active.Select(m => m.Opinion).ToList(), rule);
        if (panel is null || conclusion is null)
        {
            return await RefusedAsync(p, actor, Refuse(p, "尚不能作出论证结论",
                panel is null ? "尚未抽取论证专家" : $"专家意见尚未形成结论（{PanelRules.Label(rule)}）：已提交 {panel.Active.Count(m => m.Opinion is not null)}/{panel.Size}", cite), ct);
        }
        var next = conclusion == Opinions.Fail ? ProjectStates.Initiated : ProjectStates.Construction;
        if (next == ProjectStates.Construction && await MissingDocumentsAsync(p, ProjectStates.Construction, true, ct) is { Count: > 0 } missing)
        {
            return await RefusedAsync(p, actor, Refuse(p, "材料不全", $"作出论证结论须先上传：{string.Join("、", missing)}", cite), ct);
        }
        var party = PartyOf(actor, parties);
        if (organizer == Organizer.ConstructionUnitWithPolice)
        {
            // Each side signs once: a second signature of the same side is not the other's.
            if ((party == ProjectParties.Owner ? p.ReviewOwnerSigned : p.ReviewPoliceSigned) is not null)
            {
                return await RefusedAsync(p, actor, Refuse(p, "不能作出论证结论",
                    $"{ProjectParties.Label(party)}已签署本轮论证结论，待{(party == ProjectParties.Owner ? "公安机关" : "建设单位")}会签", cite), ct);
            }
            if (party == ProjectParties.Owner) { p.ReviewOwnerSigned = actor.Account; } else { p.ReviewPoliceSigned = actor.Account; }
            if (p.ReviewOwnerSigned is null || p.ReviewPoliceSigned is null)
            {
                return await StepAsync(p, actor, party, ProjectActions.ReviewSigned, p.State,
                    JoinNote($"签署论证结论“{Opinions.Label(conclusion)}”，待{(p.ReviewOwnerSigned is null ? "建设单位" : "公安机关")}会签", note), cite, ct);
            }
        }
        panel.Conclusion = conclusion;
        p.ReviewConclusion = conclusion;
        p.ReviewedOn = Today;
        if (conclusion == Opinions.Fail)
        {
            p.ReturnedFrom = ProjectStates.DesignReview;
            p.ReturnReason = string.Join("；", panel.Members.Where(m => m.Opinion == Opinions.Fail).Select(m => $"{m.Expert?.Name}：{m.Reasons}"));
        }
        var position = 0;
        foreach (var condition in panel.Members.Where(m => m.Opinion == Opinions.PassWithConditions).SelectMany(m => m.Conditions))
        {
            db.Corrections.Add(new CorrectionItem { ProjectId = p.Id, Round = p.ReviewRound, Position = position++, Text = condition });
        }
        return await StepAsync(p, actor, party, conclusion == Opinions.Fail ? ProjectActions.ReviewReturned : ProjectActions.ReviewConcluded, next,
            JoinNote($"论证结论：{Opinions.Label(conclusion)}（{PanelRules.Label(rule)}）" + (position > 0 ? $"，整改意见 {position} 项" : "")
                + (p.ReturnReason is { Length: > 0 } r ? $"；不通过理由：{r}" : ""), note), cite, ct);
    }

    /// <summary>The owner answers a correction of the review.</summary>
    public async Task<ProjectOutcome> AnswerCorrectionAsync(BuildProject p, ProjectActor actor, Guid correctionId, string answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "design-review");
        var item = await db.Corrections.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == correctionId && c.ProjectId == p.Id, ct);
        if (item is null)
        {
            return ProjectOutcome.Invalid("correctionId", "该项目没有这项整改意见");
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能答复整改意见", "整改意见由建设单位答复", cite), ct);
        }
        if (p.State is not (ProjectStates.Construction or ProjectStates.Initiated))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能答复整改意见", $"项目处于“{ProjectStates.Label(p.State)}”，整改意见应在竣工检测前答复", cite), ct);
        }
        item.Answer = answer.Trim();
        item.AnsweredAt = Now;
        item.AnsweredBy = actor.Account;
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.CorrectionAnswered, p.State, $"{item.Text} —— {item.Answer}", cite, ct);
    }

    /// <summary>The owner finishes construction and commissions a qualified testing agency (施工 → 检测).</summary>
    public async Task<ProjectOutcome> SubmitInspectionAsync(BuildProject p, ProjectActor actor, Guid agencyId, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "inspection");
        var agency = await db.TestingAgencies.FirstOrDefaultAsync(a => a.Id == agencyId, ct);
        if (agency is null)
        {
            return ProjectOutcome.Invalid("testingAgencyId", "检测机构未登记");
        }
        if (p.State != ProjectStates.Construction)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能委托检测",
                $"项目处于“{ProjectStates.Label(p.State)}”，只有施工阶段竣工后委托检测" + (p.State is ProjectStates.Initiated or ProjectStates.DesignReview ? "：设计方案须先通过论证" : ""),
                p.State is ProjectStates.Initiated or ProjectStates.DesignReview ? CiteOf(p, "design-review") : cite), ct);
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能委托检测", "检测由建设单位委托", cite), ct);
        }
        if (!agency.QualifiedOn(Today))
        {
            return await RefusedAsync(p, actor, Refuse(p, "检测机构不具备资质",
                $"「{agency.Name}」的资质{(agency.Archived ? "已注销" : $"有效期至 {agency.QualifiedUntil:yyyy-MM-dd}，已过期")}：检测须由具有资质的专业检测机构进行", cite), ct);
        }
        var open = await db.Corrections.IgnoreQueryFilters().Where(c => c.ProjectId == p.Id && c.Answer == null).CountAsync(ct);
        if (open > 0)
        {
            return await RefusedAsync(p, actor, Refuse(p, "整改意见未答复", $"论证提出的整改意见还有 {open} 项未答复，答复后方可竣工检测", CiteOf(p, "design-review")), ct);
        }
        if (await MissingDocumentsAsync(p, ProjectStates.Inspection, false, ct) is { Count: > 0 } missing)
        {
            return await RefusedAsync(p, actor, Refuse(p, "材料不全", $"委托检测须先上传：{string.Join("、", missing)}", cite), ct);
        }
        p.TestingAgencyId = agency.Id;
        p.ReturnedFrom = null;
        p.ReturnReason = null;
        // A failed acceptance (signed, back to construction) is void once the work is inspected again: the next acceptance is
        // recorded and signed anew (its record stays in the steps).
        p.AcceptanceConclusion = null;
        p.AcceptanceDate = null;
        p.AcceptanceNote = null;
        p.AcceptanceRecordedBy = null;
        p.AcceptanceSignedBy = null;
        p.AcceptancePassed = false;
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.SubmittedInspection, ProjectStates.Inspection,
            JoinNote($"委托「{agency.Name}」（资质证书 {agency.CertificateNumber}，有效期至 {agency.QualifiedUntil:yyyy-MM-dd}）检测", note), cite, ct);
    }

    /// <summary>The commissioned testing agency files its report: pass → 验收; fail → back to 施工 for rectification.</summary>
    public async Task<ProjectOutcome> FileReportAsync(BuildProject p, ProjectActor actor, ReportFiling r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(r);
        var cite = CiteOf(p, "inspection");
        if (r.TestedOn > Today)
        {
            return ProjectOutcome.Invalid("testedOn", "检测日期不能晚于今天");
        }
        if (p.ReviewedOn is { } reviewed && r.TestedOn < reviewed)
        {
            return ProjectOutcome.Invalid("testedOn", $"检测日期不能早于方案论证的日期 {reviewed:yyyy-MM-dd}（竣工后检测）");
        }
        if (p.State != ProjectStates.Inspection || !(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.TestingAgency))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能提交检测报告",
                p.State != ProjectStates.Inspection ? $"项目处于“{ProjectStates.Label(p.State)}”，不在检测阶段" : "检测报告只能由建设单位委托的检测机构提交", cite), ct);
        }
        var agency = await db.TestingAgencies.FirstAsync(a => a.Id == p.TestingAgencyId, ct);
        if (!agency.QualifiedOn(r.TestedOn))
        {
            return await RefusedAsync(p, actor, Refuse(p, "检测机构不具备资质", $"检测日期 {r.TestedOn:yyyy-MM-dd} 时「{agency.Name}」的资质已过期", cite), ct);
        }
        if (r.Conclusion == Opinions.Pass && r.Items.Any(i => !i.Passed))
        {
            return ProjectOutcome.Invalid("conclusion", "有检测项目不合格，结论不能为合格");
        }
        var report = new InspectionReport
        {
            ProjectId = p.Id, AgencyId = agency.Id, Number = r.Number, TestedOn = r.TestedOn, Conclusion = r.Conclusion, Items = r.Items.ToList(),
            Note = r.Note, FiledAt = Now, FiledBy = actor.Account,
        };
        db.InspectionReports.Add(report);
        p.ReportId = report.Id;
        var passed = r.Conclusion == Opinions.Pass;
        if (!passed)
        {
            p.ReturnedFrom = ProjectStates.Inspection;
            p.ReturnReason = "检测不合格：" + string.Join("、", r.Items.Where(i => !i.Passed).Select(i => i.Name));
        }
        return await StepAsync(p, actor, ProjectParties.TestingAgency, ProjectActions.ReportFiled, passed ? ProjectStates.Acceptance : ProjectStates.Construction,
            $"检测报告 {r.Number}（{r.TestedOn:yyyy-MM-dd}）：{(passed ? "合格" : "不合格")}，检测项目 {r.Items.Count} 项" + (passed ? "" : $"；{p.ReturnReason}，退回施工整改"), cite, ct);
    }

    /// <summary>The owner records the acceptance on the report; it takes effect when the police sign it.</summary>
    public async Task<ProjectOutcome> RecordAcceptanceAsync(BuildProject p, ProjectActor actor, string conclusion, DateOnly date, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "acceptance");
        if (date > Today)
        {
            return ProjectOutcome.Invalid("date", "验收日期不能晚于今天");
        }
        if (p.State != ProjectStates.Acceptance || p.AcceptancePassed)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能验收",
                p.AcceptancePassed ? "项目已验收合格" : $"项目处于“{ProjectStates.Label(p.State)}”：竣工后须先经检测机构检测合格，方可根据检测报告组织验收", cite), ct);
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能验收", "验收由建设单位会同公安机关组织：验收结论由建设单位记录，公安机关会签", cite), ct);
        }
        var report = await db.InspectionReports.IgnoreQueryFilters().FirstAsync(x => x.Id == p.ReportId, ct);
        if (date < report.TestedOn)
        {
            return ProjectOutcome.Invalid("date", $"验收日期不能早于检测日期 {report.TestedOn:yyyy-MM-dd}");
        }
        if (await MissingDocumentsAsync(p, ProjectStates.Acceptance, false, ct) is { Count: > 0 } missing)
        {
            return await RefusedAsync(p, actor, Refuse(p, "材料不全", $"验收须有：{string.Join("、", missing)}", cite), ct);
        }
        p.AcceptanceConclusion = conclusion;
        p.AcceptanceDate = date;
        p.AcceptanceNote = note;
        p.AcceptanceRecordedBy = actor.Account;
        p.AcceptanceSignedBy = null;
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.AcceptanceRecorded, p.State,
            JoinNote($"根据检测报告 {report.Number} 验收：{(conclusion == Opinions.Pass ? "合格" : "不合格")}（{date:yyyy-MM-dd}），待公安机关会签", note), cite, ct);
    }

    /// <summary>The police sign the owner's acceptance: pass → ready for service; fail → back to 施工 (rectify and re-inspect).</summary>
    public async Task<ProjectOutcome> SignAcceptanceAsync(BuildProject p, ProjectActor actor, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "acceptance");
        if (p.State != ProjectStates.Acceptance || p.AcceptanceConclusion is null || p.AcceptanceSignedBy is not null)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能会签验收", "建设单位尚未记录验收结论，或验收已会签", cite), ct);
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Police))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能会签验收", $"验收由建设单位会同{Grades.PoliceLevelLabel(p.PoliceLevel)}组织（按项目分级）", cite), ct);
        }
        p.AcceptanceSignedBy = actor.Account;
        var passed = p.AcceptanceConclusion == Opinions.Pass;
        p.AcceptancePassed = passed;
        if (!passed)
        {
            p.ReturnedFrom = ProjectStates.Acceptance;
            p.ReturnReason = p.AcceptanceNote ?? "验收不合格";
        }
        if (passed)
        {
            // Open until the owner puts it in service: no gate is due any more.
            p.DueOn = null;
        }
        return await StepAsync(p, actor, ProjectParties.Police, ProjectActions.AcceptanceSigned, passed ? ProjectStates.Acceptance : ProjectStates.Construction,
            JoinNote(passed ? "验收合格，可以投入使用" : "验收不合格：不得投入使用，整改后重新检测、验收", note), cite, ct);
    }

    /// <summary>The police do not agree with the owner's acceptance record: it is cleared, with the reason.</summary>
    public async Task<ProjectOutcome> RefuseAcceptanceAsync(BuildProject p, ProjectActor actor, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cite = CiteOf(p, "acceptance");
        if (p.State != ProjectStates.Acceptance || p.AcceptanceConclusion is null || p.AcceptanceSignedBy is not null
            || !(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Police))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能退回验收结论", "只有参与验收的公安机关可以退回建设单位记录、尚未会签的验收结论", cite), ct);
        }
        p.AcceptanceConclusion = null;
        p.AcceptanceDate = null;
        p.AcceptanceRecordedBy = null;
        return await StepAsync(p, actor, ProjectParties.Police, ProjectActions.AcceptanceRefused, p.State, reason, cite, ct);
    }

    /// <summary>
    /// 投入使用: only after the acceptance passed (signed by the owner and the police); otherwise refused with the gate's article
    /// and the penalty article of the pack (province-2012 第二十五条, nmg-2007 第十三条第五款 and 第二十三条).
    /// </summary>
    public async Task<ProjectOutcome> PutInServiceAsync(BuildProject p, ProjectActor actor, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var gate = Gate(p, "in-service");
        var cites = InServiceCites(p);
        if (date > Today)
        {
            return ProjectOutcome.Invalid("date", "投入使用日期不能晚于今天");
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能投入使用", "技防系统由建设单位投入使用", cites), ct);
        }
        if (p.State != ProjectStates.Acceptance || !p.AcceptancePassed)
        {
            var why = p.State switch
            {
                ProjectStates.InService => "项目的技防系统已投入使用",
                ProjectStates.Withdrawn => "项目已撤回",
                _ when p.ReturnedFrom == ProjectStates.Acceptance => "技防系统验收不合格，不得投入使用",
                _ => "技防系统未经验收，不得投入使用",
            };
            return await RefusedAsync(p, actor, Refuse(p, "不得投入使用", why, cites), ct);
        }
        if (date < p.AcceptanceDate)
        {
            return ProjectOutcome.Invalid("date", $"投入使用日期不能早于验收日期 {p.AcceptanceDate:yyyy-MM-dd}");
        }
        if (await MissingDocumentsAsync(p, ProjectStates.InService, false, ct) is { Count: > 0 } missing)
        {
            return await RefusedAsync(p, actor, Refuse(p, "材料不全", $"投入使用须先上传：{string.Join("、", missing)}", cites), ct);
        }
        p.InServiceOn = date;
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.PutInService, ProjectStates.InService, $"{date:yyyy-MM-dd} 投入使用",
            (gate?.Cite ?? PackOf(p).Lifecycle?.Basis)?.ToString(), ct);
    }

    /// <summary>The in-service gate's article and its penalty article (or the acceptance gate's where the pack states no in-service gate).</summary>
    public string[] InServiceCites(BuildProject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var gate = Gate(p, "in-service");
        return gate is null
            ? [CiteOf(p, "acceptance")]
            : [gate.Cite.ToString(), .. gate.Penalty is { } penalty ? new[] { penalty.ToString() } : []];
    }

    /// <summary>The owner withdraws an open project (its systems keep the facts it gave them and may join a new project).</summary>
    public async Task<ProjectOutcome> WithdrawAsync(BuildProject p, ProjectActor actor, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        var basis = PackOf(p).Lifecycle?.Basis.ToString() ?? "";
        if (!ProjectStates.Open.Contains(p.State))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能撤回", $"项目处于“{ProjectStates.Label(p.State)}”，已结束", basis), ct);
        }
        if (!(await PartiesAsync(p, actor, ct)).Contains(ProjectParties.Owner))
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能撤回", "建设项目由建设单位撤回", basis), ct);
        }
        return await StepAsync(p, actor, ProjectParties.Owner, ProjectActions.Withdrawn, ProjectStates.Withdrawn, reason, basis, ct);
    }

    /// <summary>
    /// Re-draws a panel from its recorded candidates and seeds: the first draw from all candidates, each re-draw (补抽) from
    /// those not drawn before it, as many as it seated. The experts in seating order.
    /// </summary>
    public static IReadOnlyList<Guid> Replay(ReviewPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var replayed = new List<Guid>();
        for (var draw = 0; draw <= panel.RedrawSeeds.Count; draw++)
        {
            var seed = draw == 0 ? panel.Seed : panel.RedrawSeeds[draw - 1];
            var size = draw == 0 ? panel.Size : panel.Members.Count(m => m.Draw == draw);
            replayed.AddRange(PanelDraw.Draw(panel.Candidates.Where(c => !replayed.Contains(c)).ToList(), seed, size));
        }
        return replayed;
    }

    /// <summary>Whether <see cref="Replay"/> seats the same experts, in the same order, as the panel records.</summary>
    public static bool Verify(ReviewPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Replay(panel).SequenceEqual(panel.Members.OrderBy(m => m.Position).Select(m => m.ExpertId));
    }
}
