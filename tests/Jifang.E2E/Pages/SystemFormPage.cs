using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Systems/Create and /Systems/Edit: a system with its build lifecycle.</summary>
public sealed class SystemFormPage(IPage page)
{
    public async Task FillCompliantAsync(string name, string[] subsystems, string[] covers)
    {
        await page.Locator("input[name='Input.Name']").FillAsync(name);
        foreach (var s in subsystems)
        {
            await page.Locator($"input[name='Input.Subsystems'][value='{s}']").CheckAsync();
        }
        foreach (var c in covers)
        {
            await page.Locator($"input[name='Input.Covers'][value='{c}']").CheckAsync();
        }
        await page.Locator("input[type='checkbox'][name='Input.DesignReview.Held']").CheckAsync();
        await page.Locator("select[name='Input.DesignReview.Organizer']").SelectOptionAsync("construction-unit-with-police");
        await page.Locator("input[name='Input.DesignReview.Date']").FillAsync("2024-01-10");
        await page.Locator("input[type='checkbox'][name='Input.Inspection.Held']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.Inspection.AgencyQualified']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.Inspection.Passed']").CheckAsync();
        await page.Locator("input[name='Input.Inspection.Date']").FillAsync("2024-04-02");
        await page.Locator("input[type='checkbox'][name='Input.Acceptance.Held']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.Acceptance.Passed']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.Acceptance.PoliceParticipated']").CheckAsync();
        await page.Locator("input[name='Input.Acceptance.Date']").FillAsync("2024-04-20");
        await page.Locator("input[type='checkbox'][name='Input.InService']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.InterfaceReserved']").CheckAsync();
        await page.Locator("input[type='checkbox'][name='Input.PersonnelTrained']").CheckAsync();
        await page.Locator("input[name='Input.RetentionDays']").FillAsync("30");
    }

    public async Task SubmitAsync()
    {
        await page.Locator("form.stack button[type='submit']").First.ClickAsync();
        await page.ForUrlAsync(url => url.Contains("/Sites/Details/", StringComparison.Ordinal), "SystemFormPage");
    }
}
