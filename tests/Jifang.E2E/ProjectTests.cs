using Jifang.E2E.Pages;
using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// Build projects in the pages (issue 12), each party signed in as itself in a browser of its own, on the demo data: under
/// nmg-2007 a project goes from 立项 to 投入使用 (the owner, the three experts of the pool, the demo testing agency and the
/// county police of 新城区); under province-2012 a failed acceptance signed by the police keeps the systems out of service,
/// and the owner's attempt is refused on the page with 第十一条第二款 and the penalty article 第二十五条.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectTests(BrowserFixture browser)
{
    private const string Password = "Jifang-Demo-2026";

    private async Task<(IPage Page, ProjectPages Project)> AsAsync(string user, string? url = null)
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(user, Password);
        if (url is not null)
        {
            await page.GotoAsync(url);
        }
        return (page, new ProjectPages(page));
    }

    /// <summary>立项 on the showcase unit's 在建 site, documents, submission, the draw, each expert's opinion: the review concluded by <paramref name="concluders"/>.</summary>
    private async Task<(string Url, IPage Owner, ProjectPages Project)> ThroughReviewAsync(string owner, string[] experts, string[] concluders, string name)
    {
        var (page, project) = await AsAsync(owner);
        var url = await project.OpenAsync("在建", name, riskLevel: 2, investment: 80m);
        Assert.Equal("立项", await project.StateAsync());
        Assert.Contains("平台默认分级表", await page.Locator("#grade-source").InnerTextAsync(), StringComparison.Ordinal);
        await project.UploadAsync("risk-letter", "风险等级确认函.pdf");
        await project.UploadAsync("drawings", "设计方案及图纸.pdf");
        await project.StepAsync("submit-design", "已提交设计方案。");
        Assert.Equal("方案论证", await project.StateAsync());
        await project.StepAsync("draw-panel", "已随机抽取论证专家。");
        Assert.Equal(3, await page.Locator("#panel tbody tr").CountAsync());
        foreach (var expert in experts)
        {
            var (_, theirs) = await AsAsync(expert, url);
            await theirs.StepAsync("file-opinion", "已提交论证意见。", f => f.Locator("#Opinion").SelectOptionAsync("pass"));
        }
        await page.GotoAsync(url);
        await project.UploadAsync("review-opinion", "论证意见书.pdf");
        foreach (var who in concluders)
        {
            var (_, theirs) = who == owner ? (page, project) : await AsAsync(who, url);
            await theirs.StepAsync("conclude-review", "已签署论证结论。");
        }
        await page.GotoAsync(url);
        Assert.Equal("施工", await project.StateAsync());
        return (url, page, project);
    }

    /// <summary>The owner commissions the demo agency; the agency files a passing report and uploads it.</summary>
    private async Task InspectedAsync(string url, ProjectPages owner)
    {
        await owner.StepAsync("submit-inspection", "已委托检测。", async f =>
        {
            var agency = await f.Locator("#TestingAgencyId option", new() { HasText = "演示安全技术防范检测中心" }).First.GetAttributeAsync("value");
            await f.Locator("#TestingAgencyId").SelectOptionAsync(agency!);
        });
        Assert.Equal("检测", await owner.StateAsync());
        var (_, agencyPages) = await AsAsync("testing", url);
        await agencyPages.StepAsync("file-report", "已提交检测报告。", async f =>
        {
            await f.Locator("#Number").FillAsync("JC-" + Guid.NewGuid().ToString("N")[..8]);
            await f.Locator("#TestedOn").FillAsync(ProjectPages.Today);
            await f.Locator("#report-conclusion").SelectOptionAsync("pass");
            await f.Locator("#item-0-name").FillAsync("图像质量");
            await f.Locator("#item-0-result").FillAsync("符合 GB 50395");
            await f.Locator("#item-0-passed").SelectOptionAsync("true");
            await f.Locator("#item-1-name").FillAsync("报警联网");
            await f.Locator("#item-1-result").FillAsync("报警信号 2 秒内送达");
            await f.Locator("#item-1-passed").SelectOptionAsync("true");
        });
        Assert.Equal("验收", await agencyPages.StateAsync());
        await agencyPages.UploadAsync("test-report", "检测报告.pdf");
    }

    [Fact]
    public async Task Under_nmg_a_project_goes_from_initiation_to_service_with_each_party_acting_as_itself()
    {
        const string owner = "nmg.unit.admin", police = "nmg.police.xincheng";
        var (url, page, project) = await ThroughReviewAsync(owner, ["nmg.expert1", "nmg.expert2", "nmg.expert3"], [owner, police],
            "新城区在建工程技防系统-" + Guid.NewGuid().ToString("N")[..6]);
        await InspectedAsync(url, project);

        await page.GotoAsync(url);
        await project.StepAsync("record-acceptance", "已记录验收结论", f => f.Locator("#acceptance-conclusion").SelectOptionAsync("pass"));
        var (_, theirs) = await AsAsync(police, url);
        await theirs.StepAsync("sign-acceptance", "已会签验收。");
        await page.GotoAsync(url);
        await project.UploadAsync("acceptance-report", "验收报告.pdf");
        await project.StepAsync("put-in-service", "技防系统已投入使用。");

        Assert.Equal("投入使用", await project.StateAsync());
        var parties = await page.Locator("#timeline td.party").AllInnerTextsAsync();
        foreach (var party in new[] { "建设单位", "公安机关", "技防专家", "检测机构" })
        {
            Assert.Contains(party, parties);
        }
        Assert.Equal(0, await page.Locator("#actions form").CountAsync());
    }

    [Fact]
    public async Task Under_the_province_a_failed_acceptance_keeps_the_systems_out_of_service_and_the_page_cites_the_articles()
    {
        const string owner = "prov.unit.admin", police = "prov.police.hedong";
        // A site that is not a public area: the owner organizes the review alone (第十一条第一款).
        var (url, page, project) = await ThroughReviewAsync(owner, ["prov.expert1", "prov.expert2", "prov.expert3"], [owner],
            "河东区在建工程技防系统-" + Guid.NewGuid().ToString("N")[..6]);
        await InspectedAsync(url, project);

        await page.GotoAsync(url);
        await project.StepAsync("record-acceptance", "已记录验收结论", async f =>
        {
            await f.Locator("#acceptance-conclusion").SelectOptionAsync("fail");
            await f.Locator("#acceptance-note").FillAsync("金库报警未联网");
        });
        var (_, theirs) = await AsAsync(police, url);
        await theirs.StepAsync("sign-acceptance", "已会签验收。");
        Assert.Equal("施工", await theirs.StateAsync());

        await page.GotoAsync(url);
        await page.Locator("#put-in-service button[type='submit']").ClickAsync();
        var refusal = page.Locator(".refusal");
        await refusal.WaitForAsync();
        var text = await refusal.InnerTextAsync();
        Assert.Contains("验收不合格，不得投入使用", text, StringComparison.Ordinal);
        Assert.Contains("第十一条第二款", text, StringComparison.Ordinal);
        Assert.Contains("第二十五条", text, StringComparison.Ordinal);
        Assert.Equal(2, await refusal.GetByRole(AriaRole.Link).CountAsync());
        Assert.Equal("施工", await project.StateAsync());
    }
}
