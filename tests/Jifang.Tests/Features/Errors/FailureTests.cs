using System.Net;
using System.Text.RegularExpressions;
using Jifang.Infrastructure;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Tests.Features.Errors;

/// <summary>
/// A failure the platform did not foresee, provoked for real: a platform whose database cannot be opened (a SQLite file that does
/// not exist, opened read-only; a PostgreSQL port nothing listens on). A page answers the Chinese 500 page without the exception's
/// details; the API answers a Chinese ProblemDetails, likewise without them.
/// </summary>
public abstract class FailureTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    protected abstract string Provider { get; }

    protected abstract string UnreachableDatabase { get; }

    public async Task InitializeAsync()
    {
        _app = PlatformHost.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Provider,
                ["Database:ConnectionString"] = UnreachableDatabase,
                ["Database:AutoMigrate"] = "false",
                ["Demo:Seed"] = "false",
                ["Audit:KeyFile"] = Path.Combine(Path.GetTempPath(), $"jifang-tests-failure-{Guid.NewGuid():N}.key"),
                ["Audit:SignTreeHeads"] = "false",
                ["Compliance:RecordTrend"] = "false",
                ["Alarms:RunTimers"] = "false",
                ["Packs:Directory"] = Repo.Packs,
                ["Logging:LogLevel:Default"] = "None",
            });
            // The same clock as the shared fixtures' (the pages' time zone is set from it).
            b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(PlatformFixture.Start));
            b.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
        await _app.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private HttpClient Browser() => new(new CookieKeeper(_app.GetTestServer().CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Loopback)))
    {
        BaseAddress = _app.GetTestServer().BaseAddress,
    };

    [Fact]
    public async Task A_page_that_fails_answers_the_chinese_500_page_without_details()
    {
        // Package verification is open to everyone and reads the database once a file is posted.
        using var browser = Browser();
        using var form = await browser.GetAsync(new Uri("/Access/Verify", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent("not a package"u8.ToArray()), "file", "p.zip" },
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
        };
        using var failed = await browser.PostAsync(new Uri("/Access/Verify", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var html = await ErrorPageTests.HtmlAsync(failed);
        ErrorPageTests.AssertChinesePage(html);
        Assert.Contains("<h1>服务器内部错误</h1>", html, StringComparison.Ordinal);
        Assert.Contains("错误已记录", html, StringComparison.Ordinal);
        AssertNoDetails(html);
    }

    [Fact]
    public async Task The_api_that_fails_answers_a_chinese_problem_without_details()
    {
        using var client = Browser();
        using var content = new MultipartFormDataContent { { new ByteArrayContent("not a package"u8.ToArray()), "file", "p.zip" } };
        using var failed = await client.PostAsync(new Uri("/api/access-packages/verify", UriKind.Relative), content);
        var body = await failed.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("服务器内部错误", body.Str("title"));
        AssertNoDetails(body.GetRawText());
    }

    private static void AssertNoDetails(string text)
    {
        foreach (var leak in new[] { "Exception", "   at ", "Sqlite", "Npgsql", "Jifang.", ".cs:line", "StackTrace" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class FailureSqlite : FailureTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jifang-tests-failure-{Guid.NewGuid():N}");

    protected override string Provider => "sqlite";

    protected override string UnreachableDatabase => $"Data Source={Path.Combine(_folder, "missing.db")};Mode=ReadOnly";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class FailurePostgres : FailureTests
{
    protected override string Provider => "postgres";

    // Port 1 on the loopback: nothing listens there, so every connection is refused at once.
    protected override string UnreachableDatabase => "Host=127.0.0.1;Port=1;Username=postgres;Database=jifang;Timeout=2";
}
