using System.Globalization;
using Jifang.Features.Alarms;

namespace Jifang.Pages.Alarms;

/// <summary>How the alarm pages write times and durations.</summary>
public static class AlarmText
{
    public static string At(DateTime? utc) => utc is { } t
        ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "—";

    public static string Delay(long? ms) => ms switch
    {
        null => "—",
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms} 毫秒"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.0} 秒"),
    };

    public static string Ago(DateTime? utc, DateTime now)
    {
        if (utc is not { } t)
        {
            return "—";
        }
        var d = now - DateTime.SpecifyKind(t, DateTimeKind.Utc);
        return d.TotalMinutes < 1 ? "刚刚" : d.TotalHours < 1 ? $"{d.TotalMinutes:0} 分钟前" : d.TotalDays < 1 ? $"{d.TotalHours:0.#} 小时前" : $"{d.TotalDays:0.#} 天前";
    }

    /// <summary>What a tel: link dials: the digits of a phone as written (0471-1234567 转 8), a leading + kept, the extension dropped.</summary>
    public static string TelTarget(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var main = phone.Split(['转', ',', ';', 'x', 'X'], 2)[0];
        var digits = new string(main.Where(char.IsAsciiDigit).ToArray());
        return main.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }

    public static string PriorityClass(string priority) => priority switch
    {
        "critical" => "prio critical",
        "high" => "prio high",
        _ => "prio",
    };

    public static string StateClass(string state) => state switch
    {
        AlarmCodes.Offline => "bad",
        AlarmCodes.Maintenance => "muted",
        _ => "ok",
    };
}
