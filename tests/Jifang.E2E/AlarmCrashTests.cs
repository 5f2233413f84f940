using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Jifang.E2E;

[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}

/// <summary>
/// Nothing acknowledged is lost: sixteen senders post alarms to the real binary while it is killed with SIGKILL and
/// started again, twice; each sender retries what got no answer with the same id and content. Afterwards every
/// alarm that got a 202 is there, under the id the 202 named, and no id is stored twice. Once on SQLite, once on
/// PostgreSQL (the server JIFANG_TEST_POSTGRES names, as for tests/Jifang.Tests). Each run lasts until a number of alarms
/// was acknowledged, not a number of seconds, so that a slow machine makes the test slower, never wrong; the time limit
/// per run only fails a platform that stopped acknowledging.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class AlarmCrashTests(ITestOutputHelper output)
{
    private const int Senders = 16;
    private const int Crashes = 2;

    /// <summary>Alarms acknowledged in each run (before each kill and after the last start).</summary>
    private const int PerRun = 50;

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_alarm_that_got_a_202_survives_SIGKILL_and_none_is_stored_twice(string provider)
    {
        string? connection = null;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("JIFANG_TEST_POSTGRES");
            Assert.False(string.IsNullOrWhiteSpace(server), "JIFANG_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL 15");
            // A database of its own on that server: the platform creates it when it migrates.
            connection = string.Join(';', server!.Split(';').Where(p => !p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase)))
                + $";Database=jifang_crash_{Guid.NewGuid():N}";
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var platform = new CrashServer(provider, connection);
        string[] settings = [$"--Demo:AlarmKey={PlatformServer.DemoAlarmKey}", "--Alarms:RatePerSecond=100000", "--Alarms:RateBurst=100000"];
        await platform.StartAsync(settings);
        output.WriteLine($"{clock.Elapsed}: started");

        var acknowledged = new ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        var target = PerRun;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var problems = new ConcurrentQueue<string>();
        var posted = 0;
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = platform.BaseAddress, Timeout = TimeSpan.FromSeconds(10),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", PlatformServer.DemoAlarmKey);

        async Task SendAsync(int sender)
        {
            var n = 0;
            string? pending = null;
            var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
            while (pending is not null || !stop.IsCancellationRequested)
            {
                var id = pending ?? $"S{sender:D2}-{n++:D6}";
                if (!bodies.TryGetValue(id, out var body))
                {
                    body = JsonSerializer.Serialize(new
                    {
                        id, device = $"防区 {sender}", time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                        type = "intrusion", priority = "high", description = "崩溃测试",
                    });
                    bodies[id] = body;
                }
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("api/intake/alarms", UriKind.Relative), content);
                    Interlocked.Increment(ref posted);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var alarm = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarm").GetGuid();
                        if (acknowledged.TryGetValue(id, out var before) && before != alarm)
                        {
                            problems.Enqueue($"{id}: 202 named {before}, then {alarm}");
                        }
                        acknowledged[id] = alarm;
                        if (acknowledged.Count >= Volatile.Read(ref target))
                        {
                            Volatile.Read(ref reached).TrySetResult();
                        }
                        pending = null;
                        continue;
                    }
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        problems.Enqueue($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        pending = null;
                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // No answer (the server died or is starting): the same alarm again, later.
                }
                pending = id;
                await Task.Delay(50);
            }
        }

        // Until PerRun more alarms were acknowledged since the last start (the limit fails a platform that stopped answering).
        async Task RunAsync()
        {
            await Volatile.Read(ref reached).Task.WaitAsync(RunLimit);
            // The target first: a sender that sees the new signal then compares with the new target.
            Interlocked.Add(ref target, PerRun);
            Volatile.Write(ref reached, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(() => SendAsync(s))).ToArray();
        for (var crash = 0; crash < Crashes; crash++)
        {
            await RunAsync();
            platform.Kill();
            output.WriteLine($"{clock.Elapsed}: killed with {acknowledged.Count} acknowledged");
            await platform.StartAsync(settings);
            output.WriteLine($"{clock.Elapsed}: started again");
        }
        await RunAsync();
        await stop.CancelAsync();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"{clock.Elapsed}: senders done, {acknowledged.Count} acknowledged of {posted} posts");
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(20)));
        Assert.True(acknowledged.Count >= PerRun * (Crashes + 1), $"only {acknowledged.Count} alarms acknowledged of {posted} posts:\n{platform.Output}");

        // What the platform holds, as its administrator sees it.
        var stored = await StoredAsync(platform, acknowledged.Values.First());
        output.WriteLine($"{clock.Elapsed}: {stored.Count} stored");
        var twice = stored.GroupBy(s => s.ExternalId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"stored twice: {string.Join(", ", twice.Take(20))}");
        var byId = stored.ToDictionary(s => s.ExternalId, s => s.Alarm);
        var lost = acknowledged.Where(a => !byId.TryGetValue(a.Key, out var alarm) || alarm != a.Value).Select(a => a.Key).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged alarms missing after the crashes: {string.Join(", ", lost.Take(20))}");
    }

    private static async Task<List<(string ExternalId, Guid Alarm)>> StoredAsync(CrashServer platform, Guid anyAlarm)
    {
        using var http = new HttpClient { BaseAddress = platform.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var signIn = await http.PostAsJsonAsync(new Uri("api/auth/token", UriKind.Relative), new { userName = "admin", password = "Jifang-Demo-2026" });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var system = (await http.GetFromJsonAsync<JsonElement>(new Uri($"api/alarms/{anyAlarm}", UriKind.Relative))).GetProperty("alarm").GetProperty("systemId").GetGuid();
        var stored = new List<(string, Guid)>();
        for (var page = 1; ; page++)
        {
            var items = (await http.GetFromJsonAsync<JsonElement>(new Uri($"api/alarms?system={system}&pageSize=200&page={page}", UriKind.Relative))).GetProperty("items");
            if (items.GetArrayLength() == 0)
            {
                return stored;
            }
            stored.AddRange(items.EnumerateArray().Select(i => (i.GetProperty("externalId").GetString()!, i.GetProperty("id").GetGuid())));
        }
    }
}
