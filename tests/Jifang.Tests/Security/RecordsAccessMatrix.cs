using System.Runtime.CompilerServices;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// —— Records and access (issue 4) —— the authorization matrix's lines for the records registry, evidence holds, coverage,
/// access requests, registrations, package verification and the citizens' portal. Kept in a file of their own (spread into
/// <see cref="AuthorizationMatrix.Endpoints"/>) to ease merging. The records, holds and requests the calls need are made per
/// world, straight in the database, so that the calls measure authorization and scope only.
/// </summary>
public static class RecordsAccessMatrix
{
    private static bool HasItem(JsonElement page, Guid id) => page.Items().Any(i => i.Id() == id);

    private static bool PageHas(JsonElement html, string marker) => html.GetString()!.Contains(marker, StringComparison.Ordinal);

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("GET /api/records/", true, async c => Get($"/api/records?sha256={(await c.WorldRecordAsync()).Sha256}"), ReadList,
            (page, w) => page.Items().Any()),
        new("GET /api/records/{id:guid}", true, async c => Get($"/api/records/{(await c.WorldRecordAsync()).Id}"), ReadGet),
        new("POST /api/records/{id:guid}/delete", true, async c => Post($"/api/records/{await c.FreshRecordAsync(daysAgo: 60)}/delete", new { reason = "矩阵：超过保存期限" }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 403  403  403
            police-city     403  403  403
            police-county   403  403  403
            police-county-b 403  403  403
            unit-admin-a    200  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  200  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        new("POST /api/systems/{systemId:guid}/records", true, c => Task.FromResult(Post($"/api/systems/{c.W.SystemId}/records", new { records = new[] { MatrixRecord(c) } })),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 403  403  403
            police-city     403  403  403
            police-county   403  403  403
            police-county-b 403  403  403
            unit-admin-a    201  404  404
            unit-operator-a 201  404  404
            unit-admin-b    404  201  404
            unit-operator-b 404  201  404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("GET /api/units/{unitId:guid}/coverage", true, c => Task.FromResult(Get($"/api/units/{c.W.UnitId}/coverage?date=2026-05-31")), ReadGet),
        new("GET /api/holds/", true, async c => Get($"/api/holds?unit={c.W.UnitId}&record={(await c.WorldHoldAsync()).Record}"), ReadList,
            (page, w) => page.Items().Any()),
        new("GET /api/holds/{id:guid}", true, async c => Get($"/api/holds/{(await c.WorldHoldAsync()).Id}"), ReadGet),
        new("POST /api/holds/", true, async c => Post("/api/holds", new { unitId = c.W.UnitId, caseNumber = "矩阵案件", reason = "矩阵保全", recordIds = new[] { await c.FreshRecordAsync() } }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  403
            police-city     201  403  403
            police-county   201  403  403
            police-county-b 403  201  403
            unit-admin-a    201  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  201  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("POST /api/holds/{id:guid}/confirm", true, async c => Post($"/api/holds/{await c.FreshHoldAsync(HoldStates.Proposed)}/confirm"), HoldStep),
        new("POST /api/holds/{id:guid}/release", true, async c => Post($"/api/holds/{await c.FreshHoldAsync(HoldStates.Active)}/release", new { reason = "矩阵：案件办结" }), HoldStep),
        new("POST /api/holds/{id:guid}/confirm-release", true, async c => Post($"/api/holds/{await c.FreshHoldAsync(HoldStates.ReleaseProposed)}/confirm-release"), HoldStep),
        new("GET /api/access-requests/", true, async c => Get($"/api/access-requests?site={c.W.SiteId}&record={(await c.WorldRequestAsync()).Record}"), ReadList,
            (page, w) => page.Items().Any()),
        new("GET /api/access-requests/{id:guid}", true, async c => Get($"/api/access-requests/{(await c.WorldRequestAsync()).Id}"), ReadGet),
        new("POST /api/access-requests/", true, async c => Post("/api/access-requests", new
            {
                recordIds = new[] { await c.FreshRecordAsync() }, action = "copy", caseNumber = "矩阵案件", reason = "矩阵", credentialNumber = "J-1",
                unitCertificate = "矩阵证明", confidentialityPledged = true,
            }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  403
            police-city     201  403  403
            police-county   201  403  403
            police-county-b 403  201  403
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  403  403  403
            """),
        // The opener is a county officer of the world's division: the county officer there is the same agency; the city and
        // province officers are other agencies (409, citing the two-persons provision).
        new("POST /api/access-requests/{id:guid}/cosign", true, async c => Post($"/api/access-requests/{await c.FreshOfficialAsync(AccessStates.Opened)}/cosign", new { credentialNumber = "J-2" }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 409  409  404
            police-city     409  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  403  403  403
            """),
        new("POST /api/access-requests/{id:guid}/register", true, async c => Post($"/api/access-requests/{await c.FreshOfficialAsync(AccessStates.Cosigned)}/register", new { credentialsChecked = true, certificateChecked = true }),
            UnitStep.Replace("OK ", "200", StringComparison.Ordinal)),
        new("POST /api/access-requests/{id:guid}/consent", true, async c => Post($"/api/access-requests/{await c.FreshCitizenAsync()}/consent", new { consent = true }),
            UnitStep.Replace("OK ", "200", StringComparison.Ordinal)),
        new("POST /api/access-requests/{id:guid}/approve", true, async c => Post($"/api/access-requests/{await c.FreshCitizenAsync()}/approve", new { approve = true }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 403  403  404
            police-city     403  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  403  403  403
            """),
        new("GET /api/access-registrations/{id:guid}", true, async c => Get($"/api/access-registrations/{await c.WorldRegistrationAsync()}"), ReadGet),
        new("GET /api/access-registrations/{id:guid}/package", true, async c => Get($"/api/access-registrations/{await c.WorldRegistrationAsync()}/package"), ReadGet),
        // Whoever holds a package may verify it, without an account (issue 10): holding the genuine package is what is verified,
        // and a file the platform did not issue is answered "not authentic" and nothing else.
        new("POST /api/access-packages/verify", false, c => Task.FromResult(VerifyUpload()), Everyone200),

        // —— pages ——
        new("* Records", true, async c => Get($"/Records?sha256={(await c.WorldRecordAsync()).Sha256}"), PageList, (html, w) => PageHas(html, "id=\"record-")),
        new("* Records/Index", true, async c => Get($"/Records/Index?sha256={(await c.WorldRecordAsync()).Sha256}"), PageList, (html, w) => PageHas(html, "id=\"record-")),
        new("* Records/Details/{id:guid}", true, async c => Get($"/Records/Details/{(await c.WorldRecordAsync()).Id}"), PageGet),
        new("* Records/Coverage", true, c => Task.FromResult(Get($"/Records/Coverage?unit={c.W.UnitId}&date=2026-05-31")), PageGet),
        new("* Holds", true, async c => Get($"/Holds?unit={c.W.UnitId}&marker={(await c.WorldHoldAsync()).Id}"), PageList, (html, w) => PageHas(html, "id=\"hold-")),
        new("* Holds/Index", true, async c => Get($"/Holds/Index?unit={c.W.UnitId}&marker={(await c.WorldHoldAsync()).Id}"), PageList, (html, w) => PageHas(html, "id=\"hold-")),
        new("* Holds/Create", false, c => Task.FromResult(Get("/Holds/Create")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 302D
            unit-admin-b    200
            unit-operator-b 302D
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Holds/Details/{id:guid}", true, async c => Get($"/Holds/Details/{(await c.WorldHoldAsync()).Id}"), PageGet),
        new("* Access", true, async c => Get($"/Access?site={c.W.SiteId}&record={(await c.WorldRequestAsync()).Record}"), PageList, (html, w) => PageHas(html, "id=\"request-")),
        new("* Access/Index", true, async c => Get($"/Access/Index?site={c.W.SiteId}&record={(await c.WorldRequestAsync()).Record}"), PageList, (html, w) => PageHas(html, "id=\"request-")),
        new("* Access/Create", false, c => Task.FromResult(Get("/Access/Create")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    302D
            unit-operator-a 302D
            unit-admin-b    302D
            unit-operator-b 302D
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  302D
            """),
        new("* Access/Details/{id:guid}", true, async c => Get($"/Access/Details/{(await c.WorldRequestAsync()).Id}"), PageGet),
        new("* Access/Registration/{id:guid}", true, async c => Get($"/Access/Registration/{await c.WorldRegistrationAsync()}"), PageGet),
        // Open to everyone like the portal (issue 10): a citizen or anyone else holding a package verifies it without an account.
        new("* Access/Verify", false, c => Task.FromResult(Get("/Access/Verify")), Everyone200),
        new("* Portal", false, c => Task.FromResult(Get("/Portal")), Everyone200),
        new("* Portal/Index", false, c => Task.FromResult(Get("/Portal/Index")), Everyone200),
        new("* Portal/Status", false, c => Task.FromResult(Get("/Portal/Status")), Everyone200),
    ];

    private static object MatrixRecord(MatrixCall c, int daysAgo = 0)
    {
        var end = c.Fixture.Time.GetUtcNow().AddDays(-daysAgo).AddMinutes(-1);
        return new
        {
            kind = "video", startsAt = end.AddMinutes(-10), endsAt = end, storageLocation = "nvr-matrix:/rec/" + c.Unique("m"), sizeBytes = 1024,
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.Unique("matrix-record")))),
        };
    }

    private static HttpRequestMessage VerifyUpload()
    {
        var file = new ByteArrayContent("not a package"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        return new HttpRequestMessage(HttpMethod.Post, "/api/access-packages/verify") { Content = new MultipartFormDataContent { { file, "file", "p.zip" } } };
    }

    private const string ReadList =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 200+ 200+ 200-
        police-city     200+ 200- 200-
        police-county   200+ 200- 200-
        police-county-b 200- 200+ 200-
        unit-admin-a    200+ 200- 200-
        unit-operator-a 200+ 200- 200-
        unit-admin-b    200- 200+ 200-
        unit-operator-b 200- 200+ 200-
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  200+ 200+ 200+
        """;

    private const string ReadGet =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    200  404  404
        unit-operator-a 200  404  404
        unit-admin-b    404  200  404
        unit-operator-b 404  200  404
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  200  200  200
        """;

    private const string HoldStep =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    200  404  404
        unit-operator-a 403  403  403
        unit-admin-b    404  200  404
        unit-operator-b 403  403  403
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  200  200  200
        """;

    private const string UnitStep =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 403  403  403
        police-city     403  403  403
        police-county   403  403  403
        police-county-b 403  403  403
        unit-admin-a    OK   404  404
        unit-operator-a OK   404  404
        unit-admin-b    404  OK   404
        unit-operator-b 404  OK   404
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  403  403  403
        """;

    private const string PageList =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200+ 200+ 200-
        police-city     200+ 200- 200-
        police-county   200+ 200- 200-
        police-county-b 200- 200+ 200-
        unit-admin-a    200+ 200- 200-
        unit-operator-a 200+ 200- 200-
        unit-admin-b    200- 200+ 200-
        unit-operator-b 200- 200+ 200-
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  200+ 200+ 200+
        """;

    private const string PageGet =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    200  404  404
        unit-operator-a 200  404  404
        unit-admin-b    404  200  404
        unit-operator-b 404  200  404
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  200  200  200
        """;

    private const string Everyone200 =
        """
        caller          -
        anonymous       200
        police-province 200
        police-city     200
        police-county   200
        police-county-b 200
        unit-admin-a    200
        unit-operator-a 200
        unit-admin-b    200
        unit-operator-b 200
        contractor      200
        testing-agency  200
        citizen         200
        platform-admin  200
        """;
}

/// <summary>The records, holds, requests and registrations the matrix's calls act on, made straight in the database.</summary>
public static class RecordsAccessMatrixWorld
{
    private sealed class Cache
    {
        public readonly Dictionary<string, MediaRecord> Records = [];
        public readonly Dictionary<string, (Guid Id, Guid Record)> Holds = [];
        public readonly Dictionary<string, (Guid Id, Guid Record)> Requests = [];
        public readonly Dictionary<string, Guid> Registrations = [];
    }

    private static readonly ConditionalWeakTable<PlatformFixture, Cache> Caches = [];

    private static Cache Of(MatrixCall c) => Caches.GetValue(c.Fixture, _ => new Cache());

    private static async Task<T> WithDbAsync<T>(MatrixCall c, Func<JifangDbContext, Task<T>> work)
    {
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await work(db);
    }

    /// <summary>A record of the world's system, ended <paramref name="daysAgo"/> days ago.</summary>
    public static Task<Guid> FreshRecordAsync(this MatrixCall c, int daysAgo = 0) => WithDbAsync(c, async db =>
    {
        var end = c.Fixture.Time.GetUtcNow().UtcDateTime.AddDays(-daysAgo).AddMinutes(-1);
        var record = new MediaRecord
        {
            SiteId = c.W.SiteId, SystemId = c.W.SystemId, DeviceId = c.W.DeviceId, Kind = "video", StartsAt = end.AddMinutes(-10), EndsAt = end,
            StorageLocation = "nvr-matrix:/rec", SizeBytes = 2048, RegisteredAt = end, RegisteredBy = "matrix",
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.Unique("matrix-fresh")))),
        };
        db.Records.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    });

    public static async Task<MediaRecord> WorldRecordAsync(this MatrixCall c)
    {
        var cache = Of(c);
        if (!cache.Records.TryGetValue(c.W.Key, out var record))
        {
            var id = await c.FreshRecordAsync();
            record = await WithDbAsync(c, db => db.Records.FindAsync(id).AsTask());
            cache.Records[c.W.Key] = record!;
        }
        return cache.Records[c.W.Key];
    }

    public static Task<Guid> FreshHoldAsync(this MatrixCall c, string state) => WithDbAsync(c, async db =>
    {
        var record = await c.FreshRecordAsync();
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var hold = new EvidenceHold
        {
            UnitId = c.W.UnitId, CaseNumber = "矩阵案件", Reason = "矩阵", State = state, ProposedBy = "matrix-proposer", ProposedAt = now,
            ConfirmedBy = state == HoldStates.Proposed ? null : "matrix-confirmer", ConfirmedAt = state == HoldStates.Proposed ? null : now,
            ReleaseProposedBy = state == HoldStates.ReleaseProposed ? "matrix-releaser" : null, ReleaseProposedAt = state == HoldStates.ReleaseProposed ? now : null,
            Records = [new EvidenceHoldRecord { RecordId = record }],
        };
        db.Holds.Add(hold);
        await db.SaveChangesAsync();
        return hold.Id;
    });

    public static async Task<(Guid Id, Guid Record)> WorldHoldAsync(this MatrixCall c)
    {
        var cache = Of(c);
        if (!cache.Holds.TryGetValue(c.W.Key, out var hold))
        {
            var id = await c.FreshHoldAsync(HoldStates.Active);
            var record = await WithDbAsync(c, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<EvidenceHoldRecord>().Where(x => x.HoldId == id).Select(x => x.RecordId)));
            cache.Holds[c.W.Key] = hold = (id, record);
        }
        return hold;
    }

