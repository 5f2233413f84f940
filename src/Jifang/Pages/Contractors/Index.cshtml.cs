using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Contractors;

/// <summary>从业单位: the contractors in the user's scope (unit users see all), searched by name or credit code.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<ContractorDto> Contractors { get; private set; } = null!;

    public bool CanWrite { get; private set; }

    /// <summary>How many systems (that the user sees) each contractor of the page works on.</summary>
    public IReadOnlyDictionary<Guid, int> Systems { get; private set; } = new Dictionary<Guid, int>();

    public int PageCount => Math.Max(1, (Contractors.Total + Contractors.PageSize - 1) / Contractors.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Contractors = (await ContractorsApi.List(db, Search?.Trim(), division: null, qualified: null, archived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
        Systems = await RegistryLinks.ContractorUseAsync(db, Contractors.Items.Select(c => c.Id), ct);
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Contractors", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
