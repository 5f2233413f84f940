using Jifang.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

/// <summary>
/// Signing in with a password, logged: the password is checked first (with lockout), the outcome (signed in, failed,
/// locked out) is appended to the audit log, and only then is the token or cookie issued, so a sign-in is never
/// acknowledged before its entry is durable. The entry names the user name given, the channel and the client address;
/// never the password or the token.
/// </summary>
public static class AuditedSignIn
{
    public static async Task<SignInResult> PasswordSignInAsync(
        SignInManager<JifangUser> signIn, AuditTrail audit, string userName, string password, string channel, string address)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(userName);
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var where = $"通道：{channel}；地址：{address}";
        if (user is null)
        {
            await audit.RecordAsync(new AuditEvent("auth.sign-in-failed", userName, $"user:{userName}", Detail: $"{where}；用户名不存在"));
            return SignInResult.Failed;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        var (action, why) = result.Succeeded ? ("auth.signed-in", "")
            : result.IsLockedOut ? ("auth.locked-out", "；密码错误次数过多，账户已锁定")
            : result.IsNotAllowed ? ("auth.sign-in-failed", "；账户不允许登录")
            : ("auth.sign-in-failed", "；密码错误");
        await audit.RecordAsync(new AuditEvent(action, user.UserName!, $"user:{user.UserName}", user.DivisionCode, user.UnitId, null, where + why));
        if (result.Succeeded)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }
        return result;
    }
}
