using System.Globalization;
using Jifang.AlarmLoad;

// Jifang.AlarmLoad: the load driver of alarm networking (docs/benchmarks.md, bench/alarm-load.sh).
//   seed       --provider sqlite|postgres --connection CS --systems N --keys FILE
//   throughput --url URL --keys FILE --endpoint alarms|noop --concurrency C --seconds S [--warmup W]
//   latency    --url URL --keys FILE --rate R --seconds S --user U --password P
//   heartbeats --url URL --keys FILE --interval SEC --seconds S [--systems N]
var command = args.Length > 0 ? args[0] : "";
var options = Options.Parse(args.Skip(1).ToArray());
try
{
    return command switch
    {
        "seed" => await Seed.RunAsync(options.Get("provider", "sqlite"), options.Get("connection"), options.Int("systems", 1000), options.Get("keys")),
        "throughput" => await Throughput.RunAsync(options),
        "latency" => await Latency.RunAsync(options),
        "heartbeats" => await Heartbeats.RunAsync(options),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("用法：Jifang.AlarmLoad seed|throughput|latency|heartbeats --选项 值 …（见 docs/benchmarks.md）");
    return 2;
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"无法识别的参数 {args[i]}");
            }
            values[args[i][2..]] = args[i + 1];
        }
        return new Options(values);
    }

    public string Get(string name, string? fallback = null) =>
        values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"缺少 --{name}");

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
