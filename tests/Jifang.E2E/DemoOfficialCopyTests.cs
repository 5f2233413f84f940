using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// The demo's official copy (docs/demo.md): opened by nmg.police.xincheng, co-signed by nmg.police.xincheng2 of the same
/// county bureau, registered by the unit; its package, downloaded from the registration slip, verifies at /Access/Verify.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoOfficialCopyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_seeded_copy_by_two_officers_of_one_bureau_is_registered_and_its_package_verifies()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync("nmg.police.xincheng", "Jifang-Demo-2026");
        await page.GotoAsync("/Access?requester=official");
        await page.Locator("tbody tr", new() { HasText = "演示：入室盗窃案调查取证" }).GetByRole(AriaRole.Link).First.ClickAsync();
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("已登记办理", text, StringComparison.Ordinal);
        Assert.Contains("nmg.police.xincheng；工作证件 150102-0001", text, StringComparison.Ordinal);
        Assert.Contains("nmg.police.xincheng2；工作证件 150102-0002", text, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^复制 · ") }).ClickAsync();
        var sha = (await page.Locator("#package-sha").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", sha);
        var folder = Directory.CreateTempSubdirectory("jifang-e2e-official-").FullName;
        try
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#package-link").ClickAsync());
            var file = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            var verified = await new VerifyPackagePage(page).VerifyAsync(file);
            Assert.Contains("核验通过", verified, StringComparison.Ordinal);
            Assert.Contains(sha, verified, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
