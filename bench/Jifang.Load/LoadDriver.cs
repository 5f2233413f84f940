using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jifang.Features.Demo;

namespace Jifang.Load;

/// <summary>
/// N virtual users against a running platform, over HTTP on loopback. User i signs in (POST /api/auth/token) as an account
/// of the i-th role in turn — platform administrator, province, city and county police, unit administrator — each user
/// from a loopback address of its own (127.0.0.(10+i)), as distinct clients, so that the sign-in rate limit per client
/// holds. Then, until the duration is over, each user asks for the dashboard (3 in 10), a page of the site list (4 in 10:
/// the first page half of the time, else a page among the first 200) or a filtered list (3 in 10: a name or address
/// search, a category, a division prefix, or sites with findings), waiting the think time (uniform 0.5–1.5 × the given
/// mean) between requests. The first seconds (warm-up) are not counted. Reports count, errors, p50, p95, p99 and max
/// per endpoint and per endpoint and role. With <c>--edit-every-ms</c>, one more user (county police of 150102) edits one
/// of its county's sites that often (PUT /api/sites/{id}, which re-judges the site): every edit also clears the
/// platform's cached counts, as a real registry's changes do. A request loop bounded in time: it stops by itself.
/// </summary>
internal static class LoadDriver
{
    public static readonly string[] Kinds = ["platform-admin", "police-province", "police-city", "police-county", "unit-admin"];
    public static readonly string[] Endpoints = ["dashboard", "sites", "sites-search", "site-edit"];
    private static readonly string[] Searches = ["酒店", "学校", "银行", "小区", "医院", "000123", "大街", "幼儿园"];
    private static readonly string[] Categories = ["hotel", "school", "financial-business-premises", "residential-community", "hospital", "shopping-center"];

    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        var url = o.Url ?? throw new ArgumentException("--url is required");
        var counties = DemoDivisions.All.SelectMany(j => j.Counties).Select(c => c.Code).ToList();
        var users = Enumerable.Range(0, o.Users).Select(i => new VirtualUser(i, Account(i, counties), Kinds[i % Kinds.Length])).ToList();
        var writer = o.EditEvery > TimeSpan.Zero ? new VirtualUser(o.Users, "load-county-150102", "police-county") : null;
        Console.WriteLine($"run: {o.Users} users against {url}, warm-up {o.Warmup.TotalSeconds:0} s, {o.Duration.TotalSeconds:0} s measured, think time {o.Think.TotalMilliseconds:0} ms");
        foreach (var u in writer is null ? users : [.. users, writer])
        {
            u.Client = Client(url, u.Index);
            u.Token = await SignInAsync(u.Client, u.Account, ct);
            u.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", u.Token);
        }
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(o.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(o.Duration.TotalSeconds * Stopwatch.Frequency);
        var loops = users.Select(u => Task.Run(() => LoopAsync(u, o, measureFrom, end, ct), ct)).ToList();
        if (writer is not null)
        {
            loops.Add(Task.Run(() => WriterAsync(writer, o, measureFrom, end, ct), ct));
            users.Add(writer);
        }
        // CPU time of the server and PostgreSQL (--cpu-pids) and of this driver over the measured time.
        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom), ct);
        var cpu = (Server: CpuTime.Of(o.CpuPids), Driver: Process.GetCurrentProcess().TotalProcessorTime);
        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end), ct);
        cpu = (CpuTime.Of(o.CpuPids) - cpu.Server, Process.GetCurrentProcess().TotalProcessorTime - cpu.Driver);
        await Task.WhenAll(loops);
        foreach (var u in users)
        {
            u.Client!.Dispose();
        }
        Report(users, o, cpu.Server, cpu.Driver);
        return users.Sum(u => u.Stats.Values.Sum(s => s.Errors)) == 0 ? 0 : 1;
    }

    /// <summary>The account of user i: role i mod 5, and within a role the next county or unit.</summary>
    private static string Account(int i, List<string> counties)
    {
        var nth = i / Kinds.Length;
        return Kinds[i % Kinds.Length] switch
        {
            "platform-admin" => "load-admin",
            "police-province" => nth % 2 == 0 ? "load-province-15" : "load-province-99",
            "police-city" => nth % 2 == 0 ? "load-city-1501" : "load-city-9902",
            "police-county" => $"load-county-{counties[nth % counties.Count]}",
            _ => $"load-unit-{nth % LoadSeeder.UnitAccounts + 1}",
        };
    }

    private static HttpClient Client(Uri url, int index)
    {
        var source = new IPAddress([127, 0, 0, (byte)(10 + index % 240)]);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = 1,
            // Each user connects from its own loopback address, as a separate client would.
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<string> SignInAsync(HttpClient client, string user, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = LoadSeeder.Password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"signing {user} in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task LoopAsync(VirtualUser u, Options o, long measureFrom, long end, CancellationToken ct)
    {
        var random = new Random(o.Seed * 1000 + u.Index);
        var pages = 1;
        while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
        {
            var roll = random.Next(10);
            var (endpoint, path) = roll switch
            {
                < 3 => ("dashboard", "/api/dashboard"),
                < 7 => ("sites", $"/api/sites?page={(random.Next(2) == 0 ? 1 : random.Next(1, Math.Min(pages, 200) + 1))}"),
                _ => ("sites-search", Filter(random)),
            };
            var begin = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var response = await u.Client!.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                ok = response.StatusCode == HttpStatusCode.OK;
                if (ok && endpoint == "sites" && pages == 1)
                {
                    using var page = JsonDocument.Parse(body);
                    pages = Math.Max(1, (page.RootElement.GetProperty("total").GetInt32() + 19) / 20);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            var stop = Stopwatch.GetTimestamp();
            if (begin >= measureFrom && stop <= end)
            {
                u.Add(endpoint, Stopwatch.GetElapsedTime(begin, stop).TotalMilliseconds, ok);
            }
            if (o.Think > TimeSpan.Zero)
            {
                await Task.Delay(o.Think * (0.5 + random.NextDouble()), ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriterAsync(VirtualUser u, Options o, long measureFrom, long end, CancellationToken ct)
    {
        var page = JsonNode.Parse(await u.Client!.GetStringAsync(new Uri("/api/sites?pageSize=50", UriKind.Relative), ct))!;
        var ids = page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        for (var n = 0; !ct.IsCancellationRequested && Stopwatch.GetTimestamp() < end && ids.Count > 0; n++)
        {
            var id = ids[n % ids.Count];
            var site = JsonNode.Parse(await u.Client.GetStringAsync(new Uri($"/api/sites/{id}", UriKind.Relative), ct))!["site"]!;
            var begin = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var response = await u.Client.PutAsJsonAsync(new Uri($"/api/sites/{id}", UriKind.Relative), SiteEdit.Toggle(site), ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                ok = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }
            var stop = Stopwatch.GetTimestamp();
            if (begin >= measureFrom && stop <= end)
            {
                u.Add("site-edit", Stopwatch.GetElapsedTime(begin, stop).TotalMilliseconds, ok);
            }
            await Task.Delay(o.EditEvery, ct).ConfigureAwait(false);
        }
    }

    private static string Filter(Random random) => random.Next(4) switch
    {
        0 => $"/api/sites?search={Uri.EscapeDataString(Searches[random.Next(Searches.Length)])}",
        1 => $"/api/sites?category={Categories[random.Next(Categories.Length)]}",
        2 => $"/api/sites?division={(random.Next(2) == 0 ? "1502" : "990102")}",
        _ => "/api/sites?hasFindings=true",
    };

    private static void Report(List<VirtualUser> users, Options o, TimeSpan serverCpu, TimeSpan driverCpu)
    {
        var rows = new List<(string Endpoint, string Role, Stats Stats)>();
        foreach (var endpoint in Endpoints)
        {
            var all = new Stats();
            foreach (var kind in Kinds)
            {
                var s = new Stats();
                foreach (var u in users.Where(u => u.Kind == kind))
                {
                    if (u.Stats.TryGetValue(endpoint, out var x))
                    {
                        s.AddAll(x);
                    }
                }
                all.AddAll(s);
                rows.Add((endpoint, kind, s));
            }
            rows.Add((endpoint, "all", all));
        }
        var total = rows.Where(r => r.Role == "all").Sum(r => r.Stats.Count);
        Console.WriteLine($"{total} requests in {o.Duration.TotalSeconds:0} s: {(total / o.Duration.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)} requests/s; " +
            $"CPU per request: {PerRequest(serverCpu)} ms server and database (--cpu-pids), {PerRequest(driverCpu)} ms driver; load average {File.ReadAllText("/proc/loadavg")[..14]}");
        string PerRequest(TimeSpan cpu) => total == 0 ? "-" : (cpu.TotalMilliseconds / total).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"{"endpoint",-13} {"role",-16} {"count",7} {"errors",6} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (endpoint, role, s) in rows.Where(r => r.Stats.Count > 0))
        {
            Console.WriteLine($"{endpoint,-13} {role,-16} {s.Count,7} {s.Errors,6} {Stats.Ms(s.Percentile(50)),8} {Stats.Ms(s.Percentile(95)),8} {Stats.Ms(s.Percentile(99)),8} {Stats.Ms(s.Max),8}");
        }
        if (o.Json is { } file)
        {
            File.WriteAllText(file, JsonSerializer.Serialize(new
            {
                users = o.Users, durationSeconds = o.Duration.TotalSeconds, thinkMs = o.Think.TotalMilliseconds, requests = total,
                serverCpuMsPerRequest = total == 0 ? 0 : serverCpu.TotalMilliseconds / total, driverCpuMsPerRequest = total == 0 ? 0 : driverCpu.TotalMilliseconds / total,
                rows = rows.Select(r => new { r.Endpoint, r.Role, r.Stats.Count, r.Stats.Errors, p50 = r.Stats.Percentile(50), p95 = r.Stats.Percentile(95), p99 = r.Stats.Percentile(99), max = r.Stats.Max }),
            }));
        }
    }

    private sealed class VirtualUser(int index, string account, string kind)
    {
        public int Index { get; } = index;
        public string Account { get; } = account;
        public string Kind { get; } = kind;
        public HttpClient? Client { get; set; }
        public string? Token { get; set; }
        public Dictionary<string, Stats> Stats { get; } = [];

        public void Add(string endpoint, double ms, bool ok)
        {
            if (!Stats.TryGetValue(endpoint, out var s))
            {
                Stats[endpoint] = s = new Stats();
            }
            s.Add(ms, ok);
        }
    }
}
