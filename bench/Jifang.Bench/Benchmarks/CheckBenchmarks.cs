using BenchmarkDotNet.Attributes;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;

namespace Jifang.Bench.Benchmarks;

/// <summary>
/// The whole <see cref="Evaluation.Check"/> of a facts file held in memory: streaming parse,
/// validation, references, judging and sorting the findings (not writing them, and not loading
/// the packs). One operation checks the whole file; Sites/s and MB/s are derived from it.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private PackSet _packs = null!;
    private byte[] _facts = [];

    [Params("nmg-2007", "province-2012")]
    public string Regulation { get; set; } = "nmg-2007";

    [Params(10_000)]
    public int Sites { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        _packs = PackSet.Load(BenchData.PacksDirectory());
        _facts = BenchData.FactsBytes(Regulation, Sites);
        var status = Check();
        if (status != CheckStatus.Findings)
        {
            throw new InvalidOperationException($"expected findings, got {status}");
        }
    }

    [Benchmark]
    public CheckStatus Check()
    {
        using var stream = new MemoryStream(_facts, writable: false);
        return Evaluation.Check(stream, _packs, null, null, TimeProvider.System).Status;
    }
}
