using System.Collections.Concurrent;
using System.Net;
using Jifang.Features.Access;
using Jifang.Infrastructure;
using Jifang.Tests.Features.Audit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jifang.Tests.Security;

/// <summary>
/// Issue 10: uploads logged "A request body size limit could not be applied": the form check read the body before routing set
/// the endpoint's limit, so an upload was held to the server's default instead of its own. On Kestrel (the test server has no
/// such feature), the limit of package verification is now applied.
/// </summary>
public sealed class RequestSizeLimitTests
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue(formatter(state, exception));
        }
    }

    [Fact]
    public async Task An_upload_gets_its_endpoint_s_body_size_limit_on_kestrel()
    {
        await using var scratch = await AuditScratch.CreateAsync("sqlite");
        var capture = new Capture();
        await using var app = PlatformHost.Build(
            [.. scratch.HostArgs, "--Audit:SignTreeHeads=false", "--Compliance:RecordTrend=false", "--Alarms:RunTimers=false", "--urls=http://127.0.0.1:0",
             "--Logging:LogLevel:Microsoft.AspNetCore.Routing=Debug"],
            b => b.Logging.AddProvider(capture));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var content = new MultipartFormDataContent { { new ByteArrayContent("not a package"u8.ToArray()), "file", "p.zip" } };
            using var response = await client.PostAsync(new Uri("/api/access-packages/verify", UriKind.Relative), content);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
        var lines = capture.Lines.ToList();
        Assert.DoesNotContain(lines, l => l.Contains("could not be applied", StringComparison.OrdinalIgnoreCase));
        var limit = (PackageVerification.MaxBytes + (1 << 20)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(lines, l => l.Contains("request body size", StringComparison.OrdinalIgnoreCase) && l.Contains(limit, StringComparison.Ordinal));
    }
}
