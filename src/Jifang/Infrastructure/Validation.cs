using FluentValidation;
using FluentValidation.Results;
using Jifang.Rules.Divisions;
using Jifang.Rules.Vocabulary;

namespace Jifang.Infrastructure;

/// <summary>Validation helpers: contract vocabulary with near-miss hints, division codes, ValidationProblem output.</summary>
public static class Validation
{
    public static IRuleBuilderOptions<T, string> InVocabulary<T, TEnum>(this IRuleBuilder<T, string> rule, VocabTable<TEnum> table)
        where TEnum : struct, Enum =>
        rule.Must(code => code is not null && table.TryParse(code, out _))
            .WithMessage((_, code) => $"未知的{table.Noun} \"{code}\"" + (code is not null && table.Suggest(code) is { } s ? $"（是否应为 \"{s}\"？）" : ""));

    /// <summary>
    /// A county's six-digit code (GB/T 2260); in a province whose divisions the platform has, one of them (of any level with
    /// <paramref name="anyLevel"/>: a police officer's jurisdiction).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> DivisionCode<T>(this IRuleBuilder<T, string?> rule, DivisionSet divisions, bool anyLevel = false) =>
        rule.NotEmpty().WithMessage("缺少行政区划代码")
            .Matches("^[0-9]{6}\\z").WithMessage("行政区划代码应为 6 位数字（GB/T 2260）")
            .Must(code => code is null || code.Length != 6 || divisions.Problem(code, anyLevel) is null).WithMessage((_, code) => divisions.Problem(code!, anyLevel)!);

    /// <summary>
    /// The errors keyed by the JSON path the client wrote ("categories[0]"). Not named ToDictionary: FluentValidation's
    /// own ValidationResult.ToDictionary() would win over an extension of that name and key the errors "Categories[0]".
    /// </summary>
    public static Dictionary<string, string[]> ToErrors(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .GroupBy(e => CamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
    }

    /// <summary>"Categories[0]" → "categories[0]", "DesignReview.Organizer" → "designReview.organizer".</summary>
    private static string CamelPath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
