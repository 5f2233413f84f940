using System.Collections.Frozen;
using System.Text;

namespace Jifang.Rules.Vocabulary;

/// <summary>One controlled list of the contract: its codes, their Chinese labels, and lookup.</summary>
public sealed class VocabTable<T> where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byCode;
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly string[] _codes;
    private readonly string[] _labels;

    public VocabTable(string name, string noun, params (T Value, string Code, string Label)[] entries)
    {
        Name = name;
        Noun = noun;
        var count = entries.Max(e => Convert.ToInt32(e.Value, System.Globalization.CultureInfo.InvariantCulture)) + 1;
        _codes = new string[count];
        _labels = new string[count];
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, code, label) in entries)
        {
            var i = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            _codes[i] = code;
            _labels[i] = label;
            map.Add(code, value);
        }
        _byCode = map.ToFrozenDictionary(StringComparer.Ordinal);
        _spanLookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        Values = entries.Select(e => e.Value).ToArray();
    }

    /// <summary>The list's name in the contract's vocabulary.yaml, e.g. "site-categories".</summary>
    public string Name { get; }

    /// <summary>What one value is called in Chinese, for messages: 场所类别.</summary>
    public string Noun { get; }

    public IReadOnlyList<T> Values { get; }

    public IEnumerable<string> Codes => Values.Select(Code);

    public string Code(T value) => _codes[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];

    public string Label(T value) => _labels[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The short label: the part before the first " / ".</summary>
    public string ShortLabel(T value)
    {
        var label = Label(value);
        var slash = label.IndexOf(" / ", StringComparison.Ordinal);
        return slash < 0 ? label : label[..slash];
    }

    public bool TryParse(string code, out T value) => _byCode.TryGetValue(code, out value);

    public bool TryParse(ReadOnlySpan<char> code, out T value) => _spanLookup.TryGetValue(code, out value);

    /// <summary>Parses a UTF-8 code without allocating a string when it is short.</summary>
    public bool TryParseUtf8(ReadOnlySpan<byte> utf8, out T value)
    {
        if (utf8.Length > 64)
        {
            value = default;
            return false;
        }
        Span<char> chars = stackalloc char[64];
        if (!Encoding.UTF8.TryGetChars(utf8, chars, out var written))
        {
            value = default;
            return false;
        }
        return _spanLookup.TryGetValue(chars[..written], out value);
    }

    /// <summary>The closest valid code to a misspelled one, or null when nothing is close.</summary>
    public string? Suggest(string code) => NearMiss.Closest(code, Codes);
}
