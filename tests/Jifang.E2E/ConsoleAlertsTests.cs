using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// Issue 10's alarm consoles, on a desktop of 1,400 px and a phone of 390 px: with notifications allowed and the reminder
/// switched on, a new alarm arriving live sounds a tone made with WebAudio and raises a desktop notification (both observed
/// through spies an init script puts on the browser's Notification and AudioContext); the pending alarms are in order of
/// priority, then time; the site's phone is a tel: link; the county signs for the alarm (签收) and records 处警反馈 from that
/// width, and the unit's console shows the outcome live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAlertsTests(BrowserFixture browser)
{
    private const string Password = "Jifang-Demo-2026";

    /// <summary>Counts the notifications and tones the page makes, through the real Notification and AudioContext.</summary>
    private const string Spies =
        """
        (() => {
          window.__notifications = [];
          window.__tones = 0;
          window.__alerts = [];
          const Real = window.Notification;
          if (Real) {
            const Spy = function (title, options) {
              window.__notifications.push({ title, body: options && options.body, tag: options && options.tag });
              return new Real(title, options);
            };
            Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
            Spy.requestPermission = (...args) => Real.requestPermission(...args);
            window.Notification = Spy;
          }
          const Context = window.AudioContext;
          if (Context) {
            const create = Context.prototype.createOscillator;
            Context.prototype.createOscillator = function () { window.__tones++; return create.call(this); };
          }
          window.addEventListener('jifang:alarm-alert', e => window.__alerts.push(e.detail));
        })();
        """;

    [Theory]
    [InlineData(LayoutProbe.Desktop)]
    [InlineData(LayoutProbe.Phone)]
    public async Task A_new_alarm_sounds_and_notifies_the_consoles_in_order_of_priority_and_the_county_signs_and_reports_the_outcome(int width)
    {
        var operatorPage = await AlertingPageAsync(width, "nmg.unit.operator", "/Alarms");
        var countyPage = await AlertingPageAsync(width, "nmg.police.xincheng", "/Alarms/Police");

        // A low-priority alarm, then an urgent one: the urgent one is notified and listed first, the older low one after it.
        var lowId = DemoAlarm.NewExternalId();
        var low = await DemoAlarm.PostAsync(browser.Server, lowId, "low");
        var urgentId = DemoAlarm.NewExternalId();
        var urgent = await DemoAlarm.PostAsync(browser.Server, urgentId, "critical");
        var console = new OperatorConsolePage(operatorPage);
        var row = await console.PendingRowAsync(urgentId);
        await console.PendingRowAsync(lowId);
        await WaitForAlertAsync(operatorPage, urgent);
        var tag = await operatorPage.EvaluateAsync<string?>($"id => (window.__notifications.find(n => n.tag === 'jifang-alarm-' + id) || {{}}).title", urgent.ToString());
        Assert.Equal("新报警：阳光宾馆（巴彦淖尔路店）", tag);
        Assert.True(await operatorPage.EvaluateAsync<int>("() => window.__tones") >= 2, "no tone was made with WebAudio");
        Assert.True(await operatorPage.EvaluateAsync<bool>($"id => window.__alerts.some(a => a.id === id && a.sound && a.notification)", urgent.ToString()));

        var priorities = await operatorPage.Locator("#pending tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.priority)");
        var ranks = priorities.Select(p => Array.IndexOf(["critical", "high", "normal", "low"], p)).ToList();
        Assert.True(ranks.SequenceEqual(ranks.Order()), "pending alarms not in order of priority: " + string.Join(", ", priorities));
        var ids = await operatorPage.Locator("#pending tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)");
        Assert.True(Array.IndexOf(ids, $"alarm-{urgent}") < Array.IndexOf(ids, $"alarm-{low}"), "the urgent alarm is not above the older low one");

        // The site's phone, to call from the console.
        var tel = row.Locator("a[href^='tel:']");
        var phone = (await tel.InnerTextAsync()).Trim();
        Assert.Matches(@"^138-0000-\d{4}$", phone);
        Assert.Equal("tel:" + phone.Replace("-", "", StringComparison.Ordinal), await tel.GetAttributeAsync("href"));

        // The operator confirms the urgent alarm: the county's console is alerted as it arrives there.
        Assert.Contains("已确认为真实警情", await console.ConfirmAsync(row), StringComparison.Ordinal);
        var county = new PoliceConsolePage(countyPage);
        await county.Row(urgent).WaitForAsync(new() { Timeout = 15_000 });
        await WaitForAlertAsync(countyPage, urgent);
        Assert.True(await countyPage.EvaluateAsync<bool>($"id => window.__notifications.some(n => n.tag === 'jifang-alarm-' + id)", urgent.ToString()));

        // 签收 and 处警反馈 at this width.
        var acknowledge = county.Row(urgent).GetByRole(AriaRole.Button, new() { Name = "签收" });
        await acknowledge.ScrollIntoViewIfNeededAsync();
        await AssertWithinAsync(acknowledge, width);
        Assert.Contains("已签收", await county.AcknowledgeAsync(urgent), StringComparison.Ordinal);
        var fill = countyPage.Locator($"#acknowledged-{urgent} a.fill-outcome");
        await fill.ClickAsync();
        var form = countyPage.Locator("#outcome-form");
        await form.WaitForAsync();
        await form.Locator("select[name=Outcome]").SelectOptionAsync("dispatched");
        await form.Locator("textarea[name=OutcomeNote]").FillAsync("民警到场核查，已处置");
        var submit = form.GetByRole(AriaRole.Button, new() { Name = "提交处警反馈" });
        await AssertWithinAsync(submit, width);
        await submit.ClickAsync();
        var notice = countyPage.Locator(".notice-bar");
        await notice.WaitForAsync();
        Assert.Contains("已填写处警反馈：出警处置", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("出警处置", await countyPage.Locator("#outcome").InnerTextAsync(), StringComparison.Ordinal);

        // The unit's console shows the outcome without a reload.
        await operatorPage.Locator($"#handled-{urgent} td.outcome", new() { HasTextString = "出警处置" }).WaitForAsync(new() { Timeout = 15_000 });

        var layout = await new LayoutProbe(countyPage).ProblemsAtAsync(width, $"/Alarms/Details/{urgent}");
        Assert.True(layout.Count == 0, string.Join('\n', layout));
    }

    /// <summary>A console signed in at a width, with notifications allowed by the browser and the page's reminder switched on.</summary>
    private async Task<IPage> AlertingPageAsync(int width, string user, string path)
    {
        var page = await browser.NewPageAsync(width);
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.Server.BaseAddress.ToString().TrimEnd('/') });
        await page.Context.AddInitScriptAsync(Spies);
        await new LoginPage(page).SignInAsync(user, Password);
        await page.GotoAsync(path);
        await page.Locator("body[data-live=ready]").WaitForAsync(new() { Timeout = 15_000 });
        var toggle = page.Locator("#alert-toggle");
        Assert.Equal("开启声音和桌面提醒", (await toggle.InnerTextAsync()).Trim());
        await toggle.ClickAsync();
        await page.Locator("#alert-status", new() { HasTextString = "声音和桌面通知已开启" }).WaitForAsync();
        return page;
    }

    private static Task WaitForAlertAsync(IPage page, Guid alarm) =>
        page.WaitForFunctionAsync("id => window.__alerts.some(a => a.id === id)", alarm.ToString(), new() { Timeout = 15_000 });

    private static async Task AssertWithinAsync(ILocator element, int width)
    {
        Assert.True(await element.IsVisibleAsync(), "not visible");
        var right = await element.EvaluateAsync<double>("e => e.getBoundingClientRect().right");
        Assert.True(right <= width, $"ends at {right} px, beyond {width} px");
    }
}
