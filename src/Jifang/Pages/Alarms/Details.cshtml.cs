using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
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

    /// <summary>The officer's level acknowledged it and nobody has recorded the outcome yet: the 处警反馈 form.</summary>
    public bool CanRecordOutcome { get; private set; }

    [BindProperty]
    [Text(32)]
    public string? Outcome { get; set; }

    [BindProperty]
    [Text(OutcomeApi.NoteMaxLength, MultiLine = true)]
    public string? OutcomeNote { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该报警");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await AlarmsApi.Get(id, db, law, ct);
        if (result.Result is not Ok<AlarmDetailDto> ok)
        {
            return false;
        }
        Detail = ok.Value!;
        CanHandle = Alarm.Status == AlarmCodes.New && (await authorization.AuthorizeAsync(User, Policies.AlarmsHandle)).Succeeded;
        var level = AlarmCodes.LevelOfRole(Scope.From(User).Role);
        CanAcknowledge = level is not null && Alarm.PoliceLevel is not null && Alarm.AcknowledgedAt is null
            && AlarmCodes.Rank(level) <= AlarmCodes.Rank(Alarm.PoliceLevel);
        CanRecordOutcome = level is not null && Alarm.AcknowledgedLevel == level && Alarm.OutcomeAt is null;
        return true;
    }

    /// <summary>处警反馈: as the API (<see cref="OutcomeApi"/>); a refusal shows on the form, the feedback as a receipt.</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AlarmsAcknowledge)).Succeeded)
        {
            return Forbid(CookieScheme);
        }
        var result = await OutcomeApi.Record(id, new OutcomeRequest(Outcome, OutcomeNote), User, handling, ct);
        switch (result.Result)
        {
            case Ok<AlarmDto> done:
                TempData["Notice"] = $"已填写处警反馈：{done.Value!.OutcomeLabel}。";
                return Redirect($"/Alarms/Details/{id}");
            case ValidationProblem problem:
                ModelState.AddApiErrors(problem, k => k == "note" ? nameof(OutcomeNote) : nameof(Outcome));
                break;
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                break;
            default:
                return FormErrors.NotFoundPage("该报警");
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该报警");
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
