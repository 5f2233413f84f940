using System.Globalization;
using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>/Portal: a citizen files a request without an account and gets a request number and an access code.</summary>
public sealed class PortalPage(IPage page)
{
    public async Task<(string Number, string Code)> FileAsync(
        string name, string idNumber, string division, string siteName, DateTime fromLocal, DateTime toLocal, string reason, string action)
    {
        await page.GotoAsync("/Portal");
        await page.GetByLabel("场所所在区、县、旗").SelectOptionAsync(division);
        await page.GetByLabel("场所名称（全称）").FillAsync(siteName);
        return await SubmitAsync(page, name, idNumber, fromLocal, toLocal, reason, action);
    }

    /// <summary>Fills who asks, the time range, the reason and what is asked, and submits; answers the request number and the access code.</summary>
    internal static async Task<(string Number, string Code)> SubmitAsync(
        IPage page, string name, string idNumber, DateTime fromLocal, DateTime toLocal, string reason, string action)
    {
        await page.GetByLabel("姓名").FillAsync(name);
        await page.GetByLabel("居民身份证号码").FillAsync(idNumber);
        await page.GetByLabel("信息起始时间").FillAsync(fromLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("信息截止时间").FillAsync(toLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("查看事由").FillAsync(reason);
        // 《公共安全视频图像信息系统管理条例》第二十一条: the citizen views records of themself.
        await page.GetByRole(AriaRole.Radio, new() { Name = "本人", Exact = true }).CheckAsync();
        await page.GetByLabel("申请", new() { Exact = true }).SelectOptionAsync(action);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await page.Locator("#filed").WaitForAsync();
        return (await page.Locator("#number").InnerTextAsync(), await page.Locator("#code").InnerTextAsync());
    }
}

/// <summary>/Portal's site search: a fragment of the name or address, the results, "选择" on one, then the request for it.</summary>
public sealed class PortalSearchPage(IPage page)
{
    public async Task SearchAsync(string text)
    {
        await page.GotoAsync("/Portal");
        await page.GetByLabel("查找场所").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await page.Locator("#search-results, #search-none, #search-errors").First.WaitForAsync();
    }

    /// <summary>The sites found, one line each: name, address, county.</summary>
    public async Task<IReadOnlyList<string>> ResultsAsync() =>
        await page.Locator("#search-results tbody tr").AllInnerTextsAsync();

    /// <summary>Chooses the site of that name among the results; answers the chosen site as the form then shows it.</summary>
    public async Task<string> ChooseAsync(string siteName)
    {
        var row = page.Locator("#search-results tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = siteName, Exact = true }) });
        await row.GetByRole(AriaRole.Link, new() { Name = "选择" }).ClickAsync();
        await page.Locator("#chosen-site").WaitForAsync();
        return await page.Locator("#chosen-site").InnerTextAsync();
    }

    /// <summary>Files the request for the chosen site; answers the request number and the access code.</summary>
    public Task<(string Number, string Code)> FileAsync(string name, string idNumber, DateTime fromLocal, DateTime toLocal, string reason, string action) =>
        PortalPage.SubmitAsync(page, name, idNumber, fromLocal, toLocal, reason, action);
}

/// <summary>/Portal/Status: with the number and the code, the citizen sees the state, views and copies.</summary>
public sealed class PortalStatusPage(IPage page)
{
    public async Task OpenAsync(string number, string code)
    {
        await page.GotoAsync("/Portal/Status");
        await page.GetByLabel("申请编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.Locator("#state").WaitForAsync();
    }

    public Task<string> StateAsync() => page.Locator("#state").InnerTextAsync();

    public Task<string> TextAsync() => page.Locator("main").InnerTextAsync();

    public async Task ViewAsync()
    {
        await page.Locator("#view").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public async Task CopyAsync()
    {
        await page.Locator("#copy").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The refusal shown (title, reasons, the cited provisions with their words), or "" when there is none.</summary>
    public async Task<string> RefusalAsync() =>
        await page.Locator(".refusal").CountAsync() > 0 ? await page.Locator(".refusal").InnerTextAsync() : "";

    /// <summary>The registration slip shown after a view or a copy, or "" when there is none.</summary>
    public async Task<string> SlipAsync() =>
        await page.Locator(".slip").CountAsync() > 0 ? await page.Locator(".slip").InnerTextAsync() : "";

    public async Task<string> DownloadPackageAsync(string folder)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download").ClickAsync());
        var path = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }
}

/// <summary>/Access and /Access/Details/{id}: the unit consents to a citizen's request; the county police approve a copy.</summary>
public sealed class AccessRequestPage(IPage page)
{
    public async Task OpenAsync(string number)
    {
        await page.GotoAsync("/Access?requester=citizen");
        await page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await page.Locator("#state").WaitForAsync();
    }

    public Task<string> StateAsync() => page.Locator("#state").InnerTextAsync();

    public Task<string> TextAsync() => page.Locator("main").InnerTextAsync();

    public async Task ConsentAsync(string note)
    {
        await page.GetByLabel("说明").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "同意查看并登记" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public async Task ApproveAsync(string note)
    {
        await page.GetByLabel("说明").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}

/// <summary>/Access/Verify: a package checked against the registry.</summary>
public sealed class VerifyPackagePage(IPage page)
{
    public async Task<string> VerifyAsync(string file)
    {
        await page.GotoAsync("/Access/Verify");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "核验" }).ClickAsync();
        return await page.Locator("#verify-result").InnerTextAsync();
    }
}
