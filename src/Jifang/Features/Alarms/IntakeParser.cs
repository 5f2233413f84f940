using System.Globalization;
using System.Text.Json;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;

namespace Jifang.Features.Alarms;

/// <summary>技防系统报送的一条报警（时间按 UTC 保存，精确到毫秒）</summary>
/// <param name="Id">系统自己的报警编号，必填，至多 64 个可见 ASCII 字符：重试须用同一编号（平台据此去重），新报警须用新编号</param>
/// <param name="Device">报警的设备或防区，必填，至多 128 字</param>
/// <param name="Time">报警发生的时间（ISO 8601，带时区，如 `2026-06-01T09:00:00+08:00`），必填，不晚于现在</param>
/// <param name="Type">报警类型，必填：`intrusion` 入侵报警、`duress` 紧急求助（胁迫）、`fire` 火警、`tamper` 防拆报警、`fault` 设备故障、`video-loss` 视频丢失、`other` 其他</param>
/// <param name="Priority">优先级，必填：`critical` 紧急、`high` 高、`normal` 一般、`low` 低</param>
/// <param name="Description">报警说明，至多 500 字</param>
public sealed record AlarmEvent(
    [property: Text(IntakeParser.MaxId)] string Id, [property: Text(IntakeParser.MaxDevice)] string Device, DateTime Time,
    [property: Text(32)] string Type, [property: Text(32)] string Priority, [property: Text(IntakeParser.MaxDescription)] string? Description)
{
    /// <summary>Whether a retry carries the same alarm (a retry must; a different alarm under the same id is a conflict).</summary>
    public bool SameAs(Alarm a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Device == Device && a.OccurredAt == Time && a.Type == Type && a.Priority == Priority && a.Description == Description;
    }
}

/// <summary>技防系统的心跳</summary>
/// <param name="Time">系统自己的时间（ISO 8601，带时区），可不填；请求体也可为空</param>

public sealed record HeartbeatEvent(DateTime? Time);

/// <summary>
/// Reads the JSON events systems post, strictly: an object with known fields only, each of the right type and size, the
/// time with its offset and not in the future. Every problem is reported under the name of its field ("time", "type"…);
/// a body that is not JSON at all under "body".
/// </summary>
public static class IntakeParser
{
    public const int MaxId = 64;
    public const int MaxDevice = 128;
    public const int MaxDescription = 500;

    private static readonly string[] AlarmFields = ["id", "device", "time", "type", "priority", "description"];
    private static readonly string[] HeartbeatFields = ["time"];

    public static AlarmEvent? ParseAlarm(ReadOnlyMemory<byte> body, DateTime now, TimeSpan skew, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var doc = Open(body, errors);
        if (doc is null)
        {
            return null;
        }
        var root = doc.RootElement;
        Unknown(root, AlarmFields, errors);
        var id = Text(root, "id", MaxId, required: true, errors);
        if (id is not null && !id.All(c => c is > ' ' and <= '~'))
        {
            errors["id"] = ["报警编号只能由可见的 ASCII 字符组成（字母、数字、-、_、: 等，不含空格）"];
        }
        var device = Text(root, "device", MaxDevice, required: true, errors);
        var time = Time(root, "time", now, skew, required: true, errors);
        var type = Code(root, "type", AlarmCodes.Types.Keys, "报警类型", errors);
        var priority = Code(root, "priority", AlarmCodes.Priorities.Keys, "优先级", errors);
        var description = Text(root, "description", MaxDescription, required: false, errors);
        return errors.Count > 0 ? null : new AlarmEvent(id!, device!, time!.Value, type!, priority!, description);
    }