    /// <summary>An official request opened by a county officer of the world's division (and co-signed by another, when asked).</summary>
    public static Task<Guid> FreshOfficialAsync(this MatrixCall c, string state) => WithDbAsync(c, async db =>
    {
        var record = await c.FreshRecordAsync();
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var cosigned = state != AccessStates.Opened;
        var request = new AccessRequest
        {
            Number = "GW-MATRIX-" + c.Unique("r"), Requester = "official", Action = "copy", SiteId = c.W.SiteId, CaseNumber = "矩阵案件", Reason = "矩阵",
            State = state, CreatedAt = now, OpenedBy = "matrix-officer-1", OpenedByName = "矩阵民警一", OpenedRole = Roles.PoliceCounty,
            OpenedDivision = c.W.Division, OpenerCredential = "J-1", UnitCertificate = "矩阵证明", ConfidentialityPledged = true,
            CosignedBy = cosigned ? "matrix-officer-2" : null, CosignedByName = cosigned ? "矩阵民警二" : null, CosignedRole = cosigned ? Roles.PoliceCounty : null,
            CosignedDivision = cosigned ? c.W.Division : null, CosignerCredential = cosigned ? "J-2" : null, CosignedAt = cosigned ? now : null,
            Records = [new AccessRequestRecord { RecordId = record }],
        };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    });

