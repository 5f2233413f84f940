using System.Net;
using System.Text.Json;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Compliance;

/// <summary>The dashboard's breakdown by subordinate division, its weekly and monthly trend and the oldest open findings (issue 10).</summary>
public abstract class DashboardTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    [Theory]
    [InlineData("police-province", 4)]
    [InlineData("police-city", 6)]
    public async Task The_breakdown_is_by_the_divisions_one_level_below_and_adds_up_to_the_counters(string caller, int length)
    {
        var client = fx.Client(Callers.All.Single(c => c.Key == caller));
        var d = await client.GetAsync("/api/dashboard").ExpectAsync(HttpStatusCode.OK);
        var rows = d.GetProperty("byDivision").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(length, r.Str("prefix").Length));
        Assert.Equal(d.GetProperty("sites").GetInt32(), rows.Sum(r => r.GetProperty("sites").GetInt32()));
        Assert.Equal(d.GetProperty("findings").GetInt32(), rows.Sum(r => r.GetProperty("findings").GetInt32()));
        Assert.Equal(d.GetProperty("sitesWithFindings").GetInt32(), rows.Sum(r => r.GetProperty("sitesWithFindings").GetInt32()));
        // Named, and worst share first.
        Assert.Contains(rows, r => r.Str("name") == (length == 4 ? "呼和浩特市" : "新城区"));
        var rates = rows.Select(r => r.GetProperty("rate").GetDouble()).ToList();
        Assert.Equal(rates.OrderByDescending(x => x), rates);
        // A county has nothing below it.
        var county = await fx.Client(Callers.PoliceCounty).GetAsync("/api/dashboard").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(county.GetProperty("byDivision").EnumerateArray());
        // A filter narrows the breakdown: the province police looking at 1501 see its counties.
        var narrowed = await fx.Client(Callers.PoliceProvince).GetAsync("/api/dashboard?division=1501").ExpectAsync(HttpStatusCode.OK);
        Assert.All(narrowed.GetProperty("byDivision").EnumerateArray(), r => Assert.StartsWith("1501", r.Str("prefix"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_weekly_and_monthly_trends_end_with_the_counters()
    {
        var d = await Admin.GetAsync("/api/dashboard").ExpectAsync(HttpStatusCode.OK);
        foreach (var name in new[] { "trend", "trendByWeek", "trendByMonth" })
        {
            var last = d.GetProperty(name).EnumerateArray().Last();
            Assert.Equal(d.GetProperty("findings").GetInt32(), last.GetProperty("findings").GetInt32());
            Assert.Equal(d.GetProperty("sites").GetInt32(), last.GetProperty("sites").GetInt32());
        }
        Assert.True(d.GetProperty("trendByWeek").GetArrayLength() <= 26);
        Assert.True(d.GetProperty("trendByMonth").GetArrayLength() <= 13);
        var weeks = d.GetProperty("trendByWeek").EnumerateArray().Select(p => DateOnly.Parse(p.Str("date"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(weeks.Count, weeks.Select(w => w.AddDays(-(((int)w.DayOfWeek + 6) % 7))).Distinct().Count());
    }

    [Fact]
    public async Task The_oldest_open_findings_keep_the_time_they_were_first_raised_across_rejudgements()
    {
        // 150123 is used by this test alone.
        const string division = "150123";
        var unit = (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("最久问题单位"), division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var first = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(unit, "先登记的旅店", division)).ExpectAsync(HttpStatusCode.Created)).Id();
        await fx.AdvanceAsync(TimeSpan.FromMinutes(2));
        var second = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(unit, "后登记的旅店", division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var before = Oldest(await Admin.GetAsync($"/api/dashboard?division={division}").ExpectAsync(HttpStatusCode.OK));
        Assert.Equal([first, second], before.Select(f => f.Site).Distinct());
        Assert.True(before[0].RaisedAt < before[^1].RaisedAt);
        Assert.Contains("第", before[0].Citation, StringComparison.Ordinal);

        // Re-judged (an edit that does not fix it): the finding keeps its first time and stays first.
        await fx.AdvanceAsync(TimeSpan.FromMinutes(2));
        await Admin.PutJsonAsync($"/api/sites/{first}", Bodies.Hotel(unit, "先登记的旅店（改名）", division)).ExpectAsync(HttpStatusCode.OK);
        var after = Oldest(await Admin.GetAsync($"/api/dashboard?division={division}").ExpectAsync(HttpStatusCode.OK));
        Assert.Equal(before.Select(f => (f.Site, f.RaisedAt)), after.Select(f => (f.Site, f.RaisedAt)));

        // Fixed, it goes.
        await Admin.PostJsonAsync($"/api/sites/{first}/systems", Bodies.System("旅店监控", "main-entrance", "passage")).ExpectAsync(HttpStatusCode.Created);
        var fixedUp = Oldest(await Admin.GetAsync($"/api/dashboard?division={division}").ExpectAsync(HttpStatusCode.OK));
        Assert.DoesNotContain(fixedUp, f => f.Site == first);
    }

    [Fact]
    public async Task The_page_shows_the_breakdown_the_chosen_trend_and_the_oldest_findings()
    {
        var client = await fx.PageClientAsync(Callers.PoliceCity);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/?Period=month", UriKind.Relative)));
        Assert.Contains("按下级行政区划", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?Division=150102\">新城区</a>", html, StringComparison.Ordinal);
        Assert.Contains("问题数趋势（按月，每月末）", html, StringComparison.Ordinal);
        Assert.Contains("<strong>按月</strong>", html, StringComparison.Ordinal);
        Assert.Contains("存在时间最长的问题", html, StringComparison.Ordinal);
        var weekly = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/?Period=week", UriKind.Relative)));
        Assert.Contains("问题数趋势（按周，每周末）", weekly, StringComparison.Ordinal);
    }

    private static List<(Guid Site, DateTime RaisedAt, string Citation)> Oldest(JsonElement d) =>
        d.GetProperty("oldestFindings").EnumerateArray()
            .Select(f => (f.GetProperty("siteId").GetGuid(), f.GetProperty("raisedAt").GetDateTime(), f.GetProperty("citation").Str("text"))).ToList();
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardSqlite(SqliteFixture fx) : DashboardTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class DashboardPostgres(PostgresFixture fx) : DashboardTests(fx);
