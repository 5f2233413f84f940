using Jifang.Features.Access;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Access;

/// <summary>
/// 导出包核验: upload a package; the platform checks its SHA-256, watermark and records against the registry. Open to everyone,
/// without an account: whoever holds a package (a citizen, a court, a lawyer) may verify it, since holding the genuine package is
/// what is verified (<see cref="PackageVerification"/>: a file the platform did not issue byte for byte is answered "not
/// authentic" and nothing else). Rate-limited per client like the citizens' portal, with an antiforgery token on the form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformHost.PortalLimiter)]
[RequestSizeLimit(PackageVerification.MaxBytes + (1 << 20))]
public sealed class VerifyModel(AccessService access) : PageModel
{
    public PackageVerificationDto? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", "请选择导出包（zip 文件）");
            return Page();
        }
        if (file.Length > PackageVerification.MaxBytes)
        {
            ModelState.AddModelError("", PackageVerification.TooLarge);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        Result = await access.VerifyAsync(buffer.ToArray(), ct);
        return Page();
    }
}
