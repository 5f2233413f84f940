namespace Jifang.Features.Projects;

/// <summary>新建、改建、扩建 (province-2012 第十条第一款, nmg-2007 第十三条第二款).</summary>
public static class ProjectKinds
{
    public const string New = "new";
    public const string Rebuild = "rebuild";
    public const string Extension = "extension";
    public static readonly IReadOnlyList<string> All = [New, Rebuild, Extension];

    public static string Label(string kind) => kind switch
    {
        New => "新建",
        Rebuild => "改建",
        Extension => "扩建",
        _ => kind,
    };
}

/// <summary>The states of a project: 立项 → 方案论证 → 施工 → 检测 → 验收 → 投入使用, or 已撤回.</summary>
public static class ProjectStates
{
    public const string Initiated = "initiated";
    public const string DesignReview = "design-review";
    public const string Construction = "construction";
    public const string Inspection = "inspection";
    public const string Acceptance = "acceptance";
    public const string InService = "in-service";
    public const string Withdrawn = "withdrawn";
    public static readonly IReadOnlyList<string> All = [Initiated, DesignReview, Construction, Inspection, Acceptance, InService, Withdrawn];

    /// <summary>The states in which the project is still open (a system may be in one open project only).</summary>
    public static readonly IReadOnlyList<string> Open = [Initiated, DesignReview, Construction, Inspection, Acceptance];

    public static string Label(string state) => state switch
    {
        Initiated => "立项",
        DesignReview => "方案论证",
        Construction => "施工",
        Inspection => "检测",
        Acceptance => "验收",
        InService => "投入使用",
        Withdrawn => "已撤回",
        _ => state,
    };
}

/// <summary>The steps a project's timeline records.</summary>
public static class ProjectActions
{
    public const string Created = "created";
    public const string SubmittedDesign = "submitted-design";
    public const string PanelDrawn = "panel-drawn";
    public const string OpinionFiled = "opinion-filed";
    public const string ReviewConcluded = "review-concluded";
    public const string ReviewSigned = "review-signed";
    public const string ReviewReturned = "review-returned";
    public const string CorrectionAnswered = "correction-answered";
    public const string SubmittedInspection = "submitted-inspection";
    public const string ReportFiled = "report-filed";
    public const string AcceptanceRecorded = "acceptance-recorded";
    public const string AcceptanceSigned = "acceptance-signed";
    public const string AcceptanceRefused = "acceptance-refused";
    public const string PutInService = "put-in-service";
    public const string Withdrawn = "withdrawn";
    public const string DocumentUploaded = "document-uploaded";

    public static string Label(string action) => action switch
    {
        Created => "立项",
        SubmittedDesign => "提交设计方案论证",
        PanelDrawn => "抽取论证专家",
        OpinionFiled => "专家提交论证意见",
        ReviewConcluded => "作出论证结论",
        ReviewSigned => "公安机关会签论证结论",
        ReviewReturned => "论证未通过，退回修改",
        CorrectionAnswered => "答复整改意见",
        SubmittedInspection => "竣工，委托检测",
        ReportFiled => "检测机构提交检测报告",
        AcceptanceRecorded => "建设单位记录验收结论",
        AcceptanceSigned => "公安机关会同验收签署",
        AcceptanceRefused => "公安机关不同意验收结论，退回",
        PutInService => "投入使用",
        Withdrawn => "撤回",
        DocumentUploaded => "上传文件",
        _ => action,
    };
}

/// <summary>As whom a person acts in a project.</summary>
public static class ProjectParties
{
    public const string Owner = "owner";
    public const string Police = "police";
    public const string TestingAgency = "testing-agency";
    public const string Expert = "expert";
    public const string Contractor = "contractor";
    public const string Admin = "admin";

    public static string Label(string party) => party switch
    {
        Owner => "建设单位",
        Police => "公安机关",
        TestingAgency => "检测机构",
        Expert => "技防专家",
        Contractor => "设计施工单位",
        Admin => "平台管理员",
        _ => party,
    };
}

/// <summary>The contractors' roles in a project (设计、施工、监理、维修).</summary>
public static class ContractorRoles
{
    public const string Design = "design";
    public const string Construction = "construction";
    public const string Supervision = "supervision";
    public const string Maintenance = "maintenance";
    public static readonly IReadOnlyList<string> All = [Design, Construction, Supervision, Maintenance];

    public static string Label(string role) => role switch
    {
        Design => "设计单位",
        Construction => "施工单位",
        Supervision => "监理单位",
        Maintenance => "维修单位",
        _ => role,
    };
}

/// <summary>An expert's opinion, and a panel's or inspection's conclusion.</summary>
public static class Opinions
{
    public const string Pass = "pass";
    public const string PassWithConditions = "pass-with-conditions";
    public const string Fail = "fail";
    public static readonly IReadOnlyList<string> All = [Pass, PassWithConditions, Fail];

    public static string Label(string opinion) => opinion switch
    {
        Pass => "通过",
        PassWithConditions => "有条件通过",
        Fail => "不通过",
        _ => opinion,
    };
}

/// <summary>Who employs an expert, for the conflict rule.</summary>
public static class ExpertEmployers
{
    public const string Police = "police";
    public const string TestingAgency = "testing-agency";
    public const string Contractor = "contractor";
    public const string Unit = "unit";
    public const string Other = "other";
    public static readonly IReadOnlyList<string> All = [Police, TestingAgency, Contractor, Unit, Other];

    public static string Label(string kind) => kind switch
    {
        Police => "公安机关",
        TestingAgency => "检测机构",
        Contractor => "设计施工单位",
        Unit => "使用单位或建设单位",
        Other => "其他（高校、科研院所、行业组织等）",
        _ => kind,
    };
}

/// <summary>The kinds of project documents.</summary>
public static class DocumentTypes
{
    public const string RiskLetter = "risk-letter";
    public const string Drawings = "drawings";
    public const string ReviewOpinion = "review-opinion";
    public const string CorrectionPledge = "correction-pledge";
    public const string TestReport = "test-report";
    public const string AcceptanceReport = "acceptance-report";
    public const string Other = "other";
    public static readonly IReadOnlyList<string> All = [RiskLetter, Drawings, ReviewOpinion, CorrectionPledge, TestReport, AcceptanceReport, Other];

    public static string Label(string type) => type switch
    {
        RiskLetter => "风险等级确认函",
        Drawings => "设计方案及图纸",
        ReviewOpinion => "论证意见书",
        CorrectionPledge => "整改承诺书",
        TestReport => "检测报告",
        AcceptanceReport => "验收报告",
        Other => "其他材料",
        _ => type,
    };
}
