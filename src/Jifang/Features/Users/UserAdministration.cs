using Jifang.Rules.Divisions;
using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Users;

/// <summary>用户</summary>
/// <param name="Id">用户标识</param>
/// <param name="UserName">用户名</param>
/// <param name="DisplayName">显示名</param>
/// <param name="Role">角色</param>
/// <param name="RoleLabel">角色的中文名称</param>
/// <param name="DivisionCode">公安机关用户的行政区划代码</param>
/// <param name="UnitId">使用单位的用户所属单位的标识</param>
/// <param name="UnitName">所属单位的名称</param>
/// <param name="Disabled">是否已停用</param>
/// <param name="CreatedAt">创建时间（UTC）</param>
/// <param name="PartyId">设计施工单位、检测机构或专家的账户所代表的从业单位、检测机构或专家的编号</param>
/// <param name="PartyName">其名称（专家为姓名）</param>
public sealed record UserDto(
    string Id, string UserName, string DisplayName, string Role, string RoleLabel, string? DivisionCode, Guid? UnitId, string? UnitName,
    bool Disabled, DateTime CreatedAt, Guid? PartyId = null, string? PartyName = null);

/// <summary>用户及刚设置的密码：密码只显示这一次（平台只保存其散列值）</summary>
/// <param name="User">用户</param>
/// <param name="Password">新密码</param>
public sealed record UserWithPassword(UserDto User, string Password);

/// <summary>What the role and scope of an account are made of, in a creation and in a change.</summary>
public interface IRoleAndScope
{
    string? Role { get; }
    string? DivisionCode { get; }
    Guid? UnitId { get; }
    Guid? PartyId { get; }
}

/// <summary>新建的用户：未给出密码时由平台生成</summary>
/// <param name="UserName">用户名：2 至 64 个字母、数字或 . _ @ + -，必填，之后不能修改</param>
/// <param name="DisplayName">显示名，必填，至多 50 字</param>
/// <param name="Role">角色（如 police-county、unit-admin），必填</param>
/// <param name="DivisionCode">公安机关用户的行政区划代码（6 位数字）；其他角色不填</param>
/// <param name="UnitId">使用单位的用户所属单位的标识；其他角色不填</param>
/// <param name="Password">初始密码；不填由平台生成</param>
/// <param name="PartyId">设计施工单位、检测机构和专家的账户所代表的从业单位、检测机构或专家（在平台登记、未归档）的编号，这些角色必填；其他角色不填</param>
public sealed record UserCreation(
    [property: Text(64)] string? UserName, [property: Text(50)] string? DisplayName, [property: Text(32)] string? Role,
    [property: Text(6)] string? DivisionCode, Guid? UnitId, [property: Text(128)] string? Password, Guid? PartyId = null) : IRoleAndScope;

/// <summary>修改用户的显示名、角色和范围（用户名不变：审计日志以它指称用户）</summary>
/// <param name="DisplayName">显示名，必填，至多 50 字</param>
/// <param name="Role">角色，必填</param>
/// <param name="DivisionCode">公安机关用户的行政区划代码（6 位数字）；其他角色不填</param>
/// <param name="UnitId">使用单位的用户所属单位的标识；其他角色不填</param>
/// <param name="PartyId">设计施工单位、检测机构和专家的账户所代表的从业单位、检测机构或专家（在平台登记、未归档）的编号，这些角色必填；其他角色不填</param>
public sealed record UserChange(
    [property: Text(50)] string? DisplayName, [property: Text(32)] string? Role, [property: Text(6)] string? DivisionCode, Guid? UnitId,
    Guid? PartyId = null) : IRoleAndScope;

