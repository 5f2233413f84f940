using System.Collections.Frozen;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Jifang.Rules.Divisions;

/// <summary>A division of GB/T 2260 at province (xx0000), city (xxyy00) or county (xxyyzz) level.</summary>
public sealed record Division(string Code, string Name, string? ParentCode, int Level)
{
    public const int Province = 1;
    public const int City = 2;
    public const int County = 3;
}

/// <summary>
/// The administrative divisions the platform knows, by code, with their names (packs/divisions/*.yaml: one file per
/// province, its cities and their counties). Everything that shows a division shows its name; a code of a province that
/// has a file must be in it (<see cref="Problem"/>); a province without a file is not judged here.
/// </summary>
public sealed class DivisionSet
{
    private readonly FrozenDictionary<string, Division> _byCode;
    private readonly FrozenDictionary<string, Division[]> _children;

    private DivisionSet(IEnumerable<Division> divisions)
    {
        _byCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        _children = _byCode.Values.Where(d => d.ParentCode is not null).GroupBy(d => d.ParentCode!)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(d => d.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Provinces = _byCode.Values.Where(d => d.Level == Division.Province).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }

    public static DivisionSet Empty { get; } = new([]);

    public IReadOnlyList<Division> Provinces { get; }

    public int Count => _byCode.Count;

    public Division? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var d) ? d : null;

    public IReadOnlyList<Division> Children(string code) => _children.TryGetValue(code, out var c) ? c : [];

    /// <summary>新城区, or the code itself where the platform knows no name.</summary>
    public string Name(string? code) => Find(code)?.Name ?? code ?? "";

    /// <summary>The name of a jurisdiction written as a prefix ("15", "1501", "150102"), as police scopes are.</summary>
    public string NameOfPrefix(string? prefix) =>
        prefix is { Length: 2 or 4 or 6 } p && Find(p.PadRight(6, '0')) is { } d ? d.Name : prefix ?? "";

    /// <summary>内蒙古自治区呼和浩特市新城区: the names from the province down.</summary>
    public string FullName(string? code)
    {
        var names = new List<string>();
        for (var d = Find(code); d is not null; d = d.ParentCode is { } p ? Find(p) : null)
        {
            names.Insert(0, d.Name);
        }
        return names.Count == 0 ? code ?? "" : string.Concat(names);
    }

    /// <summary>
    /// Why a six-digit code may not be used, or null: a code of a province the platform has the divisions of must be one
    /// of them (a county for a site, a unit or a contractor; <paramref name="anyLevel"/> for a police user's jurisdiction).
    /// </summary>
    public string? Problem(string code, bool anyLevel = false)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 6 || Find(code[..2] + "0000") is null)
        {
            return null;
        }
        var d = Find(code);
        if (d is null)
        {
            return $"行政区划代码 {code} 不在{Name(code[..2] + "0000")}的行政区划中（GB/T 2260）";
        }
        return anyLevel || d.Level == Division.County ? null : $"{d.Name}（{code}）不是县级行政区划：请选择区、县、旗或县级市";
    }

    /// <summary>Reads every packs/divisions/*.yaml below the packs folder (none: an empty set).</summary>
    public static DivisionSet Load(string packsDirectory)
    {
        ArgumentNullException.ThrowIfNull(packsDirectory);
        var folder = Path.Combine(packsDirectory, "divisions");
        if (!Directory.Exists(folder))
        {
            return Empty;
        }
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var divisions = new List<Division>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var raw = deserializer.Deserialize<FileYaml>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{file}: 空文件");
            var province = raw.Province ?? throw new InvalidDataException($"{file}: 缺少 province");
            divisions.Add(new Division(Check(file, province.Code, "0000"), province.Name!, null, Division.Province));
            foreach (var city in raw.Cities ?? [])
            {
                divisions.Add(new Division(Check(file, city.Code, "00", province.Code![..2]), city.Name!, province.Code, Division.City));
                foreach (var county in city.Counties ?? [])
                {
                    divisions.Add(new Division(Check(file, county.Code, null, city.Code![..4]), county.Name!, city.Code, Division.County));
                }
            }
        }
        var twice = divisions.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return twice.Count > 0 ? throw new InvalidDataException($"{folder}: 代码重复：{string.Join("、", twice)}") : new DivisionSet(divisions);
    }

    private static string Check(string file, string? code, string? ending, string? prefix = null)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit) || (ending is not null && !code.EndsWith(ending, StringComparison.Ordinal))
            || (ending is null && code.EndsWith("00", StringComparison.Ordinal)) || (prefix is not null && !code.StartsWith(prefix, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{file}: 行政区划代码 \"{code}\" 不合规则");
        }
        return code;
    }

    private sealed class FileYaml
    {
        public string? Source { get; set; }
        public Entry? Province { get; set; }
        public List<CityYaml>? Cities { get; set; }
    }

    private class Entry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    private sealed class CityYaml : Entry
    {
        public List<Entry>? Counties { get; set; }
    }
}
