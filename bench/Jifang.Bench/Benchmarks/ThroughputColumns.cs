using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Jifang.Bench.Benchmarks;

/// <summary>
/// Sites/s and MB/s from the mean time of one operation: every benchmark here handles the
/// <c>Sites</c> sites of one generated facts file per operation.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    private static readonly ConcurrentDictionary<(string, int), long> Sizes = new();
    private readonly bool _bytes;

    private ThroughputColumn(bool bytes) => _bytes = bytes;

    public static readonly ThroughputColumn SitesPerSecond = new(false);
    public static readonly ThroughputColumn MegabytesPerSecond = new(true);

    public string Id => _bytes ? "Jifang.MBps" : "Jifang.SitesPerSecond";
    public string ColumnName => _bytes ? "MB/s" : "Sites/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _bytes ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _bytes
        ? "Facts file bytes checked per second (10^6 bytes), from the mean time of one operation"
        : "Sites judged per second (with their systems and devices), from the mean time of one operation";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Parameters["Sites"] is not int sites || benchmarkCase.Parameters["Regulation"] is not string regulation)
        {
            return "-";
        }
        var seconds = mean.Value / 1e9;
        if (!_bytes)
        {
            return (sites / seconds).ToString("N0", CultureInfo.InvariantCulture);
        }
        // Parsing is part of the operation only when the benchmark reads the file.
        if (benchmarkCase.Descriptor.Type != typeof(CheckBenchmarks))
        {
            return "-";
        }
        var size = Sizes.GetOrAdd((regulation, sites), key => FactsGenerator.Size(BenchData.Options(key.Item1, key.Item2)));
        return (size / 1e6 / seconds).ToString("N1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
