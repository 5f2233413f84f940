using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages.Account;

/// <summary>退出: ends this session (a copy of its cookie no longer answers; the user's other sign-ins go on), logged.</summary>
public sealed class LogoutModel(SignInManager<JifangUser> signIn, SessionGuard sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await sessions.SignOutAsync(User, HttpContext.RequestServices, "登录页面", ClientPartition.Of(HttpContext));
        }
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }
}
