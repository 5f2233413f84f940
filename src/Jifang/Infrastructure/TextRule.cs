using System.Collections;
using System.Globalization;
using System.Reflection;
using Jifang.Rules.Text;

namespace Jifang.Infrastructure;

/// <summary>
/// What a text field may hold: its longest length and whether it may span lines. Every string of a request record of the
/// API carries one (a test reads them from the OpenAPI document, where they show as <c>maxLength</c> and
/// <c>x-multiline</c>); on a list of strings it applies to each item. A form of the pages may carry one too.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;

    /// <summary>Line breaks and tabs allowed (a description, a reason); every other field is one line.</summary>
    public bool MultiLine { get; init; }
}

/// <summary>
/// The one rule for every string that enters the platform (<see cref="PlainText"/>, shared with the facts reader and the
/// imports), applied to requests: each string against its field's <see cref="TextAttribute"/>, each refusal keyed by the
/// field's path.
/// </summary>
public static class TextRule
{
    public const string NullElementMessage = "列表中不能有空元素（null）";

    /// <summary>The longest string of a field that declares no length (a query parameter, an unannotated form field).</summary>
    public const int DefaultMaxLength = 4000;

    /// <summary>Why the value may not enter, in Chinese, or null when it may (<see cref="PlainText.Problem"/>).</summary>
    public static string? Problem(string? value, bool multiLine = false, int maxLength = DefaultMaxLength) => PlainText.Problem(value, multiLine, maxLength);

    /// <summary>
    /// Checks every string of a request object, walking its public properties (records of the platform's own namespaces)
    /// and lists, and adds a problem per field keyed by the JSON path the client wrote ("products[0].model"), or with
    /// <paramref name="camel"/> false by the form's own names ("Input.Products[0].Model").
    /// </summary>
    public static void Check(object? value, string path, Dictionary<string, string[]> errors, TextAttribute? rule = null, bool camel = true, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (value)
        {
            case null:
                return;
            case string s:
                if (Problem(s, rule?.MultiLine ?? false, rule?.MaxLength ?? DefaultMaxLength) is { } problem)
                {
                    errors[path] = [problem];
                }
                return;
            case IEnumerable items when depth < 8:
                var i = 0;
                foreach (var item in items)
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]");
                    if (item is null)
                    {
                        // {"records":[null]}: no handler or validator has to remember that a list may hold nothing in a place.
                        errors[at] = [NullElementMessage];
                        continue;
                    }
                    Check(item, at, errors, rule, camel, depth + 1);
                }
                return;
        }
        if (depth >= 8 || !IsOurs(value.GetType()))
        {
            return;
        }
        foreach (var (property, attribute) in Properties(value.GetType()))
        {
            var name = camel ? char.ToLowerInvariant(property.Name[0]) + property.Name[1..] : property.Name;
            Check(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, attribute, camel, depth + 1);
        }
    }

    /// <summary>Classes of the platform (request records, forms), not framework types.</summary>
    public static bool IsOurs(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Jifang.", StringComparison.Ordinal) == true;
    }

    /// <summary>A request record of a feature (what a JSON body binds to), not a service that a handler also takes.</summary>
    public static bool IsRequestRecord(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsClass && type.Namespace?.StartsWith("Jifang.Features", StringComparison.Ordinal) == true
            && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo, TextAttribute?)[]> Cache = new();

    private static (PropertyInfo Property, TextAttribute? Rule)[] Properties(Type type) => Cache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (p, p.GetCustomAttribute<TextAttribute>()))
            .ToArray());
}
