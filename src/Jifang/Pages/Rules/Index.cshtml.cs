using Jifang.Rules.Packs;

namespace Jifang.Pages.Rules;

/// <summary>条例: the regulations the platform applies, each article listed with its opening words.</summary>
public sealed class IndexModel(PackSet packs) : SignedInPageModel
{
    public IReadOnlyList<Pack> Packs { get; } = packs.Packs.ToList();

    /// <summary>The first words of an article, for the table of contents.</summary>
    public static string Opening(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = article.Paragraphs.Count > 0 ? article.Paragraphs[0].Text : "";
        return text.Length > 60 ? text[..59] + "……" : text;
    }
}
