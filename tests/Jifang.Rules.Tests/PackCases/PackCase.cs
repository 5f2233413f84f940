using System.Globalization;
using System.Text.Json.Nodes;

namespace Jifang.Rules.Tests.PackCases;

/// <summary>
/// One case of packs/tests/PACK/*.yaml: a facts fragment and the findings it must produce, exactly.
/// See docs/packs.md for the format.
/// </summary>
public sealed class PackCase
{
    public required string Pack { get; init; }
    public required string File { get; init; }
    public required string Name { get; init; }
    public required JsonObject Facts { get; init; }
    public required JsonObject Expect { get; init; }

    public override string ToString() => $"{Pack}/{File}: {Name}";

    public static IEnumerable<PackCase> All(string root)
    {
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var pack = Path.GetFileName(dir);
            foreach (var file in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
            {
                foreach (var c in FromFile(pack, file))
                {
                    yield return c;
                }
            }
        }
    }

    public static IEnumerable<PackCase> FromFile(string pack, string path)
    {
        var name = Path.GetFileName(path);
        var doc = YamlJson.Load(path) as JsonObject ?? throw new InvalidDataException($"{name}: 应为映射");
        foreach (var key in doc.Select(kv => kv.Key))
        {
            if (key is not ("pack" or "asOf" or "cases") && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{name}: 未知的顶层字段 {key}（允许 pack、asOf、cases 和以 x- 开头的锚点）");
            }
        }
        var filePack = doc["pack"]?.GetValue<string>() ?? pack;
        var fileAsOf = doc["asOf"]?.GetValue<string>() ?? "2024-05-01";
        var cases = doc["cases"] as JsonArray ?? throw new InvalidDataException($"{name}: 缺少 cases");
        var i = 0;
        foreach (var node in cases)
        {
            i++;
            var c = node as JsonObject ?? throw new InvalidDataException($"{name}: cases[{i - 1}] 应为映射");
            foreach (var key in c.Select(kv => kv.Key))
            {
                if (key is not ("name" or "facts" or "expect" or "asOf" or "regulation" or "note"))
                {
                    throw new InvalidDataException($"{name}: cases[{i - 1}]: 未知字段 {key}");
                }
            }
            var facts = (c["facts"] as JsonObject)?.DeepClone().AsObject() ?? [];
            if (!facts.ContainsKey("regulation"))
            {
                facts["regulation"] = c["regulation"]?.DeepClone() ?? filePack;
            }
            if (!facts.ContainsKey("asOf"))
            {
                facts["asOf"] = c["asOf"]?.DeepClone() ?? fileAsOf;
            }
            yield return new PackCase
            {
                Pack = filePack,
                File = name,
                Name = c["name"]?.GetValue<string>() ?? string.Create(CultureInfo.InvariantCulture, $"case {i}"),
                Facts = facts,
                Expect = c["expect"] as JsonObject ?? throw new InvalidDataException($"{name}: {c["name"]}: 缺少 expect"),
            };
        }
    }
}
