#pragma warning disable CA1002 // request records bind JSON arrays
using Jifang.Features.Records;
using Jifang.Infrastructure;

namespace Jifang.Features.Access;

public sealed record OfficialRequestInput(
    List<Guid>? RecordIds, [property: Text(20)] string? Action, [property: Text(100)] string? CaseNumber, [property: Text(1000, MultiLine = true)] string? Reason, DateTimeOffset? FromTime, DateTimeOffset? ToTime,
    [property: Text(60)] string? CredentialNumber, [property: Text(100)] string? UnitCertificate, bool ConfidentialityPledged);

public sealed record CosignInput([property: Text(60)] string? CredentialNumber);

public sealed record RegisterInput(bool? CredentialsChecked, bool? CertificateChecked);

public sealed record ConsentInput(bool? Consent, [property: Text(500, MultiLine = true)] string? Note);

public sealed record ApprovalInput(bool? Approve, [property: Text(500, MultiLine = true)] string? Note);

public sealed record AccessRequestDto(
    Guid Id, string Number, string Requester, string Action, string ActionLabel, Guid SiteId, string? SiteName, Guid? UnitId, string? DivisionCode,
    string? CaseNumber, string Reason, DateTime? FromTime, DateTime? ToTime, string State, string StateLabel, DateTime CreatedAt,
    string? OpenedBy, string? OpenedByName, string? OpenerCredential, string? UnitCertificate, bool ConfidentialityPledged,
    string? CosignedBy, string? CosignedByName, string? CosignerCredential, DateTime? CosignedAt,
    string? RegisteredBy, DateTime? RegisteredAt, bool CredentialsChecked, bool CertificateChecked,
    string? CitizenName, string? CitizenIdNumber, string? CitizenPhone,
    bool? UnitConsent, string? ConsentBy, DateTime? ConsentAt, string? ConsentNote,
    bool? PoliceApproval, string? ApprovedBy, DateTime? ApprovedAt, string? ApprovalNote,
    IReadOnlyList<Guid> RecordIds);

public sealed record AccessRegistrationDto(
    Guid Id, Guid RequestId, string RequestNumber, string Requester, string Action, string ActionLabel, DateTime At, string RegisteredBy,
    string Persons, string Reason, string? CaseNumber, string? SiteName, IReadOnlyList<RecordDto> Records,
    long? AuditIndex, string? AuditLeafHash, string? AuditProofUrl, string? Recipient, string? PackageSha256, string? PackageUrl);

/// <summary>A request with its records, what the pack requires of it, what it still lacks for its action, and what was done.</summary>
public sealed record AccessRequestDetailDto(
    AccessRequestDto Request, IReadOnlyList<RecordDto> Records, string PackId, string RegulationTitle,
    IReadOnlyList<CitedProvision> Provisions, IReadOnlyList<RefusalReason> Lacking, IReadOnlyList<AccessRegistrationDto> Registrations);

/// <summary>A record of an authentic package: whether the registry still holds it with the package's SHA-256 and size.</summary>
public sealed record PackageRecordCheck(Guid Id, string Sha256, bool Matches);

public sealed record PackageVerificationDto(
    string Sha256, bool Valid, bool Registered, Guid? RegistrationId, string? RequestNumber, string? Recipient, DateTime? CreatedAt,
    long? AuditIndex, string? AuditLeafHash, bool WatermarkMatches, IReadOnlyList<PackageRecordCheck> Records, IReadOnlyList<string> Problems);

public static class AccessLabels
{
    public static string Action(string code) => code switch
    {
        "view" => "查看",
        "copy" => "复制",
        "retrieve" => "调取",
        _ => code,
    };

    public static string Requester(string code) => code switch
    {
        "official" => "国家机关工作人员",
        "citizen" => "公民",
        _ => code,
    };
}
