using Jifang.Features.Filing;

namespace Jifang.Tests.Features.Filing;

/// <summary>第十四条第一款's deadlines, counted as 民法典第二百零一条 counts days (the day of the event not counted).</summary>
public sealed class FilingDeadlineTests
{
    private static readonly FilingDeadlineRule Rule = FilingDeadlineRule.National2025;

    [Theory]
    [InlineData("2020-01-01", "2025-06-30")] // in use before the regulation: 90 days from 2025-04-01
    [InlineData("2025-03-31", "2025-06-30")]
    [InlineData("2025-04-01", "2025-05-01")] // in service on the day it took effect: 30 days
    [InlineData("2025-05-10", "2025-06-09")]
    [InlineData("2026-02-01", "2026-03-03")]
    public void The_deadline_follows_the_day_of_going_into_service(string since, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            FilingDeadline.Due(true, DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture), Rule));

    [Fact]
    public void Without_a_day_of_going_into_service_a_system_in_service_is_one_of_before_and_one_not_in_service_has_no_deadline()
    {
        Assert.Equal(new DateOnly(2025, 6, 30), FilingDeadline.Due(true, null, Rule));
        Assert.Null(FilingDeadline.Due(false, new DateOnly(2026, 1, 1), Rule));
    }

    [Fact]
    public void The_last_day_is_in_time_and_the_next_is_one_day_overdue()
    {
        var due = new DateOnly(2025, 6, 30);
        Assert.Equal(0, FilingDeadline.DaysOverdue(due, due));
        Assert.Equal(1, FilingDeadline.DaysOverdue(due, due.AddDays(1)));
        Assert.Equal(0, FilingDeadline.DaysOverdue(null, due.AddDays(100)));
    }

    [Fact]
    public void A_returned_filing_is_not_filed_and_a_resubmitted_one_counts_from_its_first_submission()
    {
        var system = Guid.NewGuid();
        var first = new DateTime(2025, 6, 20, 2, 0, 0, DateTimeKind.Utc);
        var returned = new VideoFiling { SystemId = system, State = FilingStates.Returned, FirstSubmittedAt = first };
        Assert.Empty(FilingService.Status([returned], TimeZoneInfo.Utc));
        returned.State = FilingStates.Pending;
        returned.SubmittedAt = first.AddDays(20);
        Assert.Equal((true, (DateOnly?)new DateOnly(2025, 6, 20)), FilingService.Status([returned], TimeZoneInfo.Utc)[system]);
    }
}
