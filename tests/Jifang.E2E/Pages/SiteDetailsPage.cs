using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Sites/Details/{id}: the site, its systems and its findings with citations.</summary>
public sealed class SiteDetailsPage(IPage page)
{
    public Task<string> TextAsync() => page.Locator("main").InnerTextAsync();

    public async Task AddSystemAsync() => await page.GetByRole(AriaRole.Link, new() { Name = "添加技防系统" }).ClickAsync();
}
