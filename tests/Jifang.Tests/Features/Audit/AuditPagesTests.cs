using System.Net;
using System.Text.RegularExpressions;
using Jifang.Features.Audit;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// The log's pages speak to a reader (issue 10): every action by its Chinese name (never its code), subjects and units by
/// their names with a link, citations written out as 《…》第十条第一款 whatever kind of entry holds them, and a filter
/// for every kind of action the platform logs.
/// </summary>
public abstract partial class AuditPagesTests(PlatformFixture fx)
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [Fact]
    public async Task Entries_show_names_not_codes_or_identifiers_and_the_filter_offers_every_kind()
    {
        var s = await fx.NewSystemAsync();
        var alarm = await fx.AcceptedAlarmAsync(s);
        await fx.Client(Callers.UnitOperatorA).PostAsync(new Uri($"/api/alarms/{alarm}/confirm", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var page = await fx.PageClientAsync(Callers.PoliceCounty);

        var list = await page.GetStringAsync(new Uri($"/Audit?subject=alarm:{alarm}", UriKind.Relative));
        var text = Text(list);
        Assert.Contains("确认报警", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alarm.confirmed", text, StringComparison.Ordinal);
        Assert.DoesNotContain(alarm.ToString(), text, StringComparison.Ordinal);
        Assert.Contains($"/Alarms/Details/{alarm}", list, StringComparison.Ordinal);
        foreach (var kind in new[] { "报警", "信息资料", "查阅调取", "证据保全" })
        {
            Assert.Contains($">{kind}</option>", list, StringComparison.Ordinal);
        }

        var sites = Text(await page.GetStringAsync(new Uri($"/Audit?subject=site:{fx.A.SiteId}", UriKind.Relative)));
        Assert.Contains($"场所「{fx.A.SiteName}」", sites, StringComparison.Ordinal);
        Assert.DoesNotContain(fx.A.SiteId.ToString(), sites, StringComparison.Ordinal);

        // An alarm step's entry: its citation written out, its unit named.
        var index = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().Where(e => e.Subject == $"alarm:{alarm}" && e.Action == "alarm.confirmed").Select(e => e.Index).SingleAsync());
        var whole = Text(await page.GetStringAsync(new Uri($"/Audit/Entry/{index}", UriKind.Relative)));
        // The entry as a reader sees it; its canonical bytes (for checking the proof by hand) follow under 收录证明.
        var entry = whole[..whole.IndexOf("收录证明", StringComparison.Ordinal)];
        Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第十条", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("art.", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("alarm.confirmed", entry, StringComparison.Ordinal);
        Assert.Contains($"单位「{fx.A.UnitName}」", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_action_in_the_log_has_a_chinese_name()
    {
        // What the tests so far made the platform log (every kind of change, refusal, step and sign-in): each has a name.
        var actions = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().Select(e => e.Action).Distinct().ToListAsync());
        Assert.True(actions.Count >= 10, string.Join(", ", actions));
        var unnamed = actions.Where(a => !AuditActions.IsKnown(a)).ToList();
        Assert.True(unnamed.Count == 0, "actions without a Chinese name: " + string.Join(", ", unnamed));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditPagesSqlite(SqliteFixture fx) : AuditPagesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditPagesPostgres(PostgresFixture fx) : AuditPagesTests(fx);
