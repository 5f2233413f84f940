using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages.Account;

/// <summary>
/// 无权访问 (403): which page was refused, which permission it needs and which roles hold it, where the refusal named it
/// (<see cref="DeniedPermission"/>), and the user's own role; a role without registry access is pointed to what it can do.
/// </summary>
public sealed class DeniedModel(IAuthorizationService authorization, IAuthorizationPolicyProvider policies) : PageModel
{
    [BindProperty(SupportsGet = true, Name = DeniedPermission.Parameter)]
    public string? Need { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The permission lacked, in Chinese, or null when the refusal did not name one the platform knows.</summary>
    public string? Permission { get; private set; }

    /// <summary>The roles that hold it, in Chinese.</summary>
    public IReadOnlyList<string> HeldBy { get; private set; } = [];

    /// <summary>The page that was refused (a local address only).</summary>
    public string? Requested { get; private set; }

    public string? RoleLabel { get; private set; }

    public bool CanReadRegistry { get; private set; }

    public bool IsCitizen { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Permission = DeniedPermission.Label(Need);
        if (Permission is not null)
        {
            HeldBy = (await DeniedPermission.RolesAsync(policies, Need!)).Select(Roles.Label).ToList();
        }
        Requested = ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : null;
        var role = Roles.All.FirstOrDefault(User.IsInRole);
        RoleLabel = role is null ? null : Roles.Label(role);
        IsCitizen = role == Roles.Citizen;
        CanReadRegistry = User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
