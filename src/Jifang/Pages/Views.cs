using Jifang.Features.Compliance;
using PackCitation = Jifang.Rules.Packs.Citation;

namespace Jifang.Pages;

/// <summary>A citation to show, with the pack it belongs to (for the link to the article page).</summary>
public sealed record CitationView(string PackId, CitationDto Citation)
{
    /// <summary>The cited place in pack notation, when it parses ("9.2.3").</summary>
    public PackCitation? Place => PackCitation.TryParse(Citation.Cite, out var c) ? c : null;

    /// <summary>/Rules/nmg-2007/9#p2-3: the article page, scrolled to the cited paragraph or item.</summary>
    public string? Href => Place is { } c
        ? $"/Rules/{Uri.EscapeDataString(PackId)}/{c.Article}#{ArticleAnchor(c.Paragraph, c.Item)}"
        : null;

    public static string ArticleAnchor(int paragraph, int? item) => item is { } i ? $"p{paragraph}-{i}" : $"p{paragraph}";

    /// <summary>A provision already linked (/Rules/national-2025/20#p1), shown with its own regulation's link; else under <paramref name="packId"/>.</summary>
    public static CitationView Of(Jifang.Features.Records.CitedProvision c, string packId)
    {
        ArgumentNullException.ThrowIfNull(c);
        var own = c.Href is { } h && h.StartsWith("/Rules/", StringComparison.Ordinal) && h.IndexOf('/', 7) is var end and > 7
            ? Uri.UnescapeDataString(h[7..end]) : packId;
        return new CitationView(own, new CitationDto(c.Cite, c.Text, c.Words));
    }
}

/// <summary>The legal consequence of a rule, or none ("本条例对此未规定罚则").</summary>
public sealed record ConsequenceView(string PackId, ConsequenceDto? Consequence);
