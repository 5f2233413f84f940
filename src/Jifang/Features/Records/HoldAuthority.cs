using System.Security.Claims;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jifang.Features.Records;

/// <summary>
/// Who placed an evidence hold decides who may release it. A hold the police took part in placing (an officer proposed or
/// confirmed it) protects their case: only police whose jurisdiction covers the organ that placed it (that bureau or one above
/// it) may propose or confirm its release, two distinct people as ever; the using unit could otherwise delete the evidence of a
/// case against it by releasing the hold with two of its own administrators. A unit's own hold (placed by unit administrators or
/// the platform administrator alone) is released as before by any two authorised people in scope. Neither regulation speaks of
/// holds: this is the platform's rule, and its refusals say so.
/// </summary>
public static class HoldAuthority
{
    public const string PoliceRule = "平台规则：公安机关参与设置的证据保全，只能由设置它的公安机关或其上级公安机关的工作人员提出并确认解除（仍须两人），使用单位和平台管理员不能解除";

    /// <summary>Whether the police took part in placing the hold.</summary>
    public static bool IsPolice(EvidenceHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return hold.PlacedByRole is { } role && Roles.Police.Contains(role);
    }

    /// <summary>
    /// Notes who placed the hold, at its proposal and at its confirmation: the first officer's organ (role and division prefix)
    /// once an officer takes part, otherwise the proposer's role.
    /// </summary>
    public static void Place(EvidenceHold hold, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(hold);
        if (IsPolice(hold))
        {
            return;
        }
        var scope = Scope.From(user);
        if (scope.IsPolice)
        {
            hold.PlacedByRole = scope.Role;
            hold.PlacedByDivision = scope.DivisionPrefix;
        }
        else if (!Roles.Police.Contains(scope.Role))
        {
            hold.PlacedByRole ??= scope.Role;
        }
    }

    /// <summary>Whether the user may take a step of the release: anyone authorised for a unit's hold; police covering the placing organ for a police hold.</summary>
    public static bool MayRelease(EvidenceHold hold, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return MayRelease(IsPolice(hold), hold.PlacedByDivision, user);
    }

    /// <summary>The same, from what a hold's DTO carries (the hold's page offers the release only to whom may do it).</summary>
    public static bool MayRelease(bool policeHold, string? placedByDivision, ClaimsPrincipal user) =>
        !policeHold || (Scope.From(user).DivisionPrefix is { } prefix && placedByDivision is { } placed && placed.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The placing organ in words: "县（旗县）级公安机关 150102".</summary>
    public static string Placer(EvidenceHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return IsPolice(hold) ? $"{Roles.Label(hold.PlacedByRole!)} {hold.PlacedByDivision}" : Roles.Label(hold.PlacedByRole ?? "");
    }

    /// <summary>Logs the refused step (hold.refused-release-proposed, hold.refused-released) and answers 403 naming the rule.</summary>
    public static async Task<ProblemHttpResult> RefuseAsync(EvidenceHold hold, ClaimsPrincipal user, string action, AuditTrail audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(audit);
        var who = Actor.Of(user);
        var role = Scope.From(user).Role;
        ct.ThrowIfCancellationRequested();
        var refused = await audit.RecordAsync(new AuditEvent(action.Replace("hold.", "hold.refused-", StringComparison.Ordinal), who, $"hold:{hold.Id}",
            hold.Unit!.DivisionCode, hold.UnitId, null, $"由{Placer(hold)}设置的保全，{Roles.Label(role)}不能解除"));
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权解除：该证据保全由公安机关设置",
            detail: $"{PoliceRule}；该保全由{Placer(hold)}设置，{who}（{Roles.Label(role)}）不能提出或确认解除",
            extensions: new Dictionary<string, object?> { ["rule"] = "police-hold", ["auditIndex"] = refused.Index });
    }
}
