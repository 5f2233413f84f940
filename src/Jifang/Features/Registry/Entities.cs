#pragma warning disable CA1002, CA2227 // EF Core entities: mutable collections by design

namespace Jifang.Features.Registry;

// The registry (登记备案): units, their sites, the systems and devices on them, and registered
// acts. Vocabulary values are stored as the contract's codes (see Jifang.Rules.Vocabulary).

/// <summary>A using or operating unit (使用单位、运营单位).</summary>
public sealed class Unit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>GB/T 2260 division code (6 digits) where the unit is registered.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>统一社会信用代码 (18 characters), if known.</summary>
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string? ContactPhone { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A site (场所) of a unit: categories, flags, parts, where it is.</summary>
public sealed class Site
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string Name { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string Address { get; set; } = "";
    /// <summary>The site's contact phone (值班电话): what the alarm consoles offer to call.</summary>
    public string? ContactPhone { get; set; }
    public List<string> Categories { get; set; } = [];
    public List<string> Parts { get; set; } = [];
    public bool PublicArea { get; set; }
    public bool Large { get; set; }
    public bool Urban { get; set; }
    public bool InvolvesStateSecrets { get; set; }
    public bool HoldsImportantItems { get; set; }
    /// <summary>
    /// Not a public place (《公共安全视频图像信息系统管理条例》第三十三条): only 第三十三条 of the national regulation applies to
    /// its video systems. False unless stated: a site is taken to be a public place.
    /// </summary>
    public bool NonPublicPlace { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// PostgreSQL only: the bigrams of the name and the address, computed by the database (a generated column, see
    /// <see cref="SiteSearch"/>); never set by the platform. Not mapped on SQLite.
    /// </summary>
    public List<string> SearchTerms { get; set; } = [];

    public List<SecuritySystem> Systems { get; set; } = [];
    public List<Device> Devices { get; set; } = [];
    public List<RegisteredAct> Acts { get; set; } = [];
}

/// <summary>A technology-prevention system (技防系统) of a site, with its build lifecycle.</summary>
public sealed class SecuritySystem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public string Name { get; set; } = "";
    public List<string> Subsystems { get; set; } = [];
    public List<string> Covers { get; set; } = [];
    public bool NewConstruction { get; set; }
    public bool DesignReviewHeld { get; set; }
    public string? DesignReviewOrganizer { get; set; }
    public DateOnly? DesignReviewDate { get; set; }
    /// <summary>The review concluded that the design passes (第十一条第一款 通过); null: not stated.</summary>
    public bool? DesignReviewPassed { get; set; }
    public bool InspectionHeld { get; set; }
    public bool InspectionAgencyQualified { get; set; }
    public bool InspectionPassed { get; set; }
    public DateOnly? InspectionDate { get; set; }
    public bool AcceptanceHeld { get; set; }
    public bool AcceptancePassed { get; set; }
    public bool AcceptancePoliceParticipated { get; set; }
    public DateOnly? AcceptanceDate { get; set; }
    public bool InService { get; set; }
    /// <summary>Since when the system has been in service, if known: records it reports from before that day are refused.</summary>
    public DateOnly? InServiceSince { get; set; }
    public bool InterfaceReserved { get; set; }
    public bool AlarmNetworked { get; set; }
    public int? RetentionDays { get; set; }
    public bool PersonnelTrained { get; set; }
    /// <summary>
    /// A conspicuous notice that video is recorded is posted (《公共安全视频图像信息系统管理条例》第十三条). False unless stated:
    /// not stated is not posted.
    /// </summary>
    public bool SignagePosted { get; set; }
    public List<ProductEntry> Products { get; set; } = [];
    public List<ContractorEntry> Contractors { get; set; } = [];
    /// <summary>
    /// Where the lifecycle facts (design review, inspection, acceptance, in service) come from: "declared" (typed by the
    /// unit, the systems registered before build projects existed) or "project" (set by the build project's workflow only).
    /// </summary>
    public string LifecycleSource { get; set; } = LifecycleSources.Declared;
    /// <summary>The build project that builds or built the system, if any.</summary>
    public Guid? BuildProjectId { get; set; }
    public bool Archived { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Where a system's lifecycle facts come from.</summary>
public static class LifecycleSources
{
    /// <summary>Declared by the unit (typed in the registry): shown as such.</summary>
    public const string Declared = "declared";
    /// <summary>From the build project's workflow: the unit cannot type them.</summary>
    public const string Project = "project";
}

/// <summary>
/// A product used in a system: a reference to the catalogue (<see cref="Registry.Product"/>, table system_products), whose
/// model, manufacturer, catalogue listing and standard conformity are what the system is judged by.
/// </summary>
public sealed class ProductEntry
{
    public Guid ProductId { get; set; }

    /// <summary>Its place in the system's list (0, 1…): the order the system gave them.</summary>
    public int Position { get; set; }

    /// <summary>The catalogue entry, filled by <see cref="RegistryLinks"/> (not mapped: never saved through the system).</summary>
    public Product? Product { get; set; }
}

/// <summary>
/// A contractor that designed, built, supervised or maintains a system, in that role: a reference to the registry
/// (<see cref="Registry.Contractor"/>, table system_contractors), whose qualification is what the system is judged by.
/// </summary>
public sealed class ContractorEntry
{
    public Guid ContractorId { get; set; }

    /// <summary>Its place in the system's list (0, 1…).</summary>
    public int Position { get; set; }
    public string Role { get; set; } = "";

    /// <summary>The registered contractor, filled by <see cref="RegistryLinks"/> (not mapped).</summary>
    public Contractor? Contractor { get; set; }
}

/// <summary>A device (设备) of a site: what it captures and where it is mounted.</summary>
public sealed class Device
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public Guid? SystemId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>What it is, in words: 摄像机, 红外探测器, 门禁读卡器…</summary>
    public string Kind { get; set; } = "";
    public List<string> Captures { get; set; } = [];
    public string Zone { get; set; } = "public";
    public bool Archived { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Conduct registered against a site (an act of the contract): shut-downs, removals, leaks.</summary>
public sealed class RegisteredAct
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public Guid? SystemId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly Date { get; set; }
    public string? Actor { get; set; }
    public bool Authorized { get; set; }
    public bool SeriousConsequences { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A product of the shared catalogue (技防产品登记): model, catalogue listing, standard conformity.</summary>
public sealed class Product
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Model { get; set; } = "";
    public string Manufacturer { get; set; } = "";
    /// <summary>Certificate of the product (认证证书编号), if any.</summary>
    public string? CertificateNumber { get; set; }
    /// <summary>Listed in the catalogue of technology-prevention products (列入产品目录).</summary>
    public bool InCatalog { get; set; }
    /// <summary>Conforms to the applicable national or trade standard (符合标准).</summary>
    public bool MeetsStandard { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A contractor (从业单位) registered in a division: design, construction, maintenance of systems.</summary>
public sealed class Contractor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    /// <summary>GB/T 2260 division code (6 digits) where the contractor is registered.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>Qualification grade in words (资质等级: 一级、二级…), if any.</summary>
    public string? QualificationLevel { get; set; }
    public bool Qualified { get; set; }
    public DateOnly? QualifiedUntil { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A person (从业人员) employed by a unit or a contractor, with their job and training.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public Guid? EmployerUnitId { get; set; }
    public Unit? EmployerUnit { get; set; }
    public Guid? EmployerContractorId { get; set; }
    public Contractor? EmployerContractor { get; set; }
    /// <summary>design, construction, maintenance or operation (设计、施工、维修、操作).</summary>
    public string Job { get; set; } = "";
    public bool Trained { get; set; }
    public string? TrainingCertificate { get; set; }
    public DateOnly? TrainedOn { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
