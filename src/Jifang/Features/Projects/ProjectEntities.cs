#pragma warning disable CA1002, CA2227 // EF Core entities: mutable collections by design
namespace Jifang.Features.Projects;

// The build lifecycle (province-2012 第十条、第十一条、第十六条; nmg-2007 第十三条至第十六条; national 第十一条): a build
// project (建设项目) of a site and a construction owner takes its systems through design review (方案论证), construction,
// inspection by a qualified testing agency (检测), acceptance by the owner together with the police (验收) and into service.
// Each party acts as itself; the systems' lifecycle facts, which the engine judges, come from the project.

/// <summary>A build project: a site's new, rebuilt or extended construction with the systems it builds.</summary>
public sealed class BuildProject
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>new, rebuild or extension (新建、改建、扩建).</summary>
    public string Kind { get; set; } = ProjectKinds.New;
    public Guid SiteId { get; set; }
    public Registry.Site? Site { get; set; }
    /// <summary>The unit of the site (its users see the project).</summary>
    public Guid SiteUnitId { get; set; }
    /// <summary>The construction owner (建设单位): a registered unit; its administrators act as the owner.</summary>
    public Guid OwnerUnitId { get; set; }
    public Registry.Unit? OwnerUnit { get; set; }
    /// <summary>The site's division when the project was opened: the police of this place take part.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>The pack whose lifecycle gates the project follows (the regional pack of the place, else the national one).</summary>
    public string PackId { get; set; } = "";
    /// <summary>Whether the design covers a public area (province-2012 第十一条第一款: then the police organize the review).</summary>
    public bool PublicArea { get; set; }
    /// <summary>Risk level 1–3 (风险等级 一级/二级/三级), as the owner's risk-level letter states it.</summary>
    public int RiskLevel { get; set; }
    /// <summary>Investment in 万元 (投资额).</summary>
    public decimal Investment { get; set; }
    /// <summary>The grade (1–3) from the jurisdiction's grading table.</summary>
    public int Grade { get; set; }
    /// <summary>Which police level takes part: "city" or "county".</summary>
    public string PoliceLevel { get; set; } = "county";
    /// <summary>Whether this project's design must pass a review (always in province-2012; by grade where the text defers).</summary>
    public bool ReviewRequired { get; set; }
    public string State { get; set; } = ProjectStates.Initiated;
    /// <summary>When the project entered its state: a gate's documents count from then.</summary>
    public DateTime StateSince { get; set; }
    /// <summary>Set when a gate returned the project for correction: which gate and why (cleared on resubmission).</summary>
    public string? ReturnedFrom { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>The review round (1, 2…): a resubmitted design is reviewed by a new panel.</summary>
    public int ReviewRound { get; set; }
    /// <summary>The design review's conclusion (pass, pass-with-conditions, fail), once concluded.</summary>
    public string? ReviewConclusion { get; set; }
    public DateOnly? ReviewedOn { get; set; }
    /// <summary>Who organized the review (the organizers vocabulary: police, construction-unit, construction-unit-with-police).</summary>
    public string? ReviewOrganizer { get; set; }
    /// <summary>A co-organized review's signatures: the owner's and the police's accounts (effective when both signed).</summary>
    public string? ReviewOwnerSigned { get; set; }
    public string? ReviewPoliceSigned { get; set; }
    /// <summary>The testing agency the owner commissioned (委托): only it files the inspection report and sees the project.</summary>
    public Guid? TestingAgencyId { get; set; }
    /// <summary>The inspection report the acceptance is decided on (the latest filed).</summary>
    public Guid? ReportId { get; set; }
    /// <summary>The acceptance the owner recorded, awaiting the police's signature when not yet effective.</summary>
    public string? AcceptanceConclusion { get; set; }
    public DateOnly? AcceptanceDate { get; set; }
    public string? AcceptanceNote { get; set; }
    public string? AcceptanceRecordedBy { get; set; }
    public string? AcceptanceSignedBy { get; set; }
    /// <summary>True once the owner and the police both signed a passing acceptance.</summary>
    public bool AcceptancePassed { get; set; }
    public DateOnly? InServiceOn { get; set; }
    /// <summary>When the current gate is due (from configuration); null when no gate is open.</summary>
    public DateOnly? DueOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    public List<ProjectContractor> Contractors { get; set; } = [];
    public List<ProjectStep> Steps { get; set; } = [];
}

/// <summary>A contractor of a project in a role (design, construction, supervision, maintenance), from the registry.</summary>
public sealed class ProjectContractor
{
    public Guid ProjectId { get; set; }
    public Guid ContractorId { get; set; }
    public string Role { get; set; } = "";
    public Registry.Contractor? Contractor { get; set; }
}

