using System.ComponentModel.DataAnnotations;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Account;

[EnableRateLimiting(AuthApi.LoginLimiter)]
public sealed class LoginModel(AuditedSignIn audited) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入用户名")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请输入密码")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await audited.PasswordSignInAsync(UserName!, Password!, "登录页面", HttpContext);
        switch (outcome.Status)
        {
            case SignInStatus.Throttled:
                var seconds = RateLimits.Seconds(outcome.RetryAfter);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError("", AuthApi.Throttled(seconds));
                return Page();
            case SignInStatus.LockedOut:
                ModelState.AddModelError("", "账户已被管理员锁定，请联系管理员。");
                return Page();
            case SignInStatus.Failed:
                ModelState.AddModelError("", "用户名或密码错误。");
                return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
