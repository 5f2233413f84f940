using Jifang.Features.Filing;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Filings;

/// <summary>
/// 备案: for a unit, its video systems with their filing, deadline and what to do (its task list); for the police, the
/// filings waiting for them and the systems of their jurisdiction that are overdue; the platform administrator sees both lists.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(FilingService filings) : SignedInPageModel
{
    /// <summary>Only this site's systems and filings.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Site { get; set; }

    public bool IsUnit => Roles.UnitRoles.Any(User.IsInRole);

    public bool IsPolice => Roles.Police.Any(User.IsInRole);

    /// <summary>The unit's video systems (units only: the police's jurisdiction has too many to list here).</summary>
    public IReadOnlyList<FilingSystemDto> Systems { get; private set; } = [];

    public IReadOnlyList<FilingDto> Pending { get; private set; } = [];

    public IReadOnlyList<FilingDto> Returned { get; private set; } = [];

    public IReadOnlyList<FilingSystemDto> Overdue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (IsUnit)
        {
            Systems = await filings.SystemsAsync(Site, null, ct);
        }
        Pending = await ListAsync(FilingStates.Pending, ct);
        Returned = await ListAsync(FilingStates.Returned, ct);
        Overdue = (await filings.OverdueAsync(ct)).Where(r => Site is null || r.SiteId == Site).ToList();
    }

    private async Task<IReadOnlyList<FilingDto>> ListAsync(string state, CancellationToken ct) =>
        (await FilingApi.List(filings.Db, state, null, Site, null, null, 1, 200, ct)).Result is Ok<Jifang.Infrastructure.Page<FilingDto>> ok ? ok.Value!.Items : [];
}
