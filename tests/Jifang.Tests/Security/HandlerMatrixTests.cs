using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// Posts every form handler of every page as anonymous and as every role, on records inside and outside the caller's scope, with
/// a valid antiforgery token, and compares each answer and its effect with <see cref="HandlerMatrix"/>; then posts each once
/// without a token. The handlers are discovered from the pages' action descriptors, so a handler added without a row fails
/// <see cref="The_matrix_has_a_row_for_every_form_handler_of_the_pages"/>.
/// </summary>
public abstract partial class HandlerMatrixTests(PlatformFixture fixture)
{
    public static TheoryData<string> Handlers => new(HandlerMatrix.Rows.Select(r => r.Key));

    /// <summary>"* METHOD /Page/Path?handler=Name" of every handler of every page that is not a GET (HEAD, GET: pages and their parts).</summary>
    public static async Task<IReadOnlyList<string>> DiscoverAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var page in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            foreach (var h in compiled.HandlerMethods.Where(h => !HttpMethods.IsGet(h.HttpMethod) && !HttpMethods.IsHead(h.HttpMethod)))
            {
                keys.Add($"* {h.HttpMethod.ToUpperInvariant()} {page.ViewEnginePath}" + (h.Name is null ? "" : $"?handler={h.Name}"));
            }
        }
        return keys.ToList();
    }

    [Fact]
    public async Task The_matrix_has_a_row_for_every_form_handler_of_the_pages()
    {
        var discovered = await DiscoverAsync(fixture.App.Services);
        var matrix = HandlerMatrix.Rows.Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(matrix.Count, matrix.Distinct().Count());
        Assert.True(discovered.Count >= 47, $"only {discovered.Count} page handlers discovered");
        var unlisted = discovered.Except(matrix).ToList();
        var gone = matrix.Except(discovered).ToList();
        Assert.True(unlisted.Count == 0 && gone.Count == 0,
            $"page handlers without a row: {string.Join(", ", unlisted)}; rows without a handler: {string.Join(", ", gone)}");
        // A row whose every cell refuses could not show that its check of the handler's work can see that work.
        var idle = HandlerMatrix.Rows.Where(r => !r.Expectations.Values.SelectMany(cells => cells).Any(c => c.EndsWith('+'))).Select(r => r.Key).ToList();
        Assert.True(idle.Count == 0, $"rows where no caller does the handler's work: {string.Join(", ", idle)}");
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Every_caller_gets_the_expected_answer_and_only_a_success_changes_anything(string handler)
    {
        var row = HandlerMatrix.Find(handler);
        string[] columns = row.Scoped ? ["A", "B", "P"] : ["-"];
        // A target nobody changed yet serves the next call on its world; one that was changed is replaced.
        var unchanged = new Dictionary<string, HandlerTarget>();
        var failures = new List<string>();
        var calls = 0;
        foreach (var caller in Callers.All)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var call = new MatrixCall(fixture, caller, row.Scoped ? fixture.WorldOf(columns[i]) : null);
                var target = unchanged.Remove(columns[i], out var kept) ? kept : await row.Target(call);
                var (actual, detail) = await PostAsync(call, target, withToken: true);
                calls++;
                if (!actual.EndsWith('+') && target.Client is null)
                {
                    unchanged[columns[i]] = target;
                }
                var expected = row.Expectations[caller.Key][i];
                if (actual != expected)
                {
                    failures.Add($"{caller.Key} on {columns[i]}: expected {expected}, got {actual} {detail}");
                }
            }
        }
        Assert.Equal(Callers.All.Count * columns.Length, calls);
        Assert.True(failures.Count == 0, $"{handler}:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>Pages must not be CSRF-able: the first caller who may use the handler posts without the form's token (400, nothing
    /// changed), then the same target with it, which must do the handler's work, so that the 400 was the token's doing.</summary>
    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing(string handler)
    {
        var row = HandlerMatrix.Find(handler);
        string[] columns = row.Scoped ? ["A", "B", "P"] : ["-"];
        var (caller, column) = Callers.All.SelectMany(c => columns.Select((w, i) => (c, i)))
            .First(x => row.Expectations[x.c.Key][x.i].EndsWith('+'));
        var call = new MatrixCall(fixture, caller, row.Scoped ? fixture.WorldOf(columns[column]) : null);
        var target = await row.Target(call);
        var (without, detail) = await PostAsync(call, target, withToken: false);
        Assert.True(without == "400", $"{handler} as {caller.Key} without a token: expected 400, got {without} {detail}");
        var (with, withDetail) = await PostAsync(call, target, withToken: true);
        Assert.True(with == row.Expectations[caller.Key][column], $"{handler} as {caller.Key} with the token: expected {row.Expectations[caller.Key][column]}, got {with} {withDetail}");
    }

    /// <summary>Posts the target's form as the caller; answers the cell as the matrix writes it, and what to show when it differs.</summary>
    private async Task<(string Cell, string Detail)> PostAsync(MatrixCall call, HandlerTarget target, bool withToken)
    {
        var client = target.Client ?? await fixture.FormClientAsync(call.Caller);
        var token = withToken ? await TokenAsync(client) : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Url, UriKind.Relative)) { Content = Content(target, token) };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var done = await target.Done(new HandlerAnswer(response, body, client));
        var cell = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var location = response.Headers.Location;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            cell += Where(location);
        }
        var detail = location is null ? Text(body) : $"→ {location.OriginalString}";
        if (cell == "302")
        {
            // As a browser does, the page the redirect leads to is opened (so that its notice is not left for a later call);
            // a step refused with a redirect must say why in that notice.
            using var next = await client.GetAsync(location);
            var notice = NoticeBar().Match(await next.Content.ReadAsStringAsync());
            detail += notice.Success ? $": {notice.Groups[1].Value}" : "";
            if (!done && !notice.Success)
            {
                return ("302 (to a page without a notice)", detail);
            }
        }
        if (done)
        {
            return (cell + "+", detail);
        }
        return cell == "200" && !ShowsWhy(body) ? ("200 (the form again, without saying why)", detail) : (cell, detail);
    }

    private static HttpContent Content(HandlerTarget target, string? token)
    {
        var fields = token is null ? target.Fields : [.. target.Fields, KeyValuePair.Create("__RequestVerificationToken", token)];
        if (target.File is not { } file)
        {
            return new FormUrlEncodedContent(fields);
        }
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        var bytes = new ByteArrayContent(file.Bytes);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
        form.Add(bytes, file.Field, file.FileName);
        return form;
    }

    private static readonly ConditionalWeakTable<HttpClient, string> Tokens = [];

    /// <summary>
    /// The client's antiforgery token, as a browser gets it: opening a page (the guide, or the sign-in page it leads to when not
    /// signed in) and reading the token of a form on it (the sign-out form of the layout, or the sign-in form); the client keeps
    /// the antiforgery cookie that goes with it. A token serves every form of the same session.
    /// </summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        if (Tokens.TryGetValue(client, out var token))
        {
            return token;
        }
        var url = new Uri("/Guide", UriKind.Relative);
        for (var hops = 0; hops < 5; hops++)
        {
            using var page = await client.GetAsync(url);
            if (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location is { } next)
            {
                url = next;
                continue;
            }
            var found = TokenField().Match(await page.Content.ReadAsStringAsync());
            Assert.True(found.Success, $"GET {url} answered {(int)page.StatusCode} without a form's antiforgery token");
            token = WebUtility.HtmlDecode(found.Groups[1].Value);
            Tokens.AddOrUpdate(client, token);
            return token;
        }
        throw new Xunit.Sdk.XunitException("opening the platform redirected five times");
    }

    /// <summary>Where a redirect goes, as the matrix writes it: L the sign-in page, D the access-denied page, G the guide, else nothing.</summary>
    private static string Where(Uri? location) => AuthorizationMatrixTests.Target(location) is var t && t.StartsWith('→') ? "" : t;

    /// <summary>The form came back saying why: an error summary or a validation summary with its errors, or a refusal (role="alert").</summary>
    private static bool ShowsWhy(string body) =>
        body.Contains("role=\"alert\"", StringComparison.Ordinal) || body.Contains("validation-summary-errors", StringComparison.Ordinal);

    /// <summary>The page's main text, for the failure message.</summary>
    private static string Text(string body)
    {
        var main = body.IndexOf("<main>", StringComparison.Ordinal) is var at and >= 0 ? body[at..] : body;
        var text = WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(main, " "), " ")).Trim();
        return text.Length <= 240 ? text : text[..240] + "…";
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<p class=\"notice-bar\"[^>]*>([^<]*)</p>")]
    private static partial Regex NoticeBar();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

[Collection(SqliteCollection.Name)]
public sealed class HandlerMatrixSqlite(SqliteFixture fixture) : HandlerMatrixTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HandlerMatrixPostgres(PostgresFixture fixture) : HandlerMatrixTests(fixture);
