using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Jifang.Tests.Infrastructure;

/// <summary>HTTP helpers: JSON bodies as a client writes them, and assertions that show the response when they fail.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>Sends raw text as the body (malformed JSON and the like).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return client.SendAsync(request);
    }

    /// <summary>Asserts the status and returns the body as JSON (an empty object for an empty body).</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        return await response.ExpectAsync(status);
    }

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            throw new XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}\n{text}");
        }
        return Parse(text);
    }

    public static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a 400 ValidationProblem naming <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> ExpectValidationAsync(this Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var body = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("errors", out var errors), $"no errors in {body}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors do not name \"{field}\": {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static string[] Strings(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();

    public static bool IsSuccess(this HttpStatusCode status) => (int)status is >= 200 and < 300;

    public static IPAddress Address(int n) => new([127, 77, (byte)(n / 250), (byte)(n % 250 + 1)]);
}
