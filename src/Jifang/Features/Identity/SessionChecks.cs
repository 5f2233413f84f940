using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

/// <summary>
/// The <see cref="SessionGuard"/> asked on every authenticated request, for both ways of signing in. The cookie: in place of
/// Identity's SecurityStampValidator (which checks every 30 minutes, and then rebuilds the principal and the cookie with
/// several queries), on every request. The bearer token: Identity's bearer handler checks only the token's signature and
/// expiry, so the token is read here, before the handler, and refused if its session no longer holds; a token that holds
/// is handed to the handler as read (it is not decrypted twice). An unreadable or expired token is left to the handler.
/// </summary>
public static class SessionChecks
{
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (context.Principal is null || !await http.RequestServices.GetRequiredService<SessionGuard>().HoldsAsync(context.Principal, http.RequestServices, http.RequestAborted))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        // As the bearer handler reads it.
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }
        var ticket = context.Options.BearerTokenProtector.Unprotect(authorization["Bearer ".Length..]);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            return;
        }
        if (!await http.RequestServices.GetRequiredService<SessionGuard>().HoldsAsync(ticket.Principal, http.RequestServices, http.RequestAborted))
        {
            context.Fail("会话已结束");
            return;
        }
        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }
}
