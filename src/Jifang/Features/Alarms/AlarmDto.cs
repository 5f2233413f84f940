namespace Jifang.Features.Alarms;

/// <summary>报警：接口与值班台所显示的</summary>
public sealed record AlarmDto(
    Guid Id, string ExternalId, Guid SystemId, Guid SiteId, string SiteName, Guid UnitId, string DivisionCode,
    string Device, DateTime OccurredAt, DateTime ReceivedAt, string Type, string TypeLabel, string Priority, string PriorityLabel,
    string? Description, string Status, string StatusLabel, DateTime? HandledAt, string? HandledBy, string? DismissReason,
    DateTime? UnhandledAt, string? PoliceLevel, string PoliceLevelLabel, string? PoliceReason, DateTime? ReportedAt,
    long? ReportDelayMs, DateTime? LevelSince, DateTime? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgedLevel,
    string? Outcome, string? OutcomeLabel, string? OutcomeNote, DateTime? OutcomeAt, string? OutcomeBy, string? SiteContactPhone)
{
    /// <summary>The alarm as shown; <paramref name="sitePhone"/> is the site's contact phone (the site's when loaded with it).</summary>
    public static AlarmDto Of(Alarm a, string siteName, string? sitePhone = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.ExternalId, a.SystemId, a.SiteId, siteName, a.UnitId, a.DivisionCode, a.Device,
            Utc(a.OccurredAt), Utc(a.ReceivedAt), a.Type, AlarmCodes.TypeLabel(a.Type), a.Priority, AlarmCodes.PriorityLabel(a.Priority),
            a.Description, a.Status, AlarmCodes.StatusLabel(a.Status), Utc(a.HandledAt), a.HandledBy, a.DismissReason, Utc(a.UnhandledAt),
            a.PoliceLevel, AlarmCodes.LevelLabel(a.PoliceLevel), a.PoliceReason, Utc(a.ReportedAt), ReportDelay(a), Utc(a.LevelSince),
            Utc(a.AcknowledgedAt), a.AcknowledgedBy, a.AcknowledgedLevel,
            a.Outcome, a.Outcome is { } o ? AlarmCodes.OutcomeLabel(o) : null, a.OutcomeNote, Utc(a.OutcomeAt), a.OutcomeBy, sitePhone ?? a.Site?.ContactPhone);
    }

    /// <summary>From the unit's confirmation to the report to the police, in milliseconds (province art. 14 ¶2: at once).</summary>
    public static long? ReportDelay(Alarm a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Status == AlarmCodes.Confirmed && a.HandledAt is { } h && a.ReportedAt is { } r && a.PoliceReason == AlarmCodes.ReasonConfirmed
            ? (long)Math.Max(0, (r - h).TotalMilliseconds)
            : null;
    }

    /// <summary>Times read back from SQLite come without a kind: they are UTC.</summary>
    public static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? t) => t is { } x ? Utc(x) : null;
}
