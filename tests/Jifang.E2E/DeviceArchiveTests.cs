using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// Issue 10 §2: a camera in a changing room could only be removed through the API. In the pages: register it, see the
/// finding with its citation, edit it, archive it (after confirming), and the finding is gone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeviceArchiveTests(BrowserFixture browser)
{
    private const string Rule = "在涉及个人隐私的场所和区域安装具有音视频采集功能的技防系统";

    [Fact]
    public async Task A_privacy_zone_camera_is_registered_edited_and_archived_in_the_pages_and_its_finding_goes()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await new UnitFormPage(page).CreateAsync("呼和浩特市E2E更衣室测试有限公司", "150102", "新城区测试路2号");
        await new SiteFormPage(page).CreateAsync("E2E更衣室测试", "E2E更衣室测试商场", "150102", "新城区测试路2号", ["shopping-center"], ["main-entrance", "passage"]);
        var details = new SiteDetailsPage(page);
        await details.AddSystemAsync();
        var system = new SystemFormPage(page);
        await system.FillCompliantAsync("商场视频监控系统", ["video"], ["main-entrance", "passage"]);
        await system.SubmitAsync();
        var siteUrl = page.Url;
        Assert.DoesNotContain(Rule, await details.TextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "添加设备" }).ClickAsync();
        await page.Locator("input[name='Input.Name']").FillAsync("更衣室摄像机");
        await page.Locator("input[name='Input.Kind']").FillAsync("摄像机");
        await page.Locator("input[name='Input.Captures'][value='video']").CheckAsync();
        await page.Locator("select[name='Input.Zone']").SelectOptionAsync("changing-room");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/Sites/Details/", StringComparison.Ordinal));
        var text = await details.TextAsync();
        Assert.Contains("更衣室摄像机", text, StringComparison.Ordinal);
        Assert.Contains(Rule, text, StringComparison.Ordinal);

        // Edit: the name changes, the finding stays.
        await page.Locator("#site-devices tr", new() { HasText = "更衣室摄像机" }).GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await page.Locator("input[name='Input.Name']").FillAsync("更衣室摄像机（旧）");
        await page.Locator("main form:not([action*='handler=Archive']) button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/Sites/Details/", StringComparison.Ordinal));
        Assert.Contains("更衣室摄像机（旧）", await details.TextAsync(), StringComparison.Ordinal);

        // Archive: refused without the confirmation, done with it; the finding goes.
        await page.Locator("#site-devices tr", new() { HasText = "更衣室摄像机（旧）" }).GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        var editUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "归档" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("/Devices/Edit/", page.Url, StringComparison.Ordinal);
        await page.Locator("input[name='ConfirmArchive']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "归档" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/Sites/Details/", StringComparison.Ordinal));
        text = await details.TextAsync();
        Assert.DoesNotContain(Rule, text, StringComparison.Ordinal);
        Assert.Contains("设备「更衣室摄像机（旧）」已归档", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#site-devices tr", new() { HasText = "更衣室摄像机（旧）" }).CountAsync());
        Assert.NotEqual(editUrl, siteUrl);
    }
}
