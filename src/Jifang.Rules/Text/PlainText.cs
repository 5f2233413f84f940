using System.Globalization;
using System.Text;

namespace Jifang.Rules.Text;

/// <summary>
/// The platform's one rule for text that enters it — API bodies, query strings, forms, CSV and .xlsx cells, facts files:
/// no NUL or other control character (C0 below U+0020, DEL and C1 U+007F–U+009F; line breaks and tabs, and U+2028/U+2029,
/// only in a multi-line field), no lone UTF-16 surrogate (not text: PostgreSQL and the audit log's JSON cannot hold it),
/// no longer than the field allows. A refusal names the offending character as U+XXXX; nothing is cut or replaced.
/// Here, in the pure library, so that the facts reader and the application apply the very same function.
/// </summary>
public static class PlainText
{
    public const string NulMessage = "文本不能包含 NUL 字符（U+0000）";

    /// <summary>Why the value may not enter, in Chinese, or null when it may.</summary>
    public static string? Problem(string? value, bool multiLine, int maxLength)
    {
        if (value is null)
        {
            return null;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"包含不成对的代理字符（{Code(c)}，第 {i + 1} 个字符），不是有效的 Unicode 文本");
            }
            if (c is '\n' or '\r' or '\t' or '\u2028' or '\u2029')
            {
                if (!multiLine)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"应为单行文本，不能包含换行符或制表符（{Code(c)}，第 {i + 1} 个字符）");
                }
                continue;
            }
            if (c == '\0')
            {
                return NulMessage;
            }
            if (IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"不能包含控制字符（{Code(c)}，第 {i + 1} 个字符）");
            }
        }
        return value.Length > maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"不能超过 {maxLength} 个字符（现为 {value.Length} 个）")
            : null;
    }

    /// <summary>
    /// Text echoed in a message (a header, a sheet's name, a refused value) with every character the rule refuses written
    /// as [U+XXXX], so that no message carries a control character to a terminal or a page.
    /// </summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Problem(text, multiLine: false, int.MaxValue) is null)
        {
            return text;
        }
        var visible = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                visible.Append(c).Append(text[++i]);
            }
            else
            {
                visible.Append(IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' ? $"[{Code(c)}]" : c.ToString());
            }
        }
        return visible.ToString();
    }

    private static bool IsControl(char c) => c < '\u0020' || c is >= '\u007F' and <= '\u009F';

    private static string Code(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}
