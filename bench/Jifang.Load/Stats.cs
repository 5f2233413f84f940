using System.Globalization;

namespace Jifang.Load;

/// <summary>Latencies of one kind of request: count, errors, nearest-rank percentiles.</summary>
internal sealed class Stats
{
    private readonly List<double> _ms = [];

    public int Errors { get; private set; }

    public int Count => _ms.Count;

    public void Add(double ms, bool ok)
    {
        _ms.Add(ms);
        if (!ok)
        {
            Errors++;
        }
    }

    public void AddAll(Stats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _ms.AddRange(other._ms);
        Errors += other.Errors;
    }

    /// <summary>The nearest-rank percentile (p in 0..100) in milliseconds; 0 without samples.</summary>
    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return 0;
        }
        var sorted = _ms.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double Max => _ms.Count == 0 ? 0 : _ms.Max();

    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
