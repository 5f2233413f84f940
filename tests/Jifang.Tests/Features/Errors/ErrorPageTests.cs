using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Errors;

/// <summary>
/// Issue 10: a missing page answered English JSON (<c>{"title":"Not Found"}</c>). Pages answer a Chinese error page in the site's
/// layout with a way back; the API and the OpenAPI document keep their ProblemDetails; a refusal says which permission was lacking.
/// </summary>
public abstract class ErrorPageTests(PlatformFixture fx)
{
    internal static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The site's layout (its header and style sheet), and no English sentence of the framework's.</summary>
    internal static void AssertChinesePage(string html)
    {
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.Contains("技防监管平台", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not Found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anonymous", "/no/such/page", "/Account/Login")]
    [InlineData("police-county", "/Sites/NoSuchPage", "/Guide")]
    public async Task An_unknown_page_is_a_chinese_404_page_with_a_way_back(string caller, string url, string wayBack)
    {
        var client = await fx.PageClientAsync(Callers.Get(caller));
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await HtmlAsync(response);
        AssertChinesePage(html);
        Assert.Contains("<h1>页面不存在</h1>", html, StringComparison.Ordinal);
        Assert.Contains(url, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{wayBack}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/api/sites/not-a-guid/nothing")]
    [InlineData("/openapi/nothing")]
    public async Task The_api_and_the_openapi_document_keep_problem_details(string url)
    {
        using var response = await fx.Client(Callers.PoliceCounty).GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Equal("未找到", body.Str("title"));
    }

    [Theory]
    [InlineData(403, "无权执行此操作")]
    [InlineData(404, "页面不存在")]
    [InlineData(405, "不支持此请求方法")]
    public async Task The_error_page_answers_its_status_in_chinese(int status, string heading)
    {
        using var response = await fx.Client(Callers.Anonymous).GetAsync(new Uri($"/Error/{status}", UriKind.Relative));
        Assert.Equal(status, (int)response.StatusCode);
        var html = await HtmlAsync(response);
        AssertChinesePage(html);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_reads_is_a_chinese_405_page()
    {
        var client = await fx.PageClientAsync(Callers.PoliceCounty);
        using var form = await client.GetAsync(new Uri("/Sites", UriKind.Relative));
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
        using var response = await client.PostAsync(new Uri("/Sites", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertChinesePage(await HtmlAsync(response));
    }

    [Fact]
    public async Task A_page_the_role_may_not_see_names_the_permission_it_lacks()
    {
        var citizen = await fx.PageClientAsync(Callers.Citizen);
        using var refused = await citizen.GetAsync(new Uri("/Sites", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!;
        Assert.Equal("/Account/Denied", location.AbsolutePath);
        Assert.Contains("need=registry.read", location.Query, StringComparison.Ordinal);
        using var denied = await citizen.GetAsync(location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var html = await HtmlAsync(denied);
        AssertChinesePage(html);
        Assert.Contains("您无权访问 <code>/Sites</code>", html, StringComparison.Ordinal);
        Assert.Contains("“<strong>查看登记信息（场所、单位、技防系统、信息资料）</strong>”权限", html, StringComparison.Ordinal);
        Assert.Contains("县（旗县）级公安机关", html, StringComparison.Ordinal);
        Assert.Contains("您的角色（公民）没有这一权限", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Access/Verify\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_handler_the_role_may_not_use_names_the_permission_it_checked()
    {
        // An operator reads a system's page but may not issue its alarm key (registry.write, checked by the handler itself).
        var operatorA = await fx.PageClientAsync(Callers.UnitOperatorA);
        var page = $"/Alarms/System/{fx.A.SystemId}";
        using var form = await operatorA.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Label"] = "报警主机", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
        using var refused = await operatorA.PostAsync(new Uri(page + "?handler=Issue", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("need=registry.write", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var denied = await operatorA.GetAsync(refused.Headers.Location);
        var html = await HtmlAsync(denied);
        Assert.Contains("“<strong>填报和修改登记信息</strong>”权限", html, StringComparison.Ordinal);
        Assert.Contains("使用单位管理员", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_need_the_platform_does_not_know_is_not_shown()
    {
        using var denied = await (await fx.PageClientAsync(Callers.Citizen)).GetAsync(new Uri("/Account/Denied?need=%E4%BC%AA%E9%80%A0&ReturnUrl=https%3A%2F%2Fevil.example", UriKind.Relative));
        var html = await HtmlAsync(denied);
        Assert.DoesNotContain("伪造", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("无权执行此操作或查看此页面", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ErrorPageSqlite(SqliteFixture fx) : ErrorPageTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ErrorPagePostgres(PostgresFixture fx) : ErrorPageTests(fx);
