using System.Security.Claims;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jifang.Features.Alarms;

/// <summary>公安机关签收报警后的处警反馈</summary>
/// <param name="Outcome">处警结果：`dispatched` 出警处置、`false-alarm` 现场核实为误报、`transferred` 移交其他部门、`other` 其他</param>
/// <param name="Note">说明，至多 500 字；结果为 `other` 时必填</param>
public sealed record OutcomeRequest([property: Text(32)] string? Outcome, [property: Text(500, MultiLine = true)] string? Note);

/// <summary>POST /api/alarms/{id}/outcome: the police's feedback on an alarm they acknowledged (<see cref="AlarmHandling.RecordOutcomeAsync"/>).</summary>
public static class OutcomeApi
{
    public const int NoteMaxLength = 500;

    /// <summary>What is wrong with an outcome and its note, by field (outcome, note); empty when nothing is.</summary>
    public static Dictionary<string, string[]> Problems(string? outcome, string? note)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(outcome) || !AlarmCodes.Outcomes.ContainsKey(outcome))
        {
            problems["outcome"] = [$"应为以下之一：{string.Join("、", AlarmCodes.Outcomes.Select(o => $"{o.Key}（{o.Value}）"))}"];
        }
        if (note is { Length: > NoteMaxLength })
        {
            problems["note"] = [$"说明不能超过 {NoteMaxLength} 个字符"];
        }
        else if (outcome == AlarmCodes.OutcomeOther && string.IsNullOrEmpty(note))
        {
            problems["note"] = ["选择“其他”时须说明处置情况"];
        }
        return problems;
    }

    /// <summary>处警反馈</summary>
    /// <remarks>签收报警的那一级公安机关在签收后记录处警结果，只能记录一次；记入报警的处置步骤和审计日志。未签收、已反馈或非签收级别答 409，非公安机关答 403，范围外答 404。</remarks>
    /// <param name="id">报警标识</param>
    /// <param name="request">处警结果和说明</param>
    internal static async Task<Results<Ok<AlarmDto>, NotFound, ProblemHttpResult, ValidationProblem>> Record(
        Guid id, OutcomeRequest? request, ClaimsPrincipal user, AlarmHandling handling, CancellationToken ct)
    {
        var outcome = request?.Outcome?.Trim();
        var note = request?.Note?.Trim() is { Length: > 0 } n ? n : null;
        var problems = Problems(outcome, note);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }
        return AlarmsApi.Answer(await handling.RecordOutcomeAsync(id, outcome!, note, user, ct)).Result switch
        {
            Ok<AlarmDto> ok => ok,
            NotFound nf => nf,
            ProblemHttpResult p => p,
            var other => throw new InvalidOperationException(other.ToString()),
        };
    }
}
