using System.IO.Compression;
using Jifang.E2E.Pages;

namespace Jifang.E2E;

/// <summary>
/// The citizen path (nmg-2007 第二十条), in Debian's Chromium against the real binary and its demo data: a citizen
/// files in the portal without an account; viewing waits for the using unit's consent; after it the citizen views; copying is
/// refused, citing 第二十条, until the county police of the site approve; then the copy is registered and its package verifies.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenAccessTests(BrowserFixture browser)
{
    /// <summary>The demo's password (docs/demo.md); the accounts below are the demo's.</summary>
    private const string DemoPassword = "Jifang-Demo-2026";

    /// <summary>The demo records 48 hours of the showcase hotel of nmg.unit.admin in 呼和浩特市新城区 (docs/demo.md).</summary>
    private const string Division = "150102";

    [Fact]
    public async Task A_citizen_views_after_the_units_consent_and_copies_only_after_the_county_police_approve()
    {
        var (unit, siteName) = await UnitAndSiteAsync();

        // 1. The citizen files, without an account, asking to view and copy the last day.
        var citizen = await browser.NewPageAsync();
        var now = DateTime.Now;
        var (number, code) = await new PortalPage(citizen).FileAsync(
            "张演示", IdNumber("15010219850612301"), Division, siteName, now.AddDays(-1), now, "本人停放在店外的电动车被盗，需查看当晚录像", "copy");
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);
        var status = new PortalStatusPage(citizen);
        await status.OpenAsync(number, code);
        Assert.Equal("待使用单位答复", (await status.StateAsync()).Trim());

        // Before the unit consents, viewing is refused with the article.
        await status.ViewAsync();
        var refusal = await status.RefusalAsync();
        Assert.Contains("暂不能查看", refusal, StringComparison.Ordinal);
        Assert.Contains("第二十条", refusal, StringComparison.Ordinal);
        Assert.Equal("", await status.SlipAsync());

        // 2. The using unit consents.
        var request = new AccessRequestPage(unit);
        await request.OpenAsync(number);
        Assert.Contains("张演示", await request.TextAsync(), StringComparison.Ordinal);
        await request.ConsentAsync("已核对身份，同意查看");
        Assert.Equal("使用单位已同意", (await request.StateAsync()).Trim());

        // 3. The citizen views: registered, with the audit receipt.
        await status.OpenAsync(number, code);
        await status.ViewAsync();
        var slip = await status.SlipAsync();
        Assert.Contains("查看", slip, StringComparison.Ordinal);
        Assert.Contains("张演示", slip, StringComparison.Ordinal);
        Assert.Contains("审计日志第", slip, StringComparison.Ordinal);
        Assert.Equal("", await status.RefusalAsync());

        // 4. Copying is refused until the police approve, citing 第二十条 with its words.
        await status.CopyAsync();
        refusal = await status.RefusalAsync();
        Assert.Contains("暂不能复制", refusal, StringComparison.Ordinal);
        Assert.Contains("第二十条", refusal, StringComparison.Ordinal);
        Assert.Contains("公安机关批准", refusal, StringComparison.Ordinal);
        Assert.Contains("已记入审计日志", refusal, StringComparison.Ordinal);
        Assert.Equal("", await status.SlipAsync());
        Assert.Equal(0, await citizen.Locator("#download").CountAsync());

        // 5. The county police of the site's division approve.
        var police = await browser.NewPageAsync();
        await new LoginPage(police).SignInAsync("nmg.police.xincheng", DemoPassword);
        var approval = new AccessRequestPage(police);
        await approval.OpenAsync(number);
        await approval.ApproveAsync("经审查，同意复制");
        Assert.Contains("批准（nmg.police.xincheng", await approval.TextAsync(), StringComparison.Ordinal);

        // 6. Now the copy is allowed: registered, with a package carrying the citizen's name in its watermark.
        await status.OpenAsync(number, code);
        Assert.Equal("已批准", (await citizen.Locator("#approval").InnerTextAsync()).Trim());
        await status.CopyAsync();
        Assert.Equal("", await status.RefusalAsync());
        slip = await status.SlipAsync();
        Assert.Contains("复制", slip, StringComparison.Ordinal);
        Assert.Contains("导出包", slip, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("jifang-e2e-package-").FullName;
        try
        {
            var package = await status.DownloadPackageAsync(folder);
            using (var zip = ZipFile.OpenRead(package))
            {
                using var reader = new StreamReader(zip.GetEntry("WATERMARK.txt")!.Open());
                var watermark = await reader.ReadToEndAsync();
                Assert.Contains("张演示", watermark, StringComparison.Ordinal);
                Assert.Contains(number, watermark, StringComparison.Ordinal);
                Assert.NotNull(zip.GetEntry("manifest.json"));
                Assert.NotNull(zip.GetEntry("SHA256SUMS"));
            }
            var verified = await new VerifyPackagePage(police).VerifyAsync(package);
            Assert.Contains("核验通过", verified, StringComparison.Ordinal);
            Assert.Contains(number, verified, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_citizen_finds_the_site_by_a_fragment_of_its_name_chooses_it_and_files()
    {
        var (unit, siteName) = await UnitAndSiteAsync();
        Assert.True(siteName.Length >= 3, siteName);

        // The citizen knows part of the name only (without its first character), and no division code.
        var citizen = await browser.NewPageAsync();
        var search = new PortalSearchPage(citizen);
        await search.SearchAsync(siteName[1..]);
        Assert.Contains(await search.ResultsAsync(), r => r.StartsWith(siteName, StringComparison.Ordinal) && r.Contains("新城区", StringComparison.Ordinal));
        // With script, the search and the choice stay on the page: what the citizen already typed is kept.
        await citizen.GetByLabel("姓名").FillAsync("王查找");
        var chosen = await search.ChooseAsync(siteName);
        Assert.Contains(siteName, chosen, StringComparison.Ordinal);
        Assert.Equal("王查找", await citizen.GetByLabel("姓名").InputValueAsync());
        Assert.DoesNotContain("siteId=", citizen.Url, StringComparison.Ordinal);
        // Nothing to type about the site any more.
        Assert.Equal(0, await citizen.GetByLabel("场所名称（全称）").CountAsync());

        var now = DateTime.Now;
        var (number, code) = await search.FileAsync("王查找", IdNumber("15010219900101123"), now.AddHours(-6), now, "本人手机在店内遗失，需查看当时录像", "view");
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$", code);

        // The using unit of that site sees the request.
        var request = new AccessRequestPage(unit);
        await request.OpenAsync(number);
        var text = await request.TextAsync();
        Assert.Contains("王查找", text, StringComparison.Ordinal);
        Assert.Contains(siteName, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The unit administrator's page, signed in, and the site whose recordings they see (the demo registers them on one site
    /// of the unit).
    /// </summary>
    private async Task<(Microsoft.Playwright.IPage Unit, string SiteName)> UnitAndSiteAsync()
    {
        var unit = await browser.NewPageAsync();
        await new LoginPage(unit).SignInAsync("nmg.unit.admin", DemoPassword);
        await unit.GotoAsync("/Records");
        var siteName = (await unit.Locator("tbody tr").First.Locator("td").Nth(2).InnerTextAsync()).Split(" / ")[0].Trim();
        Assert.NotEmpty(siteName);
        return (unit, siteName);
    }

        /// <summary>An identity number with its GB 11643 check character (ISO 7064 MOD 11-2).</summary>
    private static string IdNumber(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
