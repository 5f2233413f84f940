using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Holds;

/// <summary>证据保全: the holds in the user's scope.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<HoldDto> Holds { get; private set; } = null!;

    public bool CanHold { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Holds = (await HoldsApi.List(db, Unit, null, null, PageNumber, 50, ct)).Value!;
        CanHold = (await authorization.AuthorizeAsync(User, Policies.RecordsHold)).Succeeded;
    }
}
