using Jifang.Features.Registry;

namespace Jifang.Features.Alarms;

// Alarm networking (province-2012 art. 10 ¶2, 14 ¶2, 17; nmg-2007 art. 10, 17): the credentials systems post with,
// the alarms they post, every step of their handling with its receipt, the heartbeats that keep each system's
// status, planned maintenance (authorised silence) and the alerts the platform raises. Codes are in AlarmCodes.

/// <summary>
/// A credential a system (or its gateway) posts alarms and heartbeats with. The key is shown once, when it is issued or
/// rotated; only its SHA-256 is kept. The key is <c>jfk_{Id:N}_{secret}</c>: the id finds the row, the secret is checked.
/// </summary>
public sealed class AlarmCredential
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SystemId { get; set; }
    public SecuritySystem? System { get; set; }
    /// <summary>What the issuer calls it (网关、报警主机…).</summary>
    public string Label { get; set; } = "";
    /// <summary>SHA-256 of the secret part of the key.</summary>
    public byte[] SecretHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RotatedAt { get; set; }
    public string? RotatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>
/// An alarm a system posted. <see cref="ExternalId"/> is the system's own id for it (the idempotency key, unique per
/// system). Where it happened (site, unit, division) is kept as it was when it came in: the police responsible then.
/// </summary>
public sealed class Alarm
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SystemId { get; set; }
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public Guid UnitId { get; set; }
    public string DivisionCode { get; set; } = "";
    public Guid CredentialId { get; set; }
    public string ExternalId { get; set; } = "";
    public string Device { get; set; } = "";
    /// <summary>When the system says it happened (UTC, milliseconds).</summary>
    public DateTime OccurredAt { get; set; }
    /// <summary>When the platform committed it.</summary>
    public DateTime ReceivedAt { get; set; }
    public string Type { get; set; } = "";
    public string Priority { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The unit's handling: new, confirmed (a real alarm) or dismissed (a false alarm, with a reason).</summary>
    public string Status { get; set; } = AlarmCodes.New;
    public DateTime? HandledAt { get; set; }
    public string? HandledBy { get; set; }
    public string? DismissReason { get; set; }

    /// <summary>Raised to the police as unhandled (not confirmed or dismissed in time).</summary>
    public DateTime? UnhandledAt { get; set; }

    /// <summary>The police track: the level it has reached (county, city, province), or null while only the unit has it.</summary>
    public string? PoliceLevel { get; set; }
    /// <summary>Why it went to the police: confirmed (a report, province art. 14 ¶2) or unhandled.</summary>
    public string? PoliceReason { get; set; }
    /// <summary>When it was reported to the county police (the report of a confirmed alarm, or the unhandled raise).</summary>
    public DateTime? ReportedAt { get; set; }
    /// <summary>When it reached <see cref="PoliceLevel"/>: escalation counts from here.</summary>
    public DateTime? LevelSince { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgedLevel { get; set; }

    /// <summary>处警反馈: what the police who acknowledged it did about it (<see cref="AlarmCodes.Outcomes"/>), once.</summary>
    public string? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTime? OutcomeAt { get; set; }
    public string? OutcomeBy { get; set; }

    /// <summary>Bumped by every change: two people (or a person and the escalation) cannot both change the same state.</summary>
    public int Version { get; set; }
}

/// <summary>
/// A step of an alarm's handling with its receipt: what (confirmed, dismissed, reported, escalated, acknowledged,
/// unhandled), who, when, at which level (unit, county, city, province) and to which police (division prefix), and
/// the audit log entry that records it (<see cref="AuditIndex"/>, set once the entry is durable).
/// </summary>
public sealed class AlarmStep : Audit.IAuditReceipted
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AlarmId { get; set; }
    public Alarm? Alarm { get; set; }
    public string Kind { get; set; } = "";
    public string Level { get; set; } = "";
    /// <summary>The police the step went to or came from: a division prefix of 6 (county), 4 (city) or 2 (province) digits.</summary>
    public string? PoliceDivision { get; set; }
    /// <summary>A user name, or <c>system:alarms</c> for what the platform did itself.</summary>
    public string Actor { get; set; } = "";
    public string? ActorName { get; set; }
    public DateTime At { get; set; }
    public string? Detail { get; set; }
    /// <summary>Pack and place the step rests on (<c>province-2012 14.2</c>).</summary>
    public string? Citation { get; set; }
    public long? AuditIndex { get; set; }
    public string? AuditLeafHash { get; set; }
    // Where, for scope (as the alarm's).
    public Guid UnitId { get; set; }
    public string DivisionCode { get; set; } = "";
}

/// <summary>
/// What the platform raises about a system rather than about one alarm: it went silent (offline), came back, was found
/// shut down without authorisation, or flooded the centre. Shown to the unit and the police responsible, audit-logged.
/// </summary>
public sealed class AlarmAlert : Audit.IAuditReceipted
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Kind { get; set; } = "";
    public Guid SystemId { get; set; }
    public Guid SiteId { get; set; }
    public Guid UnitId { get; set; }
    public string DivisionCode { get; set; } = "";
    public DateTime At { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Pack and place it rests on (<c>nmg-2007 17.1.6</c>), when it rests on one.</summary>
    public string? Citation { get; set; }
    public Guid? ActId { get; set; }
    public long? AuditIndex { get; set; }
    public string? AuditLeafHash { get; set; }
}

/// <summary>
/// The heartbeat status of a system that has sent at least one heartbeat. <see cref="WatchedSince"/> is when the
/// platform began (or, after its own downtime, began again) to watch it: silence is counted from the later of it and
/// the last heartbeat, so that the platform's own downtime is never taken for the system's silence.
/// </summary>
public sealed class SystemWatch
{
    public Guid SystemId { get; set; }
    public SecuritySystem? System { get; set; }
    public DateTime? LastHeartbeatAt { get; set; }
    public DateTime WatchedSince { get; set; }
    /// <summary>online, offline or maintenance.</summary>
    public string State { get; set; } = AlarmCodes.Online;
    public DateTime StateSince { get; set; }
    /// <summary>The act of unauthorised shut-down registered for the current silence, if any.</summary>
    public Guid? ShutDownActId { get; set; }
}

/// <summary>Planned maintenance of a system, registered in advance: silence within it is authorised.</summary>
public sealed class MaintenanceWindow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SystemId { get; set; }
    public SecuritySystem? System { get; set; }
    public DateTime From { get; set; }
    public DateTime Until { get; set; }
    public string Reason { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>The watch's own clock: when it last ticked, so that a restart after downtime knows how long it was away.</summary>
public sealed class WatchClock
{
    public int Id { get; set; } = 1;
    public DateTime LastTickAt { get; set; }
}
