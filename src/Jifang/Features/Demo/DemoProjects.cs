using System.Globalization;
using System.Security.Claims;
using System.Text;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Registry;

namespace Jifang.Features.Demo;

/// <summary>
/// The build-project part of the demo (issue 12, docs/demo.md 「建设项目」): the testing agencies, the expert pools of 呼和浩特市
/// and 东城市, the demo contractor, and for each showcase unit a site 「…（在建）」 with three systems in no project, and a site
/// whose new systems are built by projects in every state under its pack (nmg-2007, province-2012). Each project is taken
/// there through <see cref="ProjectService"/> by the party the pack names for each step, signed in as the demo account
/// (the owner is the showcase unit's administrator, the police those of the project's grade, the experts the ones the
/// draw picked, the testing agency the one the owner commissioned): its steps, documents, panel, audit entries and the
/// facts of its systems are what the workflow makes of them.
/// </summary>
internal sealed class DemoProjects
{
    public const string ContractorName = "演示安防工程有限公司";
    public const string AgencyName = "演示安全技术防范检测中心";

    /// <summary>The demo contractor (bound to the account <c>contractor</c>), named in every demo project.</summary>
    public static readonly Guid ContractorId = DemoBuilder.Derived("project:contractor");

    /// <summary>The demo testing agency (bound to the account <c>testing</c>), qualified until 2030-12-31.</summary>
    public static readonly Guid AgencyId = DemoBuilder.Derived("project:agency");

    /// <summary>A testing agency whose qualification has expired: commissioning it is refused (and audited).</summary>
    public static readonly Guid ExpiredAgencyId = DemoBuilder.Derived("project:agency:expired");

    private static readonly string[] Ordinals = ["甲", "乙", "丙", "丁", "戊"];

    /// <summary>The <paramref name="n"/>th expert (1–5) of the pool of a jurisdiction's first city: 1–3 available, 4 police, 5 unavailable.</summary>
    public static Guid ExpertId(DemoJurisdiction j, int n)
    {
        ArgumentNullException.ThrowIfNull(j);
        return DemoBuilder.Derived($"project:expert:{j.Code}:{n}");
    }

    private static string ExpertName(DemoCity city, int n) => $"{city.Nick}技防专家{Ordinals[n - 1]}";

    /// <summary>The accounts of the three available experts of the first city's pool: <c>nmg.expert1</c>… bound to them.</summary>
    public static IEnumerable<DemoSeeder.AccountSpec> ExpertAccounts(DemoJurisdiction j, string prefix)
    {
        ArgumentNullException.ThrowIfNull(j);
        var city = j.Cities[0];
        return Enumerable.Range(1, 3).Select(n => new DemoSeeder.AccountSpec($"{prefix}.expert{n}", Roles.Expert, ExpertName(city, n), null, null,
            $"{city.Name}专家库（{city.Code[..4]}）：抽取其论证的项目", ExpertId(j, n)));
    }

    private readonly IServiceProvider _sp;
    private readonly JifangDbContext _db;
    private readonly ProjectService _projects;
    private readonly AuditTrail _audit;
    private readonly Dictionary<string, ClaimsPrincipal> _principals;
    private readonly StringBuilder _lines = new();
    private int _reports;
    private Contractor? _contractor;

    private DemoProjects(IServiceProvider sp, DemoBuilder demo)
    {
        _sp = sp;
        _db = sp.GetRequiredService<JifangDbContext>();
        _db.Scope = Scope.All;
        _projects = sp.GetRequiredService<ProjectService>();
        _audit = sp.GetRequiredService<AuditTrail>();
        _principals = DemoSeeder.Accounts(demo).ToDictionary(a => a.UserName, Principal);
    }

    /// <summary>Seeds the registry entries, the sites and the projects; returns the lines to print.</summary>
    public static async Task<string> SeedAsync(IServiceProvider sp, DemoBuilder demo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(demo);
        var seeder = new DemoProjects(sp, demo);
        var previous = seeder._audit.Actor;
        try
        {
            return await seeder.RunAsync(demo, ct);
        }
        finally
        {
            seeder._audit.Actor = previous;
        }
    }

