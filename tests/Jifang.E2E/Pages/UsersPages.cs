using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Users/Create and /Users/Details/{id}: user management (administrators and police).</summary>
public sealed class UsersPages(IPage page)
{
    /// <summary>Creates a unit operator of the first unit the manager may choose; returns the password shown once.</summary>
    public async Task<string> CreateUnitOperatorAsync(string userName, string displayName)
    {
        await page.GotoAsync("/Users/Create");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.DisplayName']").FillAsync(displayName);
        await page.Locator("select[name='Input.Role']").SelectOptionAsync("unit-operator");
        await page.Locator("select[name='Input.UnitId']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("form.stack button[type='submit']").ClickAsync();
        var shown = page.Locator(".card.ok code.key");
        await shown.WaitForAsync();
        return (await shown.InnerTextAsync()).Trim();
    }

    /// <summary>From the list, searched by user name, to the account's page.</summary>
    public async Task OpenAsync(string userName)
    {
        await page.GotoAsync($"/Users?search={Uri.EscapeDataString(userName)}");
        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.ForUrlAsync(url => url.Contains("/Users/Details/", StringComparison.Ordinal), "UsersPages.Open");
    }

    public async Task DisableAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "停用用户" }).ClickAsync();
        await page.GetByText("其全部会话已结束").WaitForAsync();
    }

    public Task<string> TextAsync() => page.InnerTextAsync("main");
}
