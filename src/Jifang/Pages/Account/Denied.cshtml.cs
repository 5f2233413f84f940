using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages.Account;

/// <summary>无权访问. A signed-in user whose role has no registry access at all is shown what the role can do instead.</summary>
public sealed class DeniedModel(IAuthorizationService authorization) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true && !(await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded)
        {
            return Redirect("/Guide");
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
