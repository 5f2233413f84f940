using Jifang.Rules.Engine;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Packs;

/// <summary>Every pack of a folder, validated and compiled. Loading fails whole if any pack is invalid.</summary>
public sealed class PackSet
{
    private readonly Dictionary<string, CompiledPack> _packs;

    private PackSet(Dictionary<string, CompiledPack> packs) => _packs = packs;

    public IEnumerable<Pack> Packs => _packs.Values.Select(p => p.Pack).OrderBy(p => p.Effective).ThenBy(p => p.Id, StringComparer.Ordinal);

    public IEnumerable<string> Ids => Packs.Select(p => p.Id);

    public static PackSet Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new PackValidationException([$"{directory}: 条例数据包目录不存在"]);
        }
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new PackValidationException([$"{directory}: 没有任何条例数据包（*.yaml）"]);
        }
        return FromPacks(LoadAll(files.Select(f => (Func<Pack>)(() => PackLoader.LoadFile(f)))));
    }

    public static PackSet FromPacks(IEnumerable<Pack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var errors = new List<string>();
        var map = new Dictionary<string, CompiledPack>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            if (map.TryGetValue(pack.Id, out var other))
            {
                errors.Add($"{pack.Origin}: id: 条例标识 \"{pack.Id}\" 与 {other.Pack.Origin} 重复");
                continue;
            }
            map[pack.Id] = CompiledPack.Compile(pack);
        }
        if (errors.Count > 0)
        {
            throw new PackValidationException(errors);
        }
        return new PackSet(map);
    }

    private static List<Pack> LoadAll(IEnumerable<Func<Pack>> loaders)
    {
        var errors = new List<string>();
        var packs = new List<Pack>();
        foreach (var load in loaders)
        {
            try
            {
                packs.Add(load());
            }
            catch (PackValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
        if (errors.Count > 0)
        {
            throw new PackValidationException(errors);
        }
        return packs;
    }

    public bool TryGet(string id, out CompiledPack pack) => _packs.TryGetValue(id, out pack!);

    public CompiledPack Get(string id) => _packs.TryGetValue(id, out var pack)
        ? pack
        : throw new KeyNotFoundException($"未知的条例 \"{id}\"");

    public string? Suggest(string id) => NearMiss.Closest(id, _packs.Keys);

    /// <summary>The pack whose jurisdiction prefix is the longest prefix of a GB/T 2260 division code.</summary>
    public CompiledPack? ForDivision(string divisionCode) =>
        _packs.Values
            .Where(p => p.Pack.Jurisdiction.DivisionPrefix is { } prefix && divisionCode.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(p => p.Pack.Jurisdiction.DivisionPrefix!.Length)
            .FirstOrDefault();

    /// <summary>The packs folder: JIFANG_PACKS, else "packs" beside the program, else "packs" in a parent of the working folder.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("JIFANG_PACKS") is { Length: > 0 } configured)
        {
            return configured;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "packs");
        if (Directory.Exists(beside))
        {
            return beside;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "packs");
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0)
            {
                return candidate;
            }
        }
        return beside;
    }
}
