#pragma warning disable CA2227 // EF Core entities: mutable collections by design
using Jifang.Features.Registry;

namespace Jifang.Features.Records;

// The records registry (信息资料登记): what a system captured, never the footage itself. Province-2012
// 第二十一条 and nmg-2007 第十七条、第十九条、第二十条: records are kept, every recording and retrieval is
// registered, and nothing is deleted without authority. A record is never removed from this table: a lawful
// deletion marks it deleted, with who and when.

/// <summary>One recorded file or log of a system: which system and device, when, what kind, where it is stored, its size and SHA-256.</summary>
public sealed class MediaRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public Guid SystemId { get; set; }
    public SecuritySystem? System { get; set; }
    public Guid? DeviceId { get; set; }
    public Device? Device { get; set; }
    /// <summary>A code of <see cref="RecordKinds"/>: video, audio, image, alarm-log, access-log.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Start of the recorded time range (UTC).</summary>
    public DateTime StartsAt { get; set; }
    /// <summary>End of the recorded time range (UTC); the retention period runs from here.</summary>
    public DateTime EndsAt { get; set; }
    /// <summary>Where the system keeps it (NVR and path, storage pool, archive volume…), as the system names it.</summary>
    public string StorageLocation { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>SHA-256 of the file's bytes, 64 lower-case hex digits.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime RegisteredAt { get; set; }
    /// <summary>Who registered it: a user name, later <c>credential:&lt;id&gt;</c> for a system's own key.</summary>
    public string RegisteredBy { get; set; } = "";
    public bool Deleted { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public string? DeletionReason { get; set; }
}

/// <summary>A deletion request the platform refused because the record was younger than its minimum retention or on hold.</summary>
public sealed class DeletionAttempt : Audit.IAuditReceipted
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecordId { get; set; }
    public MediaRecord? Record { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string? Reason { get; set; }
    /// <summary>"retention" (younger than its minimum) or "hold" (under an evidence hold).</summary>
    public string Cause { get; set; } = "";
    public string PackId { get; set; } = "";
    /// <summary>The provisions the refusal rests on, in pack notation ("21.1", "17.1.4").</summary>
    public List<string> Citations { get; set; } = [];
    public string Message { get; set; } = "";
    public long? AuditIndex { get; set; }
    public string? AuditLeafHash { get; set; }
}

/// <summary>
/// An evidence hold (证据保全) tied to a case: while active, the records it names cannot be deleted whatever their age.
/// Placing and releasing it each take two distinct people: one proposes, another confirms.
/// </summary>
public sealed class EvidenceHold
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string CaseNumber { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>proposed → active → release-proposed → released (or back to active if the release is withdrawn).</summary>
    public string State { get; set; } = HoldStates.Proposed;
    public string ProposedBy { get; set; } = "";
    public DateTime ProposedAt { get; set; }
    /// <summary>
    /// Who placed it, which decides who may release it (<see cref="HoldAuthority"/>): the role of the first police officer who
    /// proposed or confirmed it, else the proposer's role (unit-admin, platform-admin).
    /// </summary>
    public string? PlacedByRole { get; set; }
    /// <summary>The placing police organ's division prefix (2, 4 or 6 digits by its level); null for a unit's own hold.</summary>
    public string? PlacedByDivision { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ReleaseProposedBy { get; set; }
    public DateTime? ReleaseProposedAt { get; set; }
    public string? ReleaseReason { get; set; }
    public string? ReleasedBy { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public List<EvidenceHoldRecord> Records { get; set; } = [];
}

public sealed class EvidenceHoldRecord
{
    public Guid HoldId { get; set; }
    public Guid RecordId { get; set; }
    public MediaRecord? Record { get; set; }
}

public static class HoldStates
{
    public const string Proposed = "proposed";
    public const string Active = "active";
    public const string ReleaseProposed = "release-proposed";
    public const string Released = "released";

    /// <summary>States in which the hold protects its records (a proposed release still protects them).</summary>
    public static readonly string[] Protecting = [Active, ReleaseProposed];

    public static string Label(string state) => state switch
    {
        Proposed => "待确认",
        Active => "保全中",
        ReleaseProposed => "解除待确认",
        Released => "已解除",
        _ => state,
    };
}

/// <summary>The kinds of record a system registers.</summary>
public static class RecordKinds
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["video"] = "视频录像",
        ["audio"] = "音频",
        ["image"] = "图像抓拍",
        ["alarm-log"] = "报警记录",
        ["access-log"] = "出入口记录",
    };

    public static string Label(string code) => All.TryGetValue(code, out var label) ? label : code;
}
