using Jifang.Features.Compare;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Compare;

/// <summary>The comparison form: two regulations, and the facts pasted as JSON.</summary>
public sealed class CompareInput
{
    [Text(40)] public string? First { get; set; }

    [Text(40)] public string? Second { get; set; }

    [Text(CompareService.MaxFactsLength, MultiLine = true)] public string? Facts { get; set; }
}

/// <summary>
/// 条例对照 (issue 11): a site the user may see (GET ?site=ID) or pasted facts (POST), judged under two regulations and shown
/// finding by finding and article by article, each citation with its words.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(CompareService compare, TimeProvider time) : SignedInPageModel
{
    [BindProperty] public CompareInput Input { get; set; } = new();

    /// <summary>A fragment of a site's name, to choose a site (GET "q").</summary>
    [BindProperty(Name = "q", SupportsGet = true)][Text(100)] public string? Query { get; set; }

    public IReadOnlyList<Site>? Found { get; private set; }

    public Site? Site { get; private set; }

    public Comparison? Result { get; private set; }

    public IEnumerable<Pack> Packs => compare.Packs;

    public async Task<IActionResult> OnGetAsync(Guid? site, string? first, string? second, CancellationToken ct)
    {
        ModelState.Clear();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            Found = await compare.FindSitesAsync(Query.Trim(), ct);
        }
        if (site is not { } id)
        {
            (Input.First, Input.Second) = (first ?? compare.Defaults(null).First, second ?? compare.Defaults(null).Second);
            return Page();
        }
        Site = await compare.SiteAsync(id, ct);
        if (Site is null)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        var defaults = compare.Defaults(Site.DivisionCode);
        (Input.First, Input.Second) = (first ?? defaults.First, second ?? defaults.Second);
        Show(compare.CompareSite(Site, Input.First, Input.Second, await compare.FilingsAsync(Site.Id, ct)));
        return Page();
    }

    public IActionResult OnPost()
    {
        ModelState.Clear();
        Show(compare.CompareFacts(Input.Facts, Input.First, Input.Second, time));
        return Page();
    }

    private void Show(CompareResult result)
    {
        Result = result.Comparison;
        foreach (var (key, messages) in result.Errors)
        {
            foreach (var m in messages)
            {
                ModelState.AddModelError(FormErrors.FormKey(key), m);
            }
        }
    }

    /// <summary>What a row is about, by the names the registry gives (a site's comparison) or the ids of the facts.</summary>
    public string SubjectOf(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var id = Guid.TryParse(subject.Id, out var g) ? g : Guid.Empty;
        var name = Site is null ? null : subject.Kind switch
        {
            SubjectKind.Site => Site.Name,
            SubjectKind.System => Site.Systems.FirstOrDefault(s => s.Id == id)?.Name,
            SubjectKind.Device => Site.Devices.FirstOrDefault(d => d.Id == id)?.Name,
            SubjectKind.Act => Site.Acts.FirstOrDefault(a => a.Id == id) is { } act ? $"{Labels.Of(Vocab.ActKinds, act.Kind)}（{Labels.Date(act.Date)}）" : null,
            _ => null,
        };
        return $"{Labels.Of(Vocab.SubjectKinds, Vocab.SubjectKinds.Code(subject.Kind))}：{name ?? subject.Id}";
    }

    public static CitationDto Cite(Pack pack, Citation citation) => FindingPresenter.Cite(pack, citation.ToString());

    public static ConsequenceDto? Consequence(Pack pack, Consequence? c) => c is null ? null : FindingPresenter.Consequence(pack, c);
}
