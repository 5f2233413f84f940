using System.Diagnostics;
using System.Globalization;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.AuditBench;

/// <summary>
/// <c>append --entries N --writers W[,W2…] --folder DIR [--provider sqlite|postgres --connection CS] [--keep]</c>:
/// appends N audit entries from W concurrent appenders (each awaits its receipt, as a request handler does, then
/// appends the next) through the platform's own <see cref="IAuditLog"/>, on a fresh database, and reports entries per
/// second, batches and their sizes. With <c>--keep</c> the last database stays (with a signed tree head) for
/// <c>jifang audit export</c> and <c>jifang audit verify</c>.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Jifang.AuditBench append --entries N --writers W[,W...] --folder DIR [--provider sqlite|postgres --connection CS] [--keep]";

    private static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() != "append")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        long entries = 100_000;
        int[] writers = [64];
        string? folder = null, connection = null;
        var provider = "sqlite";
        var keep = false;
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--entries": entries = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--writers": writers = [.. Value().Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture))]; break;
                case "--folder": folder = Value(); break;
                case "--provider": provider = Value(); break;
                case "--connection": connection = Value(); break;
                case "--keep": keep = true; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
            }
        }
        if (folder is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Directory.CreateDirectory(folder);
        Console.WriteLine($"# {entries:N0} entries per run, provider {provider}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("writers | entries/s | seconds | CPU s   | entries/CPU-s | batches | mean batch | largest batch");
        for (var run = 0; run < writers.Length; run++)
        {
            var last = run == writers.Length - 1;
            var db = Path.Combine(folder, "jifang.db");
            if (provider == "sqlite")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                {
                    File.Delete(f);
                }
            }
            var cs = provider == "sqlite" ? $"Data Source={db}" : connection ?? throw new ArgumentException("--connection is needed for postgres");
            await RunAsync(provider, cs, Path.Combine(folder, "audit-signing.key"), entries, writers[run], keep && last);
        }
        return 0;
    }

    private static async Task RunAsync(string provider, string connection, string keyFile, long entries, int writers, bool keep)
    {
        await using var app = PlatformHost.Build([
            $"--Database:Provider={provider}", $"--Database:ConnectionString={connection}", $"--Audit:KeyFile={keyFile}",
            "--Demo:Seed=false", "--Audit:SignTreeHeads=false", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None",
        ]);
        await PlatformHost.InitializeAsync(app.Services);
        if (provider == "postgres")
        {
            await using var scope = app.Services.CreateAsyncScope();
            var ctx = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            await ctx.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries, audit_checkpoints, audit_tree_heads");
        }
        var log = app.Services.GetRequiredService<IAuditLog>();
        // Warm up the writer (JIT, key, connection) outside the measured time.
        await log.AppendAsync(new AuditEvent("bench.started", "system:bench", Detail: $"{writers} writers"));
        var units = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        long next = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next) - 1;
                if (i >= entries)
                {
                    return;
                }
                var site = new Guid((int)(i % 4000), 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8);
                await log.AppendAsync(new AuditEvent(
                    i % 10 == 0 ? "finding.raised" : "site.updated", $"police-county-{w % 40}", $"site:{site}", $"1501{(i % 9) + 1:D2}", units[i % units.Length],
                    i % 10 == 0 ? "nmg-2007 9.2.3" : null,
                    i % 10 == 0 ? "技防系统未覆盖规定部位：主要出入口（system 0197be22-3999-7643-8a22-af72a9f2f317）" : $"名称：示例场所{i % 4000}；修改字段：Address, Name"));
            }
        }))).ConfigureAwait(false);
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var batches = await db.AuditCheckpoints.AsNoTracking().Where(c => c.PreviousSize > 0).Select(c => c.TreeSize - c.PreviousSize).ToListAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{writers,7} | {entries / clock.Elapsed.TotalSeconds,9:N0} | {clock.Elapsed.TotalSeconds,7:F2} | {cpuSeconds,7:F2} | {entries / cpuSeconds,11:N0} | {batches.Count,7:N0} | {batches.Average(),10:F1} | {batches.Max(),13:N0}"));
        }
        if (keep)
        {
            var head = await app.Services.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync();
            Console.WriteLine($"# kept: {head?.TreeSize:N0} entries, tree head signed, key {keyFile}");
        }
    }
}
