#pragma warning disable CA1002 // request records bind JSON arrays
using Jifang.Features.Records;
using Jifang.Infrastructure;

namespace Jifang.Features.Access;

/// <summary>国家机关工作人员查阅、复制或调取信息资料的申请</summary>
/// <param name="RecordIds">申请的记录编号（须在调用者辖区内），1 至 1000 条</param>
/// <param name="Action">方式，必填：`view` 查看、`copy` 复制、`retrieve` 调取</param>
/// <param name="CaseNumber">案件编号，必填，至多 100 字</param>
/// <param name="Reason">事由，必填，至多 1000 字，可换行</param>
/// <param name="FromTime">申请的时间段起点（带时区）；与 `toTime` 同时填写或同时不填</param>
/// <param name="ToTime">申请的时间段终点（带时区），晚于起点</param>
/// <param name="CredentialNumber">申请人的工作证件编号，至多 60 字</param>
/// <param name="UnitCertificate">单位证明文件编号，至多 100 字</param>
/// <param name="ConfidentialityPledged">是否承诺对获取的信息资料保密</param>
public sealed record OfficialRequestInput(
    List<Guid>? RecordIds, [property: Text(20)] string? Action, [property: Text(100)] string? CaseNumber, [property: Text(1000, MultiLine = true)] string? Reason, DateTimeOffset? FromTime, DateTimeOffset? ToTime,
    [property: Text(60)] string? CredentialNumber, [property: Text(100)] string? UnitCertificate, bool ConfidentialityPledged);

/// <summary>第二名工作人员的会签</summary>
/// <param name="CredentialNumber">会签人的工作证件编号，至多 60 字</param>
public sealed record CosignInput([property: Text(60)] string? CredentialNumber);

/// <summary>使用单位登记办理时的查验</summary>
/// <param name="CredentialsChecked">是否已查验工作人员的工作证件，必填（`true` 或 `false`）</param>
/// <param name="CertificateChecked">是否已查验单位证明文件，必填（`true` 或 `false`）</param>
public sealed record RegisterInput(bool? CredentialsChecked, bool? CertificateChecked);

/// <summary>使用单位对公民查看申请的答复</summary>
/// <param name="Consent">是否同意，必填</param>
/// <param name="Note">说明，至多 500 字，可换行</param>
public sealed record ConsentInput(bool? Consent, [property: Text(500, MultiLine = true)] string? Note);

/// <summary>公安机关对公民复制、调取申请的审批</summary>
/// <param name="Approve">是否批准，必填</param>
/// <param name="Note">说明，至多 500 字，可换行</param>
public sealed record ApprovalInput(bool? Approve, [property: Text(500, MultiLine = true)] string? Note);

public sealed record AccessRequestDto(
    Guid Id, string Number, string Requester, string Action, string ActionLabel, Guid SiteId, string? SiteName, Guid? UnitId, string? DivisionCode,
    string? CaseNumber, string Reason, DateTime? FromTime, DateTime? ToTime, string State, string StateLabel, DateTime CreatedAt,
    string? OpenedBy, string? OpenedByName, string? OpenerCredential, string? UnitCertificate, bool ConfidentialityPledged,
    string? CosignedBy, string? CosignedByName, string? CosignerCredential, DateTime? CosignedAt,
    string? RegisteredBy, DateTime? RegisteredAt, bool CredentialsChecked, bool CertificateChecked,
    string? CitizenName, string? CitizenIdNumber, string? CitizenPhone, string? RequesterRelation, string? RequesterRelationLabel,
    bool? UnitConsent, string? ConsentBy, DateTime? ConsentAt, string? ConsentNote,
    bool? PoliceApproval, string? ApprovedBy, DateTime? ApprovedAt, string? ApprovalNote,
    IReadOnlyList<Guid> RecordIds);

public sealed record AccessRegistrationDto(
    Guid Id, Guid RequestId, string RequestNumber, string Requester, string Action, string ActionLabel, DateTime At, string RegisteredBy,
    string Persons, string Reason, string? CaseNumber, string? SiteName, IReadOnlyList<RecordDto> Records,
    long? AuditIndex, string? AuditLeafHash, string? AuditProofUrl, string? Recipient, string? PackageSha256, string? PackageUrl);

/// <summary>申请详情：申请与其记录、条例对它的要求、办理尚缺的条件，以及已办理的登记</summary>
public sealed record AccessRequestDetailDto(
    AccessRequestDto Request, IReadOnlyList<RecordDto> Records, string PackId, string RegulationTitle,
    IReadOnlyList<CitedProvision> Provisions, IReadOnlyList<RefusalReason> Lacking, IReadOnlyList<AccessRegistrationDto> Registrations);

/// <summary>真实导出包中的一条记录：登记中是否仍有这条记录，且 SHA-256 与大小同导出包一致</summary>

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

    /// <summary>The citizen's relation to the persons in the images (national-2025 第二十一条), in Chinese; 未填写 when none was given.</summary>
    public static string Relation(string? code) =>
        code is null ? "未填写" : Jifang.Rules.Vocabulary.Vocab.RequesterRelations.TryParse(code, out var r) ? Jifang.Rules.Vocabulary.Vocab.RequesterRelations.Label(r) : code;

    public static string Requester(string code) => code switch
    {
        "official" => "国家机关工作人员",
        "citizen" => "公民",
        _ => code,
    };
}
