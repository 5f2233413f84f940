using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Jifang.AlarmLoad;

/// <summary>
/// Closed loop: C senders, each with its own key, post alarms back to back for S seconds (after W seconds of warm-up) to
/// /api/intake/alarms or /api/intake/noop; prints the 202s per second and the latency percentiles.
/// </summary>
internal static class Throughput
{
    public static async Task<int> RunAsync(Options o)
    {
        var keys = Shared.Keys(o);
        var endpoint = o.Get("endpoint", "alarms");
        var concurrency = o.Int("concurrency", 64);
        var seconds = o.Double("seconds", 20);
        var warmup = o.Double("warmup", 3);
        var path = $"api/intake/{endpoint}";
        using var http = Shared.Client(o.Get("url"), concurrency);
        var run = $"{endpoint[0]}{DateTime.UtcNow:HHmmss}";
        var measuring = false;
        var stop = false;
        var ok = 0L;
        var failed = 0L;
        var latencies = new List<double>[concurrency];

        async Task SenderAsync(int s)
        {
            var mine = new List<double>(100_000);
            latencies[s] = mine;
            var key = keys[s % keys.Length];
            var n = 0;
            while (!Volatile.Read(ref stop))
            {
                using var request = Shared.Alarm(path, key, $"{run}-{s}-{n++}");
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!Volatile.Read(ref measuring))
                {
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref ok);
                    mine.Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        var senders = Enumerable.Range(0, concurrency).Select(s => Task.Run(() => SenderAsync(s))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(senders);
        var all = latencies.SelectMany(l => l).Order().ToList();
        var rate = ok / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"endpoint={endpoint} concurrency={concurrency} seconds={elapsed:0.0} accepted={ok} failed={failed} rate={rate:0} p50_ms={Shared.Ms(Shared.Percentile(all, 50))} p99_ms={Shared.Ms(Shared.Percentile(all, 99))}"));
        return failed == 0 ? 0 : 1;
    }
}
