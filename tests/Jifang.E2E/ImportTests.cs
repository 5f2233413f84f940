using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>Importing a sheet in the browser shows progress, then what was imported and judged.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_csv_of_sites_is_imported_with_progress_and_judged()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(PlatformServer.AdminUser, PlatformServer.AdminPassword);
        // The example's unit (青城实业有限公司) is in the demo: the example imports as it is (issue 10).

        var csv = Path.Combine(PlatformServer.RepoRoot, "docs", "examples", "sites.csv");
        var result = await new ImportPage(page).ImportAsync(csv, "91150102MA0N000001");

        Assert.Contains("导入完成", result, StringComparison.Ordinal);
        Assert.Matches(@"场所 \d+ 个", result);
        await page.GotoAsync("/Sites?search=青城宾馆");
        Assert.Contains("青城宾馆", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
