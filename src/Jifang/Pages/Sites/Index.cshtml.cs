using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

/// <summary>场所列表: search by name or address, filter by category, division and findings, 20 a page.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, ComplianceService compliance, CountsCache cache, IAuthorizationService authorization) : SignedInPageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Division { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool HasFindings { get; set; }

    /// <summary>Only the sites of one unit (from the units list).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Unit { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the route value Razor Pages reserves for the page itself
    public int PageNumber { get; set; } = 1;

    public Page<SiteDto> Sites { get; private set; } = null!;

    public IReadOnlyList<Choice> Categories { get; } = Labels.Options(Vocab.SiteCategories);

    public bool CanWrite { get; private set; }

    public int PageCount => Math.Max(1, (Sites.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!string.IsNullOrWhiteSpace(Division) && !Division.Trim().All(char.IsAsciiDigit))
        {
            ModelState.AddModelError(nameof(Division), "行政区划代码前缀应为数字");
            Division = null;
        }
        if (!string.IsNullOrEmpty(Category) && !Vocab.SiteCategories.TryParse(Category, out _))
        {
            Category = null;
        }
        var result = await SitesApi.List(db, compliance, cache, Search?.Trim(), Category, Division?.Trim(), Unit,
            hasFindings: HasFindings ? true : null, archived: false, PageNumber, PageSize, ct);
        Sites = result.Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
    }

    /// <summary>The query string of this list with another page number, for the pager.</summary>
    public string PageHref(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["search"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["category"] = string.IsNullOrEmpty(Category) ? null : Category,
            ["division"] = string.IsNullOrWhiteSpace(Division) ? null : Division,
            ["hasFindings"] = HasFindings ? "true" : null,
            ["unit"] = Unit?.ToString(),
            ["p"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Sites", query.Where(kv => kv.Value is not null)!);
    }
}
