using System.Security.Claims;

namespace Jifang.Features.Alarms;

/// <summary>
/// 处警反馈: after acknowledging an alarm, the police of the level that acknowledged it record what was done about it — an
/// outcome of <see cref="AlarmCodes.Outcomes"/> and a note — once, kept on the alarm (shown to the unit) and as a step with its
/// receipt in the audit log like every other step. The scope filter has already limited the alarm to the caller's jurisdiction.
/// </summary>
public sealed partial class AlarmHandling
{
    public async Task<Handled> RecordOutcomeAsync(Guid id, string outcome, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        var label = AlarmCodes.Outcomes.GetValueOrDefault(outcome) ?? throw new ArgumentException($"unknown outcome {outcome}", nameof(outcome));
        var (alarm, level, refused) = await PoliceStepAsync(id, user, "填写处警反馈", ct);
        if (refused is not null)
        {
            return refused;
        }
        if (alarm!.AcknowledgedAt is null)
        {
            return Handled.Conflict("该报警尚未签收：签收后才能填写处警反馈");
        }
        if (level != alarm.AcknowledgedLevel)
        {
            return Handled.Conflict($"该报警由{AlarmCodes.LevelLabel(alarm.AcknowledgedLevel)}签收，处警反馈由签收的一级填写");
        }
        if (alarm.OutcomeAt is not null)
        {
            return Handled.Conflict($"该报警已于 {Local(alarm.OutcomeAt)} 由 {alarm.OutcomeBy} 填写处警反馈");
        }
        var now = Now;
        alarm.Outcome = outcome;
        alarm.OutcomeNote = note;
        alarm.OutcomeAt = now;
        alarm.OutcomeBy = Actors.Of(user);
        var prefix = alarm.DivisionCode[..AlarmCodes.PrefixLength(level)];
        var cite = law.For(alarm.DivisionCode, AlarmDuty.Network);
        var detail = string.IsNullOrEmpty(note) ? label : $"{label}：{note}";
        // The alarm's version guards "once": of two feedbacks at the same time, one commits and the other is refused.
        if (!await CommitAsync(alarm, Step(alarm, AlarmCodes.StepOutcome, level, prefix, user, now, detail, cite), ct))
        {
            return Handled.Conflict("该报警刚被更新，请刷新后查看");
        }
        return new Handled(StatusCodes.Status200OK, Dto(alarm));
    }
}
