using System.Security.Claims;
using Jifang.Features.Audit;
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
        return api;
    }

    /// <summary>Issues a bearer token (and a refresh token) for a user name and password; locks out after repeated failures.</summary>
    internal static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(TokenRequest request, SignInManager<JifangUser> signIn, AuditTrail audit, HttpContext context)
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
        var result = await AuditedSignIn.PasswordSignInAsync(signIn, audit, request.UserName!, request.Password!, "API 令牌", ClientPartition.Of(context));
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "账户已锁定", detail: "密码错误次数过多，账户已暂时锁定，请稍后再试");
        }
        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "登录失败", detail: "用户名或密码错误");
        }
        // The bearer handler has written the token response.
        return TypedResults.Empty;
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