    /// <summary>A citizen's request to copy, filed and consented (so that the police may approve, and the unit… consent is tested on a filed one).</summary>
    public static Task<Guid> FreshCitizenAsync(this MatrixCall c) => WithDbAsync(c, async db =>
    {
        var record = await c.FreshRecordAsync();
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var request = new AccessRequest
        {
            Number = "GM-MATRIX-" + c.Unique("r"), Requester = "citizen", Action = "copy", SiteId = c.W.SiteId, Reason = "矩阵：财物被盗",
            FromTime = now.AddHours(-2), ToTime = now, State = AccessStates.Filed, CreatedAt = now, CitizenName = "矩阵公民", RequesterRelation = "self", CitizenIdNumber = "11010519491231002X",
            AccessCodeHash = PortalService.Hash("MATRIX"), Records = [new AccessRequestRecord { RecordId = record }],
        };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    });

    public static async Task<(Guid Id, Guid Record)> WorldRequestAsync(this MatrixCall c)
    {
        var cache = Of(c);
        if (!cache.Requests.TryGetValue(c.W.Key, out var request))
        {
            var id = await c.FreshOfficialAsync(AccessStates.Opened);
            var record = await WithDbAsync(c, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<AccessRequestRecord>().Where(x => x.RequestId == id).Select(x => x.RecordId)));
            cache.Requests[c.W.Key] = request = (id, record);
        }
        return request;
    }

    public static async Task<Guid> WorldRegistrationAsync(this MatrixCall c)
    {
        var cache = Of(c);
        if (!cache.Registrations.TryGetValue(c.W.Key, out var id))
        {
            var (request, record) = await c.WorldRequestAsync();
            id = await WithDbAsync(c, async db =>
            {
                var registration = new AccessRegistration
                {
                    RequestId = request, Action = "copy", At = c.Fixture.Time.GetUtcNow().UtcDateTime, RegisteredBy = "matrix-unit", Persons = "矩阵民警一、矩阵民警二",
                    Reason = "矩阵", RecordIds = [record], AuditIndex = 0, AuditLeafHash = new string('0', 64), Recipient = "矩阵民警", Package = [1, 2, 3],
                    PackageSha256 = new string('a', 64),
                };
                db.AccessRegistrations.Add(registration);
                await db.SaveChangesAsync();
                return registration.Id;
            });
            cache.Registrations[c.W.Key] = id;
        }
        return id;
    }
}
