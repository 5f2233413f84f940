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
}

/// <summary>The legal consequence of a rule, or none ("本条例对此未规定罚则").</summary>
public sealed record ConsequenceView(string PackId, ConsequenceDto? Consequence);
