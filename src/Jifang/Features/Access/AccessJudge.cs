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

    /// <summary>
    /// The facts of a citizen request for an action (view, or the copy or retrieval asked for); <paramref name="asIfAgreed"/>:
    /// as if the unit had consented and the police approved, to find what the request lacks of its own.
    /// </summary>
    public static AccessRequestFacts CitizenFacts(AccessRequest r, DateOnly date, string action, bool asIfAgreed = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AccessRequestFacts
        {
            Id = r.Number,
            Date = date,
            Requester = RequesterKind.Citizen,
            Action = ActionOf(action),
            Persons = 1,
            UsingUnitConsent = asIfAgreed || r.UnitConsent == true,
            PoliceApproval = asIfAgreed || r.PoliceApproval == true,
            IdentityRecorded = !string.IsNullOrWhiteSpace(r.CitizenName) && !string.IsNullOrWhiteSpace(r.CitizenIdNumber),
            ReasonRecorded = !string.IsNullOrWhiteSpace(r.Reason),
            TimeRangeRecorded = r.FromTime is not null && r.ToTime is not null,
            Registered = asIfAgreed || (r.UnitConsent == true && r.ConsentBy is not null),
            // national-2025 第二十一条: 本人、近亲属 or 负有监护、看护、代管责任的人; a request without one is not a related person's.
            RequesterRelation = r.RequesterRelation is { } code && Vocab.RequesterRelations.TryParse(code, out var relation) ? relation : null,
            SiteId = r.SiteId.ToString(),
        };
    }

    public static AccessAction ActionOf(string code) => Vocab.AccessActions.TryParse(code, out var a) ? a : AccessAction.View;

    /// <summary>
    /// The packs that speak to access at a site on a date: those in force for its place (the national one beside the regional)
    /// having access rules. A pack with none (a text that says nothing of who may view records) neither grants nor refuses.
    /// </summary>
    public IReadOnlyList<Pack> AccessPacks(string divisionCode, DateOnly on) =>
        compliance.PacksInForce(divisionCode, on).Select(p => p.Pack)
            .Where(p => p.Rules.Any(r => r.Valid.Covers(on) && r.Check is AccessSpec)).ToList();

    /// <summary>
    /// Judges the facts under every pack in force for the site's place that speaks to access: the request is refused if any
    /// of them refuses, each reason citing its own regulation; a pack with no rule for this requester is silent, and refuses
    /// (<see cref="AccessJudgement.NoRule"/>) only when all are. <see cref="AccessJudgement.PackId"/> is the regional pack where
    /// it judged (else the first), <see cref="AccessJudgement.RegulationTitle"/> names every regulation judged.
    /// </summary>
    public AccessJudgement Judge(Site site, AccessRequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(facts);
        var judging = AccessPacks(site.DivisionCode, facts.Date);
        if (judging.Count == 0)
        {
            return new AccessJudgement("", "", facts, [new RefusalReason(null, $"行政区划 {site.DivisionCode} 没有适用的条例，无法办理", [])], true);
        }
        var reasons = new List<RefusalReason>();
        var silent = new List<RefusalReason>();
        foreach (var pack in judging)
        {
            var findings = new List<Finding>();
            var notJudged = new List<NotJudged>();
            packs.Get(pack.Id).JudgeRequest(facts, facts.Date, findings, notJudged);
            reasons.AddRange(findings.Select(f => new RefusalReason(f.Rule, Said(pack, judging, f.Message),
                f.Breaches.Select(b => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, b.ToString()))).ToList(), pack.Id)));
            foreach (var n in notJudged)
            {
                // No provision of this regulation gives this requester access: say so, and cite the provisions that say who may.
                var who = pack.Rules.Where(r => r.Valid.Covers(facts.Date) && r.Check is AccessSpec)
                    .SelectMany(r => r.Check.Citations.Take(1))
                    .Select(c => new Citation(c.Article, c.Paragraph, null))
                    .Distinct()
                    .Select(c => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, c.ToString())))
                    .ToList();
                silent.Add(new RefusalReason(null, Said(pack, judging, n.Message + "；本条例仅规定了以下人员的查阅、复制、调取"), who, pack.Id));
            }
        }
        // A regulation silent on this requester (province-2012 on citizens) does not refuse what another one in force provides
        // for (the national 第二十一条): the request has no path only when every regulation is silent.
        var noRule = silent.Count > 0 && silent.Select(r => r.PackId).Distinct().Count() == judging.Count;
        if (noRule)
        {
            reasons.AddRange(silent);
        }
        var main = judging.FirstOrDefault(p => !p.Jurisdiction.Nationwide) ?? judging[0];
        return new AccessJudgement(main.Id, string.Join("》《", judging.Select(p => p.Title)), facts, reasons, noRule);
    }

    /// <summary>A reason as said under one of several regulations: prefixed with its title, so that each refusal names its own.</summary>
    private static string Said(Pack pack, IReadOnlyList<Pack> judging, string message) => judging.Count > 1 ? $"依《{pack.Title}》：{message}" : message;

    public Pack? PackOf(string divisionCode) => compliance.PackFor(divisionCode)?.Pack;

    /// <summary>
    /// The provisions of the access rules for a requester kind of every pack that speaks to access there (only
    /// <paramref name="packId"/>'s when given), to show what a request rests on.
    /// </summary>
    public IReadOnlyList<CitedProvision> Provisions(string divisionCode, RequesterKind requester, DateOnly on, string? packId = null) =>
        ProvisionsByPack(divisionCode, requester, on).Where(x => packId is null || x.PackId == packId).SelectMany(x => x.Provisions).ToList();

    /// <summary>The same, for the audit log: each regulation's provisions under its id ("nmg-2007 19.1,19.2; national-2025 20.1"), or null.</summary>
    public string? AuditCitations(string divisionCode, RequesterKind requester, DateOnly on)
    {
        var parts = ProvisionsByPack(divisionCode, requester, on).Where(x => x.Provisions.Count > 0)
            .Select(x => $"{x.PackId} {string.Join(",", x.Provisions.Select(p => p.Cite))}").ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private IEnumerable<(string PackId, IReadOnlyList<CitedProvision> Provisions)> ProvisionsByPack(string divisionCode, RequesterKind requester, DateOnly on) =>
        AccessPacks(divisionCode, on).Select(pack => (pack.Id, (IReadOnlyList<CitedProvision>)pack.Rules
            .Where(r => r.Valid.Covers(on) && r.Check is AccessSpec a && a.Requester == requester)
            .SelectMany(r => r.Check.Citations).Distinct().Order()
            .Select(c => Refusal.Provision(pack.Id, FindingPresenter.Cite(pack, c.ToString()))).ToList()));

    internal PackSet Packs => packs;
}
