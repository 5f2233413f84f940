using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Reference;

/// <summary>
/// The reference page (/scalar) as served (issue 10, defect 11): every script, style sheet, icon and document it names is
/// the platform's own (a relative or same-origin address that answers 200), its configuration turns off everything of
/// Scalar that calls its cloud or CDN, its UI is in Chinese, and its content policy lets the browser reach no other host.
/// The browser test (Jifang.E2E ReferencePageTests) watches every request the rendered page makes.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class ReferencePageTests(SqliteFixture fx)
{
    private async Task<(Uri Address, HttpResponseMessage Response, string Html)> PageAsync()
    {
        var client = fx.NewClient();
        var address = new Uri(client.BaseAddress!, "/scalar");
        var response = await client.GetAsync(address);
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently && hops < 3; hops++)
        {
            address = new Uri(address, response.Headers.Location!);
            Assert.Equal(client.BaseAddress!.Authority, address.Authority);
            response = await client.GetAsync(address);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Where the page was answered from (the client may have followed the redirect to /scalar/ itself).
        address = response.RequestMessage?.RequestUri ?? address;
        Assert.Equal("/scalar/", address.AbsolutePath);
        return (address, response, await response.Content.ReadAsStringAsync());

    }

    [Fact]
    public async Task Everything_the_page_names_is_served_by_the_platform()
    {
        var (address, _, html) = await PageAsync();
        var client = fx.NewClient();
        var (path, configuration) = Configuration(html);
        // The documents are read relative to the application's base (scalar.aspnetcore.js: the page's path without the
        // route it was given), everything else relative to the page.
        var basePath = address.AbsolutePath[..^Uri.UnescapeDataString(path).Length];
        var root = new Uri(address, basePath + "/");
        var named = Reference().Matches(html).Select(m => (Url: m.Groups["url"].Value, Base: address))
            .Concat(Imports().Matches(html).Select(m => (Url: m.Groups["url"].Value, Base: address)))
            .Concat(configuration.GetProperty("sources").EnumerateArray().Select(s => (Url: s.GetProperty("url").GetString()!, Base: root)))
            .Append((Url: configuration.GetProperty("favicon").GetString()!, Base: address))
            .Distinct().ToList();
        Assert.Contains(("scalar.js", address), named);
        Assert.Contains(("openapi/v1.json", root), named);
        foreach (var (url, from) in named)
        {
            var target = new Uri(from, url);

            Assert.True(target.Authority == address.Authority, $"{url} is not on the platform");
            using var asset = await client.GetAsync(target);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{url}: {(int)asset.StatusCode}");
        }
        // Nothing else on the page points anywhere: no absolute address at all.
        Assert.DoesNotMatch(AbsoluteUrl(), html);
    }

    [Fact]
    public async Task The_configuration_turns_off_the_cloud_and_speaks_chinese()
    {
        var (_, _, html) = await PageAsync();
        var (_, c) = Configuration(html);
        Assert.False(c.GetProperty("withDefaultFonts").GetBoolean(), "fonts from Scalar's CDN");
        Assert.True(c.GetProperty("agent").GetProperty("disabled").GetBoolean(), "Ask AI");
        Assert.True(c.GetProperty("mcp").GetProperty("disabled").GetBoolean(), "MCP");
        Assert.False(c.GetProperty("telemetry").GetBoolean(), "telemetry");
        Assert.Equal("never", c.GetProperty("showDeveloperTools").GetString());
        Assert.True(c.GetProperty("hideClientButton").GetBoolean(), "the button to Scalar's API client");
        Assert.Equal("zh-CN", c.GetProperty("localization").GetProperty("locale").GetString());
        Assert.False(c.TryGetProperty("proxyUrl", out _), "a proxy would send the test requests elsewhere");
        Assert.Contains("<title>技防监管平台 API</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_content_policy_allows_no_other_host()
    {
        var (_, response, html) = await PageAsync();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
        foreach (var name in new[] { "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src" })
        {
            Assert.True(directives.ContainsKey(name), $"{name} missing: {policy}");
            foreach (var source in directives[name].Split(' '))
            {
                Assert.True(source is "'self'" or "'unsafe-inline'" or "data:" or "blob:" || source.StartsWith("'nonce-", StringComparison.Ordinal),
                    $"{name} allows {source}");
            }
        }
        // The start-up script runs by its nonce; no script runs by 'unsafe-inline'.
        Assert.DoesNotContain("'unsafe-inline'", directives["script-src"], StringComparison.Ordinal);
        var nonces = Nonce().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var nonce = Assert.Single(nonces);
        Assert.Contains($"'nonce-{nonce}'", directives["script-src"], StringComparison.Ordinal);
        var (_, again, _) = await PageAsync();
        Assert.DoesNotContain(nonce, string.Join(";", again.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    /// <summary>The configuration object the page passes to Scalar's initialize(path, dynamicBaseServerUrl, configuration, module).</summary>
    private static (string Path, JsonElement Configuration) Configuration(string html)
    {
        var m = Initialize().Match(html);
        Assert.True(m.Success, html);
        return (m.Groups["path"].Value, JsonDocument.Parse(m.Groups["config"].Value).RootElement.Clone());
    }

    [GeneratedRegex(@"<(?:script|link|img)\b[^>]*?\b(?:src|href)=""(?<url>[^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\bimport\b[^'""]*['""](?<url>[^'""]+)['""]")]
    private static partial Regex Imports();

    [GeneratedRegex(@"initialize\(\s*'(?<path>[^']*)',\s*(?:true|false),\s*(?<config>\{.*\}),\s*'[^']*'\)", RegexOptions.Singleline)]
    private static partial Regex Initialize();

    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9.-]+")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"nonce=""([^""]+)""")]
    private static partial Regex Nonce();
}
