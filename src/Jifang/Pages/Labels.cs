using System.Globalization;
using Jifang.Rules.Output;
using Jifang.Rules.Vocabulary;

namespace Jifang.Pages;

/// <summary>One option of a select or checkbox list: the contract code and its Chinese label.</summary>
public sealed record Choice(string Code, string Label);

/// <summary>Chinese labels for the contract's codes, dates and amounts, as the pages show them.</summary>
public static class Labels
{
    /// <summary>The contractor roles the system validator accepts, with their Chinese names.</summary>
    public static readonly IReadOnlyList<Choice> ContractorRoles =
    [
        new("design", "设计"), new("construction", "施工"), new("installation", "安装"),
        new("supervision", "监理"), new("maintenance", "维修"), new("operation", "运营"),
    ];

    public static IReadOnlyList<Choice> Options<T>(VocabTable<T> table) where T : struct, Enum =>
        table.Values.Select(v => new Choice(table.Code(v), table.Label(v))).ToList();

    /// <summary>The short label of a code ("宾馆" for hotel), or the code itself when it is unknown.</summary>
    public static string Of<T>(VocabTable<T> table, string? code) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(table);
        return code is not null && table.TryParse(code, out var v) ? table.ShortLabel(v) : code ?? "";
    }

    /// <summary>The full label of a code ("宾馆 / 旅店"), or the code itself when it is unknown.</summary>
    public static string Full<T>(VocabTable<T> table, string? code) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(table);
        return code is not null && table.TryParse(code, out var v) ? table.Label(v) : code ?? "";
    }

    public static string List<T>(VocabTable<T> table, IEnumerable<string> codes) where T : struct, Enum
    {
        var labels = codes.Select(c => Of(table, c)).ToList();
        return labels.Count == 0 ? "—" : string.Join("、", labels);
    }

    /// <summary>The validator names contractor roles by their codes; the form shows their Chinese names.</summary>
    public static string ContractorRoleCodesToChinese(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Contains("承包角色", StringComparison.Ordinal)
            ? ContractorRoles.Aggregate(message, (m, o) => m.Replace(o.Code, o.Label, StringComparison.Ordinal))
            : message;
    }

    public static string ContractorRole(string? code) => ContractorRoles.FirstOrDefault(o => o.Code == code)?.Label ?? code ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string YesNo(bool value) => value ? "是" : "否";

    /// <summary>Amounts as the statutes write them: 3000元, 1万元.</summary>
    public static string Yuan(long amount) => TextReport.Yuan(amount);

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
