namespace Jifang.Features.Alarms;

/// <summary>The codes of alarm networking as the API writes them, with the Chinese the pages show.</summary>
public static class AlarmCodes
{
    // Alarm status (the unit's handling).
    public const string New = "new";
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";

    // Levels: the unit, then the police of the county, the city (设区的市/盟市) and the province (region).
    public const string UnitLevel = "unit";
    public const string County = "county";
    public const string City = "city";
    public const string Province = "province";

    // Steps.
    public const string StepConfirmed = "confirmed";
    public const string StepDismissed = "dismissed";
    public const string StepReported = "reported";
    public const string StepUnhandled = "unhandled";
    public const string StepEscalated = "escalated";
    public const string StepAcknowledged = "acknowledged";
    public const string StepOutcome = "outcome";

    // Why an alarm went to the police.
    public const string ReasonConfirmed = "confirmed";
    public const string ReasonUnhandled = "unhandled";

    // System watch states.
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Maintenance = "maintenance";

    // Alerts.
    public const string AlertOffline = "system-offline";
    public const string AlertOnline = "system-online";
    public const string AlertShutDown = "system-shut-down";
    public const string AlertFlood = "flood";

    /// <summary>The actor of what the platform does by itself (reports, escalations, alerts).</summary>
    public const string PlatformActor = "system:alarms";

    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["intrusion"] = "入侵报警",
        ["duress"] = "紧急求助（胁迫）",
        ["fire"] = "火警",
        ["tamper"] = "防拆报警",
        ["fault"] = "设备故障",
        ["video-loss"] = "视频丢失",
        ["other"] = "其他",
    };

    public static readonly IReadOnlyDictionary<string, string> Priorities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["critical"] = "紧急",
        ["high"] = "高",
        ["normal"] = "一般",
        ["low"] = "低",
    };

    /// <summary>What the police did about an alarm they acknowledged (处警反馈); <c>other</c> needs a note saying what.</summary>
    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dispatched"] = "出警处置",
        ["false-alarm"] = "现场核实为误报",
        ["transferred"] = "移交其他部门",
        ["other"] = "其他",
    };

    public const string OutcomeOther = "other";

    public static string TypeLabel(string code) => Types.TryGetValue(code, out var l) ? l : code;

    public static string OutcomeLabel(string code) => Outcomes.TryGetValue(code, out var l) ? l : code;

    /// <summary>The consoles' order of priorities, most urgent first (0), as the database sorts it (a CASE on both providers).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Alarm, int>> PriorityRank =
        a => a.Priority == "critical" ? 0 : a.Priority == "high" ? 1 : a.Priority == "normal" ? 2 : a.Priority == "low" ? 3 : 4;

    public static string PriorityLabel(string code) => Priorities.TryGetValue(code, out var l) ? l : code;

    public static string StatusLabel(string code) => code switch
    {
        New => "待处置",
        Confirmed => "已确认（真实警情）",
        Dismissed => "已排除（误报）",
        _ => code,
    };

    public static string LevelLabel(string? code) => code switch
    {
        UnitLevel => "使用单位",
        County => "县（旗县）级公安机关",
        City => "设区的市（盟市）级公安机关",
        Province => "省（自治区）级公安机关",
        null => "—",
        _ => code,
    };

    public static string StepLabel(string code) => code switch
    {
        StepConfirmed => "确认为真实警情",
        StepDismissed => "排除为误报",
        StepReported => "上报公安机关",
        StepUnhandled => "超时未处置，报公安机关",
        StepEscalated => "未签收，逐级上报",
        StepAcknowledged => "公安机关签收",
        StepOutcome => "处警反馈",
        _ => code,
    };

    public static string StateLabel(string code) => code switch
    {
        Online => "在线",
        Offline => "离线",
        Maintenance => "维护中（已登记）",
        _ => code,
    };

    public static string AlertLabel(string code) => code switch
    {
        AlertOffline => "系统离线",
        AlertOnline => "系统恢复在线",
        AlertShutDown => "擅自关闭技防系统",
        AlertFlood => "报警洪泛（超出速率限制）",
        _ => code,
    };

    /// <summary>The police level after <paramref name="level"/>, or null at the top.</summary>
    public static string? Above(string level) => level switch
    {
        County => City,
        City => Province,
        _ => null,
    };

    /// <summary>How many digits of the division code the police of a level govern.</summary>
    public static int PrefixLength(string level) => level switch
    {
        County => 6,
        City => 4,
        Province => 2,
        _ => 0,
    };

    /// <summary>The level of a police role.</summary>
    public static string? LevelOfRole(string role) => role switch
    {
        Identity.Roles.PoliceCounty => County,
        Identity.Roles.PoliceCity => City,
        Identity.Roles.PoliceProvince => Province,
        _ => null,
    };

    /// <summary>0 for county, 1 city, 2 province; -1 otherwise.</summary>
    public static int Rank(string? level) => level switch
    {
        County => 0,
        City => 1,
        Province => 2,
        _ => -1,
    };
}
