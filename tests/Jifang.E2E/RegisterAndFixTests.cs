using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>
/// The browser path: sign in, register a site with a violation, see the finding with its
/// citation, fix it, see it cleared, in Debian's Chromium against the real binary.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegisterAndFixTests(BrowserFixture browser)
{
    private const string Citation = "《内蒙古自治区公共安全技术防范管理条例》第八条第（八）项";

    [Fact]
    public async Task A_hotel_without_a_system_shows_the_citation_until_a_system_covers_its_entrance_and_passage()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(PlatformServer.AdminUser, PlatformServer.AdminPassword);

        await new UnitFormPage(page).CreateAsync("呼和浩特市E2E测试酒店管理有限公司", "150102", "新城区测试路1号");
        await new SiteFormPage(page).CreateAsync("E2E测试酒店管理", "E2E测试宾馆", "150102", "新城区测试路1号", ["hotel"], ["main-entrance", "passage"]);
        var details = new SiteDetailsPage(page);
        var text = await details.TextAsync();
        Assert.Contains("E2E测试宾馆", text, StringComparison.Ordinal);
        Assert.Contains(Citation, text, StringComparison.Ordinal);
        Assert.Contains("旅店、商场、旅游景区、文化娱乐场所的主要出入口和通道", text, StringComparison.Ordinal);
        Assert.Contains("第二十一条", text, StringComparison.Ordinal);

        await details.AddSystemAsync();
        var form = new SystemFormPage(page);
        await form.FillCompliantAsync("大堂视频监控系统", ["video"], ["main-entrance", "passage"]);
        await form.SubmitAsync();

        text = await details.TextAsync();
        Assert.Contains("大堂视频监控系统", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Citation, text, StringComparison.Ordinal);
    }
}