    public static HeartbeatEvent? ParseHeartbeat(ReadOnlyMemory<byte> body, DateTime now, TimeSpan skew, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.IsEmpty)
        {
            return new HeartbeatEvent(null);
        }
        using var doc = Open(body, errors);
        if (doc is null)
        {
            return null;
        }
        Unknown(doc.RootElement, HeartbeatFields, errors);
        var time = Time(doc.RootElement, "time", now, skew, required: false, errors);
        return errors.Count > 0 ? null : new HeartbeatEvent(time);
    }

    private static JsonDocument? Open(ReadOnlyMemory<byte> body, Dictionary<string, string[]> errors)
    {
        if (body.IsEmpty)
        {
            errors["body"] = ["请求体为空：应为一个 JSON 对象"];
            return null;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            errors["body"] = [$"不是有效的 JSON（第 {e.LineNumber + 1} 行第 {e.BytePositionInLine + 1} 字节附近）"];
            return null;
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            errors["body"] = ["应为一个 JSON 对象"];
            return null;
        }
        return doc;
    }

    private static void Unknown(JsonElement root, string[] known, Dictionary<string, string[]> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject())
        {
            if (!ValidName(p))
            {
                errors["body"] = ["字段名不是有效的单行文本"];
                continue;
            }
            if (!seen.Add(p.Name))
            {
                errors[p.Name] = ["字段重复"];
            }
            else if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                var near = NearMiss.Closest(p.Name, known);
                errors[p.Name] = [$"未知字段" + (near is not null ? $"（是否应为 \"{near}\"？）" : $"（可用字段：{string.Join("、", known)}）")];
            }
        }
    }

    private static bool ValidName(JsonProperty p)
    {
        try
        {
            return TextRule.Problem(p.Name, false, 64) is null;
        }
        catch (InvalidOperationException)
        {
            return false; // a lone surrogate escape in the name
        }
    }

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement root, string name, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (Field(root, name) is not { } v)
        {
            if (required)
            {
                errors[name] = [$"缺少字段 {name}"];
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors[name] = ["应为字符串"];
            return null;
        }
        if (Read(v, name, errors)?.Trim() is not { } s)
        {
            return null;
        }
        if (s.Length == 0 && required)
        {
            errors[name] = ["不能为空"];
            return null;
        }
        if (s.Length > max)
        {
            errors[name] = [$"过长：最多 {max} 个字符，实际 {s.Length} 个"];
            return null;
        }
        if (TextRule.Problem(s, multiLine: false, max) is { } problem)
        {
            errors[name] = [problem];
            return null;
        }
        return s.Length == 0 ? null : s;
    }

    private static string? Code(JsonElement root, string name, IEnumerable<string> codes, string noun, Dictionary<string, string[]> errors)
    {
        var s = Text(root, name, 32, required: true, errors);
        if (s is null)
        {
            return null;
        }
        if (!codes.Contains(s, StringComparer.Ordinal))
        {
            var near = NearMiss.Closest(s, codes);
            errors[name] = [$"未知的{noun} \"{s}\"" + (near is not null ? $"（是否应为 \"{near}\"？）" : $"（可用：{string.Join("、", codes)}）")];
            return null;
        }
        return s;
    }

    /// <summary>An ISO 8601 time with its offset (2026-06-01T09:00:00+08:00 or …Z), at most <paramref name="skew"/> ahead of the platform.</summary>
    private static DateTime? Time(JsonElement root, string name, DateTime now, TimeSpan skew, bool required, Dictionary<string, string[]> errors)
    {
        if (Field(root, name) is not { } v)
        {
            if (required)
            {
                errors[name] = [$"缺少字段 {name}"];
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors[name] = ["应为字符串：ISO 8601 时间，带时区，例如 2026-06-01T09:00:00+08:00"];
            return null;
        }
        if (Read(v, name, errors) is not { } s)
        {
            return null;
        }
        if (TextRule.Problem(s, multiLine: false, 40) is { } problem)
        {
            errors[name] = [problem];
            return null;
        }
        if (!HasOffset(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            errors[name] = [$"时间格式无效：\"{(s.Length > 40 ? s[..40] + "…" : s)}\"；应为 ISO 8601 时间，带时区，例如 2026-06-01T09:00:00+08:00"];
            return null;
        }
        var utc = t.UtcDateTime;
        utc = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        if (utc > now + skew)
        {
            errors[name] = [$"时间晚于平台当前时间（{now:yyyy-MM-ddTHH:mm:ssZ}）超过 {skew.TotalSeconds:0} 秒：设备时钟有误或事件来自未来"];
            return null;
        }
        if (utc.Year < 2000)
        {
            errors[name] = ["时间早于 2000 年：设备时钟有误"];
            return null;
        }
        return utc;
    }

    /// <summary>A JSON string's value; a lone surrogate escape ("\ud800") is not text: refused, naming the field.</summary>
    private static string? Read(JsonElement v, string name, Dictionary<string, string[]> errors)
    {
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            errors[name] = ["包含不成对的代理字符（\\uD800–\\uDFFF），不是有效的 Unicode 文本"];
            return null;
        }
    }

    /// <summary>"…T09:00:00Z" or "…T09:00:00+08:00": the offset is required, a bare local time is ambiguous.</summary>
    private static bool HasOffset(string s)
    {
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return false;
        }
        var rest = s.AsSpan(t);
        return rest.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || rest.LastIndexOfAny('+', '-') > 0;
    }
}
