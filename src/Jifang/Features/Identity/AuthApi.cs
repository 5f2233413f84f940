using System.Security.Claims;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

/// <summary>取得令牌的请求</summary>
/// <param name="UserName">用户名</param>
/// <param name="Password">密码</param>
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

    /// <summary>以用户名和密码取得令牌</summary>
    /// <remarks>
    /// <para>答复 `{"tokenType": "Bearer", "accessToken": "…", "expiresIn": 3600, "refreshToken": "…"}`：把 `accessToken` 填入本页认证中的 `Bearer`，或以请求头 `Authorization: Bearer {accessToken}` 发送；1 小时内有效。</para>
    /// <para>密码错误与用户名不存在答复同一个 401（用户名或密码错误）。一个用户名失败 5 次后（一个地址失败 20 次后），每次失败都要等待，从 1 秒起倍增，至多 5 分钟（地址 15 分钟）；等待期间答复 429 并带 `Retry-After`，不核对密码。每个客户端每分钟至多尝试 10 次。失败不会锁定账户：423 只答复给出正确密码、而账户已被管理员锁定的人。</para>
    /// </remarks>
    /// <param name="request">用户名与密码</param>
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

    /// <summary>退出：结束本次登录</summary>
    /// <remarks>结束调用者的这次会话（这个令牌；或这个登录 Cookie，并将其删除），此后它答复 401；同一用户的其他登录不受影响。记入审计日志（`auth.signed-out`）。</remarks>
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

    /// <summary>我是谁：当前用户与其范围</summary>
    /// <remarks>答复用户名、姓名、角色（代码与中文名称）、行政区划代码（公安机关与单位用户的辖区）和所属单位的编号。</remarks>
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
