#pragma warning disable CA1002, CA2227 // EF Core entities: mutable collections by design
namespace Jifang.Features.Filing;

// 备案 (《公共安全视频图像信息系统管理条例》第十四条): a unit files each video system with the county police of its
// place; the police accept it or return it with a reason; once accepted, a change of the filed facts needs a change
// filing (备案变更). A filing keeps the facts as they were filed (a snapshot): the registry may change after it.

/// <summary>One filing (初次备案 or 备案变更) of one video system, with the facts it filed.</summary>
public sealed class VideoFiling
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"initial" (备案) or "change" (备案变更).</summary>
    public string Kind { get; set; } = FilingKinds.Initial;
    public string State { get; set; } = FilingStates.Pending;
    public Guid SystemId { get; set; }
    public Guid SiteId { get; set; }
    public Guid UnitId { get; set; }
    /// <summary>The county (six digits) whose police it is filed with: the site's division code when it was submitted.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>For a change filing: the accepted filing it changes.</summary>
    public Guid? PreviousId { get; set; }

    // The filed facts (第十四条第一款): the unit, where the system is, its image-capture devices, the retention period.
    public string UnitName { get; set; } = "";
    public string? CreditCode { get; set; }
    public string SiteName { get; set; } = "";
    public string Address { get; set; } = "";
    public string SystemName { get; set; } = "";
    public int DeviceCount { get; set; }
    /// <summary>The devices by kind, as "摄像机（视频）×3", in order.</summary>
    public List<string> DeviceKinds { get; set; } = [];
    public int? RetentionDays { get; set; }
    public DateOnly? InServiceSince { get; set; }
    /// <summary>For a change filing: what changed since the accepted filing, one line each.</summary>
    public List<string> Changes { get; set; } = [];

    /// <summary>When it was first submitted (kept when a returned filing is resubmitted): the filing date the deadline reads.</summary>
    public DateTime FirstSubmittedAt { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public string? SubmittedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>The certificate's number (备案回执编号), given on acceptance: 150102备〔2026〕0001号.</summary>
    public string? Number { get; set; }
    public int? NumberYear { get; set; }
    public int? NumberSequence { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<FilingStep> Steps { get; set; } = [];
}

/// <summary>A step of a filing: who (name and role) did what, when, and why.</summary>
public sealed class FilingStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FilingId { get; set; }
    /// <summary>submitted, resubmitted, accepted, returned.</summary>
    public string Action { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string? ByName { get; set; }
    public string? Role { get; set; }
    public string? Note { get; set; }
}

/// <summary>The last certificate number given in a county in a year; raised by one statement so that two acceptances never share a number.</summary>
public sealed class FilingCounter
{
    public string DivisionCode { get; set; } = "";
    public int Year { get; set; }
    public int Next { get; set; }
}

public static class FilingKinds
{
    public const string Initial = "initial";
    public const string Change = "change";

    public static string Label(string kind) => kind == Change ? "备案变更" : "备案";
}

public static class FilingStates
{
    /// <summary>Submitted by the unit, waiting for the police.</summary>
    public const string Pending = "pending";
    /// <summary>Returned by the police with a reason, to be corrected and resubmitted.</summary>
    public const string Returned = "returned";
    /// <summary>Accepted: the system's current filing, with its certificate.</summary>
    public const string Accepted = "accepted";
    /// <summary>Accepted once, since replaced by an accepted change filing.</summary>
    public const string Superseded = "superseded";

    public static readonly IReadOnlyList<string> All = [Pending, Returned, Accepted, Superseded];

    public static string Label(string state) => state switch
    {
        Pending => "待公安机关审核",
        Returned => "已退回，待更正后重新提交",
        Accepted => "已备案",
        Superseded => "已由备案变更取代",
        _ => state,
    };

    public static string StepLabel(string action) => action switch
    {
        "submitted" => "提交",
        "resubmitted" => "更正后重新提交",
        "accepted" => "受理备案",
        "returned" => "退回",
        _ => action,
    };
}
