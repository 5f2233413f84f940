using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Personnel;

/// <summary>从业人员: the staff of the units and contractors in the user's scope, with their job and training.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Contractor { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<PersonDto> Personnel { get; private set; } = null!;

    public bool CanWrite { get; private set; }

    public int PageCount => Math.Max(1, (Personnel.Total + Personnel.PageSize - 1) / Personnel.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Personnel = (await PersonnelApi.List(db, Search?.Trim(), Unit, Contractor, job: null, trained: null, archived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
    }

    /// <summary>Whether the user may change this person: unit users only their own unit's staff.</summary>
    public bool CanEdit(PersonDto person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return CanWrite && (!db.Scope.IsUnit || person.EmployerUnitId == db.Scope.UnitId);
    }

    public static string JobLabel(string job) => PersonnelApi.Jobs.TryGetValue(job, out var label) ? label : job;

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Personnel", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["unit"] = Unit?.ToString() ?? "",
            ["contractor"] = Contractor?.ToString() ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
