using BenchmarkDotNet.Attributes;
using Jifang.Rules.Engine;
using Jifang.Rules.Facts;

namespace Jifang.Bench.Benchmarks;

/// <summary>
/// The evaluator alone: <see cref="CompiledPack.JudgeSite"/> over sites that were parsed
/// beforehand (parsing is not measured). One operation judges every site once, with its systems
/// and devices; the Sites/s column turns that into site evaluations per second.
/// </summary>
[MemoryDiagnoser]
public class JudgeSiteBenchmarks
{
    private readonly List<Finding> _findings = [];
    private CompiledPack _pack = null!;
    private SiteFacts[] _sites = [];
    private DateOnly _asOf;

    [Params("nmg-2007", "province-2012")]
    public string Regulation { get; set; } = "nmg-2007";

    [Params(10_000)]
    public int Sites { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        _pack = BenchData.Pack(Regulation);
        var options = BenchData.Options(Regulation, Sites);
        _asOf = options.AsOf;
        _sites = [.. BenchData.ParseSites(BenchData.FactsBytes(Regulation, Sites))];
    }

    /// <summary>Judges all sites; returns the number of findings (a few percent of the sites have some).</summary>
    [Benchmark]
    public int JudgeSites()
    {
        _findings.Clear();
        foreach (var site in _sites)
        {
            _pack.JudgeSite(site, _asOf, _findings);
        }
        return _findings.Count;
    }
}
