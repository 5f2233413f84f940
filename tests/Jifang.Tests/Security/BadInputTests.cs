using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// Bad input is the client's error: 4xx with a ProblemDetails body, never 500. Bodies are sent to every endpoint that
/// reads one (found from the app's endpoints, as the matrix does); queries to every list.
/// </summary>
public abstract class BadInputTests(PlatformFixture fx)
{
    private string Url(string pattern) => ApiCalls.Url(fx, pattern);

    private static Caller CallerFor(string pattern) => ApiCalls.CallerFor(pattern);

    /// <summary>Every endpoint that reads a JSON body: (method, route pattern).</summary>
    private List<(string Method, string Pattern)> BodyEndpoints() =>
        fx.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts && accepts.ContentTypes.Contains("application/json"))
            // Alarm intake takes a system's key, not a user's token (401 before the body is read): its bad bodies are
            // tested with a key in Features/Alarms/AlarmIntakeTests.
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/intake/", StringComparison.Ordinal) != true)
            .Select(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(), e.RoutePattern.RawText!))
            .ToList();

    public static TheoryData<string, string> Bodies => new()
    {
        { "malformed", "{\"name\": " },
        { "not an object", "[1, 2, 3]" },
        { "a string", "\"hello\"" },
        { "null", "null" },
        { "empty", "" },
        { "trailing garbage", "{} {}" },
        { "wrong types", "{\"name\": 5, \"categories\": \"hotel\", \"subsystems\": {\"a\": 1}, \"captures\": 7, \"date\": true, \"unitId\": \"x\", \"userName\": []}" },
        { "number overflow", "{\"subsystems\": [\"video\"], \"retentionDays\": 1e40, \"publicArea\": 1}" },
        { "impossible date", "{\"kind\": \"device-removed\", \"date\": \"2026-02-30\"}" },
        { "nested too deep", new string('[', 300) + new string(']', 300) },
        { "bad escape", "{\"name\": \"\\uZZZZ\"}" },
        { "lone surrogate", "{\"name\": \"\\uD800\", \"divisionCode\": \"150102\", \"userName\": \"\\uD800\", \"password\": \"x\"}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_body_is_400_on_every_endpoint_that_reads_one(string what, string body)
    {
        var endpoints = BodyEndpoints();
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} endpoints read a body");
        var failures = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            // An address of its own for each call: the token endpoint's rate limit is not what is tested here.
            using var client = fx.NewClient(CallerFor(pattern));
            using var response = await client.SendRawAsync(new HttpMethod(method), Url(pattern), body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {text[..Math.Min(text.Length, 200)]}");
            }
        }
        Assert.True(failures.Count == 0, $"{what}:\n  " + string.Join("\n  ", failures));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_on_every_endpoint_that_reads_one()
    {
        foreach (var (method, pattern) in BodyEndpoints())
        {
            using var client = fx.NewClient(CallerFor(pattern));
            using var response = await client.SendRawAsync(new HttpMethod(method), Url(pattern), "name=x", "application/x-www-form-urlencoded");
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{method} {pattern}: {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// For a request type, every list of objects in it (nested ones too, through the objects of lists and of properties): the
    /// JSON path of its first element and a body holding null there ({"records":[null]}, {"products":[{"parts":[null]}]}).
    /// </summary>
    private static IEnumerable<(string Path, JsonObject Body)> NullElements(Type type, int depth = 0)
    {
        if (depth > 4)
        {
            yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var e]
                && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType) ? e : null;
            if (element is not null && element.IsClass && element != typeof(string))
            {
                yield return ($"{name}[0]", new JsonObject { [name] = new JsonArray((JsonNode?)null) });
                foreach (var (path, body) in NullElements(element, depth + 1))
                {
                    yield return ($"{name}[0].{path}", new JsonObject { [name] = new JsonArray(body) });
                }
            }
            else if (element is null && property.PropertyType.IsClass && property.PropertyType.Namespace?.StartsWith("Jifang", StringComparison.Ordinal) == true)
            {
                foreach (var (path, body) in NullElements(property.PropertyType, depth + 1))
                {
                    yield return ($"{name}.{path}", new JsonObject { [name] = body });
                }
            }
        }
    }

    [Fact]
    public async Task A_null_element_in_any_list_of_objects_of_any_body_is_400_naming_its_path()
    {
        var sent = new List<string>();
        var failures = new List<string>();
        foreach (var endpoint in fx.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } type } accepts || !accepts.ContentTypes.Contains("application/json"))
            {
                continue;
            }
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var pattern = endpoint.RoutePattern.RawText!;
            foreach (var (path, body) in NullElements(type))
            {
                sent.Add($"{method} {pattern} {path}");
                using var client = fx.NewClient(CallerFor(pattern));
                using var response = await client.SendRawAsync(new HttpMethod(method), Url(pattern), body.ToJsonString());
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !Http.Parse(text).TryGetProperty("errors", out var errors) || !errors.TryGetProperty(path, out _))
                {
                    failures.Add($"{method} {pattern} {body.ToJsonString()}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
                }
            }
        }
        // The lists of objects the API reads today: a batch's records, a system's products and contractors.
        Assert.Contains(sent, s => s.EndsWith("/records records[0]", StringComparison.Ordinal));
        Assert.True(sent.Count >= 5, string.Join("\n", sent));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string, object> Values => new()
    {
        { "POST /api/sites", new { unitId = Guid.Empty, name = "x", divisionCode = "150102", categories = new string?[] { null }, parts = new string?[] { null } } },
        { "POST /api/sites", new { unitId = "00000000-0000-0000-0000-000000000000", name = (string?)null, divisionCode = (string?)null, categories = (string[]?)null } },
        { "POST /api/sites", new { unitId = Guid.NewGuid(), name = "x\u0000y", divisionCode = "150102", categories = new[] { "hotel\u0000" } } },
        { "POST /api/sites", new { unitId = Guid.NewGuid(), name = new string('长', 100_000), divisionCode = "150102", categories = new[] { "hotel" } } },
        { "POST /api/units", new { name = "x\u0000y", divisionCode = "1501\u00002" } },
        { "POST /api/units", new { name = "x\u0000y", divisionCode = "150102" } },
        { "POST /api/sites", new { unitId = Guid.Empty, name = "好旅店", divisionCode = "150102", address = "\u0000", categories = new[] { "hotel" } } },
        { "POST /api/sites/{siteId}/systems", new { name = "x", subsystems = new[] { "video" }, products = new[] { new { model = "X-\u0000" } } } },
        { "POST /api/sites/{siteId}/devices", new { name = "摄像机", kind = "\u0000", zone = "public" } },
        { "POST /api/sites/{siteId}/acts", new { kind = "device-removed", date = "2026-05-01", description = "\u0000" } },
        { "POST /api/units", new { name = "   ", divisionCode = "150102", creditCode = "\u0000" } },
        { "POST /api/units", new { name = "单位", divisionCode = "150102 " } },
        { "POST /api/sites/{siteId}/systems", new { name = "x", subsystems = new string?[] { "video", null }, covers = new string?[] { null } } },
        { "POST /api/sites/{siteId}/systems", new { name = "x", subsystems = new[] { "video" }, products = new object?[] { null }, contractors = new object?[] { null } } },
        { "POST /api/sites/{siteId}/systems", new { name = "x", subsystems = new[] { "video" }, products = new[] { new { model = (string?)null } }, contractors = new[] { new { name = (string?)null, role = (string?)null } } } },
        { "POST /api/sites/{siteId}/systems", new { name = "x", subsystems = new[] { "video" }, retentionDays = int.MaxValue, designReview = new { held = true, organizer = "" } } },
        { "POST /api/sites/{siteId}/devices", new { name = "x", captures = new string?[] { null }, zone = "" } },
        { "POST /api/sites/{siteId}/devices", new { name = (string?)null, systemId = Guid.Empty } },
        { "POST /api/sites/{siteId}/acts", new { kind = "device-removed", date = "9999-12-31", actor = "" } },
        { "POST /api/sites/{siteId}/acts", new { kind = (string?)null, date = (string?)null, description = new string('述', 3000) } },
        { "POST /api/sites/{siteId}/acts", new { kind = "device-removed", date = "2026-05-01", systemId = Guid.Empty } },
        { "POST /api/auth/token", new { userName = new string('u', 100_000), password = "x" } },
        { "POST /api/auth/token", new { userName = "x\u0000", password = "\u0000" } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Bad_values_are_400_naming_a_field(string endpoint, object body)
    {
        var url = Url(endpoint.Split(' ')[1].Replace("{siteId}", "{siteId:guid}", StringComparison.Ordinal));
        using var client = fx.NewClient(Callers.PlatformAdmin);
        using var response = await client.PostJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        // The token endpoint takes any user name: an absurd one is just wrong (401).
        var ok = response.StatusCode == HttpStatusCode.BadRequest || (endpoint.EndsWith("/token", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(ok, $"{endpoint}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.True(Http.Parse(text).TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), text);
        }
    }

    public static TheoryData<string, int> Queries => new()
    {
        { "/api/units?page=0&pageSize=0", 200 },
        { "/api/products?page=0&pageSize=0", 200 },
        { "/api/contractors?page=2147483647&pageSize=2147483647", 200 },
        { "/api/personnel?page=-5&pageSize=-5", 200 },
        { "/api/units?page=-5&pageSize=-5", 200 },
        { "/api/units?page=2147483647&pageSize=2147483647", 200 },
        { "/api/sites?page=2147483647&pageSize=200", 200 },
        { "/api/findings?page=2147483647", 200 },
        { "/api/sites/{siteId}/systems?page=2147483647&pageSize=2147483647", 200 },
        { "/api/sites/{siteId}/devices?page=2147483647", 200 },
        { "/api/sites/{siteId}/acts?page=2147483647", 200 },
        { "/api/units?page=99999999999", 400 },
        { "/api/units?page=abc", 400 },
        { "/api/units?archived=maybe", 400 },
        { "/api/sites?unit=not-a-guid", 400 },
        { "/api/sites?hasFindings=perhaps", 400 },
        { "/api/findings?article=nine", 400 },
        { "/api/findings?site=1234", 400 },
        { "/api/units?search=%27%3B%20DROP%20TABLE%20units%3B--", 200 },
        { "/api/units?search=%00", 400 },
        { "/api/sites?division=15%0001", 400 },
        { "/api/findings?rule=%00", 400 },
        { "/api/findings?regulation=%00", 400 },
        { "/api/findings?regulation=no-such-pack", 200 },
        { "/api/findings/export?format=csv&regulation=%00", 400 },
        { "/api/sites?search=%25&category=%25&division=%25", 200 },
        { "/api/dashboard?division=%25", 200 },
        { "/api/sites/not-a-guid", 404 },
        { "/api/packs/nmg-2007/articles/99999999999", 404 },
        { "/api/packs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/articles/1", 404 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Bad_queries_are_answered_without_a_server_error(string query, int status)
    {
        var url = query.Replace("{siteId}", fx.A.SiteId.ToString(), StringComparison.Ordinal);
        using var response = await fx.Client(Callers.PlatformAdmin).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{url}: expected {status}, got {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
    }

    [Fact]
    public async Task Wildcards_in_filters_are_literal()
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        foreach (var url in new[] { "/api/units?search=%25", "/api/units?division=%25", "/api/units?division=_", "/api/sites?division=__", "/api/sites?search=_", "/api/findings?division=%25" })
        {
            var page = await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
            Assert.True(page.GetProperty("total").GetInt32() == 0, $"{url} matched {page.GetProperty("total").GetInt32()}");
        }
        var dashboard = await admin.GetAsync("/api/dashboard?division=%25").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, dashboard.GetProperty("sites").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputSqlite(SqliteFixture fx) : BadInputTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class BadInputPostgres(PostgresFixture fx) : BadInputTests(fx);
