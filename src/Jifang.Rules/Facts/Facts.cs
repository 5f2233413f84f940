using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Facts;

// The facts of the judging contract (shared/contract/README.md), as the engine sees them:
// vocabulary values are enums and bit sets, a missing boolean is false, a missing list empty.

public sealed class SiteFacts
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>Bit set of <see cref="SiteCategory"/> (more than 64 categories since the national regulation).</summary>
    public UInt128 Categories { get; init; }
    public SiteFlag Flags { get; init; }
    /// <summary>Bit set of <see cref="Part"/>: the parts the site has.</summary>
    public int Parts { get; init; }
    public IReadOnlyList<SystemFacts> Systems { get; init; } = [];
    public IReadOnlyList<DeviceFacts> Devices { get; init; } = [];

    public bool Has(SiteCategory c) => (Categories & CategoryBits.Of(c)) != UInt128.Zero;

    public IEnumerable<SiteCategory> CategoryList => Vocab.SiteCategories.Values.Where(Has);
}

/// <remarks>A record so that the engine can take it as of a date (a step dated later is not yet held) without listing its fields.</remarks>
public sealed record SystemFacts
{
    public required string Id { get; init; }
    public Subsystem Subsystems { get; init; }
    /// <summary>Bit set of <see cref="Part"/> this system covers.</summary>
    public int Covers { get; init; }
    public bool NewConstruction { get; init; }
    public DesignReviewFacts DesignReview { get; init; } = DesignReviewFacts.None;
    public InspectionFacts Inspection { get; init; } = InspectionFacts.None;
    public AcceptanceFacts Acceptance { get; init; } = AcceptanceFacts.None;
    public bool InService { get; init; }
    public bool InterfaceReserved { get; init; }
    public bool AlarmNetworked { get; init; }
    public int? RetentionDays { get; init; }
    public IReadOnlyList<ProductFacts> Products { get; init; } = [];
    public IReadOnlyList<ContractorFacts> Contractors { get; init; } = [];
    public bool PersonnelTrained { get; init; }
    /// <summary>The day the system was put into use (启用, national-2025 第十四条); null: before 2025-04-01.</summary>
    public DateOnly? InServiceDate { get; init; }
    public FilingFacts Filing { get; init; } = FilingFacts.None;
    /// <summary>A conspicuous notice that video is recorded is posted (national-2025 第十三条).</summary>
    public bool SignagePosted { get; init; }

    public bool Flag(SystemFlag flag) => flag switch
    {
        SystemFlag.InterfaceReserved => InterfaceReserved,
        SystemFlag.AlarmNetworked => AlarmNetworked,
        SystemFlag.PersonnelTrained => PersonnelTrained,
        SystemFlag.NewConstruction => NewConstruction,
        SystemFlag.InService => InService,
        SystemFlag.SignagePosted => SignagePosted,
        _ => false,
    };
}

public sealed record DesignReviewFacts(bool Held, Organizer? Organizer, DateOnly? Date)
{
    public static readonly DesignReviewFacts None = new(false, null, null);

    /// <summary>The review concluded that the design passes (province-2012 第十一条第一款 通过); null: not stated, not judged.</summary>
    public bool? Passed { get; init; }
}

public sealed record InspectionFacts(bool Held, bool AgencyQualified, bool Passed, DateOnly? Date)
{
    public static readonly InspectionFacts None = new(false, false, false, null);
}

public sealed record AcceptanceFacts(bool Held, bool Passed, bool PoliceParticipated, DateOnly? Date)
{
    public static readonly AcceptanceFacts None = new(false, false, false, null);
}

/// <summary>The 备案 with the county police (national-2025 第十四条); <see cref="None"/>: not filed.</summary>
public sealed record FilingFacts(bool Filed, DateOnly? Date)
{
    public static readonly FilingFacts None = new(false, null);
}

public sealed record ProductFacts(string? Model, bool InCatalog, bool MeetsStandard);

public sealed record ContractorFacts(string Role, bool Qualified);

public sealed class DeviceFacts
{
    public required string Id { get; init; }
    public string? SystemId { get; init; }
    public Capture Captures { get; init; }
    /// <summary>Where it is mounted; a device without a zone is taken as mounted in a public (non-private) place.</summary>
    public Zone Zone { get; init; } = Zone.Public;
}

public sealed class ActFacts
{
    public required string Id { get; init; }
    public required ActKind Kind { get; init; }
    public required DateOnly Date { get; init; }
    public ActorKind? Actor { get; init; }
    public bool Authorized { get; init; }
    public string? SiteId { get; init; }
    public string? SystemId { get; init; }
    public bool SeriousConsequences { get; init; }
}

public sealed class AccessRequestFacts
{
    public required string Id { get; init; }
    public required DateOnly Date { get; init; }
    public required RequesterKind Requester { get; init; }
    public AccessAction Action { get; init; } = AccessAction.View;
    public bool InvestigationPower { get; init; }
    public int Persons { get; init; }
    public bool CredentialsShown { get; init; }
    public bool UnitCertificateShown { get; init; }
    public bool Registered { get; init; }
    public bool WithinDutyScope { get; init; }
    public bool UsingUnitConsent { get; init; }
    public bool PoliceApproval { get; init; }
    public bool IdentityRecorded { get; init; }
    public bool ReasonRecorded { get; init; }
    public bool TimeRangeRecorded { get; init; }
    /// <summary>Citizen requests (national-2025 第二十一条); null: not stated.</summary>
    public RequesterRelation? RequesterRelation { get; init; }
    public string? SiteId { get; init; }
    public string? SystemId { get; init; }
    /// <summary>A citizen's person or property was harmed (nmg-2007 第二十条); null: not stated, not judged.</summary>
    public bool? InterestHarmed { get; init; }

    public bool Meets(AccessCondition condition) => condition switch
    {
        AccessCondition.InvestigationPower => InvestigationPower,
        AccessCondition.TwoPersons => Persons >= 2,
        AccessCondition.Credentials => CredentialsShown,
        AccessCondition.UnitCertificate => UnitCertificateShown,
        AccessCondition.Registered => Registered,
        AccessCondition.WithinDutyScope => WithinDutyScope,
        AccessCondition.UsingUnitConsent => UsingUnitConsent,
        AccessCondition.IdentityRecorded => IdentityRecorded,
        AccessCondition.ReasonRecorded => ReasonRecorded,
        AccessCondition.TimeRangeRecorded => TimeRangeRecorded,
        AccessCondition.PoliceApproval => PoliceApproval,
        AccessCondition.InterestHarmed => InterestHarmed != false,
        AccessCondition.RelatedPerson => RequesterRelation is Vocabulary.RequesterRelation.Self or Vocabulary.RequesterRelation.CloseRelative or Vocabulary.RequesterRelation.Guardian,
        _ => false,
    };
}
