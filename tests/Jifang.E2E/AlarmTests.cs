using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>
/// The issue's browser path for alarms, in the demo (its keyed system is in 呼和浩特市新城区): an alarm posted with the
/// system's key appears live on the hotel group's operator console, is confirmed there, appears on the county console of
/// 新城区, and — nobody acknowledging it there within the server's escalation time — appears on the city console of
/// 呼和浩特市, where it is acknowledged; its page lists every receipt.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AlarmTests(BrowserFixture browser)
{
    private const string Password = "Jifang-Demo-2026";

    [Fact]
    public async Task A_posted_alarm_goes_from_the_operator_to_the_county_and_escalates_to_the_city()
    {
        var operatorPage = await browser.NewPageAsync();
        await new LoginPage(operatorPage).SignInAsync("nmg.unit.operator", Password);
        var console = new OperatorConsolePage(operatorPage);
        await console.OpenAsync();

        var countyPage = await browser.NewPageAsync();
        await new LoginPage(countyPage).SignInAsync("nmg.police.xincheng", Password);
        var county = new PoliceConsolePage(countyPage);
        await county.OpenAsync();

        // The device posts; the operator's console shows it without a reload.
        var externalId = DemoAlarm.NewExternalId();
        var alarm = await DemoAlarm.PostAsync(browser.Server, externalId);
        var row = await console.PendingRowAsync(externalId);
        var text = await row.InnerTextAsync();
        Assert.Contains("大堂红外探测器", text, StringComparison.Ordinal);
        Assert.Contains("入侵报警", text, StringComparison.Ordinal);
        Assert.Contains("阳光宾馆（巴彦淖尔路店）", text, StringComparison.Ordinal);

        var notice = await console.ConfirmAsync(row);
        Assert.Contains("已确认为真实警情", notice, StringComparison.Ordinal);
        Assert.Contains("县（旗县）级公安机关（150102）", notice, StringComparison.Ordinal);

        // The county console gets it live, at the county level.
        await county.Row(alarm).WaitForAsync(new() { Timeout = 15_000 });
        Assert.StartsWith("县（旗县）级公安机关", await county.LevelOfAsync(alarm), StringComparison.Ordinal);

        // The city's console does not have it yet; nobody at the county acknowledges, so it escalates and appears there.
        var cityPage = await browser.NewPageAsync();
        await new LoginPage(cityPage).SignInAsync("nmg.police.hohhot", Password);
        var city = new PoliceConsolePage(cityPage);
        await city.OpenAsync();
        await city.Row(alarm).WaitForAsync(new() { Timeout = (PlatformServer.EscalateAfterSeconds + 20) * 1000 });
        Assert.StartsWith("设区的市（盟市）级公安机关", await city.LevelOfAsync(alarm), StringComparison.Ordinal);
        // The county still sees it, marked as gone on to the city.
        await countyPage.Locator($"#awaiting tr#alarm-{alarm}.passed").WaitForAsync(new() { Timeout = 15_000 });

        var acknowledged = await city.AcknowledgeAsync(alarm);
        Assert.Contains("已签收", acknowledged, StringComparison.Ordinal);

        var receipts = await new AlarmDetailsPage(cityPage).ReceiptsAsync(alarm);
        Assert.Equal(4, receipts.Count);
        Assert.Contains("确认为真实警情", receipts[0], StringComparison.Ordinal);
        Assert.Contains("nmg.unit.operator", receipts[0], StringComparison.Ordinal);
        Assert.Contains("上报公安机关", receipts[1], StringComparison.Ordinal);
        Assert.Contains("150102", receipts[1], StringComparison.Ordinal);
        Assert.Contains("未签收，逐级上报", receipts[2], StringComparison.Ordinal);
        Assert.Contains("1501", receipts[2], StringComparison.Ordinal);
        Assert.Contains("公安机关签收", receipts[3], StringComparison.Ordinal);
        Assert.Contains("nmg.police.hohhot", receipts[3], StringComparison.Ordinal);
        Assert.All(receipts, r => Assert.Contains("第十条", r, StringComparison.Ordinal));
        Assert.All(receipts, r => Assert.Matches(@"第 \d+ 条", r));
    }
}
