using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Import: upload a file; with script the page shows progress and then the report.</summary>
public sealed class ImportPage(IPage page)
{
    public async Task<string> ImportAsync(string file, string unit)
    {
        await page.GotoAsync("/Import");
        await page.Locator("input[type='file']").SetInputFilesAsync(file);
        await page.Locator("input[name='Unit']").FillAsync(unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        var stage = page.Locator("#import-stage");
        await Assertions.Expect(stage).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("导入完成|未导入任何数据|导入失败"), new() { Timeout = 60_000 });
        return await stage.InnerTextAsync() + "\n" + await page.Locator("#import-result").InnerTextAsync();
    }
}
