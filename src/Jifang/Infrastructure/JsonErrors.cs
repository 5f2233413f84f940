using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jifang.Infrastructure;

/// <summary>
/// A request body the API cannot bind, said in Chinese and keyed by the field it concerns, in every environment: a value of
/// the wrong type (<c>"name": 123</c>) names <c>name</c> (and <c>$.name</c> in the detail), malformed JSON names the line
/// and byte, a missing body names <c>body</c>.
/// </summary>
public static partial class JsonErrors
{
    /// <summary>The field ("products[0].model", "body" for the whole) and the message of a bad request.</summary>
    public static (string Field, string Message, string Detail) Describe(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.InnerException is JsonException json)
        {
            var field = Field(json.Path);
            var where = json.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"（第 {line + 1} 行第 {json.BytePositionInLine + 1} 个字节）") : "";
            var type = Converted().Match(json.Message) is { Success: true } m ? TypeName(m.Groups[1].Value) : null;
            var message = type is not null ? $"类型不对：应为{type}" : $"不是有效的 JSON{where}";
            return (field, message, $"JSON 无法读取：{json.Path ?? "$"}：{message}");
        }
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) || bad.Message.Contains("request body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "缺少请求体（JSON 对象）", "缺少请求体（JSON 对象）");
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("body", "请求体应为 JSON（Content-Type: application/json）", "请求体应为 JSON（Content-Type: application/json）");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "请求体过大", "请求体过大");
        }
        if (FailedToBind().Match(bad.Message) is { Success: true } p)
        {
            return (p.Groups[1].Value, "值无效", $"参数 {p.Groups[1].Value} 的值无效");
        }
        return ("body", "请求无法读取", "请求无法读取");
    }

    /// <summary>"$.products[0].model" → "products[0].model"; "$" or none → "body".</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static string TypeName(string clr) => clr switch
    {
        _ when clr.StartsWith("System.String", StringComparison.Ordinal) => "字符串",
        _ when clr.StartsWith("System.Boolean", StringComparison.Ordinal) => "布尔值（true 或 false）",
        _ when clr.StartsWith("System.Int", StringComparison.Ordinal) || clr.StartsWith("System.Nullable`1[System.Int", StringComparison.Ordinal) => "整数",
        _ when clr.Contains("Boolean", StringComparison.Ordinal) => "布尔值（true 或 false）",
        _ when clr.Contains("Guid", StringComparison.Ordinal) => "标识（GUID，如 01a2b3c4-…）",
        _ when clr.Contains("DateOnly", StringComparison.Ordinal) => "日期（YYYY-MM-DD）",
        _ when clr.Contains("DateTime", StringComparison.Ordinal) => "时间（ISO 8601，如 2026-06-01T09:00:00+08:00）",
        _ when clr.Contains("List`1", StringComparison.Ordinal) || clr.EndsWith("[]", StringComparison.Ordinal) => "数组",
        _ when clr.Contains("Int", StringComparison.Ordinal) || clr.Contains("Double", StringComparison.Ordinal) || clr.Contains("Decimal", StringComparison.Ordinal) => "数字",
        _ => "对象",
    };

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex Converted();

    [GeneratedRegex("Failed to bind parameter \"[^ ]+ ([A-Za-z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();
}
