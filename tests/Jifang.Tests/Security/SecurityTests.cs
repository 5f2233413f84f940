using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// Security headers on every kind of response, and the login rate limit. The attempts that use the limit up each guess a
/// name of their own: failures of one name are throttled too (SignInThrottleTests), which is not what these test.
/// </summary>
public abstract class SecurityTests(PlatformFixture fx)
{
    public static TheoryData<string, string, int> Responses => new()
    {
        { "anonymous", "/api/units", 401 },
        { "citizen", "/api/units", 403 },
        { "police-county", "/api/units", 200 },
        { "police-county", $"/api/units/{Guid.Empty}", 404 },
        { "anonymous", "/no/such/page", 404 },
        { "anonymous", "/healthz", 200 },
        { "anonymous", "/Account/Login", 200 },
        { "anonymous", "/openapi/v1.json", 200 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string caller, string url, int status)
    {
        using var response = await fx.Client(Callers.Get(caller)).GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"), StringComparison.Ordinal);
        var csp = Header("Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        // Every answer shows data of a scope: nothing is kept by a browser or a proxy.
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_validation_rule_without_a_message_of_its_own_answers_in_chinese_naming_the_field()
    {
        // FluentValidation's own texts (MaximumLength without WithMessage) were English ("The length of 'Name' must be…").
        var validator = fx.App.Services.GetRequiredService<FluentValidation.IValidator<Jifang.Features.Registry.SiteRequest>>();
        var result = await validator.ValidateAsync(new Jifang.Features.Registry.SiteRequest(
            Guid.NewGuid(), new string('名', 201), "150102", "地址", ["hotel"], [], false, false, false, false, false));
        var message = Assert.Single(result.Errors).ErrorMessage;
        Assert.Contains("name", message, StringComparison.Ordinal);
        Assert.Matches("[\\u4e00-\\u9fff]", message);
        Assert.DoesNotMatch("[A-Za-z]{4,} [A-Za-z]{3,}", message);
    }

    [Fact]
    public async Task Refusals_of_the_api_are_problem_details_without_a_redirect()
    {
        foreach (var (caller, status) in new[] { ("anonymous", 401), ("citizen", 403) })
        {
            using var response = await fx.Client(Callers.Get(caller)).GetAsync("/api/sites");
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, Http.Parse(await response.Content.ReadAsStringAsync()).GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task The_token_endpoint_allows_ten_attempts_a_minute_from_one_address()
    {
        var address = fx.NewAddress();
        using var client = fx.NewClient(null, address);
        for (var i = 1; i <= 10; i++)
        {
            await client.PostJsonAsync("/api/auth/token", new { userName = fx.Unique("guessed"), password = $"guess-number-{i}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using var eleventh = await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        // The same address with an IPv4-mapped IPv6 form is the same client.
        using var mapped = fx.NewClient(null, address.MapToIPv6());
        using var disguised = await mapped.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, disguised.StatusCode);
        // Another address is not held back, and neither is the rest of the API.
        using var other = fx.NewClient();
        await other.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
        using var signedIn = fx.NewClient(await fx.LoginAsync("citizen", Caller.Password), address);
        await signedIn.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_sign_in_page_signs_in_and_refuses_bad_input_without_a_server_error()
    {
        using var client = fx.NewClient();
        using var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        async Task<HttpResponseMessage> SignIn(string user, string password, bool withToken = true)
        {
            var form = new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password };
            if (withToken)
            {
                form["__RequestVerificationToken"] = token;
            }
            var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("Cookie", cookie);
            return await client.SendAsync(request);
        }

        using (var wrong = await SignIn("citizen", "not-the-password-1"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("用户名或密码错误", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var nul = await SignIn("citizen\0", "x"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }
        using (var forged = await SignIn("citizen", Caller.Password, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using var right = await SignIn("citizen", Caller.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location?.OriginalString);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jifang.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Showing_the_sign_in_form_is_not_an_attempt_but_posting_it_is()
    {
        // Loading the form twenty times leaves all ten attempts; ten posts of it use them up, and the eleventh (even with the
        // right password) is refused, as is the API's token endpoint from the same address.
        using var client = fx.NewClient();
        for (var i = 0; i < 20; i++)
        {
            using var page = await client.GetAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var shown = await client.GetAsync("/Account/Login");
        var html = await shown.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);
        var cookie = string.Join("; ", shown.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        async Task<HttpResponseMessage> Post(string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["UserName"] = fx.Unique("guessed"),
                    ["Password"] = password,
                    ["__RequestVerificationToken"] = token,
                }),
            };
            request.Headers.Add("Cookie", cookie);
            return await client.SendAsync(request);
        }
        for (var i = 1; i <= 10; i++)
        {
            using var wrong = await Post($"guess-number-{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("用户名或密码错误", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using var eleventh = await Post("guess-number-11");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        using var api = await client.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        // The form itself still shows.
        using var form = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Clients_without_an_address_share_one_limit()
    {
        // The test server gives no remote address unless told (the fixture gives each client one); neither does a Unix
        // socket. Such requests share one partition: ten attempts in all, whoever sends them (fail closed).
        using var first = fx.Server.CreateClient();
        for (var i = 1; i <= 10; i++)
        {
            await first.PostJsonAsync("/api/auth/token", new { userName = fx.Unique("guessed"), password = $"guess-number-{i}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using var second = fx.Server.CreateClient();
        using var refused = await second.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_network_share_a_limit()
    {
        // Someone with a /64 has 2^64 addresses: the limit counts the network, not the address.
        using var first = fx.NewClient(null, IPAddress.Parse("2001:db8:77:1::1"));
        for (var i = 1; i <= 10; i++)
        {
            await first.PostJsonAsync("/api/auth/token", new { userName = fx.Unique("guessed"), password = $"guess-number-{i}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using var sibling = fx.NewClient(null, IPAddress.Parse("2001:db8:77:1:ffff:ffff:ffff:fffe"));
        using var refused = await sibling.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var neighbour = fx.NewClient(null, IPAddress.Parse("2001:db8:77:2::1"));
        await neighbour.PostJsonAsync("/api/auth/token", new { userName = "citizen", password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecuritySqlite(SqliteFixture fx) : SecurityTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SecurityPostgres(PostgresFixture fx) : SecurityTests(fx);
