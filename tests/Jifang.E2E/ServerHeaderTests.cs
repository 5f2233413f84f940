namespace Jifang.E2E;

/// <summary>
/// What only the real server (Kestrel, not the HTTP tests' in-process host) sends: no Server header naming it, and
/// Cache-Control: no-store on what shows data (issue 9).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerHeaderTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/units")]
    [InlineData("/Account/Login")]
    [InlineData("/no/such/page")]
    public async Task The_server_does_not_name_itself_and_answers_are_not_cached(string path)
    {
        using var client = new HttpClient { BaseAddress = browser.Server.BaseAddress };
        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control: {response.Headers.CacheControl}");
    }
}
