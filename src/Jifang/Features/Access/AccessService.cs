using System.Globalization;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Access;

/// <summary>The work shared by the API, the pages and the portal: loading requests, judging them, registering what is done.</summary>
public sealed class AccessService(JifangDbContext db, AccessJudge judge, AuditTrail audit, TimeProvider time, AuditProofLink proofs)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public TimeZoneInfo LocalZone => time.LocalTimeZone;

    public JifangDbContext Db => db;

    public AccessJudge Judge => judge;

    /// <summary>A request as this viewer sees it: the citizen's identity number whole only for the police who handle it (<see cref="IdentityNumbers"/>).</summary>
    public static AccessRequestDto ToDto(AccessRequest r, Identity.Scope viewer)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Number, r.Requester, r.Action, AccessLabels.Action(r.Action), r.SiteId, r.Site?.Name, r.Site?.UnitId, r.Site?.DivisionCode,
            r.CaseNumber, r.Reason, r.FromTime, r.ToTime, r.State, AccessStates.Label(r.State), r.CreatedAt,
            r.OpenedBy, r.OpenedByName, r.OpenerCredential, r.UnitCertificate, r.ConfidentialityPledged,
            r.CosignedBy, r.CosignedByName, r.CosignerCredential, r.CosignedAt, r.RegisteredBy, r.RegisteredAt, r.CredentialsChecked, r.CertificateChecked,
            r.CitizenName, IdentityNumbers.For(viewer, r), r.CitizenPhone,
            r.RequesterRelation, r.RequesterRelation is null ? null : AccessLabels.Relation(r.RequesterRelation), r.UnitConsent, r.ConsentBy, r.ConsentAt, r.ConsentNote,
            r.PoliceApproval, r.ApprovedBy, r.ApprovedAt, r.ApprovalNote, r.Records.Select(x => x.RecordId).ToList());
    }

    /// <summary>A request in the caller's scope (or any, for the portal), with its site and records.</summary>
    public async Task<(AccessRequest Request, List<MediaRecord> Records)?> LoadAsync(Guid id, bool ignoreScope, CancellationToken ct)
    {
        var q = ignoreScope ? db.AccessRequests.IgnoreQueryFilters() : db.AccessRequests;
        var request = await q.Include(r => r.Site).Include(r => r.Records).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }
        var ids = request.Records.Select(x => x.RecordId).ToList();
        var records = await db.Records.IgnoreQueryFilters().Include(r => r.Site).Include(r => r.System).Include(r => r.Device)
            .Where(r => ids.Contains(r.Id)).OrderBy(r => r.StartsAt).ThenBy(r => r.Id).ToListAsync(ct);
        return (request, records);
    }

    /// <summary>What the request still lacks for its own action as it stands (empty when it could be done now).</summary>
    public AccessJudgement Pending(AccessRequest r, IReadOnlyList<MediaRecord> records)
    {
        ArgumentNullException.ThrowIfNull(r);
        var facts = r.Requester == "official"
            ? AccessJudge.OfficialFacts(r, records, Today)
            : AccessJudge.CitizenFacts(r, Today, r.Action);
        return judge.Judge(r.Site!, facts);
    }

    public async Task<AccessRequestDetailDto> DetailAsync(AccessRequest r, List<MediaRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var pending = Pending(r, records);
        var registrations = await db.AccessRegistrations.IgnoreQueryFilters().AsNoTracking().Where(x => x.RequestId == r.Id).OrderBy(x => x.At).ToListAsync(ct);
        var requester = r.Requester == "official" ? RequesterKind.Official : RequesterKind.Citizen;
        return new AccessRequestDetailDto(ToDto(r, db.Scope), records.Select(RecordsApi.ToDto).ToList(), pending.PackId, pending.RegulationTitle,
            judge.Provisions(r.Site!.DivisionCode, requester, Today), pending.Reasons,
            registrations.Select(x => Slip(x, r, records)).ToList());
    }

    public AccessRegistrationDto Slip(AccessRegistration x, AccessRequest r, IReadOnlyList<MediaRecord> records)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(records);
        var ids = x.RecordIds.ToHashSet();
        return new AccessRegistrationDto(x.Id, r.Id, r.Number, r.Requester, x.Action, AccessLabels.Action(x.Action), x.At, x.RegisteredBy, x.Persons,
            x.Reason, r.CaseNumber, r.Site?.Name, records.Where(m => ids.Contains(m.Id)).Select(RecordsApi.ToDto).ToList(),
            x.AuditIndex, x.AuditLeafHash, x.AuditIndex is { } index ? proofs.Url(index) : null, x.Recipient, x.PackageSha256,
            x.PackageSha256 is null ? null : $"/api/access-registrations/{x.Id}/package");
    }

    /// <summary>Logs a refusal (before it is answered) and returns it with its audit receipt.</summary>
    public async Task<Refusal> RefuseAsync(AccessRequest r, AccessJudgement judgement, string title, string actor, string step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(judgement);
        var site = r.Site!;
        // Each regulation's provisions under its own id ("nmg-2007 19.1; national-2025 20.1").
        var cites = string.Join("; ", judgement.Reasons.Where(x => x.Citations.Count > 0).GroupBy(x => x.PackId ?? judgement.PackId)
            .Select(g => $"{g.Key} {string.Join(",", g.SelectMany(x => x.Citations).Select(c => c.Cite).Distinct())}"));
        ct.ThrowIfCancellationRequested();
        var receipt = await audit.RecordAsync(new AuditEvent("access.refused", actor, $"access-request:{r.Id}", site.DivisionCode, site.UnitId,
            cites.Length > 0 ? cites : null,
            RecordsApi.Truncate($"{r.Number} {step}：{string.Join("；", judgement.Reasons.Select(x => x.Message))}", 3900)));
        return judgement.Refusal(title, receipt.Index, receipt.LeafHash);
    }

    /// <summary>Queues the audit entry of a step of a request (opened, co-signed, consented, approved…), to be saved with it.</summary>
    public void Queue(AccessRequest r, Site site, string action, string actor, string detail)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(site);
        audit.Add(Entry(r, site, action, actor, detail));
    }

    /// <summary>Saves the pending change of a request with its queued entries; returns once the log holds them.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
    }

    /// <summary>Appends an event that changes nothing (a package downloaded) to the audit log, now.</summary>
    public Task<AuditReceipt> LogAsync(AccessRequest r, string action, string actor, string detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ct.ThrowIfCancellationRequested();
        return audit.RecordAsync(Entry(r, r.Site!, action, actor, detail));
    }

    private static AuditEvent Entry(AccessRequest r, Site site, string action, string actor, string detail) =>
        new(action, actor, $"access-request:{r.Id}", site.DivisionCode, site.UnitId, null, RecordsApi.Truncate($"{r.Number}：{detail}", 3900));

    /// <summary>
    /// Registers an access done (登记): the registration with who, when, which records and why, the export package for a copy or
    /// retrieval (its SHA-256 in the log entry), and the audit receipt. Saves the pending changes of the request with it.
    /// </summary>
    public async Task<AccessRegistration> RegisterAccessAsync(
        AccessRequest r, IReadOnlyList<MediaRecord> records, string action, string registeredBy, string persons, string recipient,
        IReadOnlyList<PackageSignature> signatures, AccessJudgement judgement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(judgement);
        var site = r.Site!;
        var now = Now;
        var registration = new AccessRegistration
        {
            RequestId = r.Id, Action = action, At = now, RegisteredBy = registeredBy, Persons = persons,
            Reason = r.CaseNumber is { Length: > 0 } c ? $"{r.Reason}（案件编号 {c}）" : r.Reason,
            RecordIds = records.Select(x => x.Id).ToList(),
        };
        if (action is "copy" or "retrieve")
        {
            registration.Recipient = recipient;
            registration.Package = AccessPackage.Build(r, site, records, registration.Id, now, recipient, signatures);
            registration.PackageSha256 = AccessPackage.Sha256(registration.Package);
        }
        var requester = r.Requester == "official" ? RequesterKind.Official : RequesterKind.Citizen;
        var cites = judge.AuditCitations(site.DivisionCode, requester, Today);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{r.Number} {AccessLabels.Action(action)}；登记 {registration.Id:D}；人员 {persons}；记录 {records.Count} 条（清单摘要 sha256:{RecordsApi.BatchDigest(records)}）；理由 {registration.Reason}")
            + (registration.PackageSha256 is { } h ? $"；导出包 sha256:{h}；接收人 {recipient}" : "");
        db.AccessRegistrations.Add(registration);
        // Saved with the registration, which keeps the entry's receipt.
        audit.Add(new AuditEvent($"access.{action}", registeredBy, $"access-request:{r.Id}", site.DivisionCode, site.UnitId,
            cites, RecordsApi.Truncate(detail, 3900)), registration);
        await SaveAsync(ct);
        return registration;
    }

    /// <summary>A request number: GW- (official, 公务) or GM- (citizen, 公民), the date, and six characters of the id.</summary>
    public string NewNumber(string requester, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"{(requester == "official" ? "GW" : "GM")}-{Today:yyyyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}");

    /// <summary>Verifies an uploaded package (<see cref="PackageVerification"/>).</summary>
    public Task<PackageVerificationDto> VerifyAsync(byte[] bytes, CancellationToken ct) => PackageVerification.VerifyAsync(db, bytes, ct);

    public static Site SiteOf(AccessRequest r) => r.Site ?? throw new InvalidOperationException("request without its site");
}

/// <summary>
/// The link to an audit entry's inclusion proof (GET /api/audit/entries/{index}/proof, served by the audit log's own feature),
/// shown on registration slips when the platform serves that endpoint; otherwise slips show the index and leaf hash only.
/// </summary>
public sealed class AuditProofLink(EndpointDataSource endpoints)
{
    private bool? _served;

    public string? Url(long index)
    {
        _served ??= endpoints.Endpoints.OfType<RouteEndpoint>().Any(e =>
            e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/audit/entries/", StringComparison.Ordinal) && raw.EndsWith("/proof", StringComparison.Ordinal));
        return _served == true ? string.Create(CultureInfo.InvariantCulture, $"/api/audit/entries/{index}/proof") : null;
    }
}
