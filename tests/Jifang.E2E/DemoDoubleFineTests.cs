using System.Text.Json;
using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>
/// Issue 11 (docs/demo.md): in each jurisdiction of the demo a site has a camera where both its regional regulation and the
/// national one forbid it; its page shows the findings under both regulations and, on each, that the fine is imposed once,
/// under the higher range (《中华人民共和国行政处罚法》第二十九条).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoDoubleFineTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nmg.police", "《内蒙古自治区公共安全技术防范管理条例》")]
    [InlineData("prov.police", "《省安全技术防范条例》")]
    public async Task A_demo_site_shows_its_findings_under_both_regulations_and_the_double_fine_note(string user, string regional)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(user, "Jifang-Demo-2026");

        // The demo's national privacy findings in the officer's province; the first that concurs with a regional one.
        var answer = await page.Context.APIRequest.GetAsync("/api/findings?rule=privacy-zone-capture&regulation=national-2025&pageSize=200");
        Assert.True(answer.Ok, $"{answer.Status} {await answer.TextAsync()}");
        using var json = JsonDocument.Parse(await answer.TextAsync());
        var finding = json.RootElement.GetProperty("items").EnumerateArray().First(f => f.GetProperty("doubleFine").ValueKind == JsonValueKind.Object);
        var site = finding.GetProperty("siteId").GetGuid();

        await page.GotoAsync($"/Sites/Details/{site}");
        var text = await new SiteDetailsPage(page).TextAsync();
        Assert.Equal($"《公共安全视频图像信息系统管理条例》、{regional}", (await page.Locator("#site-regulations").InnerTextAsync()).Trim());
        Assert.Contains("依《公共安全视频图像信息系统管理条例》", text, StringComparison.Ordinal);
        Assert.Contains($"依{regional}", text, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第八条第一款", text, StringComparison.Ordinal);
        Assert.Contains("一事不二罚", text, StringComparison.Ordinal);
        Assert.Contains($"只处一次罚款，按罚款数额高的{regional}的规定处罚", text, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国行政处罚法》第二十九条", text, StringComparison.Ordinal);
        Assert.Contains("同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。", text, StringComparison.Ordinal);
        Assert.Contains("罚款幅度较高", text, StringComparison.Ordinal);
    }
}
