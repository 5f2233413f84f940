using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Alarms;

/// <summary>
/// 报警处置台: the unit's operator console. New alarms of the unit appear live (the stream, /js/alarms.js); the operator
/// confirms a real alarm (the platform reports it to the county police at once and shows how long that took) or
/// dismisses a false one with its reason. Police and administrators see the same list read-only.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, AlarmHandling handling, AlarmLaw law, IAuthorizationService authorization, TimeProvider time) : SignedInPageModel
{
    public IReadOnlyList<AlarmDto> Pending { get; private set; } = [];

    public IReadOnlyList<AlarmDto> Recent { get; private set; } = [];

    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];

    public int PendingTotal { get; private set; }

    public bool CanHandle { get; private set; }

    public DutyCitation? Duty { get; private set; }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The two lists alone, for the live refresh.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_OperatorRows", this);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (!await MayHandleAsync())
        {
            return Lacking(Policies.AlarmsHandle);
        }
        var done = await handling.ConfirmAsync(id, User, ct);
        TempData["Notice"] = done.Alarm is { } a
            ? $"已确认为真实警情，并于确认后 {AlarmText.Delay(a.ReportDelayMs)} 报告{a.PoliceLevelLabel}（{a.DivisionCode}）。"
            : $"未能确认：{done.Problem ?? "该报警不存在或不在您的范围内"}";
        return Redirect("/Alarms");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (!await MayHandleAsync())
        {
            return Lacking(Policies.AlarmsHandle);
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            TempData["Notice"] = string.IsNullOrEmpty(reason) ? "排除误报须填写理由。" : "理由不能超过 500 个字符。";
            return Redirect("/Alarms");
        }
        var done = await handling.DismissAsync(id, reason, User, ct);
        TempData["Notice"] = done.Alarm is not null ? "已排除为误报。" : $"未能排除：{done.Problem ?? "该报警不存在或不在您的范围内"}";
        return Redirect("/Alarms");
    }

    private async Task<bool> MayHandleAsync() => (await authorization.AuthorizeAsync(User, Policies.AlarmsHandle)).Succeeded;

    private async Task LoadAsync(CancellationToken ct)
    {
        CanHandle = await MayHandleAsync();
        var pending = db.Alarms.AsNoTracking().Where(a => a.Status == AlarmCodes.New);
        PendingTotal = await pending.CountAsync(ct);
        Pending = (await pending.OrderByDescending(a => a.ReceivedAt).Take(100).Select(a => new { a, a.Site!.Name }).ToListAsync(ct))
            .Select(x => AlarmDto.Of(x.a, x.Name)).ToList();
        Recent = (await db.Alarms.AsNoTracking().Where(a => a.Status != AlarmCodes.New).OrderByDescending(a => a.HandledAt).Take(30)
            .Select(a => new { a, a.Site!.Name }).ToListAsync(ct)).Select(x => AlarmDto.Of(x.a, x.Name)).ToList();
        var alerts = await db.AlarmAlerts.AsNoTracking().OrderByDescending(a => a.At).Take(10).ToListAsync(ct);
        var names = await WatchApi.Names(db, alerts.Select(a => a.SystemId).Distinct().ToList(), ct);
        Alerts = alerts.Select(a => AlertDto.Of(a, names.GetValueOrDefault(a.SystemId).Site ?? "", names.GetValueOrDefault(a.SystemId).System ?? "", law.Present(a.Citation))).ToList();
        var division = Pending.Concat(Recent).Select(a => a.DivisionCode).FirstOrDefault()
            ?? (Scope.From(User).UnitId is { } unit ? await db.Units.Where(u => u.Id == unit).Select(u => u.DivisionCode).FirstOrDefaultAsync(ct) : null);
        Duty = division is null ? null : law.For(division, AlarmDuty.Report);
    }
}
