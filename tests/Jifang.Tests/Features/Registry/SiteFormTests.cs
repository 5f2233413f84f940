using System.Net;
using Jifang.Pages.Sites;
using Jifang.Rules.Packs;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Issue 10: the site form of an nmg site named 省条例第九条第（八）项 beside 位于城镇. The flags' hints follow the regulation of
/// the site's division (or of the units the user may register a site for), and name it in full.
/// </summary>
public abstract class SiteFormTests(PlatformFixture fx)
{
    private const string Nmg = "《内蒙古自治区公共安全技术防范管理条例》";

    private const string Province = "《省安全技术防范条例》";

    private async Task<string> FormAsync(Caller caller, string url)
    {
        using var response = await (await fx.PageClientAsync(caller)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var form = html[html.IndexOf("<form method=\"post\" class=\"stack card\"", StringComparison.Ordinal)..];
        return form[..(form.IndexOf("</form>", StringComparison.Ordinal) + 7)];
    }

    [Theory]
    [InlineData("police-county", "/Sites/Create")]
    [InlineData("police-county", "/Sites/Edit/{A}")]
    [InlineData("unit-admin-a", "/Sites/Create")]
    [InlineData("unit-admin-a", "/Sites/Edit/{A}")]
    [InlineData("platform-admin", "/Sites/Edit/{A}")]
    public async Task An_nmg_site_form_names_no_province_regulation(string caller, string url)
    {
        var form = await FormAsync(Callers.Get(caller), url.Replace("{A}", fx.A.SiteId.ToString(), StringComparison.Ordinal));
        Assert.Contains("位于城镇", form, StringComparison.Ordinal);
        foreach (var other in new[] { "省条例", "省安全技术防范条例", "第九条第（八）项", Province })
        {
            Assert.DoesNotContain(other, form, StringComparison.Ordinal);
        }
        // Its own regulation, where a flag matters to it: 大型 (第八条第（七）项), 存放有重要物品 (第八条第（九）项).
        Assert.Contains($"{Nmg}第八条第（七）项", form, StringComparison.Ordinal);
        Assert.Contains($"{Nmg}第八条第（九）项", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_site_form_names_the_province_regulation()
    {
        var form = await FormAsync(Callers.PlatformAdmin, $"/Sites/Edit/{fx.P.SiteId}");
        Assert.Contains($"{Province}第九条第（八）项：学校", form, StringComparison.Ordinal);
        Assert.DoesNotContain(Nmg, form, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hints_are_the_requirements_that_depend_on_each_flag()
    {
        var packs = PackSet.Load(Repo.Packs);
        var nmg = SiteFormPage.FlagChoices([packs.Get("nmg-2007").Pack]).ToDictionary(f => f.Field);
        Assert.Null(nmg["Urban"].Hint);
        Assert.Null(nmg["InvolvesStateSecrets"].Hint);
        var province = SiteFormPage.FlagChoices([packs.Get("province-2012").Pack]).ToDictionary(f => f.Field);
        Assert.Equal($"据此须安装技防系统：{Province}第九条第（八）项：学校", province["Urban"].Hint);
        Assert.Contains($"{Province}第九条第（三）项：国家机关", province["InvolvesStateSecrets"].Hint, StringComparison.Ordinal);
        Assert.All(SiteFormPage.FlagChoices([]), f => Assert.Null(f.Hint));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SiteFormSqlite(SqliteFixture fx) : SiteFormTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SiteFormPostgres(PostgresFixture fx) : SiteFormTests(fx);
