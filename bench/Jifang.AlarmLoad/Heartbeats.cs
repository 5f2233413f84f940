using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Jifang.AlarmLoad;

/// <summary>
/// N systems (one key each) send a heartbeat every I seconds, spread evenly over the interval (N / I per second), for S
/// seconds. "Falling behind" is measured on both sides: how late the driver sends against its schedule (it waits for
/// nothing but its clock, so lateness means the server is not answering fast enough), and the heartbeat latency.
/// </summary>
internal static class Heartbeats
{
    public static async Task<int> RunAsync(Options o)
    {
        var keys = Shared.Keys(o);
        var systems = Math.Min(o.Int("systems", keys.Length), keys.Length);
        var interval = o.Double("interval", 60);
        var seconds = o.Double("seconds", 180);
        var rate = systems / interval;
        var total = (int)(rate * seconds);
        using var http = Shared.Client(o.Get("url"), 512);
        var failed = 0;
        var inFlightMax = 0;
        var inFlight = 0;
        var latencies = new double[total];
        var lateness = new double[total];
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
            var n = i;
            lateness[n] = Math.Max(0, (clock.Elapsed - due).TotalMilliseconds);
            var key = keys[n % systems];
            posts.Add(Task.Run(async () =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref inFlightMax, now);
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/heartbeats");
                request.Headers.Add("X-Api-Key", key);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
                latencies[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Decrement(ref inFlight);
            }));
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(posts);
        var sorted = latencies.Order().ToList();
        var late = lateness.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"systems={systems} interval_s={interval:0} seconds={sendSeconds:0.0} sent={total} failed={failed} rate={total / sendSeconds:0}/s (target {rate:0}/s) " +
            $"p50_ms={Shared.Ms(Shared.Percentile(sorted, 50))} p99_ms={Shared.Ms(Shared.Percentile(sorted, 99))} max_ms={Shared.Ms(sorted[^1])} " +
            $"send_lateness_p99_ms={Shared.Ms(Shared.Percentile(late, 99))} max_in_flight={inFlightMax}"));
        return failed == 0 ? 0 : 1;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
