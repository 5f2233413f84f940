using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jifang.AlarmLoad;

/// <summary>
/// Open loop at a fixed rate: the operator's console stream (GET /api/alarms/stream, signed in as the unit's operator) is
/// opened first; then alarms are sent at R per second across the keys, each send timed from just before the request; the
/// time from that moment to the alarm's event on the stream is the intake-to-console latency.
/// </summary>
internal static class Latency
{
    public static async Task<int> RunAsync(Options o)
    {
        var keys = Shared.Keys(o);
        var url = o.Get("url");
        var rate = o.Double("rate", 500);
        var seconds = o.Double("seconds", 30);
        using var http = Shared.Client(url, 256);
        using var signIn = await http.PostAsJsonAsync("api/auth/token", new { userName = o.Get("user"), password = o.Get("password") });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        using var cancel = new CancellationTokenSource();
        using var streamClient = Shared.Client(url, 1);
        streamClient.Timeout = Timeout.InfiniteTimeSpan;
        using var streamRequest = new HttpRequestMessage(HttpMethod.Get, "api/alarms/stream?seconds=3600");
        streamRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var stream = await streamClient.SendAsync(streamRequest, HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var ready = new TaskCompletionSource();
        var listening = Task.Run(async () =>
        {
            string? name = null;
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                    if (name == "ready")
                    {
                        ready.TrySetResult();
                    }
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "alarm")
                {
                    var id = JsonDocument.Parse(line[6..]).RootElement.GetProperty("externalId").GetString()!;
                    if (sent.TryRemove(id, out var start))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                    }
                }
            }
        });
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var total = (int)(rate * seconds);
        var run = $"L{DateTime.UtcNow:HHmmss}";
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var id = $"{run}-{i}";
            var key = keys[i % keys.Length];
            posts.Add(Task.Run(async () =>
            {
                using var request = Shared.Alarm("api/intake/alarms", key, id);
                sent[id] = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failed);
                    sent.TryRemove(id, out _);
                }
            }));
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(posts);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cancel.CancelAsync();
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
        }
        var sorted = latencies.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate={rate:0} achieved={total / sendSeconds:0} sent={total} failed={failed} on_console={sorted.Count} missing={sent.Count} p50_ms={Shared.Ms(Shared.Percentile(sorted, 50))} p99_ms={Shared.Ms(Shared.Percentile(sorted, 99))} max_ms={Shared.Ms(sorted.Count > 0 ? sorted[^1] : double.NaN)}"));
        return failed == 0 && sent.IsEmpty ? 0 : 1;
    }
}
