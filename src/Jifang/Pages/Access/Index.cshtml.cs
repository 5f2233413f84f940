using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Access;

/// <summary>查阅、复制、调取申请: official and citizen requests for the records of the sites in the user's scope.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)] public string? Requester { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Record { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<AccessRequestDto> Requests { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Requests = (await AccessApi.List(db, string.IsNullOrEmpty(Requester) ? null : Requester, null, Site, Record, PageNumber, 50, ct)).Value!;
    }
}
