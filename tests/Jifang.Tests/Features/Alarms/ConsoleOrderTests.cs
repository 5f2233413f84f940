using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Alarms;

/// <summary>
/// The consoles list what waits in order of priority (紧急, 高, 一般, 低), then time — newest first for the operator, longest
/// waiting first for the police — and by time alone with <c>sort=time</c>, in the page and in its live refresh.
/// </summary>
public abstract partial class ConsoleOrderTests(PlatformFixture fx)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [GeneratedRegex("<tr id=\"alarm-([0-9a-f-]{36})\"")]
    private static partial Regex RowId();

    private static List<Guid> Order(string html, IReadOnlyCollection<Guid> of) =>
        RowId().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Where(of.Contains).ToList();

    [Fact]
    public async Task Pending_and_awaiting_alarms_come_by_priority_then_time_or_by_time_when_asked()
    {
        var s = await fx.NewSystemAsync();
        using var intake = fx.IntakeClient(s.Key);
        var ids = new List<Guid>();
        foreach (var priority in new[] { "low", "critical", "normal", "high" })
        {
            var body = await intake.PostAlarmAsync(AlarmKit.Alarm(fx.Unique("ORDER"), fx.Time.GetUtcNow(), priority: priority)).ExpectAsync(HttpStatusCode.Accepted);
            ids.Add(body.GetProperty("alarm").GetGuid());
            await fx.MoveClockAsync(TimeSpan.FromSeconds(2));
        }
        var (low, critical, normal, high) = (ids[0], ids[1], ids[2], ids[3]);

        var unit = await fx.PageClientAsync(Callers.UnitOperatorA);
        Assert.Equal([critical, high, normal, low], Order(await unit.GetStringAsync(Url("/Alarms")), ids));
        Assert.Equal([critical, high, normal, low], Order(await unit.GetStringAsync(Url("/Alarms?handler=Rows")), ids));
        Assert.Equal([high, normal, critical, low], Order(await unit.GetStringAsync(Url("/Alarms?sort=time")), ids));
        Assert.Equal([high, normal, critical, low], Order(await unit.GetStringAsync(Url("/Alarms?handler=Rows&sort=time")), ids));

        // Confirmed in the order posted: reported to the county in that order.
        foreach (var id in ids)
        {
            await fx.Client(Callers.UnitOperatorA).PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
            await fx.MoveClockAsync(TimeSpan.FromSeconds(2));
        }
        var police = await fx.PageClientAsync(Callers.PoliceCounty);
        Assert.Equal([critical, high, normal, low], Order(await police.GetStringAsync(Url("/Alarms/Police")), ids));
        Assert.Equal([low, critical, normal, high], Order(await police.GetStringAsync(Url("/Alarms/Police?handler=Rows&sort=time")), ids));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsoleOrderSqlite(SqliteFixture fx) : ConsoleOrderTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ConsoleOrderPostgres(PostgresFixture fx) : ConsoleOrderTests(fx);
