using System.Security.Claims;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jifang.Features.Users;

/// <summary>
/// User management (用户管理) in the API, the same <see cref="UserAdministration"/> as the pages under /Users: the platform
/// administrator and police (policy supervise), each within <see cref="UserAuthority"/>. An account outside the caller's
/// authority answers 404, as a record outside the scope does.
/// </summary>
public static class UsersApi
{
    public static IServiceCollection AddJifangUsers(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        return services;
    }

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var users = api.MapGroup("/users").WithTags("用户管理").RequireAuthorization(Policies.Supervise);
        users.MapGet("/", List).WithSummary("列出可管理的用户")
            .WithDescription("平台管理员：全部用户；公安机关：辖区内低于本级的公安机关用户，以及辖区内使用单位、设计施工单位、检测机构和专家的用户。按用户名排序，可按角色、行政区划代码前缀、单位、停用状态和名称筛选。");
        users.MapGet("/{id:guid}", Get).WithSummary("查看用户");
        users.MapPost("/", Create).WithSummary("新建用户")
            .WithDescription("未给出密码时由平台生成；响应中的密码只显示这一次。公安机关用户须给出 6 位行政区划代码，使用单位的用户须给出所属单位，设计施工单位、检测机构和专家的用户须给出所代表的从业单位、检测机构或专家（partyId）。");
        users.MapPut("/{id:guid}", Change).WithSummary("修改用户的显示名、角色和范围")
            .WithDescription("变更角色或范围后，该用户的全部会话结束（会话中的角色和范围已过时）。不能变更自己的角色或范围。");
        users.MapPost("/{id:guid}/disable", Disable).WithSummary("停用用户").WithDescription("停用后该用户的全部会话立即结束。不能停用自己，也不能停用最后一位启用的平台管理员。");
        users.MapPost("/{id:guid}/enable", Enable).WithSummary("启用用户");
        users.MapPost("/{id:guid}/reset-password", ResetPassword).WithSummary("重置密码")
            .WithDescription("新密码由平台生成，响应中的密码只显示这一次。该用户的全部会话结束。");
        return api;
    }

    /// <summary>列出可管理的用户</summary>
    /// <remarks>按用户名排序，分页。</remarks>
    /// <param name="search">用户名或显示名中的文字</param>
    /// <param name="role">只列此角色的用户</param>
    /// <param name="division">行政区划代码前缀（1 至 6 位数字）：只列其下的公安机关用户</param>
    /// <param name="unit">只列此单位的用户（单位标识）</param>
    /// <param name="disabled">`true`：只列已停用的用户；`false`：只列启用的用户</param>
    /// <param name="page">页码，从 1 开始</param>
    /// <param name="pageSize">每页条数</param>
    internal static async Task<Results<Ok<Page<UserDto>>, ValidationProblem>> List(
        UserAdministration admin, string? search, string? role, string? division, Guid? unit, bool? disabled, int? page, int? pageSize, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(role) && !Roles.All.Contains(role.Trim()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"未知的角色 \"{role}\"（可选：{string.Join("、", Roles.All)}）"] });
        }
        if (!string.IsNullOrWhiteSpace(division) && (division.Trim().Length > 6 || !division.Trim().All(char.IsAsciiDigit)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["division"] = ["行政区划代码前缀应为 1 至 6 位数字"] });
        }
        return TypedResults.Ok(await admin.ListAsync(search, role, division, unit, disabled, page, pageSize, ct));
    }

    /// <summary>查看用户</summary>
    /// <remarks>管理范围以外的用户答 404。</remarks>
    /// <param name="id">用户标识</param>
    internal static async Task<Results<Ok<UserDto>, NotFound>> Get(Guid id, UserAdministration admin, CancellationToken ct) =>
        await admin.GetAsync(id.ToString(), ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>新建用户</summary>
    /// <remarks>只能授予低于本人的角色和本人范围以内的范围。</remarks>
    /// <param name="request">新用户</param>
    internal static async Task<Results<Created<UserWithPassword>, ValidationProblem, ProblemHttpResult>> Create(
        UserCreation request, UserAdministration admin, CancellationToken ct) =>
        await admin.CreateAsync(request, ct);

    /// <summary>修改用户</summary>
    /// <remarks>变更角色或范围后该用户的全部会话结束。</remarks>
    /// <param name="id">用户标识</param>
    /// <param name="request">新的显示名、角色和范围</param>
    internal static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, UserChange request, UserAdministration admin, ClaimsPrincipal me, CancellationToken ct) =>
        await admin.ChangeAsync(id.ToString(), request, me, ct);

    /// <summary>停用用户</summary>
    /// <remarks>该用户的全部会话立即结束。</remarks>
    /// <param name="id">用户标识</param>
    internal static async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> Disable(Guid id, UserAdministration admin, ClaimsPrincipal me, CancellationToken ct) =>
        await admin.DisableAsync(id.ToString(), me, ct);

    /// <summary>启用用户</summary>
    /// <remarks>已停用的用户重新可以登录。</remarks>
    /// <param name="id">用户标识</param>
    internal static async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> Enable(Guid id, UserAdministration admin, CancellationToken ct) =>
        await admin.EnableAsync(id.ToString(), ct);

    /// <summary>重置密码</summary>
    /// <remarks>新密码由平台生成，只显示这一次；该用户的全部会话结束。</remarks>
    /// <param name="id">用户标识</param>
    internal static async Task<Results<Ok<UserWithPassword>, NotFound, ProblemHttpResult>> ResetPassword(Guid id, UserAdministration admin, CancellationToken ct) =>
        await admin.ResetPasswordAsync(id.ToString(), ct);
}
