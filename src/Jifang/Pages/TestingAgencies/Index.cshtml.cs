using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.TestingAgencies;

/// <summary>检测机构: the registry as the caller reads it (a testing agency's account its own entry), searched by name, code or certificate.</summary>
[Authorize(Policy = Policies.ProjectsRead)]
public sealed class IndexModel(JifangDbContext db, TimeProvider time, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<TestingAgencyDto> Agencies { get; private set; } = null!;

    public bool CanWrite { get; private set; }

    public int PageCount => Math.Max(1, (Agencies.Total + Agencies.PageSize - 1) / Agencies.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Agencies = (await TestingAgenciesApi.List(db, time, Search?.Trim(), division: null, qualified: null, includeArchived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
    }

    /// <summary>Whether the caller may edit this agency: the police of its division and the administrator.</summary>
    public bool Writable(TestingAgencyDto agency) =>
        CanWrite && Jifang.Features.Registry.ContractorsApi.Writable(db.Scope, agency.DivisionCode);

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/TestingAgencies", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
