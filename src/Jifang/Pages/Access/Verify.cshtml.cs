using Jifang.Features.Access;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Access;

/// <summary>导出包核验: upload a package; the platform checks its SHA-256, watermark and records against the registry.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class VerifyModel(AccessService access) : SignedInPageModel
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
        if (file.Length > 20 * 1024 * 1024)
        {
            ModelState.AddModelError("", "导出包不能超过 20 MB");
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        Result = await access.VerifyAsync(buffer.ToArray(), ct);
        return Page();
    }
}
