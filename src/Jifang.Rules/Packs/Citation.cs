using System.Globalization;

namespace Jifang.Rules.Packs;

/// <summary>A place in a regulation's text: article (条), paragraph (款) and item (项), counted in the text itself.</summary>
public readonly record struct Citation(int Article, int Paragraph, int? Item) : IComparable<Citation>
{
    /// <summary>Parses the pack notation "9.2.3" (article 9, paragraph 2, item 3) or "22.1".</summary>
    public static bool TryParse(string? text, out Citation citation)
    {
        citation = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] < 1)
            {
                return false;
            }
        }
        citation = new Citation(numbers[0], numbers[1], parts.Length == 3 ? numbers[2] : null);
        return true;
    }

    public int CompareTo(Citation other)
    {
        var c = Article.CompareTo(other.Article);
        if (c != 0)
        {
            return c;
        }
        c = Paragraph.CompareTo(other.Paragraph);
        return c != 0 ? c : (Item ?? 0).CompareTo(other.Item ?? 0);
    }

    /// <summary>Pack notation: "9.2.3".</summary>
    public override string ToString() => Item is { } item
        ? string.Create(CultureInfo.InvariantCulture, $"{Article}.{Paragraph}.{item}")
        : string.Create(CultureInfo.InvariantCulture, $"{Article}.{Paragraph}");

    /// <summary>Chinese legal form without the title: 第九条第二款第（三）项.</summary>
    public string ToChinese() =>
        $"第{ChineseNumerals.Format(Article)}条第{ChineseNumerals.Format(Paragraph)}款" +
        (Item is { } i ? $"第（{ChineseNumerals.Format(i)}）项" : "");

    public static bool operator <(Citation left, Citation right) => left.CompareTo(right) < 0;

    public static bool operator >(Citation left, Citation right) => left.CompareTo(right) > 0;

    public static bool operator <=(Citation left, Citation right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Citation left, Citation right) => left.CompareTo(right) >= 0;
}

/// <summary>Chinese numerals as statutes write them: 一, 十, 十二, 二十一, 一百零五.</summary>
public static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Format(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n < 10)
        {
            return Digits[n].ToString();
        }
        if (n < 20)
        {
            return "十" + (n > 10 ? Digits[n - 10].ToString() : "");
        }
        if (n < 100)
        {
            return Digits[n / 10] + "十" + (n % 10 != 0 ? Digits[n % 10].ToString() : "");
        }
        if (n < 1000)
        {
            var rest = n % 100;
            var head = Digits[n / 100] + "百";
            return rest == 0 ? head : head + (rest < 10 ? "零" + Format(rest) : rest < 20 ? "一" + Format(rest) : Format(rest));
        }
        return n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses 九, 二十一, 一百零五 (and plain digits) into a number.</summary>
    public static bool TryParse(string text, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        var total = 0;
        var current = 0;
        foreach (var ch in text)
        {
            var d = Digits.IndexOf(ch, StringComparison.Ordinal);
            if (d >= 0)
            {
                current = d;
            }
            else if (ch == '十')
            {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else if (ch == '百')
            {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            }
            else
            {
                value = 0;
                return false;
            }
        }
        value = total + current;
        return value > 0;
    }
}
