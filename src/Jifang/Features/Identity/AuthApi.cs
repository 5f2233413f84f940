using System.Security.Claims;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

public sealed record TokenRequest([property: Text(256)] string? UserName, [property: Text(256)] string? Password);

public sealed record MeDto(string UserName, string DisplayName, string Role, string RoleLabel, string? DivisionCode, Guid? UnitId);

/// <summary>Bearer tokens for the API (POST /api/auth/token) and who am I.</summary>
public static class AuthApi
{
    public const string LoginLimiter = "login";

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var auth = api.MapGroup("/auth").WithTags("身份");
        auth.MapPost("/token", Token).AllowAnonymous().RequireRateLimiting(LoginLimiter);
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapPost("/sign-out", SignOut).RequireAuthorization();
        return api;
    }

    /// <summary>
    /// Issues a bearer token (and a refresh token) for a user name and password. 401 for a wrong password or an unknown
    /// name alike; 429 with Retry-After while the name or the client address is throttled; 423 for an account an
    /// administrator locked (told only to who gave its right password).
    /// </summary>
    internal static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request, SignInManager<JifangUser> signIn, AuditedSignIn audited, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["缺少用户名"];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["缺少密码"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var outcome = await audited.PasswordSignInAsync(request.UserName!, request.Password!, "API 令牌", context);
        switch (outcome.Status)
        {
            case SignInStatus.Throttled:
                var seconds = RateLimits.Seconds(outcome.RetryAfter);
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ThrottledTitle, detail: Throttled(seconds));
            case SignInStatus.LockedOut:
                return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "账户已锁定", detail: "账户已被管理员锁定，请联系管理员");
            case SignInStatus.Failed:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "登录失败", detail: "用户名或密码错误");
            default:
                // The bearer handler has written the token response.
                return TypedResults.Empty;
        }
    }

    public const string ThrottledTitle = "登录尝试过于频繁";

    /// <summary>What a throttled sign-in is told, on the page and in the API.</summary>
    public static string Throttled(int seconds) => $"登录尝试过于频繁，请 {seconds} 秒后再试。";

    /// <summary>
    /// Ends the caller's session (this token, or this cookie, which is also deleted): it answers 401 from now on, while the
    /// user's other sign-ins go on. Logged as auth.signed-out.
    /// </summary>
    internal static async Task<NoContent> SignOut(SessionGuard sessions, SignInManager<JifangUser> signIn, HttpContext context)
    {
        var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);
        await sessions.SignOutAsync(context.User, context.RequestServices, bearer ? "API 令牌" : "API（登录页面的会话）", ClientPartition.Of(context));
        if (!bearer)
        {
            await signIn.SignOutAsync();
        }
        return TypedResults.NoContent();
    }

    internal static Results<Ok<MeDto>, UnauthorizedHttpResult> Me(ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        if (user.Identity?.Name is not { } name || role is null)
        {
            return TypedResults.Unauthorized();
        }
        var unit = Guid.TryParse(user.FindFirstValue(Scope.UnitClaim), out var u) ? u : (Guid?)null;
        return TypedResults.Ok(new MeDto(name, user.FindFirstValue("jifang:name") ?? name, role, Roles.Label(role), user.FindFirstValue(Scope.DivisionClaim), unit));
    }

}
