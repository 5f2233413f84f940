using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Load;

/// <summary>
/// Times an edit of one site and its re-judgement (the issue's "under 10 ms"), in two ways: through the platform's
/// <see cref="ComplianceService"/> in this process (read the site, change its parts, <c>SaveAndRejudgeAsync</c>: the
/// save, the deletion of its stored findings, the judgement, the insertion of the new ones, in one transaction), and,
/// given <c>--url</c>, through HTTP (<c>PUT /api/sites/{id}</c> as the county police, which also validates and answers the
/// site), and the re-judgement alone (<c>RejudgeAsync</c> in a transaction: no edit saved, no audit entry appended). The site is a site of county 150102 with the most devices; each edit toggles one of its parts, so every other
/// edit changes its findings. A quarter as many edits again (at least 20) warm up first and are not counted.
/// </summary>
internal static class RejudgeTimer
{
    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        await using var app = await LoadHost.BuildAsync(o);
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            id = await db.Sites.AsNoTracking().Where(s => s.DivisionCode == "150102" && !s.Archived)
                .OrderByDescending(s => s.Devices.Count).ThenBy(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        }
        var warmup = Math.Max(20, o.Times / 4);
        var service = new Stats();
        var edit = new Stats();
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < o.Times + warmup; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var compliance = scope.ServiceProvider.GetRequiredService<ComplianceService>();
            var begin = Stopwatch.GetTimestamp();
            var site = await db.Sites.FirstAsync(s => s.Id == id, ct);
            site.Parts = site.Parts.Contains("key-part") ? site.Parts.Where(p => p != "key-part").ToList() : [.. site.Parts, "key-part"];
            site.UpdatedAt = DateTime.UtcNow;
            var judge = Stopwatch.GetTimestamp();
            await compliance.SaveAndRejudgeAsync(id, ct);
            var end = Stopwatch.GetTimestamp();
            if (i >= warmup)
            {
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                service.Add(Stopwatch.GetElapsedTime(judge, end).TotalMilliseconds, true);
                edit.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds, true);
            }
        }
        // The re-judgement alone, as every change runs it: read the site with its systems, devices and acts, judge it, replace its
        // stored findings, commit (no edit saved, nothing appended to the audit log).
        var alone = new Stats();
        for (var i = 0; i < o.Times + warmup; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var compliance = scope.ServiceProvider.GetRequiredService<ComplianceService>();
            var begin = Stopwatch.GetTimestamp();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await compliance.RejudgeAsync(id, null, ct);
                await tx.CommitAsync(ct);
            }
            if (i >= warmup)
            {
                alone.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds, true);
            }
        }
        Console.WriteLine($"rejudge: site {id}, {o.Times} edits ({warmup} more to warm up)");
        Console.WriteLine($"{"path",-44} {"count",6} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        Print("RejudgeAsync alone (judge + replace, commit)", alone);
        Print("SaveAndRejudgeAsync (save + re-judge + audit)", service);
        Print("read + edit + SaveAndRejudgeAsync", edit);
        // Wall time waits for the cores other processes hold; the CPU this process spent is what an edit costs here.
        Console.WriteLine($"CPU of this process per read + edit + re-judge: {cpu.TotalMilliseconds / o.Times:0.00} ms (the database's own is not counted)");
        if (o.Url is { } url)
        {
            Print("HTTP PUT /api/sites/{id} (county police)", await OverHttpAsync(url, id, o.Times, warmup, ct));
        }
        return 0;
    }

    private static async Task<Stats> OverHttpAsync(Uri url, Guid id, int times, int warmup, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = url };
        using (var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "load-county-150102", password = LoadSeeder.Password }, ct))
        {
            token.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync(ct));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        }
        var detail = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/sites/{id}", UriKind.Relative), ct))!["site"]!;
        var stats = new Stats();
        for (var i = 0; i < times + warmup; i++)
        {
            var request = SiteEdit.Toggle(detail);
            var begin = Stopwatch.GetTimestamp();
            using var response = await client.PutAsJsonAsync(new Uri($"/api/sites/{id}", UriKind.Relative), request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var end = Stopwatch.GetTimestamp();
            if (i >= warmup)
            {
                stats.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds, response.IsSuccessStatusCode);
            }
            if (response.IsSuccessStatusCode)
            {
                detail = JsonNode.Parse(text)!;
            }
        }
        return stats;
    }

    internal static void Print(string path, Stats s) =>
        Console.WriteLine($"{path,-44} {s.Count,6} {Stats.Ms(s.Percentile(50)),8} {Stats.Ms(s.Percentile(95)),8} {Stats.Ms(s.Percentile(99)),8} {Stats.Ms(s.Max),8}" +
            (s.Errors > 0 ? $"  {s.Errors} errors" : ""));
}

/// <summary>An edit of a site as a client makes it: the site as read (GET /api/sites/{id}), with its key part toggled.</summary>
internal static class SiteEdit
{
    public static object Toggle(JsonNode site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var parts = site["parts"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        parts = parts.Contains("key-part") ? parts.Where(p => p != "key-part").ToList() : [.. parts, "key-part"];
        return new
        {
            unitId = site["unitId"]!.GetValue<Guid>(), name = site["name"]!.GetValue<string>(), divisionCode = site["divisionCode"]!.GetValue<string>(),
            address = site["address"]!.GetValue<string>(), categories = site["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ToList(), parts,
            publicArea = site["publicArea"]!.GetValue<bool>(), large = site["large"]!.GetValue<bool>(), urban = site["urban"]!.GetValue<bool>(),
            involvesStateSecrets = site["involvesStateSecrets"]!.GetValue<bool>(), holdsImportantItems = site["holdsImportantItems"]!.GetValue<bool>(),
        };
    }
}
