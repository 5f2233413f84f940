using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// Issue 11's comparison page from a site's page, and the 举报 of issue 10 (national 第二十四条第二款) from the form to the
/// police's answer, in Debian's Chromium against the real binary and its demo data.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CompareAndReportTests(BrowserFixture browser)
{
    private const string DemoPassword = "Jifang-Demo-2026";

    [Fact]
    public async Task A_site_is_compared_under_another_regulation_from_its_page_and_pasted_facts_too()
    {
        var police = await browser.NewPageAsync();
        await new LoginPage(police).SignInAsync("nmg.police.xincheng", DemoPassword);
        await police.GotoAsync("/Sites");
        await police.Locator("main a[href^='/Sites/Details/']").First.ClickAsync();
        var siteName = (await police.Locator("main h1").InnerTextAsync()).Trim();
        await police.GetByRole(AriaRole.Link, new() { Name = "在其他条例下判定" }).ClickAsync();
        await police.Locator("#comparison").WaitForAsync();
        Assert.Contains(siteName, await police.Locator("#site-name").InnerTextAsync(), StringComparison.Ordinal);
        // The site's regional pack first.
        Assert.Equal("nmg-2007", await police.Locator("#site-first").InputValueAsync());

        // Against the province's text: choose it and compare again.
        await police.Locator("#site-second").SelectOptionAsync("province-2012");
        await police.Locator("#by-site").GetByRole(AriaRole.Button, new() { Name = "对照" }).ClickAsync();
        await police.Locator("#comparison").WaitForAsync();
        Assert.Contains("《省安全技术防范条例》", await police.Locator("#comparison").InnerTextAsync(), StringComparison.Ordinal);

        // Pasted facts: a hotel room camera, fined at once under nmg-2007 and after a deadline under the province's text.
        await police.Locator("#Input_First").SelectOptionAsync("nmg-2007");
        await police.Locator("#Input_Second").SelectOptionAsync("province-2012");
        await police.GetByLabel("事实 JSON", new() { Exact = false }).FillAsync(
            """{"asOf": "2024-05-01", "sites": [{"id": "S1", "categories": ["other"], "devices": [{"id": "D1", "captures": ["video"], "zone": "hotel-guest-room"}]}]}""");
        await police.Locator("#by-facts").GetByRole(AriaRole.Button, new() { Name = "对照" }).ClickAsync();
        await police.WaitForLoadStateAsync();
        await police.Locator("main").WaitForAsync();
        Assert.True(await police.Locator("#comparison").CountAsync() == 1, police.Url + " " + await police.Locator("body").InnerTextAsync());
        var row = police.Locator("table.comparison tr[data-rule='privacy-zone-capture']");
        var text = await row.InnerTextAsync();
        Assert.Contains("两部条例均认定", text, StringComparison.Ordinal);
        Assert.Contains("罚款不同", text, StringComparison.Ordinal);
        // The cited words open under the citation.
        await row.Locator("details.law summary").First.ClickAsync();
        Assert.Contains("旅店业客房", await row.Locator("details.law[open] blockquote").First.InnerTextAsync(), StringComparison.Ordinal);

        // Bad facts: said on the field, in Chinese.
        await police.GetByLabel("事实 JSON", new() { Exact = false }).FillAsync("""{"sites": [{"id": 1}]}""");
        await police.Locator("#by-facts").GetByRole(AriaRole.Button, new() { Name = "对照" }).ClickAsync();
        await police.Locator("[data-valmsg-for='Input.Facts'].field-validation-error").WaitForAsync();
        Assert.Contains("sites[0].id", await police.Locator("[data-valmsg-for='Input.Facts']").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_reports_an_installation_and_reads_the_county_polices_answer_with_the_receipt()
    {
        var reporter = await browser.NewPageAsync();
        await reporter.GotoAsync("/Reports/Create");
        Assert.Contains("第二十四条第二款", await reporter.Locator("#basis").InnerTextAsync(), StringComparison.Ordinal);
        await reporter.GetByLabel("所在区、县、旗").SelectOptionAsync("150102");
        var place = "新城区演示路 " + Guid.NewGuid().ToString("N")[..6] + " 号某宾馆";
        await reporter.GetByLabel("地点（地址或场所名称）").FillAsync(place);
        await reporter.GetByLabel("安装了什么设备、装在哪里").FillAsync("客房烟感探测器内的摄像头");
        await reporter.Locator("input[name='Input.Provision'][value='8.1']").CheckAsync();
        await reporter.GetByLabel("情况说明").FillAsync("入住 305 房间后发现烟感探测器内有摄像头。");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();
        var receipt = (await reporter.Locator("#receipt").InnerTextAsync()).Trim();
        Assert.StartsWith("JB-", receipt, StringComparison.Ordinal);

        // The county police of 新城区 find it in their list, accept it and answer.
        var police = await browser.NewPageAsync();
        await new LoginPage(police).SignInAsync("nmg.police.xincheng", DemoPassword);
        await police.GotoAsync("/Reports");
        await police.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        Assert.Contains("《公共安全视频图像信息系统管理条例》第八条第一款", await police.Locator("#provision").InnerTextAsync(), StringComparison.Ordinal);
        await police.Locator("#accept").ClickAsync();
        Assert.Equal("已受理", (await police.Locator("#state").InnerTextAsync()).Trim());
        await police.Locator("#Text").FillAsync("经现场检查属实，已责令拆除。");
        await police.Locator("#handle").ClickAsync();
        Assert.Equal("已处理", (await police.Locator("#state").InnerTextAsync()).Trim());

        // The reporter reads the answer with the receipt number, without an account.
        await reporter.GotoAsync("/Reports/Status");
        await reporter.GetByLabel("回执号").FillAsync(receipt);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        Assert.Equal("已处理", (await reporter.Locator("#state").InnerTextAsync()).Trim());
        Assert.Equal("经现场检查属实，已责令拆除。", (await reporter.Locator("#answer").InnerTextAsync()).Trim());
    }
}
