using System.ComponentModel.DataAnnotations;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Account;

[EnableRateLimiting(AuthApi.LoginLimiter)]
public sealed class LoginModel(SignInManager<JifangUser> signIn, AuditTrail audit) : PageModel
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
        var result = await AuditedSignIn.PasswordSignInAsync(signIn, audit, UserName!, Password!, "登录页面", ClientPartition.Of(HttpContext));
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "密码错误次数过多，账户已暂时锁定，请 15 分钟后再试。");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "用户名或密码错误。");
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
