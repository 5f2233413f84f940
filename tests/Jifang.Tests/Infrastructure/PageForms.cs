using System.Net;
using System.Text.RegularExpressions;

namespace Jifang.Tests.Infrastructure;

/// <summary>Posting a page's form as a browser does: GET the form for its antiforgery token, then POST the fields with it.</summary>
public static partial class PageForms
{
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Posts <paramref name="fields"/> (a name may repeat) to <paramref name="postUrl"/> with the token of the form at <paramref name="formUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = await client.GetAsync(new Uri(formUrl, UriKind.Relative));
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"GET {formUrl} answered {(int)form.StatusCode}");
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{formUrl} has no antiforgery token");
        var all = fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content);
    }

    /// <summary>A page's text as a person reads it (entities decoded).</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>GET a page's text.</summary>
    public static async Task<string> PageTextAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await response.TextAsync();
    }
}
