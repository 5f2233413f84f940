using System.Globalization;
using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Projects/Create and /Projects/Details/{id}: opening a build project and taking its steps through their forms.</summary>
public sealed class ProjectPages(IPage page)
{
    public static string Today => DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>立项 on the first site whose name contains <paramref name="site"/>, with every system it offers; answers the details' address.</summary>
    public async Task<string> OpenAsync(string site, string name, int riskLevel, decimal investment)
    {
        await page.GotoAsync("/Projects/Create");
        var value = await page.Locator("#site option", new() { HasText = site }).First.GetAttributeAsync("value");
        await page.Locator("#site").SelectOptionAsync(value!);
        await page.Locator("#choose-site button").ClickAsync();
        await page.Locator("#create").WaitForAsync();
        await page.Locator("#Input_Name").FillAsync(name);
        await page.Locator("#Input_Kind").SelectOptionAsync("new");
        await page.Locator("#Input_RiskLevel").SelectOptionAsync(riskLevel.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Input_Investment").FillAsync(investment.ToString(CultureInfo.InvariantCulture));
        var systems = page.Locator("#systems input[type='checkbox']");
        Assert.True(await systems.CountAsync() > 0, $"the site {site} offers no system for a project");
        for (var i = 0; i < await systems.CountAsync(); i++)
        {
            await systems.Nth(i).CheckAsync();
        }
        await page.Locator("#create button[type='submit']").ClickAsync();
        await page.ForUrlAsync(url => url.Contains("/Projects/Details/", StringComparison.Ordinal), "ProjectCreate");
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>Submits the form <paramref name="form"/> (filled by <paramref name="fill"/>) and waits for its notice.</summary>
    public async Task StepAsync(string form, string notice, Func<ILocator, Task>? fill = null)
    {
        var f = page.Locator("#" + form);
        if (await f.CountAsync() == 0)
        {
            throw new Xunit.Sdk.XunitException($"no form #{form} at {page.Url}:\n{await page.Locator("main").InnerTextAsync()}");
        }
        if (fill is not null)
        {
            await fill(f);
        }
        await f.Locator("button[type='submit']").ClickAsync();
        try
        {
            await page.Locator(".notice-bar", new() { HasText = notice }).WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException e)
        {
            throw new Xunit.Sdk.XunitException($"#{form}: no notice \"{notice}\" at {page.Url}:\n{await page.Locator("main").InnerTextAsync()}", e);
        }
    }

    /// <summary>Uploads a small PDF (made in memory) as a document of <paramref name="type"/>.</summary>
    public Task UploadAsync(string type, string fileName) => StepAsync("upload", "文件已上传。", async f =>
    {
        await f.Locator("#DocumentType").SelectOptionAsync(type);
        await f.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {fileName} {Guid.NewGuid()}\n%%EOF\n"),
        });
    });

    public async Task<string> StateAsync() => (await page.Locator("#state").InnerTextAsync()).Trim();
}
