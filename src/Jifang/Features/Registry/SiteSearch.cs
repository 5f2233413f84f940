using System.Text;

namespace Jifang.Features.Registry;

/// <summary>
/// The terms a site's name and address are searched by on PostgreSQL: every pair of adjacent characters (bigrams) of each,
/// kept by the database itself in the generated column <c>sites."SearchTerms"</c> (SQL function <c>jifang_bigrams</c>) under
/// a GIN index. A search for a text of two or more characters first asks for the sites whose terms include all of the
/// text's bigrams — which every site whose name or address contains the text does — and then checks the text itself on
/// those few. Chinese has no spaces between words, so a word index does not serve a substring like 酒店, and trigrams
/// need three characters; bigrams serve both, and digits and Latin letters alike.
/// </summary>
public static class SiteSearch
{
    /// <summary>
    /// The distinct bigrams of the text, by Unicode code point (as PostgreSQL's <c>substr</c> counts characters), in order
    /// of first appearance. Empty for fewer than two characters.
    /// </summary>
    public static List<string> Bigrams(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.EnumerateRunes().ToList();
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            var term = new StringBuilder(4).Append(runes[i].ToString()).Append(runes[i + 1].ToString()).ToString();
            if (seen.Add(term))
            {
                terms.Add(term);
            }
        }
        return terms;
    }

    /// <summary>The generated column's expression: the bigrams of the name and of the address (never across the two).</summary>
    public const string ColumnSql = "jifang_bigrams(\"Name\") || jifang_bigrams(\"Address\")";
}
