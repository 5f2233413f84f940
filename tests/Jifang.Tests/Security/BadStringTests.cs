using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Security;

/// <summary>
/// The text rule, tried from the OpenAPI document: every string field of every write operation's body (nested objects and
/// lists included), every string field of a form and every string query parameter of every operation gets every class of
/// bad string — NUL, a line break or tab where the field is one line, other C0 and C1 control characters, a lone surrogate
/// of either half, one character more than its declared maxLength. Each must answer 400 naming the field with a Chinese
/// message, never 500, and leave every table as it was. Every string field must declare its maxLength.
/// </summary>
public abstract class BadStringTests(PlatformFixture fx)
{
    private sealed record Field(string Path, int? MaxLength, bool MultiLine);

    private sealed record Operation(string Method, string Path, string Kind, List<Field> Fields);

    /// <summary>A class of bad string and its value for a field (null: not bad for this field).</summary>
    private static readonly (string Name, Func<Field, string?> Value)[] Classes =
    [
        ("NUL", _ => "a\u0000b"),
        ("line feed", f => f.MultiLine ? null : "a\nb"),
        ("carriage return", f => f.MultiLine ? null : "a\rb"),
        ("tab", f => f.MultiLine ? null : "a\tb"),
        ("line separator", f => f.MultiLine ? null : "a\u2028b"),
        ("bell", _ => "a\u0007b"),
        ("escape", _ => "a\u001Bb"),
        ("delete", _ => "a\u007Fb"),
        ("C1 next line", _ => "a\u0085b"),
        ("lone high surrogate", _ => "a\uD800b"),
        ("lone low surrogate", _ => "a\uDC00b"),
        ("one over maxLength", f => new string('字', f.MaxLength!.Value + 1)),
    ];

