using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>
/// Issue 10 in the browser: an officer of the county creates an account for a unit's operator through the pages, the operator
/// signs in with the password shown once, the officer disables the account and the operator's open session ends at once;
/// the account's page shows its audit trail. And the roles with nothing to do yet (the demo's contractor, testing agency and
/// citizen) land on a page that says what they will do here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserManagementTests(BrowserFixture browser)
{
    private const string DemoPassword = "Jifang-Demo-2026";

    [Fact]
    public async Task An_officer_creates_an_operator_who_signs_in_and_is_disabled_with_the_session_ended()
    {
        var officer = await browser.NewPageAsync();
        await new LoginPage(officer).SignInAsync("nmg.police.xincheng", DemoPassword);
        var users = new UsersPages(officer);
        var password = await users.CreateUnitOperatorAsync("e2e.operator", "E2E值机员");
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", password);

        var operatorPage = await browser.NewPageAsync();
        await new LoginPage(operatorPage).SignInAsync("e2e.operator", password);
        Assert.Contains("E2E值机员", await operatorPage.InnerTextAsync("header"), StringComparison.Ordinal);

        await users.OpenAsync("e2e.operator");
        await users.DisableAsync();
        var text = await users.TextAsync();
        Assert.Contains("已停用", text, StringComparison.Ordinal);
        Assert.Contains("新建用户", text, StringComparison.Ordinal);
        Assert.Contains("停用用户", text, StringComparison.Ordinal);

        // The operator's next request finds the session ended: back to the sign-in page, and signing in is refused.
        await operatorPage.GotoAsync("/");
        await operatorPage.ForUrlAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), "session ended");
        await operatorPage.GetByLabel("用户名").FillAsync("e2e.operator");
        await operatorPage.GetByLabel("密码").FillAsync(password);
        await operatorPage.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await operatorPage.GetByText("账户已被管理员锁定").WaitForAsync();
    }

    [Theory]
    [InlineData("contractor", "您将在本平台办理的工作")]
    [InlineData("testing", "您将在本平台办理的工作")]
    [InlineData("citizen", "公民查看申请")]
    public async Task A_role_without_registry_work_lands_on_what_it_will_do_here(string account, string says)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(account, DemoPassword);
        await page.ForUrlAsync(url => url.EndsWith("/Guide", StringComparison.Ordinal), "landing");
        var text = await page.InnerTextAsync("main");
        Assert.Contains(says, text, StringComparison.Ordinal);
        Assert.Contains("现在可以使用", text, StringComparison.Ordinal);
        // Every link of the page answers with a page of this role (the request shares the browser's cookies).
        foreach (var href in (await page.Locator("main a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).Distinct())
        {
            var answer = await page.Context.APIRequest.GetAsync(href.Split('#')[0]);
            Assert.True(answer.Ok && !answer.Url.Contains("/Account/", StringComparison.Ordinal), $"{account}: {href} answered {answer.Status} at {answer.Url}");
        }
    }
}
