namespace Jifang.Features.Alarms;

/// <summary>Alarm networking settings (section "Alarms"); see docs/operations.md.</summary>
public sealed class AlarmOptions
{
    public const string Section = "Alarms";

    /// <summary>An alarm not confirmed or dismissed within this time is raised to the county police as unhandled.</summary>
    public TimeSpan HandleWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A reported alarm not acknowledged within this time at its level escalates to the next (county → city → province).</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often systems send heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A system is offline after this many missed heartbeats.</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>Unauthorised silence longer than this is registered as an act of shut-down (system-shut-down).</summary>
    public TimeSpan ShutDownAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the escalation and the watch tick.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often heartbeats kept in memory are written to the database.</summary>
    public TimeSpan HeartbeatFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far in the future an event's time may lie (the devices' clocks drift).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An event older than the system's latest accepted one by more than this is out of order.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Events per second one credential may post (sustained).</summary>
    public double RatePerSecond { get; set; } = 20;

    /// <summary>Events one credential may post at once (the bucket).</summary>
    public int RateBurst { get; set; } = 100;

    /// <summary>A flood is reported once per credential per this time.</summary>
    public TimeSpan FloodReportEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest event body in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 8192;

    /// <summary>Most alarms committed in one transaction (group commit).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>Maps POST /api/intake/noop (authenticated like the intake, does nothing): for the benchmark only.</summary>
    public bool NoopEndpoint { get; set; }

    public TimeSpan OfflineAfter => HeartbeatInterval * MissedHeartbeats;
}
