using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Units/Create: register a using unit (police and administrators).</summary>
public sealed class UnitFormPage(IPage page)
{
    public async Task CreateAsync(string name, string division, string address, string? creditCode = null)
    {
        await page.GotoAsync("/Units/Create");
        await page.Locator("input[name='Input.Name']").FillAsync(name);
        if (creditCode is not null)
        {
            await page.Locator("input[name='Input.CreditCode']").FillAsync(creditCode);
        }
        await page.Locator("select[name='Input.DivisionCode']").SelectOptionAsync(division);
        await page.Locator("input[name='Input.Address']").FillAsync(address);
        await page.Locator("form.stack button[type='submit']").First.ClickAsync();
        await page.ForUrlAsync(url => url.EndsWith("/Units", StringComparison.Ordinal), "UnitFormPage");
    }
}
