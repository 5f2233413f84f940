using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Jifang.Rules.Engine;
using Jifang.Rules.Facts;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Features.Access;

/// <summary>What the engine said of a request: the findings (each condition of lawful access it lacks), or that the pack has no rule.</summary>
public sealed record AccessJudgement(string PackId, string RegulationTitle, AccessRequestFacts Facts, IReadOnlyList<RefusalReason> Reasons, bool NoRule)
{
    public bool Lawful => Reasons.Count == 0;

    public Refusal Refusal(string title, long? auditIndex = null, string? leafHash = null) => new(title, PackId, RegulationTitle, Reasons, auditIndex, leafHash);
}

/// <summary>
/// Builds the contract's <c>accessRequests</c> facts from a stored request and judges them with Jifang.Rules under the pack of
/// the site's jurisdiction, as <see cref="ComplianceService"/> does for sites. The platform refuses whatever the judgement finds.
/// </summary>
public sealed class AccessJudge(ComplianceService compliance, PackSet packs)
{
    /// <summary>
    /// Officers of one police organ: the same level (province, city, county) and the same division at that level
    /// (a county bureau is not its city's bureau, nor another county's).
    /// </summary>
    public static bool SameAgency(string? roleA, string? divisionA, string? roleB, string? divisionB)
    {
        if (roleA is null || roleB is null || divisionA is not { Length: 6 } || divisionB is not { Length: 6 } || roleA != roleB || !Roles.Police.Contains(roleA))
        {
            return false;
        }
        var length = Roles.PrefixLength(roleA);
        return string.Equals(divisionA[..length], divisionB[..length], StringComparison.Ordinal);
    }

    /// <summary>The facts of an official request as it stands (with an optional co-signer not yet stored, to judge a co-signature before taking it).</summary>
    public static AccessRequestFacts OfficialFacts(AccessRequest r, IReadOnlyList<MediaRecord> records, DateOnly date, (string User, string? Role, string? Division, string? Credential)? cosigner = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(records);
        var second = cosigner ?? (r.CosignedBy is null ? null : (r.CosignedBy, r.CosignedRole, r.CosignedDivision, r.CosignerCredential));
        // Persons: the opener, and a second officer only when distinct and of the same agency (第二十条第（一）项 / 第十九条第（一）项 read as two staff of the requesting agency).
        var persons = 1;
        var credentials = !string.IsNullOrWhiteSpace(r.OpenerCredential);
        if (second is { } s && !string.Equals(s.User, r.OpenedBy, StringComparison.Ordinal) && SameAgency(r.OpenedRole, r.OpenedDivision, s.Role, s.Division))
        {
            persons = 2;
            credentials &= !string.IsNullOrWhiteSpace(s.Credential);
        }
        var inRange = r.FromTime is not { } from || r.ToTime is not { } to || records.All(x => x.StartsAt < to && x.EndsAt > from);
        return new AccessRequestFacts
        {
            Id = r.Number,
            Date = date,
            Requester = RequesterKind.Official,
            Action = ActionOf(r.Action),
            // Every officer on the platform is police (公安机关), an agency with criminal-investigation power (nmg 第十九条).
            InvestigationPower = Roles.Police.Contains(r.OpenedRole ?? ""),
            Persons = persons,
            CredentialsShown = credentials && r.CredentialsChecked,
            UnitCertificateShown = !string.IsNullOrWhiteSpace(r.UnitCertificate) && r.CertificateChecked,
            Registered = r.RegisteredAt is not null,
            WithinDutyScope = r.ConfidentialityPledged && !string.IsNullOrWhiteSpace(r.CaseNumber) && inRange,
            SiteId = r.SiteId.ToString(),
        };
    }

    /// <summary>The facts of a citizen request for an action (view, or the copy or retrieval asked for).</summary>
    public static AccessRequestFacts CitizenFacts(AccessRequest r, DateOnly date, string action)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AccessRequestFacts
        {
            Id = r.Number,
            Date = date,
            Requester = RequesterKind.Citizen,
            Action = ActionOf(action),
            Persons = 1,
            UsingUnitConsent = r.UnitConsent == true,
            PoliceApproval = r.PoliceApproval == true,
            IdentityRecorded = !string.IsNullOrWhiteSpace(r.CitizenName) && !string.IsNullOrWhiteSpace(r.CitizenIdNumber),
            ReasonRecorded = !string.IsNullOrWhiteSpace(r.Reason),
            TimeRangeRecorded = r.FromTime is not null && r.ToTime is not null,
            Registered = r.UnitConsent == true && r.ConsentBy is not null,
            SiteId = r.SiteId.ToString(),
        };
    }

    public static AccessAction ActionOf(string code) => Vocab.AccessActions.TryParse(code, out var a) ? a : AccessAction.View;

    /// <summary>Judges the facts under the pack of the site's division.</summary>
    public AccessJudgement Judge(Site site, AccessRequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(facts);
        var compiled = compliance.PackFor(site.DivisionCode);
        if (compiled is null)
        {
            return new AccessJudgement("", "", facts, [new RefusalReason(null, $"行政区划 {site.DivisionCode} 没有适用的条例，无法办理", [])], true);
        }
        var pack = compiled.Pack;
        var findings = new List<Finding>();
        var notJudged = new List<NotJudged>();
        compiled.JudgeRequest(facts, facts.Date, findings, notJudged);
        var reasons = findings.Select(f => new RefusalReason(f.Rule, f.Message,
            f.Breaches.Select(b => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, b.ToString()))).ToList())).ToList();
        var noRule = false;
        foreach (var n in notJudged)
        {
            noRule = true;
            // No provision of this regulation gives this requester access: say so, and cite the provisions that say who may.
            var who = pack.Rules.Where(r => r.Valid.Covers(facts.Date) && r.Check is AccessSpec)
                .SelectMany(r => r.Check.Citations.Take(1))
                .Select(c => new Citation(c.Article, c.Paragraph, null))
                .Distinct()
                .Select(c => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, c.ToString())))
                .ToList();
            reasons.Add(new RefusalReason(null, n.Message + "；本条例仅规定了以下人员的查阅、复制、调取", who));
        }
        return new AccessJudgement(pack.Id, pack.Title, facts, reasons, noRule);
    }

    public Pack? PackOf(string divisionCode) => compliance.PackFor(divisionCode)?.Pack;

    /// <summary>The provisions of a pack's access rules for a requester kind, to show what a request rests on.</summary>
    public IReadOnlyList<CitedProvision> Provisions(string divisionCode, RequesterKind requester, DateOnly on)
    {
        var pack = PackOf(divisionCode);
        if (pack is null)
        {
            return [];
        }
        return pack.Rules.Where(r => r.Valid.Covers(on) && r.Check is AccessSpec a && a.Requester == requester)
            .SelectMany(r => r.Check.Citations).Distinct().Order()
            .Select(c => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, c.ToString())))
            .ToList();
    }

    internal PackSet Packs => packs;
}
