using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Alarms;

/// <summary>One alarm with every receipt of its handling: who did what, when, at which level, and the audit entry of each.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(JifangDbContext db, AlarmHandling handling, AlarmLaw law, IAuthorizationService authorization) : SignedInPageModel
{
    public AlarmDetailDto Detail { get; private set; } = null!;

    public AlarmDto Alarm => Detail.Alarm;

    public bool CanHandle { get; private set; }

    public bool CanAcknowledge { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await AlarmsApi.Get(id, db, law, ct);
        if (result.Result is not Ok<AlarmDetailDto> ok)
        {
            return FormErrors.NotFoundPage("该报警");
        }
        Detail = ok.Value!;
        CanHandle = Alarm.Status == AlarmCodes.New && (await authorization.AuthorizeAsync(User, Policies.AlarmsHandle)).Succeeded;
        var level = AlarmCodes.LevelOfRole(Scope.From(User).Role);
        CanAcknowledge = level is not null && Alarm.PoliceLevel is not null && Alarm.AcknowledgedAt is null
            && AlarmCodes.Rank(level) <= AlarmCodes.Rank(Alarm.PoliceLevel);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AlarmsHandle)).Succeeded)
        {
            return Lacking(Policies.AlarmsHandle);
        }
        var done = await handling.ConfirmAsync(id, User, ct);
        TempData["Notice"] = done.Alarm is { } a
            ? $"已确认为真实警情，并于确认后 {AlarmText.Delay(a.ReportDelayMs)} 报告{a.PoliceLevelLabel}（{a.DivisionCode}）。"
            : $"未能确认：{done.Problem ?? "该报警不存在或不在您的范围内"}";
        return Redirect($"/Alarms/Details/{id}");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AlarmsHandle)).Succeeded)
        {
            return Lacking(Policies.AlarmsHandle);
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            TempData["Notice"] = string.IsNullOrEmpty(reason) ? "排除误报须填写理由。" : "理由不能超过 500 个字符。";
            return Redirect($"/Alarms/Details/{id}");
        }
        var done = await handling.DismissAsync(id, reason, User, ct);
        TempData["Notice"] = done.Alarm is not null ? "已排除为误报。" : $"未能排除：{done.Problem ?? "该报警不存在或不在您的范围内"}";
        return Redirect($"/Alarms/Details/{id}");
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AlarmsAcknowledge)).Succeeded)
        {
            return Lacking(Policies.AlarmsAcknowledge);
        }
        var done = await handling.AcknowledgeAsync(id, User, ct);
        TempData["Notice"] = done.Alarm is not null ? "已签收。" : $"未能签收：{done.Problem ?? "该报警不存在或不在您的辖区内"}";
        return Redirect($"/Alarms/Details/{id}");
    }
}
