using Jifang.Features.Access;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Access;

/// <summary>登记单 (registration slip): who accessed which records, when and why, with the audit receipt and, for a copy, the package.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class RegistrationModel(AccessService access) : SignedInPageModel
{
    public AccessRegistrationDto Slip { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if ((await AccessApi.Slip(id, access, ct)).Result is not Ok<AccessRegistrationDto> ok)
        {
            return FormErrors.NotFoundPage("该登记");
        }
        Slip = ok.Value!;
        return Page();
    }
}