    /// <summary>A principal of a demo account as its sign-in makes it: name, role, division, unit or party, display name.</summary>
    private static ClaimsPrincipal Principal(DemoSeeder.AccountSpec a)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, a.UserName), new(ClaimTypes.Role, a.Role), new("jifang:name", a.DisplayName) };
        if (a.Division is { } division) { claims.Add(new Claim(Scope.DivisionClaim, division)); }
        if (a.Unit is { } unit) { claims.Add(new Claim(Scope.UnitClaim, unit.Id.ToString())); }
        if (a.Party is { } party) { claims.Add(new Claim(Scope.PartyClaim, party.ToString())); }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }

    private async Task<string> RunAsync(DemoBuilder demo, CancellationToken ct)
    {
        var now = _projects.Now;
        AddRegistry(now);
        var events = new List<AuditEvent>();
        var compliance = _sp.GetRequiredService<ComplianceService>();
        var seeded = new List<(DemoJurisdiction J, Site Building, List<(Plan Plan, Site Site, Guid System)> Projects)>();
        foreach (var (j, unit) in demo.Showcase.OrderBy(kv => kv.Key.Code, StringComparer.Ordinal))
        {
            AddExperts(j, now);
            var brand = unit.Name.Replace("酒店管理有限公司", "", StringComparison.Ordinal);
            var county = j.Cities[0].Counties[0];
            // For the browser tests: three systems not in service and in no project, for a project to be opened from.
            var building = NewSite(unit, county, $"{brand}大酒店（在建）", j.IsNmg ? "新华大街 188 号" : "滨江路 66 号", ["hotel"], ["main-entrance", "passage", "common-area"], false, now);
            NewSystem(building, "视频安防监控系统", ["video"], [.. building.Parts]);
            NewSystem(building, "入侵报警系统", ["intrusion-alarm"], ["main-entrance"]);
            NewSystem(building, "出入口控制系统", ["access-control"], ["main-entrance", "passage"]);
            // The systems the projects build: new, on a site of the showcase unit, each in its own project.
            var work = NewSite(unit, county, $"{brand}国际酒店", j.IsNmg ? "兴安南路 26 号" : "解放路 18 号", ["hotel"], ["main-entrance", "passage", "common-area"], false, now);
            var projects = Plans.Select(plan => (plan, work, NewSystem(work, plan.System, [.. plan.Subsystems], [.. work.Parts]).Id)).ToList();
            var sites = new List<Site> { building, work };
            if (!j.IsNmg)
            {
                // A public area (province-2012 第九条第（一）项): the police organize the review of its design (第十一条第一款).
                var square = NewSite(unit, county, $"{brand}商业广场", "滨江路与解放路交叉口", ["square"], ["main-entrance", "common-area"], true, now);
                projects.Add((PublicAreaPlan, square, NewSystem(square, PublicAreaPlan.System, [.. PublicAreaPlan.Subsystems], [.. square.Parts]).Id));
                sites.Add(square);
            }
            foreach (var site in sites)
            {
                _db.Sites.Add(site);
                compliance.JudgeInserted(site, events);
            }
            seeded.Add((j, building, projects));
        }
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
        await _sp.GetRequiredService<IAuditLog>().AppendManyAsync(events, ct);

        foreach (var (j, building, projects) in seeded)
        {
            await SeedJurisdictionAsync(j, projects, ct);
            _lines.AppendLine(CultureInfo.InvariantCulture, $"  {j.Name}：{building.Name} 有三套未投入使用、未纳入项目的技防系统，可由建设单位立项（/Sites/Details/{building.Id}）");
        }
        return _lines.ToString();
    }

    // ---------------------------------------------------------------- registry

    private void AddRegistry(DateTime now)
    {
        var created = now.AddDays(-400);
        _db.Contractors.Add(_contractor = new Contractor
        {
            Id = ContractorId, Name = ContractorName, DivisionCode = DemoDivisions.Nmg.Cities[0].Counties[0].Code, Qualified = true, QualificationLevel = "一级",
            QualifiedUntil = new DateOnly(2030, 12, 31), CreatedAt = created, UpdatedAt = created,
        });
        (Guid Id, string Name, string Division, string Certificate, DateOnly Until)[] agencies =
        [
            (AgencyId, AgencyName, "150102", "CMA 演示 150102-0001", new DateOnly(2030, 12, 31)),
            (DemoBuilder.Derived("project:agency:nmg"), "鹿城安全技术防范检测站", "150202", "CMA 演示 150202-0007", new DateOnly(2029, 6, 30)),
            (DemoBuilder.Derived("project:agency:province"), "东城市安全技术防范检测中心", "990102", "CMA 演示 990102-0003", new DateOnly(2029, 12, 31)),
            (ExpiredAgencyId, "西山安防检测所（资质已过期）", "990202", "CMA 演示 990202-0002", new DateOnly(2025, 12, 31)),
        ];
        foreach (var (id, name, division, certificate, until) in agencies)
        {
            _db.TestingAgencies.Add(new TestingAgency
            {
                Id = id, Name = name, DivisionCode = division, CertificateNumber = certificate, QualifiedUntil = until, CreatedAt = created, UpdatedAt = created,
            });
        }
    }

    /// <summary>
    /// The pool of the jurisdiction's first city: three available experts without conflicts (the only ones a draw there can
    /// pick), one employed by the police (left out by the conflict rule) and one unavailable.
    /// </summary>
    private void AddExperts(DemoJurisdiction j, DateTime now)
    {
        var city = j.Cities[0];
        var created = now.AddDays(-300);
        (string Employer, string Kind, string Specialty, bool Available)[] pool =
        [
            ($"{city.Nick}理工学院", ExpertEmployers.Other, "视频安防监控", true),
            ($"{city.Nick}建筑设计研究院", ExpertEmployers.Other, "入侵报警与出入口控制", true),
            ($"{city.Nick}电子信息职业学院", ExpertEmployers.Other, "系统集成与网络安全", true),
            ($"{city.Name}公安局科技信息化支队", ExpertEmployers.Police, "公共安全视频图像应用", true),
            ($"{city.Nick}工程咨询有限公司", ExpertEmployers.Other, "工程造价", false),
        ];
        foreach (var ((employer, kind, specialty, available), i) in pool.Select((e, i) => (e, i)))
        {
            _db.Experts.Add(new Expert
            {
                Id = ExpertId(j, i + 1), Name = ExpertName(city, i + 1) + (available ? "" : "（暂停抽取）"), DivisionCode = city.Counties[0].Code,
                Specialty = specialty, Employer = employer, EmployerKind = kind, Available = available, CreatedAt = created, UpdatedAt = created,
            });
        }
    }

    private static Site NewSite(Unit unit, DemoCounty county, string name, string street, List<string> categories, List<string> parts, bool publicArea, DateTime now) => new()
    {
        Id = DemoBuilder.Derived($"project:site:{unit.Id}:{name}"), UnitId = unit.Id, Name = name, DivisionCode = county.Code,
        Address = $"{county.Name}{street}", ContactPhone = NameContext.SitePhone(now.AddMinutes(name.Length)), Categories = categories, Parts = parts,
        PublicArea = publicArea, Urban = county.Urban, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>A new system of a site, not in service, its lifecycle facts left to a project; built by the demo contractor.</summary>
    private SecuritySystem NewSystem(Site site, string name, List<string> subsystems, List<string> covers)
    {
        var system = new SecuritySystem
        {
            Id = DemoBuilder.Derived($"project:system:{site.Id}:{name}"), SiteId = site.Id, Name = name, Subsystems = subsystems, Covers = covers,
            NewConstruction = true, InterfaceReserved = true, AlarmNetworked = true, PersonnelTrained = true, RetentionDays = 90,
            SignagePosted = subsystems.Contains("video"), UpdatedAt = site.CreatedAt,
            Contractors =
            [
                new ContractorEntry { ContractorId = ContractorId, Contractor = _contractor, Role = ContractorRoles.Design, Position = 0 },
                new ContractorEntry { ContractorId = ContractorId, Contractor = _contractor, Role = ContractorRoles.Construction, Position = 1 },
            ],
        };
        site.Systems.Add(system);
        return system;
    }

    // ---------------------------------------------------------------- the projects

    /// <summary>How far a demo project is taken, and how.</summary>
    private enum Until
    {
        Initiated,
        DesignReview,
        Construction,
        Inspection,
        Acceptance,
        InService,
        Withdrawn,
        ReviewFailed,
        AcceptanceFailed,
        CityGrade,
        PublicArea,
    }

    private sealed record Plan(Until Until, string Name, string System, string[] Subsystems, int Risk, decimal Investment, string Shows);

    private static readonly Plan[] Plans =
    [
        new(Until.Initiated, "东楼客房层视频监控新建工程", "东楼客房层视频安防监控系统", ["video"], 2, 45m, "已立项，尚未提交设计方案"),
        new(Until.DesignReview, "地下停车场视频监控新建工程", "地下停车场视频安防监控系统", ["video"], 2, 60m, "方案论证中：已抽取三名专家，一名已提交意见"),
        new(Until.Construction, "大堂出入口控制改造工程", "大堂出入口控制系统", ["access-control"], 2, 35m, "施工中：论证有条件通过，两项整改意见一项已答复、一项待答复"),
        new(Until.Inspection, "财务室入侵报警新建工程", "财务室入侵报警系统", ["intrusion-alarm"], 2, 25m, "检测中：委托资质过期的检测机构被拒绝，已委托演示检测中心"),
        new(Until.Acceptance, "宴会厅视频监控扩建工程", "宴会厅视频安防监控系统", ["video"], 2, 80m, "验收中：检测合格，建设单位已记录验收结论，待公安机关会签"),
        new(Until.InService, "西楼客房层视频监控新建工程", "西楼客房层视频安防监控系统", ["video"], 2, 70m, "已投入使用：各关口均已通过"),
        new(Until.Withdrawn, "屋顶周界报警新建工程", "屋顶周界入侵报警系统", ["intrusion-alarm"], 2, 20m, "已撤回：提交论证后建设单位撤回"),
        new(Until.ReviewFailed, "餐饮区视频监控新建工程", "餐饮区视频安防监控系统", ["video"], 2, 40m, "论证未通过，退回立项修改"),
        new(Until.AcceptanceFailed, "员工通道出入口控制新建工程", "员工通道出入口控制系统", ["access-control"], 2, 30m, "验收不合格：公安机关会签后退回施工，不得投入使用"),
        new(Until.CityGrade, "酒店整体安防系统升级工程", "酒店综合安防系统", ["video", "intrusion-alarm", "access-control"], 2, 600m,
            "一级项目（投资额 600 万元）：市级公安机关参与；检测合格，验收待市级公安机关会签"),
    ];

    private static readonly Plan PublicAreaPlan = new(Until.PublicArea, "广场视频监控新建工程", "广场视频安防监控系统", ["video"], 2, 90m,
        "公共区域：公安机关组织论证并抽取专家，专家意见已齐，待公安机关作出论证结论");

    private async Task SeedJurisdictionAsync(DemoJurisdiction j, List<(Plan Plan, Site Site, Guid System)> projects, CancellationToken ct)
    {
        var prefix = j.IsNmg ? "nmg" : "prov";
        var parties = new Parties(
            $"{prefix}.unit.admin", j.IsNmg ? "nmg.police.xincheng" : "prov.police.hedong", j.IsNmg ? "nmg.police.hohhot" : "prov.police.dongcheng",
            Enumerable.Range(1, 3).ToDictionary(n => ExpertId(j, n), n => $"{prefix}.expert{n}"), j.IsNmg);
        foreach (var (plan, site, system) in projects)
        {
            var run = new Run(this, parties, plan);
            var state = await run.GoAsync(site.Id, system, ct);
            var where = run.ProjectId is { } id ? $"（{ProjectStates.Label(state)}，/api/projects/{id}）" : "";
            _lines.AppendLine(CultureInfo.InvariantCulture, $"  {j.Name}「{plan.Name}」（{site.Name}）：{run.Failed ?? plan.Shows}{where}");
        }
    }

    /// <summary>The demo accounts acting in one jurisdiction: owner, county and city police, experts by the expert they are bound to.</summary>
    private sealed record Parties(string Owner, string CountyPolice, string CityPolice, Dictionary<Guid, string> Experts, bool CoOrganized);

    /// <summary>One project taken through the workflow, step after step, each as its party; stops at the first step not done.</summary>
    private sealed class Run(DemoProjects demo, Parties parties, Plan plan)
    {
        public Guid? ProjectId { get; private set; }

        /// <summary>Why the project did not get where the plan meant it to (a step refused or invalid), else null.</summary>
        public string? Failed { get; private set; }

        private string Police => plan.Until == Until.CityGrade ? parties.CityPolice : parties.CountyPolice;

        private ProjectService Projects => demo._projects;

        public async Task<string> GoAsync(Guid siteId, Guid systemId, CancellationToken ct)
        {
            var opened = await demo.ActAsync(parties.Owner, actor => Projects.CreateAsync(new ProjectOpening(plan.Name, ProjectKinds.New, siteId, null, plan.Risk, plan.Investment,
                [(ContractorId, ContractorRoles.Design), (ContractorId, ContractorRoles.Construction)], [systemId]), actor, ct), ct);
            if (!Check(opened, "立项"))
            {
                return ProjectStates.Initiated;
            }
            ProjectId = opened.Project!.Id;
            if (plan.Until != Until.Initiated)
            {
                await ThroughAsync(ct);
            }
            return (await Projects.LoadAsync(ProjectId.Value, ct))?.State ?? ProjectStates.Initiated;
        }

        private async Task<bool> ThroughAsync(CancellationToken ct)
        {
            var until = plan.Until;
            if (!await StepAsync(parties.Owner, "上传风险等级确认函", (p, a) => UploadAsync(p, a, DocumentTypes.RiskLetter, "风险等级确认函.pdf", ct), ct)
                || !await StepAsync(parties.Owner, "上传设计方案及图纸", (p, a) => UploadAsync(p, a, DocumentTypes.Drawings, "设计方案及图纸.pdf", ct), ct)
                || !await StepAsync(parties.Owner, "提交论证", (p, a) => Projects.SubmitDesignAsync(p, a, "设计方案及图纸已上传，提请论证", ct), ct))
            {
                return false;
            }
            if (until == Until.Withdrawn)
            {
                return await StepAsync(parties.Owner, "撤回", (p, a) => Projects.WithdrawAsync(p, a, "酒店调整装修计划，屋顶改造推迟到明年", ct), ct);
            }
            // Who organizes the review: the pack (nmg-2007: the owner with the police; province-2012: the police for a public
            // area, else the owner). The police draw where they take part.
            var organizer = until == Until.PublicArea ? Police : parties.CoOrganized ? Police : parties.Owner;
            if (!await StepAsync(organizer, "抽取专家", (p, a) => Projects.DrawPanelAsync(p, a, ct), ct))
            {
                return false;
            }
            var opinions = until switch
            {
                Until.DesignReview => [(Opinions.Pass, null, null)],
                Until.ReviewFailed => [(Opinions.Fail, "未设置后厨出入口的监控点位，图像存储设计容量不足三十日", null), (Opinions.Fail, "摄像机布点未覆盖收银台", null), (Opinions.Pass, null, null)],
                Until.Construction => [(Opinions.PassWithConditions, null, "补充员工通道读卡器的防尾随措施"), (Opinions.PassWithConditions, null, "出入口控制记录保存期限写入设计说明"), (Opinions.Pass, null, null)],
                _ => new (string Opinion, string? Reasons, string? Condition)[] { (Opinions.Pass, null, null), (Opinions.Pass, null, null), (Opinions.Pass, null, null) },
            };
            var panel = await Projects.CurrentPanelAsync((await Projects.LoadAsync(ProjectId!.Value, ct))!, ct);
            demo._db.ChangeTracker.Clear();
            foreach (var (member, (opinion, reasons, condition)) in panel!.Members.OrderBy(m => m.Position).Zip(opinions))
            {
                if (!parties.Experts.TryGetValue(member.ExpertId, out var expert))
                {
                    Failed = $"抽取的专家 {member.Expert?.Name} 没有演示账户";
                    return false;
                }
                if (!await StepAsync(expert, "提交论证意见", (p, a) => Projects.FileOpinionAsync(p, a, opinion, reasons, condition is null ? [] : [condition], ct), ct))
                {
                    return false;
                }
            }
            if (until == Until.DesignReview)
            {
                return true;
            }
            if (until != Until.ReviewFailed
                && !await StepAsync(organizer, "上传论证意见书", (p, a) => UploadAsync(p, a, DocumentTypes.ReviewOpinion, "论证意见书.pdf", ct), ct))
            {
                return false;
            }
            if (until == Until.PublicArea)
            {
                return true;
            }
            // Co-organized: both sign; the conclusion takes effect at the second signature.
            if (!await StepAsync(parties.Owner, "作出论证结论", (p, a) => Projects.ConcludeReviewAsync(p, a, null, ct), ct)
                || (parties.CoOrganized && !await StepAsync(Police, "会签论证结论", (p, a) => Projects.ConcludeReviewAsync(p, a, null, ct), ct)))
            {
                return false;
            }
            if (until == Until.ReviewFailed)
            {
                return true;
            }
            if (until == Until.Construction)
            {
                var first = (await Projects.CorrectionsAsync(ProjectId.Value, ct)).FirstOrDefault();
                demo._db.ChangeTracker.Clear();
                return first is not null
                    && await StepAsync(parties.Owner, "答复整改意见", (p, a) => Projects.AnswerCorrectionAsync(p, a, first.Id, "已在员工通道加装防尾随门并更新图纸", ct), ct);
            }
            if (until == Until.Inspection)
            {
                // A testing agency whose qualification expired: refused with the gate's article, in the audit log (project.refused).
                var refused = await demo.ActAsync(parties.Owner, async actor => await Projects.LoadAsync(ProjectId.Value, ct) is { } p
                    ? await Projects.SubmitInspectionAsync(p, actor, ExpiredAgencyId, null, ct) : ProjectOutcome.NotFound, ct);
                if (refused.Refusal is null)
                {
                    Failed = "委托资质过期的检测机构未被拒绝";
                    return false;
                }
            }
            if (!await StepAsync(parties.Owner, "委托检测", (p, a) => Projects.SubmitInspectionAsync(p, a, AgencyId, "竣工，委托检测", ct), ct))
            {
                return false;
            }
            if (until == Until.Inspection)
            {
                return true;
            }
            var number = string.Create(CultureInfo.InvariantCulture, $"演检〔{Projects.Today.Year}〕{++demo._reports:D3}号");
            InspectionItem[] items =
            [
                new() { Name = "图像质量与存储", Result = "符合 GB 50395 的要求", Passed = true },
                new() { Name = "报警联网与响应", Result = "报警信号 2 秒内上传，符合要求", Passed = true },
                new() { Name = "系统供电与防雷", Result = "符合 GB 50348 的要求", Passed = true },
            ];
            if (!await StepAsync("testing", "提交检测报告", (p, a) => Projects.FileReportAsync(p, a, new ReportFiling(number, Projects.Today, Opinions.Pass, items, null), ct), ct)
                || !await StepAsync("testing", "上传检测报告", (p, a) => UploadAsync(p, a, DocumentTypes.TestReport, $"检测报告{number}.pdf", ct), ct))
            {
                return false;
            }
            var failing = until == Until.AcceptanceFailed;
            if (!await StepAsync(parties.Owner, "记录验收结论", (p, a) => Projects.RecordAcceptanceAsync(p, a, failing ? Opinions.Fail : Opinions.Pass, Projects.Today,
                    failing ? "员工通道读卡器与消防联动未调试，紧急情况下不能自动开启" : "系统运行正常，资料齐全", ct), ct))
            {
                return false;
            }
            if (until is Until.Acceptance or Until.CityGrade)
            {
                return true;
            }
            if (!await StepAsync(Police, "会签验收", (p, a) => Projects.SignAcceptanceAsync(p, a, null, ct), ct))
            {
                return false;
            }
            return failing
                || (await StepAsync(parties.Owner, "上传验收报告", (p, a) => UploadAsync(p, a, DocumentTypes.AcceptanceReport, "验收报告.pdf", ct), ct)
                    && await StepAsync(parties.Owner, "投入使用", (p, a) => Projects.PutInServiceAsync(p, a, Projects.Today, ct), ct));
        }

        /// <summary>One step on the project as it is now (loaded afresh, as a request would), as the account.</summary>
        private async Task<bool> StepAsync(string account, string what, Func<BuildProject, ProjectActor, Task<ProjectOutcome>> step, CancellationToken ct) =>
            Check(await demo.ActAsync(account, async actor => await Projects.LoadAsync(ProjectId!.Value, ct) is { } p ? await step(p, actor) : ProjectOutcome.NotFound, ct), what);

        private bool Check(ProjectOutcome outcome, string what)
        {
            if (outcome.Done)
            {
                return true;
            }
            Failed = $"“{what}”未完成：" + (outcome.Refusal is { } r ? $"{r.Title}：{r.Message}" : outcome.Field is { } f ? $"{f}：{outcome.Message}" : "项目不存在");
            return false;
        }

        private Task<ProjectOutcome> UploadAsync(BuildProject p, ProjectActor actor, string type, string fileName, CancellationToken ct)
        {
            var bytes = DemoPdf.Make($"Jifang demo document: {type}", $"project {p.Id}", $"{plan.Until} / {p.PackId}");
            return Projects.UploadAsync(p, actor, type, fileName, "application/pdf", new MemoryStream(bytes), bytes.Length, ct);
        }
    }

    /// <summary>Acts as a demo account: its principal, its name in the audit log; the change tracker left empty, as after a request.</summary>
    private async Task<ProjectOutcome> ActAsync(string account, Func<ProjectActor, Task<ProjectOutcome>> step, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _db.ChangeTracker.Clear();
        var principal = _principals[account];
        _audit.Actor = AuditTrail.ActorOf(principal);
        try
        {
            return await step(ProjectActor.Of(principal));
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }
}
