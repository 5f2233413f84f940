using System.Text.RegularExpressions;
using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// 备案 in the pages (issue 11, "a unit files a system and police accept it in the pages"): the demo unit of 内蒙古 files a
/// video system of 新城区 with the facts the platform filled in, the county police of 新城区 find it in their queue and accept
/// it, and the certificate shows its number of the county and year.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FilingTests(BrowserFixture browser)
{
    [GeneratedRegex(@"^150102备〔\d{4}〕\d{4}号$")]
    private static partial Regex Number();

    [Fact]
    public async Task A_unit_files_a_system_and_the_county_police_accept_it_and_the_certificate_shows_its_number()
    {
        var unit = await browser.NewPageAsync();
        await new LoginPage(unit).SignInAsync("nmg.unit.admin", "Jifang-Demo-2026");
        await unit.GotoAsync("/Filings");
        var row = unit.Locator("#systems tbody tr", new() { HasText = "新城区" }).Filter(new() { Has = unit.GetByRole(AriaRole.Link, new() { Name = "办理备案" }) }).First;
        var systemName = (await row.Locator("td").First.InnerTextAsync()).Trim();
        var siteName = (await row.Locator("td").Nth(1).InnerTextAsync()).Trim();
        // A demo site has several systems (a build project's among them): the row is the system's, found again by its id.
        var rowId = await row.GetAttributeAsync("id");
        await row.GetByRole(AriaRole.Link, new() { Name = "办理备案" }).ClickAsync();
        Assert.Contains("图像采集设备数量", await unit.Locator("#filed-facts").InnerTextAsync(), StringComparison.Ordinal);

        // Not confirmed: refused, naming the confirmation.
        await unit.Locator("#submit-filing").ClickAsync();
        Assert.Contains("请确认所备案的信息真实", await unit.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await unit.Locator("#Confirmed").CheckAsync();
        await unit.Locator("#submit-filing").ClickAsync();
        await unit.ForUrlAsync(url => url.Contains("/Filings/Details/", StringComparison.Ordinal), "FilingDetails");
        Assert.Equal("待公安机关审核", (await unit.Locator("#state").InnerTextAsync()).Trim());

        var police = await browser.NewPageAsync();
        await new LoginPage(police).SignInAsync("nmg.police.xincheng", "Jifang-Demo-2026");
        await police.GotoAsync("/Filings");
        await police.Locator("#pending tbody tr", new() { HasText = siteName }).Filter(new() { HasText = systemName }).GetByRole(AriaRole.Link).First.ClickAsync();
        await police.Locator("#accept").ClickAsync();
        await police.ForUrlAsync(url => url.Contains("/Filings/Details/", StringComparison.Ordinal), "FilingDetails");
        Assert.Equal("已备案", (await police.Locator("#state").InnerTextAsync()).Trim());
        await police.Locator("#certificate-link").ClickAsync();
        var number = (await police.Locator("#certificate-number").InnerTextAsync()).Trim();
        Assert.Matches(Number(), number);
        var certificate = await police.Locator("#certificate").InnerTextAsync();
        Assert.Contains("第十四条第一款", certificate, StringComparison.Ordinal);
        Assert.Contains(systemName, certificate, StringComparison.Ordinal);

        // The unit sees the same number on its list.
        await unit.GotoAsync("/Filings");
        Assert.Contains(number, await unit.Locator($"#{rowId}").InnerTextAsync(), StringComparison.Ordinal);
    }
}
