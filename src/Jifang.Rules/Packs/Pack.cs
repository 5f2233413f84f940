using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Packs;

/// <summary>A regulation as data: its metadata, its full text and the rules that cite it.</summary>
public sealed class Pack
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Jurisdiction Jurisdiction { get; init; }
    public required DateOnly Effective { get; init; }
    /// <summary>The day it stops being in force, if it was repealed; the pack judges dates before it.</summary>
    public DateOnly? Until { get; init; }
    public required IReadOnlyList<Repeal> Repeals { get; init; }
    public string? Source { get; init; }
    public PublicAreaDefinition? PublicArea { get; init; }
    /// <summary>The article that sends a breach this regulation attaches no penalty to to other laws (province-2012 第二十八条), if any.</summary>
    public Citation? Referral { get; init; }
    /// <summary>Named classes of sites that rules select (<c>sites</c>, <c>exceptSites</c>).</summary>
    public IReadOnlyList<SiteClass> SiteClasses { get; init; } = [];
    /// <summary>Who acts at each gate of a build project and what each gate cites (<c>lifecycle</c>), if the pack states it.</summary>
    public LifecycleRules? Lifecycle { get; init; }
    public required IReadOnlyList<Article> Articles { get; init; }
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }
    /// <summary>Where the pack was loaded from, for messages.</summary>
    public string? Origin { get; init; }

    public bool InForceOn(DateOnly date) => date >= Effective && (Until is null || date < Until);

    public Article? Article(int number) =>
        number >= 1 && number <= Articles.Count && Articles[number - 1].Number == number
            ? Articles[number - 1]
            : Articles.FirstOrDefault(a => a.Number == number);

    public bool Contains(Citation c)
    {
        var article = Article(c.Article);
        if (article is null || c.Paragraph > article.Paragraphs.Count)
        {
            return false;
        }
        var paragraph = article.Paragraphs[c.Paragraph - 1];
        return c.Item is not { } item || item <= paragraph.Items.Count;
    }

    /// <summary>《title》第九条第一款第（五）项; an article of one paragraph without the 款: 《title》第二十二条, 《title》第八条第（八）项.</summary>
    public string Cite(Citation c) => $"《{Title}》{Place(c)}";

    /// <summary>
    /// The citation as the texts write it, without the title: 第九条第二款第（三）项, and for an article of one paragraph
    /// without the 款 (第二十二条, 第九条第（五）项). The pack notation and the findings document keep paragraph 1.
    /// </summary>
    public string Place(Citation c)
    {
        if (c.Paragraph != 1 || Article(c.Article) is not { Paragraphs.Count: 1 })
        {
            return c.ToChinese();
        }
        return $"第{ChineseNumerals.Format(c.Article)}条" + (c.Item is { } i ? $"第（{ChineseNumerals.Format(i)}）项" : "");
    }

    /// <summary>The words a citation points at: the paragraph, or the item with its lead-in.</summary>
    public string TextOf(Citation c)
    {
        var article = Article(c.Article) ?? throw new ArgumentOutOfRangeException(nameof(c), $"{Id} 无第{c.Article}条");
        var paragraph = article.Paragraphs[c.Paragraph - 1];
        return c.Item is { } item ? paragraph.Lead + "……" + Paragraph.ItemMarker(item) + paragraph.Items[item - 1] : paragraph.Text;
    }
}

/// <summary>Where a regulation applies: a region by its GB/T 2260 prefix, or (<see cref="Nationwide"/>) all of China beside the regional text.</summary>
public sealed record Jurisdiction(string Name, string? DivisionPrefix, bool Nationwide = false);

public sealed record Repeal(string Title, string? IssuedBy, DateOnly? Issued);

/// <summary>The pack's definition of a public area (province-2012 第九条第（一）项: 以下所称公共区域均指这一范围).</summary>
public sealed record PublicAreaDefinition(Citation Cite, UInt128 Categories, SiteFlag Flag);

public sealed class Article
{
    public required int Number { get; init; }
    public required IReadOnlyList<Paragraph> Paragraphs { get; init; }
    public string Heading => $"第{ChineseNumerals.Format(Number)}条";

    /// <summary>The article as the regulation prints it: 第九条　text, paragraphs on their own lines.</summary>
    public string Text => Heading + "\u3000" + string.Join("\n", Paragraphs.Select(p => p.Text));
}

public sealed class Paragraph
{
    /// <summary>The paragraph's words before its first item (all of it when it has no items).</summary>
    public required string Lead { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
    /// <summary>Words after the last item, if any.</summary>
    public string Tail { get; init; } = "";

    public string Text => Lead + string.Concat(Items.Select((item, i) => ItemMarker(i + 1) + item)) + Tail;

    public static string ItemMarker(int item) => $"（{ChineseNumerals.Format(item)}）";
}

/// <summary>Half-open validity [From, To) of one version of a rule.</summary>
public readonly record struct Validity(DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly date) => date >= From && (To is null || date < To);
}

public sealed class RuleDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>The article whose record holds this rule.</summary>
    public required int Article { get; init; }
    public required Validity Valid { get; init; }
    public required CheckSpec Check { get; init; }
    public Consequence? Consequence { get; init; }
    public string? Note { get; init; }
    /// <summary>The sites whose systems, devices, acts or requests the rule binds (null: every site).</summary>
    public SiteSelector? Sites { get; init; }
    public SubjectKind Subject => Check.Subject;

    /// <summary>Every provision this rule can find breached.</summary>
    public IEnumerable<Citation> Breaches => Check.Citations;
}

public sealed record Fine(Payer Payer, long Min, long Max, FineCondition When)
{
    /// <summary>The payer in the basis text's own words where they differ from the vocabulary's label
    /// (province-2012 第二十四、二十五条: 直接负责的主管人员和其他责任人员); null: the label.</summary>
    public string? PayerText { get; init; }
}

public sealed record Consequence(
    Citation Basis,
    string? Authority,
    IReadOnlyList<string> Orders,
    IReadOnlyList<Fine> Fines,
    IReadOnlyList<string> Other)
{
    /// <summary>How the basis text words the condition <c>if-not-corrected</c>: 逾期不改正 (the regional texts) or 拒不改正 (national-2025 第二十六、二十九条).</summary>
    public string NotCorrectedWords { get; init; } = "逾期不改正";
}
