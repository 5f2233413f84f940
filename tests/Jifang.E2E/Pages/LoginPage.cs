using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Account/Login.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ForUrlAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), "LoginPage");
    }
}
