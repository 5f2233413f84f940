using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// Issue 10's layout: the consoles and the pages a unit uses on site, as the demo's users see them on a desktop of 1,400 px and
/// on a phone of 390 px. No page is wider than the screen, no link or button is broken over lines, no table cell is squeezed
/// to a character a line, the user's name stays beside the menu on the desktop, and on the phone the operator reaches
/// 确认警情 of a new alarm and confirms it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserFixture browser)
{
    private const string Password = "Jifang-Demo-2026";

    [Fact]
    public async Task The_consoles_and_the_field_pages_fit_a_desktop_and_a_phone()
    {
        var problems = new List<string>();
        var externalId = DemoAlarm.NewExternalId();
        var alarm = await DemoAlarm.PostAsync(browser.Server, externalId);

        // The operator: the console with the new alarm on both widths, then 确认警情 from the phone.
        var operatorPage = await browser.NewPageAsync();
        await new LoginPage(operatorPage).SignInAsync("nmg.unit.operator", Password);
        var operatorLayout = new LayoutProbe(operatorPage);
        problems.AddRange(await operatorLayout.ProblemsAtAsync(LayoutProbe.Desktop, "/Alarms"));
        problems.AddRange(await operatorLayout.ProblemsAtAsync(LayoutProbe.Phone, "/Alarms"));
        var confirm = operatorPage.Locator($"#pending tr[data-external-id='{externalId}']").GetByRole(AriaRole.Button, new() { Name = "确认警情" });
        await confirm.ScrollIntoViewIfNeededAsync();
        Assert.True(await confirm.IsVisibleAsync(), "确认警情 is not visible on the phone");
        var right = await confirm.EvaluateAsync<double>("e => e.getBoundingClientRect().right + window.scrollX");
        Assert.True(right <= LayoutProbe.Phone, $"确认警情 ends at {right} px, beyond the phone's width");
        var notice = await new OperatorConsolePage(operatorPage).ConfirmAsync(operatorPage.Locator($"#pending tr[data-external-id='{externalId}']"));
        Assert.Contains("已确认为真实警情", notice, StringComparison.Ordinal);

        // The county police: their console, the lists of sites (cards on the phone) and units (a table that scrolls) and the alarm's page.
        var policePage = await browser.NewPageAsync();
        await new LoginPage(policePage).SignInAsync("nmg.police.xincheng", Password);
        var policeLayout = new LayoutProbe(policePage);
        foreach (var width in new[] { LayoutProbe.Desktop, LayoutProbe.Phone })
        {
            problems.AddRange(await policeLayout.ProblemsAtAsync(width, "/Alarms/Police"));
            problems.AddRange(await policeLayout.ProblemsAtAsync(width, "/Sites"));
            problems.AddRange(await policeLayout.ProblemsAtAsync(width, "/Units"));
            problems.AddRange(await policeLayout.ProblemsAtAsync(width, $"/Alarms/Details/{alarm}"));
        }

        // The unit administrator on site: the site's page (its systems with 编辑) and the device form.
        var unitPage = await browser.NewPageAsync();
        await new LoginPage(unitPage).SignInAsync("nmg.unit.admin", Password);
        await unitPage.GotoAsync($"/Alarms/Details/{alarm}");
        var site = await unitPage.Locator("dl.facts a[href^='/Sites/Details/']").GetAttributeAsync("href");
        var unitLayout = new LayoutProbe(unitPage);
        foreach (var width in new[] { LayoutProbe.Desktop, LayoutProbe.Phone })
        {
            problems.AddRange(await unitLayout.ProblemsAtAsync(width, site!));
            problems.AddRange(await unitLayout.ProblemsAtAsync(width, site!.Replace("/Sites/Details/", "/Devices/Create?siteId=", StringComparison.Ordinal)));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
