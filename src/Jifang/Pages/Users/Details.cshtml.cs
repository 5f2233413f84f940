using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Users;

/// <summary>
/// One account: its role and scope to change (PUT /api/users/{id}), disable or enable, a new password (shown once), and its
/// audit trail — the latest entries about it, with a link to all of them in the log.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class DetailsModel(UserAdministration admin, JifangDbContext db) : UserFormPage(admin)
{
    /// <summary>How many of the account's latest entries the page lists.</summary>
    public const int TrailSize = 20;

    public UserDto Account { get; private set; } = null!;

    /// <summary>A password just set, shown once.</summary>
    public string? NewPassword { get; private set; }

    public IReadOnlyList<AuditEntryDto> Trail { get; private set; } = [];

    public string AuditHref => "/Audit?subject=" + Uri.EscapeDataString(UserAdministration.Subject(Account.UserName));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该用户");
        }
        Input = UserForm.From(Account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该用户");
        }
        var unit = ReadUnit();
        var party = ReadParty();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return Answer((await Admin.ChangeAsync(Account.Id, Input.ToChange(unit, party), User, ct)).Result, $"已保存用户「{Account.UserName}」。", keepForm: true);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该用户");
        }
        return Answer((await Admin.DisableAsync(Account.Id, User, ct)).Result, $"已停用用户「{Account.UserName}」，其全部会话已结束。");
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该用户");
        }
        return Answer((await Admin.EnableAsync(Account.Id, ct)).Result, $"已启用用户「{Account.UserName}」。");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该用户");
        }
        Input = UserForm.From(Account);
        switch ((await Admin.ResetPasswordAsync(Account.Id, ct)).Result)
        {
            case Ok<UserWithPassword> reset:
                NewPassword = reset.Value!.Password;
                await LoadAsync(id, ct);
                return Page();
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                return Page();
            default:
                return FormErrors.NotFoundPage("该用户");
        }
    }

    /// <summary>A handler's answer: done (back to the account, with a notice), or the page again saying why.</summary>
    private IActionResult Answer(IResult result, string notice, bool keepForm = false)
    {
        switch (result)
        {
            case Ok<UserDto>:
                return Done(notice);
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                return Page();
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                if (!keepForm)
                {
                    Input = UserForm.From(Account);
                }
                return Page();
            default:
                return FormErrors.NotFoundPage("该用户");
        }
    }

    private RedirectResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return Redirect($"/Users/Details/{Account.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await Admin.GetAsync(id.ToString(), ct) is not { } account)
        {
            return false;
        }
        Account = account;
        var subject = UserAdministration.Subject(account.UserName);
        Trail = (await db.Audit.AsNoTracking().Where(e => e.Subject == subject).OrderByDescending(e => e.Index).Take(TrailSize).ToListAsync(ct))
            .Select(AuditApi.ToDto).ToList();
        await LoadChoicesAsync(ct);
        return true;
    }
}
