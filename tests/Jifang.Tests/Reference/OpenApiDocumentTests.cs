using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jifang.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Reference;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, shown at <c>/scalar</c>) as a new user reads it: a Chinese title, a
/// Chinese summary and description on every operation, every parameter, request body and body field described in Chinese,
/// no English text anywhere in it, and the two ways in declared — the bearer token and the alarm intake's key — on exactly
/// the operations the app enforces them on. Who needs a token comes from the app's endpoints (their IAuthorizeData and
/// IAllowAnonymous metadata), not from the document; an anonymous operation that refuses a request without credentials
/// (401) takes the key. An endpoint added without its documentation fails here. The document does not depend on the
/// database, so this runs on SQLite only.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class OpenApiDocumentTests(SqliteFixture fx)
{
    private async Task<JsonElement> DocumentAsync() =>
        await fx.NewClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Key, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)));

    [Fact]
    public async Task The_document_is_titled_and_described_in_chinese()
    {
        var doc = await DocumentAsync();
        var info = doc.GetProperty("info");
        Assert.Equal("技防监管平台 API", info.Str("title"));
        Assert.Null(Chinese(info.TryGetProperty("description", out var d) ? d.GetString() : null));
        foreach (var (key, op) in Operations(doc))
        {
            var tags = op.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            Assert.True(tags.Count > 0 && tags.All(x => Chinese(x) is null), $"{key}: tags {string.Join(", ", tags)}");
        }
    }

    [Fact]
    public async Task Every_operation_has_a_chinese_summary_and_description()
    {
        var failures = new List<string>();
        foreach (var (key, op) in Operations(await DocumentAsync()))
        {
            foreach (var field in new[] { "summary", "description" })
            {
                if (Chinese(op.TryGetProperty(field, out var v) ? v.GetString() : null) is { } why)
                {
                    failures.Add($"{key} {field}: {why}");
                }
            }
        }
        Assert.True(failures.Count == 0, "Write a Chinese <summary> and <remarks> on the handler method:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_parameter_request_body_and_body_field_is_described_in_chinese()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        void Check(string where, JsonElement e)
        {
            if (Chinese(e.TryGetProperty("description", out var v) ? v.GetString() : null) is { } why)
            {
                failures.Add($"{where}: {why}");
            }
        }
        foreach (var (key, op) in Operations(doc))
        {
            foreach (var p in op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
            {
                Check($"{key} {p.Str("in")} parameter {p.Str("name")}", p);
            }
            if (!op.TryGetProperty("requestBody", out var body))
            {
                continue;
            }
            foreach (var content in body.GetProperty("content").EnumerateObject())
            {
                // A form's fields are its parameters: each says what it is. A JSON body says what it is as a whole, too.
                if (content.Name != "multipart/form-data")
                {
                    Check($"{key} request body", body);
                }
                foreach (var (path, property) in Properties(content.Value.GetProperty("schema"), schemas, "", []))
                {
                    Check($"{key} body field {path}", property);
                }
            }
        }
        Assert.True(failures.Count == 0, "Describe each parameter (<param> on the handler), the body and each of its fields in Chinese:\n" + string.Join("\n", failures));
    }

    /// <summary>Every field of a body, nested objects and the items of lists included (each schema once).</summary>
    private static IEnumerable<(string Path, JsonElement Property)> Properties(JsonElement schema, JsonElement schemas, string path, HashSet<string> seen)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!.Split('/')[^1];
            if (name == "IFormFile" || !seen.Add(name))
            {
                yield break;
            }
            schema = schemas.GetProperty(name);
        }
        foreach (var part in new[] { "allOf", "oneOf", "anyOf" }.SelectMany(k => schema.TryGetProperty(k, out var list) ? list.EnumerateArray() : default))
        {
            foreach (var p in Properties(part, schemas, path, seen))
            {
                yield return p;
            }
        }
        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var p in Properties(items, schemas, path + "[]", seen))
            {
                yield return p;
            }
        }
        foreach (var property in schema.TryGetProperty("properties", out var ps) ? ps.EnumerateObject() : default)
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            yield return (at, property.Value);
            foreach (var p in Properties(property.Value, schemas, at, seen))
            {
                yield return p;
            }
        }
    }

    [Fact]
    public async Task Nothing_in_the_document_is_english()
    {
        // Descriptions come from XML comments, of types as well: an English <summary> on a DTO shows on the reference page.
        var failures = new List<string>();
        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "summary" or "description" or "title" && p.Value.ValueKind == JsonValueKind.String && Chinese(p.Value.GetString()) is { } why)
                    {
                        failures.Add($"{path}/{p.Name}: {why}");
                    }
                    Walk(p.Value, $"{path}/{p.Name}");
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, $"{path}/{i++}");
                }
            }
        }
        Walk(await DocumentAsync(), "");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_bearer_token_and_the_alarm_key_are_declared()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal("http", bearer.Str("type"));
        Assert.Equal("bearer", bearer.Str("scheme"));
        Assert.Contains("/api/auth/token", bearer.Str("description"), StringComparison.Ordinal);
        var key = schemes.GetProperty("ApiKey");
        Assert.Equal("apiKey", key.Str("type"));
        Assert.Equal("header", key.Str("in"));
        Assert.Equal(ApiKeys.Header, key.Str("name"));
        Assert.Contains("alarm-credentials", key.Str("description"), StringComparison.Ordinal);
        // Every policy an operation asks for is explained with the scheme.
        var policies = Operations(await DocumentAsync())
            .SelectMany(o => o.Operation.TryGetProperty("security", out var s) ? s.EnumerateArray() : default)
            .SelectMany(r => r.TryGetProperty("Bearer", out var scopes) ? scopes.EnumerateArray().Select(x => x.GetString()!) : []);
        Assert.All(policies.Distinct(), p => Assert.Contains($"`{p}`", bearer.Str("description"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_lists_the_credentials_the_app_asks_for()
    {
        var endpoints = fx.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} /{Constraint().Replace(e.RoutePattern.RawText!.Trim('/'), "{$1}")}", Endpoint: e)))
            .ToLookup(x => x.Key, x => x.Endpoint);
        var client = fx.NewClient();
        var failures = new List<string>();
        var operations = Operations(await DocumentAsync()).ToList();
        Assert.True(operations.Count >= 90, $"only {operations.Count} operations");
        foreach (var (key, op) in operations)
        {
            var endpoint = Assert.Single(endpoints[key]);
            var declared = op.TryGetProperty("security", out var s)
                ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(x => $"{x.Name}[{string.Join(",", x.Value.EnumerateArray().Select(v => v.GetString()))}]")).ToList()
                : [];
            string expected;
            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct();
                expected = $"Bearer[{string.Join(",", policies)}]";
            }
            else
            {
                // Anonymous to ASP.NET Core: if it refuses a request without credentials, it checks a key of its own.
                var method = new HttpMethod(key.Split(' ')[0]);
                using var request = new HttpRequestMessage(method, Fill(endpoint.RoutePattern.RawText!));
                if (method != HttpMethod.Get)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                expected = response.StatusCode == HttpStatusCode.Unauthorized ? "ApiKey[]" : "";
            }
            if (string.Join(" ", declared) != expected)
            {
                failures.Add($"{key}: declares [{string.Join(" ", declared)}], the app asks for [{expected}]");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A route with every parameter filled in (numbers 1, anything else the empty id).</summary>
    private static string Fill(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups[2].Value is ":int" or ":long" ? "1" : Guid.Empty.ToString());

    /// <summary>Why a text a user reads is not Chinese, or null when it is: it must hold Chinese characters and no English
    /// sentence (three English words in a row) outside <c>`code`</c>.</summary>
    internal static string? Chinese(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "missing";
        }
        if (!Cjk().IsMatch(text))
        {
            return $"not Chinese: \"{text}\"";
        }
        return EnglishSentence().Match(CodeSpan().Replace(text, "")) is { Success: true } m ? $"English \"{m.Value}\" in \"{text}\"" : null;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")]
    private static partial Regex EnglishSentence();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([^}:?]+)(:[a-z]+)?[^}]*\}")]
    private static partial Regex RouteParameter();
}
