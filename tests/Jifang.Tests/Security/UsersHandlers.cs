using Jifang.Features.Identity;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of user management (issue 10; policy <c>supervise</c>): creating an account of the world's unit, changing
/// one, disabling, enabling and a new password. Outside the caller's authority the account is not found (404) and a unit is
/// refused on the form (200).
/// </summary>
public static class UsersHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Users/Create", true, c =>
        {
            var name = c.Unique("page-user").ToLowerInvariant();
            return Task.FromResult(Form("/Users/Create", _ => c.AnyAsync<JifangUser>(u => u.UserName == name),
                ("Input.UserName", name), ("Input.DisplayName", "页面矩阵用户"), ("Input.Role", Roles.UnitOperator), ("Input.UnitId", c.W.UnitId.ToString()),
                ("Input.DivisionCode", ""), ("Input.Password", "")));
        }, Supervise.With(ok: "200+", no: "200")),
        new("* POST /Users/Details", true, async c =>
        {
            var id = await c.FreshUserAsync();
            var renamed = c.Unique("页面矩阵改名");
            return Form($"/Users/Details/{id}", _ => c.AnyAsync<JifangUser>(u => u.Id == id && u.DisplayName == renamed),
                ("Input.DisplayName", renamed), ("Input.Role", Roles.UnitOperator), ("Input.UnitId", c.W.UnitId.ToString()), ("Input.DivisionCode", ""));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Users/Details?handler=Disable", true, async c =>
        {
            var id = await c.FreshUserAsync();
            return Form($"/Users/Details/{id}?handler=Disable", _ => c.AnyAsync<JifangUser>(u => u.Id == id && u.LockoutEnd != null));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Users/Details?handler=Enable", true, async c =>
        {
            var id = await c.FreshUserAsync(disabled: true);
            return Form($"/Users/Details/{id}?handler=Enable", _ => c.AnyAsync<JifangUser>(u => u.Id == id && u.LockoutEnd == null));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Users/Details?handler=ResetPassword", true, async c =>
        {
            var id = await c.FreshUserAsync();
            return Form($"/Users/Details/{id}?handler=ResetPassword", _ => c.AnyAsync<JifangUser>(u => u.Id == id && u.PasswordHash != null));
        }, Supervise.With(ok: "200+", no: "404")),
    ];
}
