using Jifang.Features.Compliance;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Rules;

/// <summary>One article of a regulation: its full text, paragraph by paragraph and item by item, and the rules that cite it.</summary>
public sealed class ArticleModel(PackSet packs) : SignedInPageModel
{
    public ArticleDto Article { get; private set; } = null!;

    public Pack Pack { get; private set; } = null!;

    public IReadOnlyList<Paragraph> Paragraphs { get; private set; } = [];

    public int? Previous { get; private set; }

    public int? Next { get; private set; }

    public IActionResult OnGet(string packId, int article)
    {
        if (FindingsApi.FindArticle(packs, packId, article) is not { } dto || !packs.TryGet(packId, out var compiled) || compiled.Pack.Article(article) is not { } text)
        {
            return FormErrors.NotFoundPage("该条文");
        }
        Article = dto;
        Pack = compiled.Pack;
        Paragraphs = text.Paragraphs;
        Previous = Pack.Articles.Where(a => a.Number < article).Select(a => (int?)a.Number).LastOrDefault();
        Next = Pack.Articles.Where(a => a.Number > article).Select(a => (int?)a.Number).FirstOrDefault();
        return Page();
    }

    public static string ParagraphLabel(int n) => $"第{ChineseNumerals.Format(n)}款";
}
