using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Sites/Create: register a site.</summary>
public sealed class SiteFormPage(IPage page)
{
    public async Task CreateAsync(string unit, string name, string division, string address, string[] categories, string[] parts)
    {
        await page.GotoAsync("/Sites/Create");
        var option = page.Locator("select[name='Input.UnitId'] option", new() { HasText = unit }).First;
        await page.Locator("select[name='Input.UnitId']").SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
        await page.Locator("input[name='Input.Name']").FillAsync(name);
        await page.Locator("select[name='Input.DivisionCode']").SelectOptionAsync(division);
        await page.Locator("input[name='Input.Address']").FillAsync(address);
        foreach (var c in categories)
        {
            await page.Locator($"input[name='Input.Categories'][value='{c}']").CheckAsync();
        }
        foreach (var p in parts)
        {
            await page.Locator($"input[name='Input.Parts'][value='{p}']").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).First.ClickAsync();
        await page.ForUrlAsync(url => url.Contains("/Sites/Details/", StringComparison.Ordinal), "SiteFormPage");
    }
}
