namespace Jifang.Features.Filing;

/// <summary>
/// The parameters of 第十四条第一款's deadlines: <paramref name="DaysAfterInService"/> days from the day a system goes into
/// service (30); a system in service before <paramref name="Effective"/> (2025-04-01, 第三十四条) by <paramref name="ExistingBy"/>
/// (2025-06-30: 90 days from the day the regulation took effect). Data, not code: the national pack's filing rule (check kind
/// filing-deadline) carries the same three values, and the next regulation with a filing duty brings its own.
/// </summary>
public sealed record FilingDeadlineRule(int DaysAfterInService, DateOnly Effective, DateOnly ExistingBy)
{
    /// <summary>《公共安全视频图像信息系统管理条例》第十四条第一款.</summary>
    public static readonly FilingDeadlineRule National2025 = new(30, new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30));
}

/// <summary>When a system must be filed by, and how late it is.</summary>
public static class FilingDeadline
{
    /// <summary>
    /// The last day on which the system may be filed in time, or null when it is not in service (nothing to file yet).
    /// A period counted in days starts the day after the event (民法典第二百零一条): in service on 2025-05-10, due by 2025-06-09.
    /// A system in service before the regulation took effect, or whose day of going into service is not known, is due by
    /// <see cref="FilingDeadlineRule.ExistingBy"/> (the contract: a missing in-service date means "before the effective date").
    /// </summary>
    public static DateOnly? Due(bool inService, DateOnly? inServiceSince, FilingDeadlineRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!inService)
        {
            return null;
        }
        return inServiceSince is { } since && since >= rule.Effective ? since.AddDays(rule.DaysAfterInService) : rule.ExistingBy;
    }

    /// <summary>Days past the deadline on <paramref name="today"/> (0 on or before the last day).</summary>
    public static int DaysOverdue(DateOnly? due, DateOnly today) => due is { } d && today > d ? today.DayNumber - d.DayNumber : 0;
}
