using System.Text;

namespace Jifang.Features.Import;

/// <summary>
/// The platform's rule for text that enters, as imports apply it to every cell and every string of a facts file before
/// anything else reads them: no control characters (C0 below U+0020, DEL and C1 U+007F–U+009F; a multi-line field may
/// hold CR, LF and TAB), no lone UTF-16 surrogate, and no more characters than the column holds. Kept to these few
/// lines so that it can be pointed at the shared rule of the JSON API (Infrastructure) without changing what it means.
/// </summary>
internal static class ImportText
{
    /// <summary>Why <paramref name="value"/> is refused (naming the first offending character as U+XXXX), or null.</summary>
    public static string? Problem(string value, int maxLength, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < '\u0020' && !(multiLine && c is '\r' or '\n' or '\t'))
            {
                return c is '\r' or '\n' or '\t'
                    ? $"含有{(c == '\t' ? "制表符" : "换行符")}（{Code(c)}）：此列只能填一行"
                    : $"含有控制字符（{Code(c)}），请删除";
            }
            if (c is >= '\u007F' and <= '\u009F')
            {
                return $"含有控制字符（{Code(c)}），请删除";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"含有不成对的 UTF-16 代理项（{Code(c)}），不是有效的文本";
            }
        }
        return value.Length > maxLength ? $"超过 {maxLength} 个字符（实为 {value.Length} 个）" : null;
    }

    private static string Code(char c) => $"U+{(int)c:X4}";

    /// <summary>Text echoed in a message (a header, a sheet's name, a refused value) with every character the rule refuses
    /// written as [U+XXXX], so that no message carries a control character to a terminal or a page.</summary>
    public static string Visible(string text)
    {
        if (Problem(text, int.MaxValue, multiLine: false) is null)
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
                visible.Append(c < '\u0020' || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) ? $"[{Code(c)}]" : c.ToString());
            }
        }
        return visible.ToString();
    }
}
