using System.Threading.RateLimiting;
using Jifang.Data;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Identity;

/// <summary>
/// Registers identity: ASP.NET Core Identity with the sign-in cookie (pages) and bearer tokens (API), the policies, the
/// limit of sign-in attempts per client, the throttle of failed sign-ins (<see cref="SignInThrottle"/>), the check of
/// every session on every request (<see cref="SessionGuard"/>) and Identity's messages in Chinese. Settings: section "Security" (<see cref="SecurityOptions"/>).
/// </summary>
public static class IdentityModule
{
    public static IServiceCollection AddJifangIdentity(this IServiceCollection s, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        s.AddOptions<SecurityOptions>().Bind(config.GetSection(SecurityOptions.Section))
            .Validate(o => o.SignInAttemptsPerMinute >= 1, "Security:SignInAttemptsPerMinute 必须是正整数")
            .Validate(o => o.AccountFailuresBeforeDelay >= 1 && o.AddressFailuresBeforeDelay >= 1, "Security:AccountFailuresBeforeDelay 与 AddressFailuresBeforeDelay 至少为 1")
            .Validate(o => o.FirstDelay > TimeSpan.Zero && o.AccountMaxDelay >= o.FirstDelay && o.AddressMaxDelay >= o.FirstDelay,
                "Security:FirstDelay 应大于 0，AccountMaxDelay 与 AddressMaxDelay 不小于 FirstDelay")
            .Validate(o => o.ForgetFailuresAfter > o.AccountMaxDelay && o.ForgetFailuresAfter > o.AddressMaxDelay,
                "Security:ForgetFailuresAfter 应长于 AccountMaxDelay 与 AddressMaxDelay（否则等待期满即被遗忘）")
            .Validate(o => o.SessionCacheSeconds is >= 0 and <= 300, "Security:SessionCacheSeconds 应在 0 至 300 之间")
            .ValidateOnStart();
        s.AddScoped<SignInThrottle>();
        s.AddScoped<AuditedSignIn>();
        s.AddSingleton<DummyPassword>();
        s.AddSingleton<SessionGuard>();
        s.AddIdentityApiEndpoints<JifangUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // Lockout stays enabled for new users so that an administrator can lock an account (SetLockoutEndDateAsync);
                // failed sign-ins no longer count towards it (see SignInThrottle): strangers cannot lock anyone out.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<JifangDbContext>()
            .AddClaimsPrincipalFactory<JifangClaimsFactory>()
            .AddUserManager<JifangUserManager>()
            .AddErrorDescriber<ChineseIdentityErrors>();
        s.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "jifang.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionGuard.Lifetime;
            o.SlidingExpiration = true;
            // Every request: the session still holds (not signed out, same security stamp, not locked or deleted).
            o.Events.OnValidatePrincipal = SessionChecks.ValidateCookieAsync;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = c => Answer(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
            // A page's refusal names the permission it lacked (DeniedPermission), for the access-denied page to say.
            o.Events.OnRedirectToAccessDenied = async c => await Answer(c.HttpContext,
                c.Request.Path.StartsWithSegments("/api") ? c.RedirectUri : await DeniedPermission.RedirectAsync(c.HttpContext, c.RedirectUri), StatusCodes.Status403Forbidden);
        });
        s.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromHours(1);
            o.Events.OnMessageReceived = SessionChecks.ValidateBearerAsync;
        });
        s.AddAuthorizationBuilder().AddJifangPolicies();
        // Sign-in attempts (a POST of the sign-in form or of /api/auth/token): Security:SignInAttemptsPerMinute per client and
        // minute of the platform's clock, 10 by default. Showing the sign-in form is not an attempt: a GET does not count, or
        // ten page loads would lock a whole office behind one address out of signing in.
        s.Configure<RateLimiterOptions>(o => o.AddPolicy(AuthApi.LoginLimiter, c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)
            ? RateLimitPartition.GetNoLimiter("sign-in form")
            : RateLimits.PerMinute(c, ClientPartition.Of(c), c.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute)));
        return s;
    }

    private static Task Answer(HttpContext context, string redirect, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirect);
        return Task.CompletedTask;
    }
}
