using Jifang.Features.Access;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Portal;

/// <summary>
/// 申请进度: with the request number and access code (posted, never in the address), the citizen sees the state, views the
/// records once the unit consented, copies once the police approved, and downloads the package of a copy.
/// </summary>
[EnableRateLimiting(PlatformHost.PortalLimiter)]
public sealed class StatusModel(PortalService portal, AccessService access) : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Code { get; set; }

    public AccessRequestDto? Found { get; private set; }

    public IReadOnlyList<RefusalReason> Lacking { get; private set; } = [];

    public Refusal? Refusal { get; private set; }

    public AccessRegistrationDto? Slip { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostViewAsync(CancellationToken ct) => ShowAsync(false, ct);

    public Task<IActionResult> OnPostCopyAsync(CancellationToken ct) => ShowAsync(true, ct);

    public async Task<IActionResult> OnPostPackageAsync(Guid registration, CancellationToken ct)
    {
        if (await portal.FindAsync(Number, Code, ct) is not { } found)
        {
            ModelState.AddModelError("", "申请编号或查询码不正确");
            return Page();
        }
        var row = await access.Db.AccessRegistrations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == registration && x.RequestId == found.Request.Id, ct);
        if (row?.Package is null)
        {
            return FormErrors.NotFoundPage("该导出包");
        }
        await access.LogAsync(found.Request, "access.package-downloaded", $"citizen:{found.Request.Number}", $"导出包 sha256:{row.PackageSha256}", ct);
        return File(row.Package, "application/zip", $"{found.Request.Number}.zip");
    }

    private async Task<IActionResult> ShowAsync(bool? copy, CancellationToken ct)
    {
        if (await portal.FindAsync(Number, Code, ct) is not { } found)
        {
            ModelState.AddModelError("", "申请编号或查询码不正确");
            return Page();
        }
        var (request, records) = found;
        if (copy is { } c)
        {
            var result = await portal.ActAsync(request, records, c, ct);
            Refusal = result.Refusal;
            foreach (var m in result.Errors?.SelectMany(e => e.Value) ?? [])
            {
                ModelState.AddModelError("", m);
            }
            if (result.Registration is { } reg)
            {
                Slip = access.Slip(reg, request, records);
            }
        }
        // The portal has no account: the number is masked here too.
        Found = AccessService.ToDto(request, Jifang.Features.Identity.Scope.Nothing);
        Lacking = access.Pending(request, records).Reasons;
        return Page();
    }
}