/// <summary>A step of a project: who (account, name, role, party), when, what, from which state to which, why.</summary>
public sealed class ProjectStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public string Action { get; set; } = "";
    public string FromState { get; set; } = "";
    public string ToState { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string? ByName { get; set; }
    /// <summary>The platform role of the account (police-county, unit-admin, testing-agency, expert…).</summary>
    public string Role { get; set; } = "";
    /// <summary>As which party it acted: owner (建设单位), police (公安机关), testing-agency (检测机构), expert (专家).</summary>
    public string Party { get; set; } = "";
    public string? Note { get; set; }
    /// <summary>The article the step rests on, in pack notation ("province-2012 11.2").</summary>
    public string? Citation { get; set; }
}

/// <summary>A testing agency (检测机构) registered with its qualification (资质): only such an agency files inspection reports.</summary>
public sealed class TestingAgency
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    /// <summary>Where it is registered (6 digits); it may test projects anywhere.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>The qualification certificate's number (检验检测机构资质认定证书编号).</summary>
    public string CertificateNumber { get; set; } = "";
    public DateOnly QualifiedUntil { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool QualifiedOn(DateOnly day) => !Archived && day <= QualifiedUntil;
}

/// <summary>An expert (技防专家) of a jurisdiction's pool, drawn at random for design reviews.</summary>
public sealed class Expert
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The pool's place (6 digits): a review draws from the experts of the project's city (configurable).</summary>
    public string DivisionCode { get; set; } = "";
    public string Specialty { get; set; } = "";
    public string Employer { get; set; } = "";
    /// <summary>police, testing-agency, contractor, unit or other: what the conflict rule reads.</summary>
    public string EmployerKind { get; set; } = ExpertEmployers.Other;
    /// <summary>The registered contractor, testing agency or unit that employs the expert, when it is one.</summary>
    public Guid? EmployerId { get; set; }
    public bool Available { get; set; } = true;
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A panel drawn for one review round: the seed and the candidates it was drawn from, so that anyone can re-draw it.</summary>
public sealed class ReviewPanel
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public int Round { get; set; }
    public int Seed { get; set; }
    public int Size { get; set; }
    /// <summary>The eligible experts in the order the draw read them (by id).</summary>
    public List<Guid> Candidates { get; set; } = [];
    /// <summary>Who was left out and why, one line each ("张三：受聘于本项目的施工单位").</summary>
    public List<string> Excluded { get; set; } = [];
    public DateTime DrawnAt { get; set; }
    public string DrawnBy { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public string? Conclusion { get; set; }
    /// <summary>The seeds of the re-draws of seats whose experts filed nothing by the deadline, in order (draw 1, 2…).</summary>
    public List<int> RedrawSeeds { get; set; } = [];
    public List<PanelMember> Members { get; set; } = [];

    /// <summary>The members who sit now (not replaced for filing nothing by the deadline).</summary>
    public IEnumerable<PanelMember> Active => Members.Where(m => m.ReplacedAt is null);
}

/// <summary>An expert on a panel and the opinion they filed.</summary>
public sealed class PanelMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PanelId { get; set; }
    public Guid ExpertId { get; set; }
    public Expert? Expert { get; set; }
    public int Position { get; set; }
    /// <summary>Which draw seated the member: 0 the first, 1… the re-draws (<see cref="ReviewPanel.RedrawSeeds"/>).</summary>
    public int Draw { get; set; }
    /// <summary>When the member was replaced for filing nothing by the deadline; null while they sit.</summary>
    public DateTime? ReplacedAt { get; set; }
    /// <summary>pass, pass-with-conditions or fail; null until filed.</summary>
    public string? Opinion { get; set; }
    public string? Reasons { get; set; }
    public List<string> Conditions { get; set; } = [];
    public DateTime? FiledAt { get; set; }
}

/// <summary>A condition of the review that the owner must answer before the next gate.</summary>
public sealed class CorrectionItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public int Round { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
}

/// <summary>An inspection report (检测报告) filed by the commissioned testing agency.</summary>
public sealed class InspectionReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public Guid AgencyId { get; set; }
    public string Number { get; set; } = "";
    public DateOnly TestedOn { get; set; }
    /// <summary>pass or fail.</summary>
    public string Conclusion { get; set; } = "";
    public List<InspectionItem> Items { get; set; } = [];
    public string? Note { get; set; }
    public DateTime FiledAt { get; set; }
    public string FiledBy { get; set; } = "";
}

/// <summary>一个检测项目及其结果</summary>
public sealed class InspectionItem
{
    /// <summary>检测项目名称</summary>
    public string Name { get; set; } = "";
    /// <summary>检测结果</summary>
    public string Result { get; set; } = "";
    /// <summary>是否合格</summary>
    public bool Passed { get; set; }
}

/// <summary>A document of a project, stored by its SHA-256 in the configured folder.</summary>
public sealed class ProjectDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public string Type { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    public string Party { get; set; } = "";
}