/// <summary>
/// A role from the platform's list, and the scope it takes: a division code for police, a unit for unit users, the
/// registered party for contractors, testing agencies and experts, nothing else.
/// </summary>
public abstract class RoleAndScopeValidator<T> : AbstractValidator<T>
    where T : IRoleAndScope
{
    protected RoleAndScopeValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Role).NotEmpty().WithMessage("缺少角色")
            .Must(r => Roles.All.Contains(r!)).WithMessage((_, r) => $"未知的角色 \"{r}\"（可选：{string.Join("、", Roles.All)}）");
        When(x => Roles.Police.Contains(x.Role!), () => RuleFor(x => x.DivisionCode).DivisionCode(divisions, anyLevel: true))
            .Otherwise(() => RuleFor(x => x.DivisionCode).Empty().WithMessage("只有公安机关的用户填写行政区划代码"));
        When(x => Roles.UnitRoles.Contains(x.Role!), () => RuleFor(x => x.UnitId).NotNull().WithMessage("使用单位的用户须选择所属单位"))
            .Otherwise(() => RuleFor(x => x.UnitId).Null().WithMessage("只有使用单位的用户选择所属单位"));
        When(x => Roles.PartyRoles.Contains(x.Role!), () => RuleFor(x => x.PartyId).NotNull().WithMessage("设计施工单位、检测机构和专家的账户须选择所代表的单位或专家"))
            .Otherwise(() => RuleFor(x => x.PartyId).Null().WithMessage("只有设计施工单位、检测机构和专家的账户选择所属单位"));
    }

    protected void DisplayName(System.Linq.Expressions.Expression<Func<T, string?>> name) =>
        RuleFor(name).NotEmpty().WithMessage("缺少显示名").MaximumLength(50).WithMessage("显示名不能超过 50 个字符");
}

public sealed class UserCreationValidator : RoleAndScopeValidator<UserCreation>
{
    public UserCreationValidator(DivisionSet divisions) : base(divisions)
    {
        RuleFor(x => x.UserName).NotEmpty().WithMessage("缺少用户名")
            .Matches("^[A-Za-z0-9._@+-]{2,64}\\z").WithMessage("用户名应为 2 至 64 个字母、数字或 . _ @ + -");
        DisplayName(x => x.DisplayName);
    }
}

public sealed class UserChangeValidator : RoleAndScopeValidator<UserChange>
{
    public UserChangeValidator(DivisionSet divisions) : base(divisions) => DisplayName(x => x.DisplayName);
}

