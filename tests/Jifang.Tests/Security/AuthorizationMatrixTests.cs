using System.Net;
using System.Text.Json;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// Calls every endpoint of the app as anonymous and as every role, on records inside and outside the caller's scope,
/// and compares each status with <see cref="AuthorizationMatrix"/>. The endpoints are discovered from the app's
/// EndpointDataSource, so an endpoint added without a line in the matrix fails <see cref="The_matrix_covers_every_endpoint_of_the_app"/>.
/// </summary>
public abstract class AuthorizationMatrixTests(PlatformFixture fixture)
{
    public static TheoryData<string> Endpoints => new(AuthorizationMatrix.Endpoints.Select(e => e.Key));

    /// <summary>"METHOD pattern" of every routed endpoint ("*" when it takes any method, as Razor pages do).</summary>
    public static IReadOnlyList<string> Discover(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_matrix_covers_every_endpoint_of_the_app()
    {
        var discovered = Discover(fixture.App.Services);
        var matrix = AuthorizationMatrix.Endpoints.Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(matrix.Count, matrix.Distinct().Count());
        Assert.True(discovered.Count >= 28, $"only {discovered.Count} endpoints discovered");
        // A line for a filter of an endpoint ("GET /api/findings + regulation") checks that endpoint with the filter too.
        var endpoints = matrix.Select(k => k.Split(" + ")[0]).Distinct().ToList();
        var unlisted = discovered.Except(endpoints).ToList();
        var gone = endpoints.Except(discovered).ToList();
        Assert.True(unlisted.Count == 0 && gone.Count == 0,
            $"endpoints without a line in the matrix: {string.Join(", ", unlisted)}; matrix lines without an endpoint: {string.Join(", ", gone)}");
    }

    /// <summary>The matrix calls pages with the sign-in cookie because pages take no bearer token: a token alone is not signed in there.</summary>
    [Fact]
    public async Task Pages_take_the_sign_in_cookie_and_not_a_bearer_token()
    {
        using var withToken = await fixture.Client(Callers.PlatformAdmin).GetAsync(new Uri("/Sites", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal("L", Target(withToken.Headers.Location));
        using var withCookie = await (await fixture.PageClientAsync(Callers.PlatformAdmin)).GetAsync(new Uri("/Sites", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_caller_gets_the_expected_status(string endpoint)
    {
        var e = AuthorizationMatrix.Find(endpoint);
        string[] columns = e.Scoped ? ["A", "B", "P"] : ["-"];
        var failures = new List<string>();
        var calls = 0;
        foreach (var caller in Callers.All)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var world = e.Scoped ? fixture.WorldOf(columns[i]) : null;
                var expected = e.Expectations[caller.Key][i];
                using var request = await e.Request(new MatrixCall(fixture, caller, world));
                // Pages authenticate with the sign-in cookie only, so a page is called with the caller's cookie client.
                var client = e.IsPage ? await fixture.PageClientAsync(caller) : fixture.Client(caller);
                using var response = await client.SendAsync(request);
                calls++;
                var body = await response.Content.ReadAsStringAsync();
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var actual = status;
                if (expected.Length == 4 && expected.StartsWith("200", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
                {
                    var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
                    actual += e.Contains!(json ? Http.Parse(body) : JsonSerializer.SerializeToElement(body), world!) ? "+" : "-";
                }
                if (expected.Length == 4 && expected.StartsWith("302", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Redirect)
                {
                    actual += Target(response.Headers.Location);
                }
                if (actual != expected)
                {
                    failures.Add($"{caller.Key} on {columns[i]}: expected {expected}, got {actual} {Shorten(body)}");
                }
                var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString;
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    // Refusals of the API are ProblemDetails, not redirects to the sign-in page.
                    Assert.Null(response.Headers.Location);
                }
            }
        }
        Assert.Equal(Callers.All.Count * columns.Length, calls);
        Assert.True(failures.Count == 0, $"{endpoint}:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>Where a redirect goes, as the matrix writes it: L the sign-in page, D the access-denied page, G the guide.</summary>
    internal static string Target(Uri? location)
    {
        var path = location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        return path switch
        {
            "/Account/Login" => "L",
            "/Account/Denied" => "D",
            "/Guide" => "G",
            _ => $"→{path}",
        };
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixSqlite(SqliteFixture fixture) : AuthorizationMatrixTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixPostgres(PostgresFixture fixture) : AuthorizationMatrixTests(fixture);
