using Jifang.Rules.Engine;
using Jifang.Rules.Facts;
using Jifang.Rules.Packs;

namespace Jifang.Bench.Benchmarks;

/// <summary>The packs and the generated facts the benchmarks judge.</summary>
internal static class BenchData
{
    /// <summary>The seed every benchmark uses, so that all runs judge the same facts.</summary>
    public const int Seed = 20240501;

    /// <summary>JIFANG_PACKS, else the nearest <c>packs/</c> above the program or the working folder (the repository's).</summary>
    public static string PacksDirectory()
    {
        if (Environment.GetEnvironmentVariable("JIFANG_PACKS") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "packs");
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0)
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("packs/ not found: run from the repository or set JIFANG_PACKS");
    }

    public static GeneratorOptions Options(string regulation, int sites) =>
        new() { Sites = sites, Regulation = regulation, Seed = Seed };

    /// <summary>The facts file as bytes, as <c>generate</c> writes it.</summary>
    public static byte[] FactsBytes(string regulation, int sites)
    {
        using var buffer = new MemoryStream();
        FactsGenerator.Write(buffer, Options(regulation, sites));
        return buffer.ToArray();
    }

    /// <summary>The sites of a facts file, parsed and validated by the product's own reader.</summary>
    public static List<SiteFacts> ParseSites(byte[] facts)
    {
        var sink = new CollectingSink();
        var problems = new FactsProblems();
        using var stream = new MemoryStream(facts, writable: false);
        new FactsReader(sink, problems).Read(stream);
        if (problems.HasErrors)
        {
            throw new InvalidOperationException("generated facts are bad input: " + string.Join("; ", problems.Errors.Take(5)));
        }
        return sink.Sites;
    }

    private sealed class CollectingSink : IFactsSink
    {
        public List<SiteFacts> Sites { get; } = [];

        public void Regulation(string id)
        {
        }

        public void AsOf(DateOnly value)
        {
        }

        public void Site(SiteFacts site) => Sites.Add(site);

        public void Act(ActFacts act)
        {
        }

        public void Request(AccessRequestFacts request)
        {
        }
    }

    public static CompiledPack Pack(string regulation) => PackSet.Load(PacksDirectory()).Get(regulation);
}
