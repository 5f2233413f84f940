using Jifang.Features.Access;
using Jifang.Features.Records;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of records and access (issue 4): deleting a record, evidence holds, official and citizens' requests, package
/// verification. Their targets are made straight in the database, as the API matrix makes them (<see cref="RecordsAccessMatrixWorld"/>).
/// </summary>
public static class RecordsHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Records/Details?handler=Delete", true, async c =>
        {
            var id = await c.FreshRecordAsync(daysAgo: 60);
            return Form($"/Records/Details/{id}?handler=Delete", _ => c.AnyAsync<MediaRecord>(r => r.Id == id && r.Deleted), ("Reason", "矩阵：超过保存期限"));
        },
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 302D 302D 302D
            police-city     302D 302D 302D
            police-county   302D 302D 302D
            police-county-b 302D 302D 302D
            unit-admin-a    302+ 404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  302+ 404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  302+ 302+ 302+
            """),
        // Evidence holds (records.hold): police, unit administrators, the platform administrator. The holds are proposed, confirmed
        // and proposed for release by people who are none of the callers, so that each step is a second person's.
        new("* POST /Holds/Create", true, async c =>
        {
            var (record, caseNumber) = (await c.FreshRecordAsync(), c.Unique("页面矩阵案件"));
            return Form("/Holds/Create", _ => c.AnyAsync<EvidenceHold>(h => h.CaseNumber == caseNumber),
                ("Input.UnitId", c.W.UnitId.ToString()), ("Input.CaseNumber", caseNumber), ("Input.Reason", "矩阵保全"), ("Input.RecordIds", record.ToString()));
        }, WriteInScope.With(ok: "302+", no: "200")),
        new("* POST /Holds/Details?handler=Confirm", true, async c =>
        {
            var id = await c.FreshHoldAsync(HoldStates.Proposed);
            return Form($"/Holds/Details/{id}?handler=Confirm", _ => c.AnyAsync<EvidenceHold>(h => h.Id == id && h.State == HoldStates.Active));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Holds/Details?handler=Release", true, async c =>
        {
            var id = await c.FreshHoldAsync(HoldStates.Active);
            return Form($"/Holds/Details/{id}?handler=Release", _ => c.AnyAsync<EvidenceHold>(h => h.Id == id && h.State == HoldStates.ReleaseProposed),
                ("ReleaseReason", "矩阵：案件办结"));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Holds/Details?handler=ConfirmRelease", true, async c =>
        {
            var id = await c.FreshHoldAsync(HoldStates.ReleaseProposed);
            return Form($"/Holds/Details/{id}?handler=ConfirmRelease", _ => c.AnyAsync<EvidenceHold>(h => h.Id == id && h.State == HoldStates.Released));
        }, WriteInScope.With(ok: "302+", no: "404")),

        // Official requests (access.official: police) and the using unit's steps (access.unit: unit users).
        new("* POST /Access/Create", true, async c =>
        {
            var (record, caseNumber) = (await c.FreshRecordAsync(), c.Unique("页面矩阵调取"));
            return Form("/Access/Create", _ => c.AnyAsync<AccessRequest>(r => r.CaseNumber == caseNumber),
                ("Input.RecordIds", record.ToString()), ("Input.Action", "copy"), ("Input.CaseNumber", caseNumber), ("Input.Reason", "矩阵"),
                ("Input.CredentialNumber", "J-1"), ("Input.UnitCertificate", "矩阵证明"), ("Input.ConfidentialityPledged", "true"));
        },
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 302+ 302+ 200
            police-city     302+ 200  200
            police-county   302+ 200  200
            police-county-b 200  302+ 200
            unit-admin-a    302D 302D 302D
            unit-operator-a 302D 302D 302D
            unit-admin-b    302D 302D 302D
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  302D 302D 302D
            """),
        // Opened by a county officer of the world's division: the city and province officers are other agencies (a refusal citing
        // the two-persons provision).
        new("* POST /Access/Details?handler=Cosign", true, async c =>
        {
            var id = await c.FreshOfficialAsync(AccessStates.Opened);
            return Form($"/Access/Details/{id}?handler=Cosign", _ => c.AnyAsync<AccessRequest>(r => r.Id == id && r.State == AccessStates.Cosigned), ("CredentialNumber", "J-2"));
        }, PoliceStep),
        new("* POST /Access/Details?handler=Register", true, async c =>
        {
            var id = await c.FreshOfficialAsync(AccessStates.Cosigned);
            return Form($"/Access/Details/{id}?handler=Register", _ => c.AnyAsync<AccessRequest>(r => r.Id == id && r.State == AccessStates.Registered),
                ("CredentialsChecked", "true"), ("CertificateChecked", "true"));
        }, UnitStep),
        new("* POST /Access/Details?handler=Consent", true, async c =>
        {
            var id = await c.FreshCitizenAsync();
            return Form($"/Access/Details/{id}?handler=Consent&consent=true", _ => c.AnyAsync<AccessRequest>(r => r.Id == id && r.State == AccessStates.Consented));
        }, UnitStep),
        new("* POST /Access/Details?handler=Approve", true, async c =>
        {
            var id = await c.FreshCitizenAsync();
            return Form($"/Access/Details/{id}?handler=Approve&approve=true", _ => c.AnyAsync<AccessRequest>(r => r.Id == id && r.PoliceApproval == true));
        }, PoliceStep),
        // Verifying a package changes nothing: it is done when the page shows the verification. Open to everyone, without an
        // account (issue 10): holding the package is what is verified.
        new("* POST /Access/Verify", false, c => Task.FromResult(
            Form("/Access/Verify", a => Task.FromResult(a.Body.Contains("id=\"verify-result\"", StringComparison.Ordinal)))
                with { File = new HandlerFile("file", "p.zip", "application/zip", "not a package"u8.ToArray()) }),
            """
            caller          -
            anonymous       200+
            police-province 200+
            police-city     200+
            police-county   200+
            police-county-b 200+
            unit-admin-a    200+
            unit-operator-a 200+
            unit-admin-b    200+
            unit-operator-b 200+
            contractor      200+
            testing-agency  200+
            citizen         200+
            platform-admin  200+
            """),
    ];

    /// <summary>A step of the county police of the site (co-sign an official request opened there, approve a citizen's copy).</summary>
    private const string PoliceStep =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   302+ 404  404
        police-county-b 404  302+ 404
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;

    /// <summary>A step of the using unit (register an official request, consent to a citizen's): its users, on its own site's requests.</summary>
    private const string UnitStep =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 302D 302D 302D
        police-city     302D 302D 302D
        police-county   302D 302D 302D
        police-county-b 302D 302D 302D
        unit-admin-a    302+ 404  404
        unit-operator-a 302+ 404  404
        unit-admin-b    404  302+ 404
        unit-operator-b 404  302+ 404
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  302D 302D 302D
        """;
}
