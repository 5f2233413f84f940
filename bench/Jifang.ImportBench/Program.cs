using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using MiniExcelLibs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jifang.ImportBench;

/// <summary>
/// <c>Jifang.ImportBench generate --rows N --format csv|xlsx --out FILE</c> writes a file of N sites (a sheet 场所 for a
/// workbook); <c>Jifang.ImportBench import --file FILE --provider sqlite|postgres [--server CONN] [--dry-run] --folder DIR</c>
/// imports it into a fresh database through the platform's <see cref="Importer"/> and prints one line: rows/s, wall
/// time, the process's peak working set (VmHWM) and the largest managed heap seen (sampled every 10 ms). One import per
/// process, so that each peak is that import's (bench/import-bench.sh runs the matrix).
/// </summary>
internal static class Program
{
    private static readonly string[] Categories = ["hotel", "internet-cafe", "shopping-center", "entertainment-venue", "school"];

    public static async Task<int> Main(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length && !args[x.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[x.i + 1] : "true");
        switch (args.FirstOrDefault())
        {
            case "generate":
                Generate(int.Parse(options["rows"], CultureInfo.InvariantCulture), options["format"], options["out"]);
                return 0;
            case "import":
                return await ImportAsync(options["file"], options["provider"], options.GetValueOrDefault("server"), options.ContainsKey("dry-run"), options["folder"],
                    int.Parse(options.GetValueOrDefault("repeat", "1"), CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine("usage: generate --rows N --format csv|xlsx --out FILE | import --file FILE --provider sqlite|postgres [--server CONN] [--dry-run] --folder DIR");
                return 2;
        }
    }

    /// <summary>Sites of five categories (hotels, internet cafés… so that most have findings), all parts given, no unit columns (the import's --unit).</summary>
    private static void Generate(int rows, string format, string path)
    {
        string[] Row(int i) => [$"S{i:D6}", $"基准场所{i:D6}", "150102", $"新城区基准路{i}号", Categories[i % Categories.Length], i % 2 == 0 ? "main-entrance;passage" : "main-entrance", i % 3 == 0 ? "是" : "否"];
        string[] header = ["场所编号", "场所名称", "行政区划代码", "地址", "场所类别", "部位", "公共区域"];
        if (format == "xfd")
        {
            HostileWorkbook.Write(path);
            return;
        }
        if (format == "csv")
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            writer.WriteLine(string.Join(',', header));
            for (var i = 1; i <= rows; i++)
            {
                writer.WriteLine(string.Join(',', Row(i)));
            }
            return;
        }
        var sheet = Enumerable.Range(1, rows).Select(i => header.Zip(Row(i)).ToDictionary(p => p.First, p => (object)p.Second));
        File.Delete(path);
        MiniExcel.SaveAs(path, new Dictionary<string, object> { ["场所"] = sheet });
    }

    private static async Task<int> ImportAsync(string file, string provider, string? server, bool dryRun, string folder, int repeat)
    {
        Directory.CreateDirectory(folder);
        var connection = provider == "sqlite" ? $"Data Source={Path.Combine(folder, "import-bench.db")}" : await CreateDatabaseAsync(server!);
        await using var app = PlatformHost.Build([
            $"--Database:Provider={provider}", $"--Database:ConnectionString={connection}", $"--Audit:KeyFile={Path.Combine(folder, "audit-signing.key")}",
            "--Demo:Seed=false", "--Audit:SignTreeHeads=false", "--Compliance:RecordTrend=false", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        ]);
        await PlatformHost.InitializeAsync(app.Services);
        Guid unit;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var u = new Unit { Name = "基准单位", DivisionCode = "150102", CreatedAt = DateTime.UtcNow };
            db.Units.Add(u);
            await db.SaveChangesAsync();
            unit = u.Id;
        }
        long heap = 0;
        using var sampler = new Timer(_ => InterlockedMax(ref heap, GC.GetTotalMemory(false)), null, 0, 10);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var times = new List<double>();
        ImportReport report = null!;
        for (var run = 0; run < repeat; run++)
        {
            var clock = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
                scope.ServiceProvider.GetRequiredService<AuditTrail>().Actor = "import-bench";
                await using var input = File.OpenRead(file);
                report = await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(input, Path.GetFileName(file), new ImportOptions(unit.ToString(), null, dryRun), null, default);
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / repeat;
        // One import: the median of the repeats (the first pays the JIT).
        var wall = times.Order().ElementAt(times.Count / 2);
        InterlockedMax(ref heap, GC.GetTotalMemory(false));
        await app.DisposeAsync();
        if (provider == "postgres")
        {
            await DropDatabaseAsync(server!, connection);
        }
        if (!report.Accepted)
        {
            // A hostile file: how long its refusal took, and why.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider,-8} | {Path.GetFileName(file)} refused in {wall * 1000:F1} ms (median of {repeat}; {cpuSeconds * 1000:F1} ms CPU each) | peak WS {PeakWorkingSet() / 1048576.0:F0} MiB | {report.Errors[0].Text}"));
            return 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider,-8} | {Path.GetExtension(file)[1..],-4} | {(dryRun ? "dry run" : "commit"),-7} | {report.Sites,7:N0} | {report.Findings,8:N0} | {report.Sites / wall,8:N0} | {wall,7:F1} | {cpuSeconds,7:F1} | {PeakWorkingSet() / 1048576.0,8:F0} | {heap / 1048576.0,8:F0}"));
        return 0;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>The process's peak resident set (VmHWM, Linux), in bytes.</summary>
    private static long PeakWorkingSet() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();

    private static async Task DropDatabaseAsync(string server, string connection)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connection).Database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = $"jifang_import_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
