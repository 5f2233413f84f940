using System.Globalization;

namespace Jifang.Load;

/// <summary>
/// The platform under load (docs/benchmarks.md, section 3): <c>seed</c> fills a database with N sites, <c>run</c> sends
/// virtual users of every role at a running <c>jifang serve</c>, <c>rejudge</c> times an edit and re-judgement of one site,
/// <c>explain</c> prints the SQL that the dashboard and the site list send for each kind of scope, with its time.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          Jifang.Load seed    --connection CS [--provider postgres|sqlite] [--sites 100000] [--batch 2000]
          Jifang.Load run     --url http://127.0.0.1:PORT [--users 20] [--duration 60] [--warmup 10] [--think-ms 0] [--seed 1] [--json FILE] [--cpu-pids PID,PID] [--edit-every-ms 0]
          Jifang.Load rejudge --connection CS [--provider postgres|sqlite] [--url http://127.0.0.1:PORT] [--times 200]
          Jifang.Load explain --connection CS [--provider postgres|sqlite]
        The seed creates the accounts the driver signs in with (password Jifang-Load-2026): load-admin, load-province-15,
        load-province-99, load-city-1501, load-city-9902, load-county-<code> for every county, load-unit-1 … load-unit-20.
        """;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        Options options;
        try
        {
            options = Options.Parse(args[1..]);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return args[0] switch
        {
            "seed" => await LoadSeeder.RunAsync(options, cancel.Token),
            "run" => await LoadDriver.RunAsync(options, cancel.Token),
            "rejudge" => await RejudgeTimer.RunAsync(options, cancel.Token),
            "explain" => await Explain.RunAsync(options, cancel.Token),
            _ => Unknown(args[0]),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown command {command}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

/// <summary>The options of every subcommand; each reads the ones it needs.</summary>
internal sealed record Options
{
    public string Provider { get; init; } = "postgres";
    public string? Connection { get; init; }
    public int Sites { get; init; } = 100_000;
    public int Batch { get; init; } = 2_000;
    public Uri? Url { get; init; }
    public int Users { get; init; } = 20;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Think { get; init; } = TimeSpan.Zero;
    public int Seed { get; init; } = 1;
    public int Times { get; init; } = 200;
    public string? Json { get; init; }
    public IReadOnlyList<int> CpuPids { get; init; } = [];
    public TimeSpan EditEvery { get; init; } = TimeSpan.Zero;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new ArgumentException($"{name} needs a whole number of at least {min}");
            o = name switch
            {
                "--provider" => o with { Provider = Value() is var p && p is "postgres" or "sqlite" ? p : throw new ArgumentException("--provider is postgres or sqlite") },
                "--connection" => o with { Connection = Value() },
                "--sites" => o with { Sites = Number(1) },
                "--batch" => o with { Batch = Number(1) },
                "--url" => o with { Url = Uri.TryCreate(Value(), UriKind.Absolute, out var u) && u.IsLoopback ? u : throw new ArgumentException("--url must be an http URL on this machine (loopback)") },
                "--users" => o with { Users = Number(1) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Number(1)) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(Number(0)) },
                "--think-ms" => o with { Think = TimeSpan.FromMilliseconds(Number(0)) },
                "--seed" => o with { Seed = Number(0) },
                "--times" => o with { Times = Number(1) },
                "--json" => o with { Json = Value() },
                "--edit-every-ms" => o with { EditEvery = TimeSpan.FromMilliseconds(Number(0)) },
                "--cpu-pids" => o with { CpuPids = Value().Split(',').Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : throw new ArgumentException("--cpu-pids takes process ids separated by commas")).ToList() },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }

    public string RequireConnection() => Connection ?? throw new ArgumentException("--connection is required");
}
