using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

/// <summary>单位: the using units in the user's scope, with a search by name or credit code.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the route value Razor Pages reserves for the page itself
    public int PageNumber { get; set; } = 1;

    public Page<UnitDto> Units { get; private set; } = null!;

    /// <summary>Police and the platform administrator: register and archive units.</summary>
    public bool CanCreate { get; private set; }

    /// <summary>Registry writers: edit the units they see (a unit administrator only its own).</summary>
    public bool CanWrite { get; private set; }

    public int PageCount => Math.Max(1, (Units.Total + Units.PageSize - 1) / Units.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Units = (await UnitsApi.List(db, Search?.Trim(), division: null, archived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Units", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
