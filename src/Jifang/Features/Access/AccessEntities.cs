#pragma warning disable CA2227, CA1819 // EF Core entities: mutable collections and byte arrays by design
using Jifang.Features.Records;
using Jifang.Features.Registry;

namespace Jifang.Features.Access;

// Requests to view, copy or retrieve records (查阅、复制、调取信息资料): province-2012 第十九条、第二十条,
// nmg-2007 第十九条 (officials) and 第二十条 (citizens). A request is judged by the engine under the
// site's pack before anything is done; every access done is registered (AccessRegistration) and logged.

/// <summary>A request for the records of one site: by officials (opened by one, co-signed by a second of the same agency) or by a citizen (filed in the portal).</summary>
public sealed class AccessRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The number people quote: 调-20260601-0001 (official) or 查-… (citizen).</summary>
    public string Number { get; set; } = "";
    /// <summary>"official" or "citizen" (contract requester-kinds).</summary>
    public string Requester { get; set; } = "";
    /// <summary>"view", "copy" or "retrieve" (contract access-actions).</summary>
    public string Action { get; set; } = "view";
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public string? CaseNumber { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The time range the request concerns (the incident; for a citizen 信息起止段), UTC.</summary>
    public DateTime? FromTime { get; set; }
    public DateTime? ToTime { get; set; }
    public string State { get; set; } = AccessStates.Opened;
    public DateTime CreatedAt { get; set; }

    // Officials: the opener and the co-signer, each with their credential number (工作证件编号).
    public string? OpenedBy { get; set; }
    public string? OpenedByName { get; set; }
    public string? OpenedRole { get; set; }
    public string? OpenedDivision { get; set; }
    public string? OpenerCredential { get; set; }
    /// <summary>单位证明文件 (e.g. the number of the 调取证据通知书).</summary>
    public string? UnitCertificate { get; set; }
    /// <summary>The officers undertake that what they take is limited to their duty and kept confidential (nmg 第十九条第（四）项).</summary>
    public bool ConfidentialityPledged { get; set; }
    public string? CosignedBy { get; set; }
    public string? CosignedByName { get; set; }
    public string? CosignedRole { get; set; }
    public string? CosignedDivision { get; set; }
    public string? CosignerCredential { get; set; }
    public DateTime? CosignedAt { get; set; }

    // The using unit's registration (登记手续): it checked the credentials and the certificate.
    public string? RegisteredBy { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public bool CredentialsChecked { get; set; }
    public bool CertificateChecked { get; set; }

    // Citizens (nmg 第二十条): identity, reason, time range; the unit's consent; the police's approval for copies.
    public string? CitizenName { get; set; }
    public string? CitizenIdNumber { get; set; }
    public string? CitizenPhone { get; set; }
    /// <summary>
    /// The citizen's relation to the persons in the images (a code of Vocab.RequesterRelations: self, close-relative, guardian,
    /// other): national-2025 第二十一条 lets only 本人、近亲属 or 负有监护、看护、代管责任的人 view them.
    /// </summary>
    public string? RequesterRelation { get; set; }
    /// <summary>SHA-256 (hex) of the access code the citizen was given; the code itself is never stored.</summary>
    public string? AccessCodeHash { get; set; }
    public bool? UnitConsent { get; set; }
    public string? ConsentBy { get; set; }
    public DateTime? ConsentAt { get; set; }
    public string? ConsentNote { get; set; }
    public bool? PoliceApproval { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovalNote { get; set; }

    public List<AccessRequestRecord> Records { get; set; } = [];
}

public sealed class AccessRequestRecord
{
    public Guid RequestId { get; set; }
    public Guid RecordId { get; set; }
    public MediaRecord? Record { get; set; }
}

/// <summary>
/// A registration (登记) of one access done: who (names and credential numbers), when, which records, why, and the audit
/// receipt of its log entry; for a copy or retrieval, the export package and its SHA-256.
/// </summary>
public sealed class AccessRegistration : Audit.IAuditReceipted
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public AccessRequest? Request { get; set; }
    public string Action { get; set; } = "";
    public DateTime At { get; set; }
    /// <summary>Who registered it: the unit user, or <c>citizen:&lt;number&gt;</c> for a citizen's own view or copy in the portal.</summary>
    public string RegisteredBy { get; set; } = "";
    /// <summary>Who accessed, as shown: "张某（证件 110…）、李某（证件 …）".</summary>
    public string Persons { get; set; } = "";
    public string Reason { get; set; } = "";
    public List<Guid> RecordIds { get; set; } = [];
    public long? AuditIndex { get; set; }
    public string? AuditLeafHash { get; set; }
    /// <summary>Who the package names as its recipient (the watermark line).</summary>
    public string? Recipient { get; set; }
    public string? PackageSha256 { get; set; }
    public byte[]? Package { get; set; }
}

public static class AccessStates
{
    /// <summary>Official: opened by one officer, waiting for a second.</summary>
    public const string Opened = "opened";
    /// <summary>Official: co-signed, waiting for the using unit to register it.</summary>
    public const string Cosigned = "cosigned";
    /// <summary>Official: registered by the unit and done (view registered, or package made).</summary>
    public const string Registered = "registered";
    /// <summary>Citizen: filed in the portal, waiting for the unit.</summary>
    public const string Filed = "filed";
    /// <summary>Citizen: the unit consented (viewing allowed; a copy still needs the police).</summary>
    public const string Consented = "consented";
    /// <summary>Citizen: the unit declined.</summary>
    public const string Declined = "declined";

    public static string Label(string state) => state switch
    {
        Opened => "待第二名工作人员会签",
        Cosigned => "待使用单位登记",
        Registered => "已登记办理",
        Filed => "待使用单位答复",
        Consented => "使用单位已同意",
        Declined => "使用单位不同意",
        _ => state,
    };
}
