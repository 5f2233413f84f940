using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Experts;

/// <summary>专家库: the experts of the caller's jurisdiction (an expert's account itself), searched by name or employer and specialty.</summary>
[Authorize(Policy = Policies.ExpertsRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Specialty { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<ExpertDto> Experts { get; private set; } = null!;

    public bool CanWrite { get; private set; }

    public int PageCount => Math.Max(1, (Experts.Total + Experts.PageSize - 1) / Experts.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Experts = (await ExpertsApi.List(db, Search?.Trim(), division: null, Specialty?.Trim(), available: null, includeArchived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Experts", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["specialty"] = Specialty ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