    private async Task<JsonElement> OpenApiAsync() =>
        await fx.NewClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);

    private static List<Operation> Operations(JsonElement doc)
    {
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var result = new List<Operation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                var query = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.Str("in") == "query" && IsText(p.GetProperty("schema")))
                        .Select(p => new Field(p.Str("name"), MaxLength(p.GetProperty("schema")), false)).ToList()
                    : [];
                if (query.Count > 0)
                {
                    result.Add(new Operation(method, path.Name, "query", query));
                }
                if (method is "GET" || !op.Value.TryGetProperty("requestBody", out var body))
                {
                    continue;
                }
                foreach (var content in body.GetProperty("content").EnumerateObject())
                {
                    var fields = new List<Field>();
                    Walk(Resolve(content.Value.GetProperty("schema"), schemas), schemas, "", fields, 0);
                    var kind = content.Name == "application/json" ? "json" : "form";
                    if (fields.Count > 0)
                    {
                        result.Add(new Operation(method, path.Name, kind, fields));
                    }
                }
            }
        }
        return result;
    }

    private static bool IsText(JsonElement schema) =>
        Types(schema).Contains("string") && !schema.TryGetProperty("format", out _) && !schema.TryGetProperty("enum", out _);

    private static int? MaxLength(JsonElement schema) => schema.TryGetProperty("maxLength", out var m) ? m.GetInt32() : null;

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var t) ? []
        : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [t.GetString()!];

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            return schemas.GetProperty(r.GetString()!.Split('/')[^1]);
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.EnumerateArray().FirstOrDefault(o => o.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } one)
            {
                return Resolve(one, schemas);
            }
        }
        return schema;
    }

    /// <summary>The string fields of a schema, by the path a client writes ("products[0].model", "categories[0]").</summary>
    private static void Walk(JsonElement schema, JsonElement schemas, string path, List<Field> fields, int depth)
    {
        if (depth > 6)
        {
            return;
        }
        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray())
            {
                Walk(Resolve(part, schemas), schemas, path, fields, depth + 1);
            }
            return;
        }
        var types = Types(schema);
        if (IsText(schema))
        {
            fields.Add(new Field(path, MaxLength(schema), schema.TryGetProperty("x-multiline", out var ml) && ml.GetBoolean()));
        }
        else if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            Walk(Resolve(items, schemas), schemas, path + "[0]", fields, depth + 1);
        }
        else if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                Walk(Resolve(p.Value, schemas), schemas, path.Length == 0 ? p.Name : $"{path}.{p.Name}", fields, depth + 1);
            }
        }
    }

    [Fact]
    public async Task Every_string_field_of_every_operation_declares_its_max_length()
    {
        var operations = Operations(await OpenApiAsync());
        Assert.True(operations.Count(o => o.Kind == "json") >= 25, $"only {operations.Count(o => o.Kind == "json")} JSON bodies with text fields");
        var undeclared = operations.Where(o => o.Kind == "json").SelectMany(o => o.Fields.Where(f => f.MaxLength is null).Select(f => $"{o.Method} {o.Path} {f.Path}")).ToList();
        Assert.True(undeclared.Count == 0, "string fields without maxLength ([Text] on the request record):\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task Every_class_of_bad_string_in_every_field_is_400_naming_it_and_changes_nothing()
    {
        var operations = Operations(await OpenApiAsync());
        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations)
        {
            // Intake takes a system's key, each its own: a key's rate limit (a burst of 100) is not what is tried here.
            var key = op.Path.StartsWith("/api/intake/", StringComparison.Ordinal) ? (await fx.NewSystemAsync()).Key : null;
            var before = await DatabaseFingerprint.TakeAsync(fx);
            foreach (var field in op.Fields)
            {
                foreach (var (name, value) in Classes)
                {
                    // A URL or a form is UTF-8: a lone surrogate cannot be sent there (the client would send U+FFFD).
                    if ((field.MaxLength is null && name == "one over maxLength") || value(field) is not { } bad
                        || (op.Kind != "json" && bad.Any(char.IsSurrogate)))
                    {
                        continue;
                    }
                    using var client = key is not null ? fx.IntakeClient(key) : fx.NewClient(ApiCalls.CallerFor(op.Path));
                    using var request = Request(op, field, bad);
                    using var response = await client.SendAsync(request);
                    sent++;
                    var text = await response.Content.ReadAsStringAsync();
                    var problem = response.StatusCode == HttpStatusCode.BadRequest ? Http.Parse(text) : default;
                    if (response.StatusCode != HttpStatusCode.BadRequest || !problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(field.Path, out var messages))
                    {
                        failures.Add($"{op.Method} {op.Path} {field.Path} ({name}): {(int)response.StatusCode} {Shorten(text)}");
                    }
                    else if (!messages.EnumerateArray().Append(problem.GetProperty("title")).All(m => m.GetString()!.Any(c => c is >= '\u4e00' and <= '\u9fff')))
                    {
                        failures.Add($"{op.Method} {op.Path} {field.Path} ({name}): the message or title is not Chinese: {Shorten(text)}");
                    }
                }
            }
            var changed = DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fx));
            if (changed.Count > 0)
            {
                failures.Add($"{op.Method} {op.Path}: bad strings changed {string.Join(", ", changed)}");
            }
        }
        Assert.True(sent >= 500, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:\n" + string.Join("\n", failures.Take(60)));
    }

    private HttpRequestMessage Request(Operation op, Field field, string bad)
    {
        var url = ApiCalls.Url(fx, Pattern(op.Path));
        switch (op.Kind)
        {
            case "query":
                return new HttpRequestMessage(new HttpMethod(op.Method), $"{url}?{Uri.EscapeDataString(field.Path)}={Uri.EscapeDataString(bad)}");
            case "form":
                var form = new MultipartFormDataContent { { new StringContent(bad, Encoding.UTF8), field.Path } };
                return new HttpRequestMessage(new HttpMethod(op.Method), url) { Content = form };
            default:
                var content = new StringContent(Json(field.Path, bad), Encoding.UTF8);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                return new HttpRequestMessage(new HttpMethod(op.Method), url) { Content = content };
        }
    }

    /// <summary>"/api/sites/{id}" → "/api/sites/{id:guid}", as <see cref="ApiCalls.Url"/> reads route patterns.</summary>
    private static string Pattern(string path) => System.Text.RegularExpressions.Regex.Replace(path, "\\{(id|siteId|systemId|unitId)\\}", "{$1:guid}");

    /// <summary>A JSON body that holds the value at the path ("products[0].model" → {"products":[{"model":…}]}), every character escaped.</summary>
    private static string Json(string path, string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in value)
        {
            literal.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
        }
        literal.Append('"');
        var json = literal.ToString();
        var segments = path.Split('.');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = segments[i];
            var list = segment.EndsWith("[0]", StringComparison.Ordinal);
            var name = list ? segment[..^3] : segment;
            json = $"{{\"{name}\":{(list ? $"[{json}]" : json)}}}";
        }
        return json;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

[Collection(SqliteCollection.Name)]
public sealed class BadStringSqlite(SqliteFixture fx) : BadStringTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class BadStringPostgres(PostgresFixture fx) : BadStringTests(fx);
