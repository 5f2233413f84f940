using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Alarms: the unit's operator console, refreshed live.</summary>
public sealed class OperatorConsolePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/Alarms");
        // The stream is open (the console says so) before anything is posted.
        await page.Locator("body[data-live=ready]").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>The row of a pending alarm, by the system's own id for it; waits for it to appear (without reloading).</summary>
    public async Task<ILocator> PendingRowAsync(string externalId)
    {
        var row = page.Locator($"#pending tr[data-external-id='{externalId}']");
        await row.WaitForAsync(new() { Timeout = 15_000 });
        return row;
    }

    public async Task<string> ConfirmAsync(ILocator row)
    {
        await row.GetByRole(AriaRole.Button, new() { Name = "确认警情" }).ClickAsync();
        var notice = page.Locator(".notice-bar");
        await notice.WaitForAsync();
        return await notice.InnerTextAsync();
    }
}

/// <summary>/Alarms/Police: a police level's console, refreshed live.</summary>
public sealed class PoliceConsolePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/Alarms/Police");
        await page.Locator("body[data-live=ready]").WaitForAsync(new() { Timeout = 15_000 });
    }

    public ILocator Row(Guid alarm) => page.Locator($"#awaiting tr#alarm-{alarm}");

    public async Task<string> LevelOfAsync(Guid alarm) => (await Row(alarm).Locator("td.level").InnerTextAsync()).Trim();

    public async Task<string> AcknowledgeAsync(Guid alarm)
    {
        await Row(alarm).GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        var notice = page.Locator(".notice-bar");
        await notice.WaitForAsync();
        return await notice.InnerTextAsync();
    }
}

/// <summary>/Alarms/Details/{id}: the receipts of an alarm.</summary>
public sealed class AlarmDetailsPage(IPage page)
{
    public async Task<IReadOnlyList<string>> ReceiptsAsync(Guid alarm)
    {
        await page.GotoAsync($"/Alarms/Details/{alarm}");
        return await page.Locator("#receipts tbody tr").AllInnerTextsAsync();
    }
}