/// <summary>
/// Managing accounts (the pages under /Users and /api/users share it): list, create, change role and scope (a division, a
/// unit, or the registered party a contractor's, testing agency's or expert's account acts for), disable and
/// enable, reset the password — always within <see cref="UserAuthority"/>, every change in the audit log with the account
/// as subject (<c>user:name</c>). Disabling, a new password and a new role or scope change the security stamp, so the
/// <see cref="SessionGuard"/> ends every session of the account at its next request (its cookies and tokens carry the old
/// role and scope). Nobody disables or demotes themselves, and the last enabled administrator stays.
/// </summary>
public sealed class UserAdministration(
    JifangDbContext db, UserManager<JifangUser> users, AuditTrail audit, TimeProvider time,
    IValidator<UserCreation> creation, IValidator<UserChange> change)
{
    /// <summary>Characters of generated passwords: lower-case letters and digits without the look-alikes (l, o, 0, 1).</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public Scope Scope => db.Scope;

    public IReadOnlyList<string> GrantableRoles => UserAuthority.Grantable(db.Scope);

    /// <summary>The accounts the caller manages, ordered by user name (unique), filtered; <paramref name="disabled"/> null for both states.</summary>
    public async Task<Page<UserDto>> ListAsync(
        string? search, string? role, string? division, Guid? unit, bool? disabled, int? page, int? pageSize, CancellationToken ct)
    {
        var q = UserAuthority.Manageable(db).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var upper = s.ToUpperInvariant();
            q = q.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(s));
        }
        if (!string.IsNullOrWhiteSpace(role))
        {
            var r = role.Trim();
            q = q.Where(u => u.Role == r);
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = division.Trim();
            // Police by their own code, unit users by their unit's.
            q = q.Where(u => (u.DivisionCode != null && u.DivisionCode.StartsWith(d))
                || (u.UnitId != null && db.Units.Any(x => x.Id == u.UnitId && x.DivisionCode.StartsWith(d))));
        }
        if (unit is { } unitId)
        {
            q = q.Where(u => u.UnitId == unitId);
        }
        if (disabled is { } off)
        {
            q = off ? q.Where(u => u.LockoutEnd != null) : q.Where(u => u.LockoutEnd == null);
        }
        var found = await q.OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id).ToPageAsync(page, pageSize, u => u, ct);
        var names = await NamesAsync(found.Items, ct);
        return new Page<UserDto>(found.Items.Select(u => ToDto(u, names)).ToList(), found.Total, found.PageNumber, found.PageSize);
    }

    /// <summary>One account the caller manages, or null (unknown or outside the caller's authority alike).</summary>
    public async Task<UserDto?> GetAsync(string id, CancellationToken ct) =>
        await UserAuthority.Manageable(db).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } user
            ? ToDto(user, await NamesAsync([user], ct))
            : null;

    /// <summary>The units a manager may place users in (those of the jurisdiction, not archived), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, string DivisionCode)>> UnitsAsync(CancellationToken ct) =>
        (await db.Units.AsNoTracking().Where(u => !u.Archived).OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Name, u.DivisionCode }).Take(1000).ToListAsync(ct))
        .Select(u => (u.Id, u.Name, u.DivisionCode)).ToList();

    /// <summary>
    /// The parties a manager may bind an account to, by role, not archived: contractors registered in the jurisdiction, testing
    /// agencies registered in it, experts of its pool (the administrator all), by name.
    /// </summary>
    public async Task<IReadOnlyList<(string Role, Guid Id, string Name, string DivisionCode)>> PartiesAsync(CancellationToken ct)
    {
        var prefix = db.Scope.Everything ? "" : db.Scope.DivisionPrefix;
        if (prefix is null)
        {
            return [];
        }
        var contractors = await db.Contractors.AsNoTracking().Where(c => !c.Archived).OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.DivisionCode }).Take(1000).ToListAsync(ct);
        var agencies = await db.TestingAgencies.AsNoTracking().Where(a => !a.Archived && a.DivisionCode.StartsWith(prefix)).OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.DivisionCode }).Take(1000).ToListAsync(ct);
        var experts = await ExpertsApi.Visible(db).AsNoTracking().Where(e => !e.Archived).OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.DivisionCode }).Take(1000).ToListAsync(ct);
        return [.. contractors.Select(c => (Roles.Contractor, c.Id, c.Name, c.DivisionCode)),
            .. agencies.Select(a => (Roles.TestingAgency, a.Id, a.Name, a.DivisionCode)),
            .. experts.Select(e => (Roles.Expert, e.Id, e.Name, e.DivisionCode))];
    }

    public async Task<Results<Created<UserWithPassword>, ValidationProblem, ProblemHttpResult>> CreateAsync(UserCreation request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var valid = await creation.ValidateAsync(request, ct);
        if (!valid.IsValid)
        {
            return TypedResults.ValidationProblem(valid.ToErrors());
        }
        if ((await UnknownUnitAsync(request, ct) ?? await UnknownPartyAsync(request, ct)) is { } unknown)
        {
            return unknown;
        }
        if (await RefuseAsync(request, ct) is { } refused)
        {
            return refused;
        }
        var password = string.IsNullOrEmpty(request.Password) ? NewPassword() : request.Password;
        var user = new JifangUser
        {
            UserName = request.UserName!.Trim(), DisplayName = request.DisplayName!.Trim(), Role = request.Role!,
            DivisionCode = UnitsApi.NullIfEmpty(request.DivisionCode), UnitId = request.UnitId, PartyId = request.PartyId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        // The role's row is saved with the user, in the same save as the audit entry (CreateAsync saves once).
        var membership = db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(user.Role, ct) });
        var where = await WhereAsync(user, ct);
        audit.Add("user.created", Subject(user), where.Division, where.Unit,
            $"角色：{Roles.Label(user.Role)}；{ScopeText(user, where)}；初始密码{(string.IsNullOrEmpty(request.Password) ? "由平台生成" : "由管理者设定")}");
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            audit.Discard();
            membership.State = EntityState.Detached;
            db.Entry(user).State = EntityState.Detached;
            return TypedResults.ValidationProblem(IdentityErrors(created));
        }
        await audit.FlushAsync();
        var dto = ToDto(user, await NamesAsync([user], ct));
        return TypedResults.Created($"/api/users/{user.Id}", new UserWithPassword(dto, password));
    }

    public async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string id, UserChange request, ClaimsPrincipal me, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A bad request is refused as such whoever it names (as every endpoint that reads a body does).
        var valid = await change.ValidateAsync(request, ct);
        if (!valid.IsValid)
        {
            return TypedResults.ValidationProblem(valid.ToErrors());
        }
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var division = UnitsApi.NullIfEmpty(request.DivisionCode);
        var moves = user.Role != request.Role || user.DivisionCode != division || user.UnitId != request.UnitId || user.PartyId != request.PartyId;
        if (moves && IsSelf(user, me))
        {
            return Conflict("role", "不能变更自己的角色或范围：请另一位有权限的管理者办理");
        }
        if (moves && (await UnknownUnitAsync(request, ct) ?? await UnknownPartyAsync(request, ct)) is { } unknown)
        {
            return unknown;
        }
        if (moves && await RefuseAsync(request, ct) is { } refused)
        {
            return refused;
        }
        if (moves && user.Role == Roles.PlatformAdmin && request.Role != Roles.PlatformAdmin && await IsLastAdministratorAsync(user, ct))
        {
            return Conflict("role", "这是最后一位启用的平台管理员，不能变更其角色");
        }
        var displayName = request.DisplayName!.Trim();
        var renamed = user.DisplayName != displayName;
        if (!moves && !renamed)
        {
            return TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
        }
        var before = (Role: user.Role, Scope: ScopeText(user, await WhereAsync(user, ct)));
        user.DisplayName = displayName;
        IdentityResult saved;
        if (moves)
        {
            var oldRole = user.Role;
            user.Role = request.Role!;
            user.DivisionCode = division;
            user.UnitId = request.UnitId;
            user.PartyId = request.PartyId;
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(ct));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(user.Role, ct) });
            var where = await WhereAsync(user, ct);
            var detail = oldRole != user.Role
                ? $"角色：{Roles.Label(before.Role)} → {Roles.Label(user.Role)}；{before.Scope} → {ScopeText(user, where)}"
                : $"{before.Scope} → {ScopeText(user, where)}";
            audit.Add(oldRole != user.Role ? "user.role-changed" : "user.scope-changed", Subject(user), where.Division, where.Unit,
                $"{detail}{(renamed ? "；修改字段：显示名" : "")}；会话已结束");
            // A new stamp: the account's sessions carry the old role and scope, and end at their next request.
            saved = await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            var where = await WhereAsync(user, ct);
            audit.Add("user.updated", Subject(user), where.Division, where.Unit, "修改字段：显示名");
            saved = await users.UpdateAsync(user);
        }
        return await Saved(saved, user, ct) is { } failed ? failed : TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
    }

    public async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> DisableAsync(string id, ClaimsPrincipal me, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (IsSelf(user, me))
        {
            return Conflict("", "不能停用自己的账户");
        }
        if (IsDisabled(user))
        {
            return TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
        }
        if (user.Role == Roles.PlatformAdmin && await IsLastAdministratorAsync(user, ct))
        {
            return Conflict("", "这是最后一位启用的平台管理员，不能停用");
        }
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var where = await WhereAsync(user, ct);
        audit.Add("user.disabled", Subject(user), where.Division, where.Unit, "账户停用，会话已结束");
        var saved = await users.UpdateSecurityStampAsync(user);
        return await Saved(saved, user, ct) is { } failed ? failed : TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
    }

    public async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> EnableAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (user.LockoutEnd is null)
        {
            return TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
        }
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var where = await WhereAsync(user, ct);
        audit.Add("user.enabled", Subject(user), where.Division, where.Unit, "账户启用");
        var saved = await users.UpdateAsync(user);
        return await Saved(saved, user, ct) is { } failed ? failed : TypedResults.Ok(ToDto(user, await NamesAsync([user], ct)));
    }

    /// <summary>
    /// A new password, generated (the manager never chooses it, so never knows one the user chose before), shown once.
    /// </summary>
    public async Task<Results<Ok<UserWithPassword>, NotFound, ProblemHttpResult>> ResetPasswordAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var password = NewPassword();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        var where = await WhereAsync(user, ct);
        audit.Add("user.password-reset", Subject(user), where.Division, where.Unit,
            "新密码由平台生成，会话已结束");
        var saved = await users.UpdateSecurityStampAsync(user);
        return await Saved(saved, user, ct) is { } failed
            ? failed
            : TypedResults.Ok(new UserWithPassword(ToDto(user, await NamesAsync([user], ct)), password));
    }

    /// <summary>The subject of an account's audit entries (the user name: ids are not for readers).</summary>
    public static string Subject(string userName) => $"user:{userName}";

    private static string Subject(JifangUser user) => Subject(user.UserName!);

    private Task<JifangUser?> FindAsync(string id, CancellationToken ct) =>
        UserAuthority.Manageable(db).FirstOrDefaultAsync(u => u.Id == id, ct);

    private bool IsSelf(JifangUser user, ClaimsPrincipal me) => users.GetUserId(me) == user.Id;

    private bool IsDisabled(JifangUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>Whether the account is the only enabled platform administrator (few rows: read and counted here).</summary>
    private async Task<bool> IsLastAdministratorAsync(JifangUser user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var admins = await db.Users.AsNoTracking().Where(u => u.Role == Roles.PlatformAdmin && u.Id != user.Id)
            .Select(u => u.LockoutEnd).ToListAsync(ct);
        return !IsDisabled(user) && !admins.Any(end => end is null || end <= now);
    }

    /// <summary>A role or scope the caller may not grant: 403 naming the field.</summary>
    private async Task<ProblemHttpResult?> RefuseAsync(IRoleAndScope request, CancellationToken ct)
    {
        if (!UserAuthority.Grantable(db.Scope).Contains(request.Role!))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "超出您的权限",
                detail: $"role: 您不能授予或管理角色「{Roles.Label(request.Role!)}」（只能管理低于本级的公安机关用户，以及辖区内使用单位、设计施工单位、检测机构和专家的用户）",
                extensions: new Dictionary<string, object?> { ["field"] = "role" });
        }
        if (Roles.Police.Contains(request.Role!) && !UserAuthority.CoversDivision(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        if (request.UnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit && !u.Archived, ct))
        {
            return UnitsApi.OutsideScope("unitId", unit.ToString());
        }
        if (request.PartyId is { } party && !await UserAuthority.PartyInScopeAsync(db, request.Role!, party, ct))
        {
            return UnitsApi.OutsideScope("partyId", party.ToString());
        }
        return null;
    }

    /// <summary>
    /// A party that is not registered under the role's registry (a contractor for a contractor's account, a testing agency, an
    /// expert), or is archived: bad input (400) for every caller; whether it lies in the caller's jurisdiction is <see cref="RefuseAsync"/>'s.
    /// </summary>
    private async Task<ValidationProblem?> UnknownPartyAsync(IRoleAndScope request, CancellationToken ct)
    {
        if (request.PartyId is not { } party || await PartyAsync(request.Role!, party, ct) is { Archived: false })
        {
            return null;
        }
        var registry = request.Role switch { Roles.Contractor => "从业单位", Roles.TestingAgency => "检测机构", _ => "专家" };
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partyId"] = [$"没有登记的{registry} {party}，或已归档"] });
    }

    /// <summary>The registered party of a role by its id, whatever the caller's scope: its name, place and whether it is archived.</summary>
    private async Task<Party?> PartyAsync(string role, Guid id, CancellationToken ct) => role switch
    {
        Roles.Contractor => await db.Contractors.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => new Party(c.Name, c.DivisionCode, c.Archived)).FirstOrDefaultAsync(ct),
        Roles.TestingAgency => await db.TestingAgencies.Where(a => a.Id == id).Select(a => new Party(a.Name, a.DivisionCode, a.Archived)).FirstOrDefaultAsync(ct),
        Roles.Expert => await db.Experts.Where(e => e.Id == id).Select(e => new Party(e.Name, e.DivisionCode, e.Archived)).FirstOrDefaultAsync(ct),
        _ => null,
    };

    private sealed record Party(string Name, string DivisionCode, bool Archived);

    /// <summary>
    /// For a caller who sees every unit (the administrator, the command line), a unit that does not exist or is archived is bad
    /// input (400); for the police it is outside their jurisdiction (403, from <see cref="RefuseAsync"/>), whether it exists or not.
    /// </summary>
    private async Task<ValidationProblem?> UnknownUnitAsync(IRoleAndScope request, CancellationToken ct) =>
        db.Scope.Everything && request.UnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit && !u.Archived, ct)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["unitId"] = [$"没有单位 {unit}，或该单位已归档"] })
            : null;

    private static ProblemHttpResult Conflict(string field, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "无法办理", detail: field.Length > 0 ? $"{field}: {detail}" : detail,
        extensions: field.Length > 0 ? new Dictionary<string, object?> { ["field"] = field } : null);

    /// <summary>After a save through Identity: flushes the audit entries, or says why it failed (another change came first).</summary>
    private async Task<ProblemHttpResult?> Saved(IdentityResult saved, JifangUser user, CancellationToken ct)
    {
        if (saved.Succeeded)
        {
            await audit.FlushAsync();
            return null;
        }
        audit.Discard();
        await db.Entry(user).ReloadAsync(ct);
        return Conflict("", string.Join("；", saved.Errors.Select(e => e.Description)));
    }

    private async Task<string> RoleIdAsync(string role, CancellationToken ct) =>
        await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"角色 {role} 不存在：平台初始化时应已创建");

    /// <summary>
    /// Where an account's entries are logged: a police user's code; a unit user's unit and its code; a party's account the
    /// party's place (its police see the entry); nothing for the others.
    /// </summary>
    private async Task<Where> WhereAsync(JifangUser user, CancellationToken ct)
    {
        if (user.UnitId is { } unit)
        {
            var u = await db.Units.IgnoreQueryFilters().Where(x => x.Id == unit).Select(x => new { x.DivisionCode, x.Name }).FirstOrDefaultAsync(ct);
            return new Where(u?.DivisionCode, unit, u?.Name);
        }
        if (user.PartyId is { } party && await PartyAsync(user.Role, party, ct) is { } p)
        {
            return new Where(p.DivisionCode, null, null, p.Name);
        }
        return new Where(user.DivisionCode, null, null);
    }

    private sealed record Where(string? Division, Guid? Unit, string? UnitName, string? PartyName = null);

    private static string ScopeText(JifangUser user, Where where) =>
        user.DivisionCode is { } d ? $"行政区划代码 {d}"
        : where.Unit is not null ? $"单位「{where.UnitName}」（{where.Division}）"
        : where.PartyName is not null ? $"{Roles.Label(user.Role)}「{where.PartyName}」（{where.Division}）"
        : "无辖区或单位";

    /// <summary>The names of the accounts' units and parties, by id (ids are unique across the registries).</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<JifangUser> accounts, CancellationToken ct)
    {
        var units = accounts.Select(u => u.UnitId).OfType<Guid>().Distinct().ToList();
        var parties = accounts.Select(u => u.PartyId).OfType<Guid>().Distinct().ToList();
        var names = units.Count == 0
            ? []
            : await db.Units.IgnoreQueryFilters().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (parties.Count > 0)
        {
            foreach (var (id, name) in (await db.Contractors.IgnoreQueryFilters().Where(c => parties.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))
                .Concat((await db.TestingAgencies.Where(a => parties.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name)))
                .Concat((await db.Experts.Where(e => parties.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))))
            {
                names[id] = name;
            }
        }
        return names;
    }

    private UserDto ToDto(JifangUser u, Dictionary<Guid, string> names) =>
        new(u.Id, u.UserName!, u.DisplayName, u.Role, Roles.Label(u.Role), u.DivisionCode, u.UnitId,
            u.UnitId is { } unit && names.TryGetValue(unit, out var name) ? name : null, IsDisabled(u), DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc),
            u.PartyId, u.PartyId is { } party && names.TryGetValue(party, out var partyName) ? partyName : null);

    /// <summary>Identity's refusals by the field they concern: the password's rules, the user name's.</summary>
    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    /// <summary>16 random characters in groups of four (about 80 bits), with at least one digit and one letter as Identity's rules ask.</summary>
    public static string NewPassword()
    {
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 16);
            if (chars.Any(char.IsAsciiDigit) && chars.Any(char.IsAsciiLetterLower))
            {
                return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
            }
        }
    }
}
