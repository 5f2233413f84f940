using Jifang.Features.Access;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Portal;

/// <summary>
/// 公民查看申请 (nmg-2007 第二十条): open to everyone, with or without an account (a citizen harmed seldom has one); forms carry
/// antiforgery tokens and the portal is rate-limited per client. Filing gives a request number and an access code.
/// </summary>
[EnableRateLimiting(PlatformHost.PortalLimiter)]
public sealed class IndexModel(PortalService portal, Jifang.Rules.Packs.PackSet packs) : PageModel
{
    /// <summary>
    /// 《公共安全视频图像信息系统管理条例》第二十一条 and its words: who may view (本人、近亲属、负有监护、看护、代管责任的人), which the
    /// form asks of the citizen; null when the national pack is not loaded.
    /// </summary>
    public (string Cite, string Text)? RelationProvision =>
        packs.TryGet("national-2025", out var national) && national.Pack.Contains(Article21)
            ? (national.Pack.Cite(Article21), national.Pack.TextOf(Article21))
            : null;

    private static readonly Jifang.Rules.Packs.Citation Article21 = new(21, 1, null);

    /// <summary>
    /// What each loaded regulation says of citizens viewing records (the provisions its citizen-access rules cite, as paragraphs):
    /// the regulation of the site's place and the national one both apply, so the form shows them all, each with its words.
    /// </summary>
    public IReadOnlyList<(string Cite, string Text)> CitizenProvisions =>
        packs.Packs.SelectMany(pack => pack.Rules
                .Where(r => r.Check is Jifang.Rules.Packs.AccessSpec { Requester: Jifang.Rules.Vocabulary.RequesterKind.Citizen })
                .SelectMany(r => r.Check.Citations)
                .Select(c => new Jifang.Rules.Packs.Citation(c.Article, c.Paragraph, null))
                .Distinct()
                .Order()
                .Select(c => (pack.Cite(c), pack.TextOf(c))))
            .ToList();

    /// <summary>The answers to 与图像中人员的关系, in the vocabulary's order: code and Chinese label.</summary>
    public static IEnumerable<(string Code, string Label)> Relations =>
        Jifang.Rules.Vocabulary.Vocab.RequesterRelations.Values.Select(v => (Jifang.Rules.Vocabulary.Vocab.RequesterRelations.Code(v), Jifang.Rules.Vocabulary.Vocab.RequesterRelations.Label(v)));

    [BindProperty] public PortalInput Input { get; set; } = new();

    public string? Number { get; private set; }

    public string? Code { get; private set; }

    public Features.Records.Refusal? Refusal { get; private set; }

    /// <summary>The search: a fragment of the site's name or address (GET "q"), optionally in one county ("county").</summary>
    [BindProperty(Name = "q", SupportsGet = true)] public string? Query { get; set; }

    [BindProperty(Name = "county", SupportsGet = true)] public string? County { get; set; }

    /// <summary>The sites found, when a search was made.</summary>
    public PortalSearchResult? Search { get; private set; }

    /// <summary>The site chosen from the search, which the request concerns.</summary>
    public PortalSiteHit? Chosen { get; private set; }

    public async Task OnGetAsync(string? division, string? site, string? siteId, CancellationToken ct)
    {
        ModelState.Clear();
        Input.DivisionCode = division;
        Input.SiteName = site;
        if (Query is not null || County is not null)
        {
            Search = await portal.SearchAsync(Query, County, ct);
        }
        if (!string.IsNullOrWhiteSpace(siteId))
        {
            Chosen = await portal.ChosenAsync(siteId, ct);
            Input.SiteId = Chosen?.Id.ToString();
            if (Chosen is null)
            {
                ModelState.AddModelError(FormErrors.FormKey("siteId"), "没有找到所选的场所（或已不在使用），请重新查找");
            }
        }
    }

    /// <summary>"选择": the form again with the site chosen (and the search kept, to choose again).</summary>
    public string ChooseHref(PortalSiteHit site) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Portal", new Dictionary<string, string?>
        {
            ["siteId"] = site?.Id.ToString(), ["q"] = Query ?? "", ["county"] = County ?? "",
        }) + "#request";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await portal.FileAsync(Input, ct);
        if (result.Errors is { } errors)
        {
            Chosen = await portal.ChosenAsync(Input.SiteId, ct);
            foreach (var (key, messages) in errors)
            {
                foreach (var m in messages)
                {
                    ModelState.AddModelError(FormErrors.FormKey(key), m);
                }
            }
            return Page();
        }
        Refusal = result.Refusal;
        Number = result.Request?.Number;
        Code = result.Code;
        return Page();
    }
}
