using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>
/// The API reference page (/scalar) in a browser, as on a police network where nothing may call outside (issue 10, defect
/// 11): every request the page makes, the scripts, fonts, images and the OpenAPI document, goes to the platform; a request
/// to any other host is recorded and aborted, and fails the test. The page renders the platform's document in Chinese
/// (Scalar's own UI in zh-CN) and shows none of Scalar's cloud buttons.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferencePageTests(BrowserFixture browser)
{
    /// <summary>Scalar's buttons that lead to its cloud (the AI agent, hosting, sharing, SDK and MCP generation).</summary>
    private static readonly string[] CloudButtons = ["Ask AI", "Deploy", "Generate SDK", "Share", "Generate MCP", "Connect MCP", "Developer Tools"];

    [Fact]
    public async Task The_reference_page_loads_nothing_from_outside_and_shows_no_cloud_buttons()
    {
        var page = await browser.NewPageAsync();
        var platform = browser.Server.BaseAddress;
        var requests = new List<string>();
        var outside = new List<string>();
        var refused = new List<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            lock (requests)
            {
                requests.Add(route.Request.Url);
            }
            if (url.Scheme is "data" or "blob" || (url.Host == platform.Host && url.Port == platform.Port))
            {
                await route.ContinueAsync();
                return;
            }
            lock (outside)
            {
                outside.Add(route.Request.Url);
            }
            await route.AbortAsync();
        });
        // A request the content policy stops never reaches the route: the browser reports it on the console.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refused)
                {
                    refused.Add(message.Text);
                }
            }
        };

        await page.GotoAsync("/scalar");
        // The document's own words, rendered: its title and an operation's Chinese summary.
        await page.GetByRole(AriaRole.Heading, new() { Name = "技防监管平台 API" }).First.WaitForAsync();
        await page.GetByText("以用户名和密码取得令牌").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(outside.Count == 0, "requests to other hosts:\n" + string.Join("\n", outside.Distinct()));
        Assert.True(refused.Count == 0, "refused by the content policy:\n" + string.Join("\n", refused.Distinct()));
        lock (requests)
        {
            Assert.Contains(requests, r => new Uri(r).AbsolutePath == "/openapi/v1.json");
            Assert.Contains(requests, r => new Uri(r).AbsolutePath == "/scalar/scalar.js");
        }

        var text = await page.InnerTextAsync("body");
        foreach (var button in CloudButtons)
        {
            Assert.False(text.Contains(button, StringComparison.OrdinalIgnoreCase), $"\"{button}\" on the page:\n{text[..Math.Min(text.Length, 3000)]}");
        }
        // Scalar's own words in Chinese (its zh-CN translations), the platform's in Chinese too.
        Assert.Contains("搜索", text, StringComparison.Ordinal);
        Assert.Contains("模型", text, StringComparison.Ordinal);
        Assert.Contains("技防监管平台的接口", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Search", text, StringComparison.Ordinal);
    }
}
