using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jifang.Rules.Tests.PackCases;

/// <summary>Turns YAML (with anchors and merge keys) into JSON nodes, typing plain scalars as YAML 1.2 does.</summary>
internal static class YamlJson
{
    public static JsonNode? Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    /// <summary>A mapping, with YAML merge keys (&lt;&lt;: *anchor) applied: keys written in the mapping win.</summary>
    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                result[name] = Convert(value);
            }
        }
        if (map.Children.TryGetValue(new YamlScalarNode("<<"), out var merge))
        {
            var sources = merge is YamlSequenceNode list ? list.Children : [merge];
            foreach (var source in sources.OfType<YamlMappingNode>())
            {
                foreach (var (name, value) in Mapping(source))
                {
                    if (!result.ContainsKey(name))
                    {
                        result[name] = value?.DeepClone();
                    }
                }
            }
        }
        return result;
    }

    private static JsonValue? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.Plain)
        {
            switch (v)
            {
                case "" or "~" or "null":
                    return null;
                case "true":
                    return JsonValue.Create(true);
                case "false":
                    return JsonValue.Create(false);
                default:
                    break;
            }
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return JsonValue.Create(n);
            }
        }
        return JsonValue.Create(v);
    }
}
