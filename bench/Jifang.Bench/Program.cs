using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Jifang.Bench.Benchmarks;

namespace Jifang.Bench;

/// <summary>
/// <c>generate --sites N --regulation ID --seed S --out FILE [--as-of YYYY-MM-DD] [--indented]</c>
/// writes a facts file; <c>bdn [BenchmarkDotNet arguments]</c> runs the benchmarks.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          Jifang.Bench generate --sites N --regulation nmg-2007|province-2012 --seed S --out FILE [--as-of YYYY-MM-DD] [--indented]
          Jifang.Bench bdn [--filter PATTERN] [other BenchmarkDotNet arguments]
        """;

    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "generate":
                return Generate(args[1..]);
            case "bdn":
                return Benchmarks(args[1..]);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int Generate(string[] args)
    {
        int? sites = null;
        string? regulation = null, output = null;
        var seed = 1;
        var asOf = new DateOnly(2025, 6, 30);
        var indented = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--sites": sites = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--regulation": regulation = Value(); break;
                    case "--seed": seed = int.Parse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture); break;
                    case "--out": output = Value(); break;
                    case "--as-of": asOf = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                    case "--indented": indented = true; break;
                    default: throw new ArgumentException($"unknown argument {args[i]}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"generate: {ex.Message}");
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }
        if (sites is null || regulation is null || output is null)
        {
            Console.Error.WriteLine("generate: --sites, --regulation and --out are required");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (regulation is not ("nmg-2007" or "province-2012"))
        {
            Console.Error.WriteLine($"generate: unknown regulation \"{regulation}\" (nmg-2007 or province-2012)");
            return 2;
        }
        var options = new GeneratorOptions { Sites = sites.Value, Regulation = regulation, Seed = seed, AsOf = asOf, Indented = indented };
        var clock = Stopwatch.StartNew();
        GeneratorStats stats;
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        using (var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            stats = FactsGenerator.Write(file, options);
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {stats.Bytes / 1e6:F1} MB, {stats.Sites} sites, {stats.Systems} systems, {stats.Devices} devices, {stats.Acts} acts, {stats.Requests} access requests ({clock.Elapsed.TotalSeconds:F1} s)"));
        Console.Error.WriteLine($"deliberate violations: {stats.Violations.Values.Sum()} ({string.Join(", ", stats.Violations.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}"))})");
        return 0;
    }

    private static int Benchmarks(string[] args)
    {
        // The benchmark processes that BenchmarkDotNet starts find the packs through this.
        Environment.SetEnvironmentVariable("JIFANG_PACKS", BenchData.PacksDirectory());
        if (!args.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
        {
            args = [.. args, "--filter", "*"];
        }
        var config = DefaultConfig.Instance
            .AddColumn(ThroughputColumn.SitesPerSecond, ThroughputColumn.MegabytesPerSecond);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
