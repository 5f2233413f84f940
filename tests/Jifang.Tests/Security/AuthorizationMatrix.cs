using System.Text.Json;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// Who may call which endpoint, written out per endpoint and caller (see <see cref="MatrixEndpoint"/> for the notation).
/// Rules the tables follow: anonymous 401; a role without the endpoint's policy 403; a record outside the caller's scope
/// 404 (the query filter hides it, so its existence does not leak); creating something outside one's jurisdiction or unit
/// 403; everything else inside 2xx. Scope: police-province sees 15xxxx (A and B), police-city 1501xx (A), police-county
/// 150102 (A), police-county-b 150203 (B), unit users their own unit, the platform administrator everything.
/// </summary>
public static class AuthorizationMatrix
{
    private static bool HasItem(JsonElement page, Guid id) => page.Items().Any(i => i.Id() == id);

    /// <summary>A CSV export with a row besides its header.</summary>
    private static bool HasDataRow(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1;

    // Before Endpoints, which uses them: static fields are initialised in the order they are written.
    /// <summary>The same status for every caller (the access-denied page, the error page).</summary>
    private static readonly string Everyone403 = Everyone200.Replace(" 200", " 403", StringComparison.Ordinal);

    private static readonly string Everyone404 = Everyone200.Replace(" 200", " 404", StringComparison.Ordinal);

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        // —— Identity ——
        // Signing out ends the session that calls: each signed-in caller signs in afresh for it, so as not to end the session
        // the other rows use (a request's own Authorization header goes before the client's default one).
        new("POST /api/auth/sign-out", false, async c =>
            {
                var request = Post("/api/auth/sign-out");
                if (!c.Caller.IsAnonymous)
                {
                    request.Headers.Authorization = new("Bearer", await c.Fixture.LoginAsync(c.Caller.Key, Caller.Password));
                }
                return request;
            },
            """
            caller          -
            anonymous       401
            police-province 204
            police-city     204
            police-county   204
            police-county-b 204
            unit-admin-a    204
            unit-operator-a 204
            unit-admin-b    204
            unit-operator-b 204
            contractor      204
            testing-agency  204
            citizen         204
            platform-admin  204
            """),
        new("POST /api/auth/token", false,
            c => Task.FromResult(Post("/api/auth/token", c.Caller.IsAnonymous
                ? new { userName = "nobody", password = "wrong-password-1" }
                : new { userName = c.Caller.Key, password = Caller.Password })),
            """
            caller          -
            anonymous       401
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
            """),
        new("GET /api/auth/me", false, c => Task.FromResult(Get("/api/auth/me")),
            """
            caller          -
            anonymous       401
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
            """),

        // —— Units ——
        new("GET /api/units/", true, c => Task.FromResult(Get($"/api/units?search={Uri.EscapeDataString(c.W.UnitName)}")),
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
            """,
            (page, w) => HasItem(page, w.UnitId)),
        new("GET /api/units/{id:guid}", true, c => Task.FromResult(Get($"/api/units/{c.W.UnitId}")),
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
            """),
        new("POST /api/units/", true, c => Task.FromResult(Post("/api/units", Bodies.Unit(c.Unique("矩阵新单位"), c.W.Division))),
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
            platform-admin  201  201  201
            """),
        new("PUT /api/units/{id:guid}", true, c => Task.FromResult(Put($"/api/units/{c.W.UnitId}", Bodies.Unit(c.W.UnitName, c.W.Division))),
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
            """),
        new("POST /api/units/{id:guid}/archive", true, async c => Post($"/api/units/{await c.FreshUnitAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Sites ——
        new("GET /api/sites/", true, c => Task.FromResult(Get($"/api/sites?unit={c.W.UnitId}&pageSize=200")),
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
            """,
            (page, w) => HasItem(page, w.SiteId)),
        new("GET /api/sites/{id:guid}", true, c => Task.FromResult(Get($"/api/sites/{c.W.SiteId}")),
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
            """),
        // A site of the world's unit in the world's division: outside the caller's jurisdiction (police) or
        // for another unit (unit users) is 403, whether or not the caller can see that unit.
        new("POST /api/sites/", true, c => Task.FromResult(Post("/api/sites", Bodies.Hotel(c.W.UnitId, c.Unique("矩阵新场所"), c.W.Division))),
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
        new("PUT /api/sites/{id:guid}", true, c => Task.FromResult(Put($"/api/sites/{c.W.SiteId}", Bodies.Hotel(c.W.UnitId, c.W.SiteName, c.W.Division))),
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
            """),
        new("POST /api/sites/{id:guid}/archive", true, async c => Post($"/api/sites/{await c.FreshSiteAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    204  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  204  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Systems ——
        new("GET /api/sites/{siteId:guid}/systems", true, c => Task.FromResult(Get($"/api/sites/{c.W.SiteId}/systems?pageSize=200")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 404
            police-city     200+ 404  404
            police-county   200+ 404  404
            police-county-b 404  200+ 404
            unit-admin-a    200+ 404  404
            unit-operator-a 200+ 404  404
            unit-admin-b    404  200+ 404
            unit-operator-b 404  200+ 404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (page, w) => HasItem(page, w.SystemId)),
        new("POST /api/sites/{siteId:guid}/systems", true, c => Task.FromResult(Post($"/api/sites/{c.W.SiteId}/systems", Bodies.System(c.Unique("矩阵新系统"), "main-entrance"))),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  404
            police-city     201  404  404
            police-county   201  404  404
            police-county-b 404  201  404
            unit-admin-a    201  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  201  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("GET /api/systems/{id:guid}", true, c => Task.FromResult(Get($"/api/systems/{c.W.SystemId}")),
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
            """),
        new("PUT /api/systems/{id:guid}", true, c => Task.FromResult(Put($"/api/systems/{c.W.SystemId}", Bodies.System($"世界{c.W.Key}监控系统", "main-entrance"))),
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
            """),
        new("POST /api/systems/{id:guid}/archive", true, async c => Post($"/api/systems/{await c.FreshSystemAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    204  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  204  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Devices ——
        new("GET /api/sites/{siteId:guid}/devices", true, c => Task.FromResult(Get($"/api/sites/{c.W.SiteId}/devices?pageSize=200")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 404
            police-city     200+ 404  404
            police-county   200+ 404  404
            police-county-b 404  200+ 404
            unit-admin-a    200+ 404  404
            unit-operator-a 200+ 404  404
            unit-admin-b    404  200+ 404
            unit-operator-b 404  200+ 404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (page, w) => HasItem(page, w.DeviceId)),
        new("POST /api/sites/{siteId:guid}/devices", true, c => Task.FromResult(Post($"/api/sites/{c.W.SiteId}/devices", Bodies.Device(c.Unique("矩阵新设备"), "public"))),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  404
            police-city     201  404  404
            police-county   201  404  404
            police-county-b 404  201  404
            unit-admin-a    201  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  201  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("GET /api/devices/{id:guid}", true, c => Task.FromResult(Get($"/api/devices/{c.W.DeviceId}")),
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
            """),
        new("PUT /api/devices/{id:guid}", true, c => Task.FromResult(Put($"/api/devices/{c.W.DeviceId}", Bodies.Device($"世界{c.W.Key}客房摄像机", "hotel-guest-room", c.W.SystemId))),
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
            """),
        new("POST /api/devices/{id:guid}/archive", true, async c => Post($"/api/devices/{await c.FreshDeviceAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    204  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  204  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Acts ——
        new("GET /api/sites/{siteId:guid}/acts", true, c => Task.FromResult(Get($"/api/sites/{c.W.SiteId}/acts?pageSize=200")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 404
            police-city     200+ 404  404
            police-county   200+ 404  404
            police-county-b 404  200+ 404
            unit-admin-a    200+ 404  404
            unit-operator-a 200+ 404  404
            unit-admin-b    404  200+ 404
            unit-operator-b 404  200+ 404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (page, w) => HasItem(page, w.ActId)),
        new("POST /api/sites/{siteId:guid}/acts", true, c => Task.FromResult(Post($"/api/sites/{c.W.SiteId}/acts", Bodies.Act("device-removed", "2026-04-01"))),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  404
            police-city     201  404  404
            police-county   201  404  404
            police-county-b 404  201  404
            unit-admin-a    201  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  201  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),

        // —— Compliance ——
        new("GET /api/findings", true, c => Task.FromResult(Get($"/api/findings?site={c.W.SiteId}&pageSize=200")),
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
            """,
            (page, w) => page.Items().Any(f => f.GetProperty("siteId").GetGuid() == w.SiteId)),
        // The filter by regulation (issue 11): the world's guest-room camera is a finding under the national regulation too.
        new("GET /api/findings + regulation", true, c => Task.FromResult(Get($"/api/findings?site={c.W.SiteId}&regulation=national-2025&pageSize=200")),
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
            """,
            (page, w) => page.Items().Any(f => f.GetProperty("siteId").GetGuid() == w.SiteId && f.Str("packId") == "national-2025")),
        new("GET /api/dashboard", true, c => Task.FromResult(Get($"/api/dashboard?division={c.W.Division}")),
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
            """,
            (dashboard, _) => dashboard.GetProperty("sites").GetInt32() > 0 && dashboard.GetProperty("findings").GetInt32() > 0),
        new("GET /api/packs", false, c => Task.FromResult(Get("/api/packs")),
            """
            caller          -
            anonymous       401
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
            """),
        new("GET /api/packs/{packId}/articles/{number:int}", false, c => Task.FromResult(Get("/api/packs/nmg-2007/articles/9")),
            """
            caller          -
            anonymous       401
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
            """),

        // —— Products: a shared catalogue, unscoped; police and the platform administrator write it ——
        new("GET /api/products/", false, c => Task.FromResult(Get("/api/products?search=" + Uri.EscapeDataString("世界"))),
            """
            caller          -
            anonymous       401
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  200
            """),
        new("GET /api/products/{id:guid}", false, c => Task.FromResult(Get($"/api/products/{c.Fixture.A.ProductId}")),
            """
            caller          -
            anonymous       401
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  200
            """),
        new("POST /api/products/", false, c => Task.FromResult(Post("/api/products", Bodies.Product(c.Unique("矩阵新产品")))),
            """
            caller          -
            anonymous       401
            police-province 201
            police-city     201
            police-county   201
            police-county-b 201
            unit-admin-a    403
            unit-operator-a 403
            unit-admin-b    403
            unit-operator-b 403
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  201
            """),
        new("PUT /api/products/{id:guid}", false, async c => Put($"/api/products/{await c.FreshProductAsync()}", Bodies.Product(c.Unique("矩阵改产品"))),
            """
            caller          -
            anonymous       401
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    403
            unit-operator-a 403
            unit-admin-b    403
            unit-operator-b 403
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  200
            """),
        new("POST /api/products/{id:guid}/archive", false, async c => Post($"/api/products/{await c.FreshProductAsync()}/archive"),
            """
            caller          -
            anonymous       401
            police-province 204
            police-city     204
            police-county   204
            police-county-b 204
            unit-admin-a    403
            unit-operator-a 403
            unit-admin-b    403
            unit-operator-b 403
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  204
            """),

        // —— Contractors: police by division prefix, the platform administrator all; unit users read all and write none ——
        new("GET /api/contractors/", true, c => Task.FromResult(Get($"/api/contractors?search={Uri.EscapeDataString(c.W.ContractorName)}")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    200+ 200+ 200+
            unit-operator-a 200+ 200+ 200+
            unit-admin-b    200+ 200+ 200+
            unit-operator-b 200+ 200+ 200+
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (page, w) => HasItem(page, w.ContractorId)),
        new("GET /api/contractors/{id:guid}", true, c => Task.FromResult(Get($"/api/contractors/{c.W.ContractorId}")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  200  200
            unit-operator-a 200  200  200
            unit-admin-b    200  200  200
            unit-operator-b 200  200  200
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        new("POST /api/contractors/", true, c => Task.FromResult(Post("/api/contractors", Bodies.Contractor(c.Unique("矩阵新从业单位"), c.W.Division))),
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
            platform-admin  201  201  201
            """),
        new("PUT /api/contractors/{id:guid}", true, c => Task.FromResult(Put($"/api/contractors/{c.W.ContractorId}", Bodies.Contractor(c.W.ContractorName, c.W.Division))),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        new("POST /api/contractors/{id:guid}/archive", true, async c => Post($"/api/contractors/{await c.FreshContractorAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Personnel: through the employer; the world's person works for the world's unit (scoped like its sites) ——
        new("GET /api/personnel/", true, c => Task.FromResult(Get($"/api/personnel?unit={c.W.UnitId}&pageSize=200")),
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
            """,
            (page, w) => HasItem(page, w.PersonId)),
        new("GET /api/personnel/{id:guid}", true, c => Task.FromResult(Get($"/api/personnel/{c.W.PersonId}")),
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
            """),
        // A person of the world's unit: a unit outside the caller's jurisdiction or another unit is 403.
        new("POST /api/personnel/", true, c => Task.FromResult(Post("/api/personnel", Bodies.Person(c.Unique("矩阵新人员"), c.W.UnitId, null))),
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
        new("PUT /api/personnel/{id:guid}", true, c => Task.FromResult(Put($"/api/personnel/{c.W.PersonId}", Bodies.Person("世界" + c.W.Key + "值机员", c.W.UnitId, null))),
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
            """),
        new("POST /api/personnel/{id:guid}/archive", true, async c => Post($"/api/personnel/{await c.FreshPersonAsync()}/archive"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 204  204  404
            police-city     204  404  404
            police-county   204  404  404
            police-county-b 404  204  404
            unit-admin-a    204  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  204  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  204  204  204
            """),

        // —— Pages (sign-in cookie; see MatrixEndpoint): not signed in → sign-in page, role without the page's policy → access denied ——
        // The dashboard: its numbers are the caller's scope (checked by the dashboard's own tests); a role without registry
        // work is sent to the guide, which says what it will do here (issue 10).
        new("* ", false, c => Task.FromResult(Get("/")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302G
            testing-agency  302G
            citizen         302G
            platform-admin  200
            """),
        new("* Index", false, c => Task.FromResult(Get("/Index")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302G
            testing-agency  302G
            citizen         302G
            platform-admin  200
            """),
        new("* Guide", false, c => Task.FromResult(Get("/Guide")),
            """
            caller          -
            anonymous       302L
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
            """),
        new("* Rules", false, c => Task.FromResult(Get("/Rules")),
            """
            caller          -
            anonymous       302L
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
            """),
        new("* Rules/Index", false, c => Task.FromResult(Get("/Rules/Index")),
            """
            caller          -
            anonymous       302L
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
            """),
        new("* Rules/{packId}/{article:int}", false, c => Task.FromResult(Get("/Rules/nmg-2007/9")),
            """
            caller          -
            anonymous       302L
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
            """),
        new("* Import", false, c => Task.FromResult(Get("/Import")),
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
        new("* Import/Index", false, c => Task.FromResult(Get("/Import/Index")),
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
        // Lists filter by scope: "+" when the world's unit (its link to its sites) is on the page; the search box echoes the name, so the name is no proof.
        new("* Units", true, c => Task.FromResult(Get($"/Units?search={Uri.EscapeDataString(c.W.UnitName)}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"/Sites?unit={w.UnitId}", StringComparison.Ordinal)),
        new("* Units/Index", true, c => Task.FromResult(Get($"/Units/Index?search={Uri.EscapeDataString(c.W.UnitName)}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"/Sites?unit={w.UnitId}", StringComparison.Ordinal)),
        new("* Units/Create", false, c => Task.FromResult(Get("/Units/Create")),
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
            platform-admin  200
            """),
        new("* Sites", true, c => Task.FromResult(Get($"/Sites?unit={c.W.UnitId}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"/Sites/Details/{w.SiteId}", StringComparison.Ordinal)),
        new("* Sites/Index", true, c => Task.FromResult(Get($"/Sites/Index?unit={c.W.UnitId}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"/Sites/Details/{w.SiteId}", StringComparison.Ordinal)),
        new("* Sites/Create", false, c => Task.FromResult(Get("/Sites/Create")),
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
        // Pages that show one record: outside the caller's scope it is 404, never shown.
        new("* Sites/Details/{id:guid}", true, c => Task.FromResult(Get($"/Sites/Details/{c.W.SiteId}")),
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
            """),
        new("* Sites/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Sites/Edit/{c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        // GET asks for confirmation (the archiving is the POST, as POST /api/sites/{id}/archive).
        new("* Sites/Archive/{id:guid}", true, c => Task.FromResult(Get($"/Sites/Archive/{c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Systems/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Systems/Edit/{c.W.SystemId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Systems/Create", true, c => Task.FromResult(Get($"/Systems/Create?siteId={c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Devices/Create", true, c => Task.FromResult(Get($"/Devices/Create?siteId={c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Acts/Create", true, c => Task.FromResult(Get($"/Acts/Create?siteId={c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),

        // —— Import and export ——
        // A dry run of a one-site CSV into the world's unit. A unit the caller cannot see is "not found" in the import report, a 400 that imports nothing (docs/import.md).
        new("POST /api/import", true, c => Task.FromResult(Import(c)),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200  200  400
            police-city     200  400  400
            police-county   200  400  400
            police-county-b 400  200  400
            unit-admin-a    200  400  400
            unit-operator-a 403  403  403
            unit-admin-b    400  200  400
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        // The findings list as a file, filtered by scope as GET /api/findings is: "+" when the world's site is in the CSV.
        new("GET /api/findings/export", true, c => Task.FromResult(Get($"/api/findings/export?format=csv&site={c.W.SiteId}")),
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
            """,
            (csv, w) => csv.GetString()!.Contains(w.SiteName, StringComparison.Ordinal)),

        // The registry's and the consoles' lists as files, filtered by scope as their lists are: "+" when the world's row is in the CSV
        // (its identifier, the last column, so an echoed filter is no proof).
        new("GET /api/sites/export", true, c => Task.FromResult(Get($"/api/sites/export?format=csv&search={Uri.EscapeDataString(c.W.SiteName)}")),
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
            """,
            (csv, w) => csv.GetString()!.Contains(w.SiteId.ToString(), StringComparison.Ordinal)),
        new("GET /api/units/export", true, c => Task.FromResult(Get($"/api/units/export?format=csv&search={Uri.EscapeDataString(c.W.UnitName)}")),
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
            """,
            (csv, w) => csv.GetString()!.Contains(w.UnitId.ToString(), StringComparison.Ordinal)),
        new("GET /api/alarms/export", true, async c => Get($"/api/alarms/export?format=csv&system={(await c.AlarmsAsync()).WatchedSystem}"),
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
            """,
            (csv, _) => HasDataRow(csv.GetString()!)), // the filter is the world's system: any row is the world's
        new("GET /api/audit/entries/export", true, c => Task.FromResult(Get($"/api/audit/entries/export?format=csv&action=site.created&subject=site:{c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (csv, w) => csv.GetString()!.Contains($"site:{w.SiteId}", StringComparison.Ordinal)),

        // —— Audit log (issue 4: the audit branch) ——
        // Police and administrators read the log; police only their jurisdiction's entries (the query filter on AuditEntry),
        // so another county's entry is 404 and absent from lists. The world's record is the entry "site.created" of its site.
        new("GET /api/audit/entries", true, c => Task.FromResult(Get($"/api/audit/entries?action=site.created&subject=site:{c.W.SiteId}")),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    403  403  403
            unit-operator-a 403  403  403
            unit-admin-b    403  403  403
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200+ 200+ 200+
            """,
            (page, w) => page.Items().Any(i => i.GetProperty("subject").GetString() == $"site:{w.SiteId}")),
        new("GET /api/audit/entries/{index:long}", true, async c => Get($"/api/audit/entries/{await AuditMatrix.SiteCreatedIndexAsync(c)}"), AuditEntryTable),
        new("GET /api/audit/entries/{index:long}/proof", true, async c => Get($"/api/audit/entries/{await AuditMatrix.SiteCreatedIndexAsync(c)}/proof"), AuditEntryTable),
        new("GET /api/audit/tree-heads", false, c => Task.FromResult(Get("/api/audit/tree-heads")), SuperviseOnly),
        new("GET /api/audit/tree-heads/export", false, c => Task.FromResult(Get("/api/audit/tree-heads/export")), SuperviseOnly),
        new("GET /api/audit/consistency", false, c => Task.FromResult(Get("/api/audit/consistency?first=1&second=2")), SuperviseOnly),
        // The public key is public: anyone checks signed tree heads with it.
        new("GET /api/audit/public-key", false, c => Task.FromResult(Get("/api/audit/public-key")), Everyone200),
        new("* Audit", true, c => Task.FromResult(Get($"/Audit?subject=site:{c.W.SiteId}")), AuditPageTable,
            (html, w) => html.GetString()!.Contains($"href=\"/Sites/Details/{w.SiteId}\"", StringComparison.Ordinal)),
        new("* Audit/Index", true, c => Task.FromResult(Get($"/Audit/Index?subject=site:{c.W.SiteId}")), AuditPageTable,
            (html, w) => html.GetString()!.Contains($"href=\"/Sites/Details/{w.SiteId}\"", StringComparison.Ordinal)),
        new("* Audit/Entry/{index:long}", true, async c => Get($"/Audit/Entry/{await AuditMatrix.SiteCreatedIndexAsync(c)}"),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    302D 302D 302D
            unit-operator-a 302D 302D 302D
            unit-admin-b    302D 302D 302D
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Audit/TreeHeads", false, c => Task.FromResult(Get("/Audit/TreeHeads")),
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
            platform-admin  200
            """),
        // —— end of the audit log block ——

        // ====== Alarm networking (issue 5): credentials, intake, handling, the stream, the watch, maintenance, pages ======
        new("GET /api/systems/{systemId:guid}/alarm-credentials", true, c => Task.FromResult(Get($"/api/systems/{c.W.SystemId}/alarm-credentials")),
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
            """),
        new("POST /api/systems/{systemId:guid}/alarm-credentials", true, c => Task.FromResult(Post($"/api/systems/{c.W.SystemId}/alarm-credentials", new { label = "矩阵网关" })),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  404
            police-city     201  404  404
            police-county   201  404  404
            police-county-b 404  201  404
            unit-admin-a    201  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  201  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("POST /api/alarm-credentials/{id:guid}/rotate", true, async c => Post($"/api/alarm-credentials/{await c.FreshCredentialAsync()}/rotate"),
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
            """),
        new("POST /api/alarm-credentials/{id:guid}/revoke", true, async c => Post($"/api/alarm-credentials/{await c.FreshCredentialAsync()}/revoke"),
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
            """),
        // Intake takes a system's key (X-Api-Key), never a user's sign-in: every user is 401 there.
        new("POST /api/intake/alarms", false, c => Task.FromResult(Post("/api/intake/alarms", new { id = "M-1", device = "d", time = "2026-06-01T01:00:00Z", type = "intrusion", priority = "high" })),
            """
            caller          -
            anonymous       401
            police-province 401
            police-city     401
            police-county   401
            police-county-b 401
            unit-admin-a    401
            unit-operator-a 401
            unit-admin-b    401
            unit-operator-b 401
            contractor      401
            testing-agency  401
            citizen         401
            platform-admin  401
            """),
        new("POST /api/intake/heartbeats", false, c => Task.FromResult(Post("/api/intake/heartbeats")),
            """
            caller          -
            anonymous       401
            police-province 401
            police-city     401
            police-county   401
            police-county-b 401
            unit-admin-a    401
            unit-operator-a 401
            unit-admin-b    401
            unit-operator-b 401
            contractor      401
            testing-agency  401
            citizen         401
            platform-admin  401
            """),
        // Mapped only with Alarms:NoopEndpoint (on in the test fixture): the benchmark's reference, authenticated like the intake.
        new("POST /api/intake/noop", false, c => Task.FromResult(Post("/api/intake/noop", new { id = "M-1", device = "d", time = "2026-06-01T01:00:00Z", type = "intrusion", priority = "high" })),
            """
            caller          -
            anonymous       401
            police-province 401
            police-city     401
            police-county   401
            police-county-b 401
            unit-admin-a    401
            unit-operator-a 401
            unit-admin-b    401
            unit-operator-b 401
            contractor      401
            testing-agency  401
            citizen         401
            platform-admin  401
            """),
        new("GET /api/alarms", true, async c => Get($"/api/alarms?system={(await c.AlarmsAsync()).WatchedSystem}"),
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
            """,
            (page, w) => page.Items().Any()),
        // The live stream, probed (seconds=0 ends it after "ready").
        new("GET /api/alarms/stream", false, c => Task.FromResult(Get("/api/alarms/stream?seconds=0")),
            """
            caller          -
            anonymous       401
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      403
            testing-agency  403
            citizen         403
            platform-admin  200
            """),
        new("GET /api/alarms/{id:guid}", true, async c => Get($"/api/alarms/{(await c.AlarmsAsync()).ListedAlarm}"),
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
            """),
        // Confirming and dismissing are the unit's (province art. 14 ¶2); acknowledging the police's, at the level the alarm has reached (409 above it).
        new("POST /api/alarms/{id:guid}/confirm", true, async c => Post($"/api/alarms/{await c.FreshAlarmAsync()}/confirm"),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 403  403  403
            police-city     403  403  403
            police-county   403  403  403
            police-county-b 403  403  403
            unit-admin-a    200  404  404
            unit-operator-a 200  404  404
            unit-admin-b    404  200  404
            unit-operator-b 404  200  404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        new("POST /api/alarms/{id:guid}/dismiss", true, async c => Post($"/api/alarms/{await c.FreshAlarmAsync()}/dismiss", new { reason = "矩阵误报" }),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 403  403  403
            police-city     403  403  403
            police-county   403  403  403
            police-county-b 403  403  403
            unit-admin-a    200  404  404
            unit-operator-a 200  404  404
            unit-admin-b    404  200  404
            unit-operator-b 404  200  404
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  200  200  200
            """),
        new("POST /api/alarms/{id:guid}/acknowledge", true, async c => Post($"/api/alarms/{await c.FreshReportedAlarmAsync()}/acknowledge"),
            CountyPolice),
        new("POST /api/alarms/{id:guid}/outcome", true, async c => Post($"/api/alarms/{await c.FreshAcknowledgedAlarmAsync()}/outcome", new { outcome = "dispatched", note = "矩阵出警" }),
            CountyPolice),
        new("GET /api/system-watch", true, async c => Get($"/api/system-watch?system={(await c.AlarmsAsync()).WatchedSystem}"),
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
            """,
            (page, w) => page.Items().Any()),
        new("GET /api/alarm-alerts", true, async c => Get($"/api/alarm-alerts?system={(await c.AlarmsAsync()).WatchedSystem}"),
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
            """,
            (page, w) => page.Items().Any()),
        new("GET /api/systems/{systemId:guid}/maintenance", true, c => Task.FromResult(Get($"/api/systems/{c.W.SystemId}/maintenance")),
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
            """),
        new("POST /api/systems/{systemId:guid}/maintenance", true, c => Task.FromResult(Post($"/api/systems/{c.W.SystemId}/maintenance", new { from = c.Fixture.Time.GetUtcNow().AddHours(1), until = c.Fixture.Time.GetUtcNow().AddHours(2), reason = "矩阵维护" })),
            """
            caller          A    B    P
            anonymous       401  401  401
            police-province 201  201  404
            police-city     201  404  404
            police-county   201  404  404
            police-county-b 404  201  404
            unit-admin-a    201  404  404
            unit-operator-a 403  403  403
            unit-admin-b    404  201  404
            unit-operator-b 403  403  403
            contractor      403  403  403
            testing-agency  403  403  403
            citizen         403  403  403
            platform-admin  201  201  201
            """),
        new("* Alarms", false, c => Task.FromResult(Get("/Alarms")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Alarms/Index", false, c => Task.FromResult(Get("/Alarms/Index")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Alarms/Police", false, c => Task.FromResult(Get("/Alarms/Police")),
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
        new("* Alarms/Details/{id:guid}", true, async c => Get($"/Alarms/Details/{(await c.AlarmsAsync()).ListedAlarm}"),
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
            """),
        new("* Alarms/Systems", false, c => Task.FromResult(Get("/Alarms/Systems")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Alarms/System/{systemId:guid}", true, c => Task.FromResult(Get($"/Alarms/System/{c.W.SystemId}")),
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
            """),
        new("GET /js/alarms.js", false, c => Task.FromResult(Get("/js/alarms.js")),
Everyone200),
        // ====== end of alarm networking ======

        // —— Outside the API: open to everyone (the pages ask for sign-in themselves; these three are the sign-in pages) ——
        new("GET /openapi/{documentName}.json", false, c => Task.FromResult(Get("/openapi/v1.json")), Everyone200),
        new("GET /css/site.css", false, c => Task.FromResult(Get("/css/site.css")), Everyone200),
        new("GET /favicon.ico", false, c => Task.FromResult(Get("/favicon.ico")), Everyone200),
        new("GET /favicon.svg", false, c => Task.FromResult(Get("/favicon.svg")), Everyone200),
        new("GET /js/import.js", false, c => Task.FromResult(Get("/js/import.js")), Everyone200),
        new("GET /js/portal.js", false, c => Task.FromResult(Get("/js/portal.js")), Everyone200),
        new("GET /healthz", false, c => Task.FromResult(Get("/healthz")), Everyone200),
        new("GET /scalar/scalar.js", false, c => Task.FromResult(Get("/scalar/scalar.js")), Everyone200),
        new("GET /scalar/scalar.aspnetcore.js", false, c => Task.FromResult(Get("/scalar/scalar.aspnetcore.js")), Everyone200),
        new("GET /scalar/favicon.svg", false, c => Task.FromResult(Get("/scalar/favicon.svg")), Everyone200),
        new("GET /scalar/{documentName?}", false, c => Task.FromResult(Get("/scalar/v1")), Everyone200),
        new("* Account/Login", false, c => Task.FromResult(Get("/Account/Login")), Everyone200),
        // 403 on purpose, for everyone (issue 10): the page says which permission was lacking, when the refusal named one; a role
        // without registry access is pointed from there to what it can do (it was sent to the guide without a word).
        new("* Account/Denied", false, c => Task.FromResult(Get("/Account/Denied")), Everyone403),
        // The Chinese error page (issue 10), which the status-code pages and the exception handler re-execute for pages.
        new("* Error/{code:int?}", false, c => Task.FromResult(Get("/Error/404")), Everyone404),
        // GET /Account/Logout only sends people home; signing out is a POST with the antiforgery token.
        new("* Account/Logout", false, c => Task.FromResult(Get("/Account/Logout")),
            """
            caller          -
            anonymous       302
            police-province 302
            police-city     302
            police-county   302
            police-county-b 302
            unit-admin-a    302
            unit-operator-a 302
            unit-admin-b    302
            unit-operator-b 302
            contractor      302
            testing-agency  302
            citizen         302
            platform-admin  302
            """),
        // The registries' pages.
        new("* Products", false, c => Task.FromResult(Get("/Products")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Products/Index", false, c => Task.FromResult(Get("/Products/Index")),
            """
            caller          -
            anonymous       302L
            police-province 200
            police-city     200
            police-county   200
            police-county-b 200
            unit-admin-a    200
            unit-operator-a 200
            unit-admin-b    200
            unit-operator-b 200
            contractor      302D
            testing-agency  302D
            citizen         302D
            platform-admin  200
            """),
        new("* Products/Create", false, c => Task.FromResult(Get("/Products/Create")),
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
            platform-admin  200
            """),
        new("* Products/Edit/{id:guid}", false, c => Task.FromResult(Get($"/Products/Edit/{c.Fixture.A.ProductId}")),
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
            platform-admin  200
            """),
        new("* Contractors", true, c => Task.FromResult(Get($"/Contractors?search={Uri.EscapeDataString(c.W.ContractorName)}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    200+ 200+ 200+
            unit-operator-a 200+ 200+ 200+
            unit-admin-b    200+ 200+ 200+
            unit-operator-b 200+ 200+ 200+
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200+ 200+ 200+
            """,
            (html, w) => html.GetString()!.Contains($"/Personnel?contractor={w.ContractorId}", StringComparison.Ordinal)),
        new("* Contractors/Index", true, c => Task.FromResult(Get($"/Contractors/Index?search={Uri.EscapeDataString(c.W.ContractorName)}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200+ 200+ 200-
            police-city     200+ 200- 200-
            police-county   200+ 200- 200-
            police-county-b 200- 200+ 200-
            unit-admin-a    200+ 200+ 200+
            unit-operator-a 200+ 200+ 200+
            unit-admin-b    200+ 200+ 200+
            unit-operator-b 200+ 200+ 200+
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200+ 200+ 200+
            """,
            (html, w) => html.GetString()!.Contains($"/Personnel?contractor={w.ContractorId}", StringComparison.Ordinal)),
        new("* Contractors/Create", false, c => Task.FromResult(Get("/Contractors/Create")),
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
            platform-admin  200
            """),
        new("* Contractors/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Contractors/Edit/{c.W.ContractorId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    302D 302D 302D
            unit-operator-a 302D 302D 302D
            unit-admin-b    302D 302D 302D
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),
        new("* Personnel", true, c => Task.FromResult(Get($"/Personnel?unit={c.W.UnitId}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"person-{w.PersonId}", StringComparison.Ordinal)),
        new("* Personnel/Index", true, c => Task.FromResult(Get($"/Personnel/Index?unit={c.W.UnitId}")),
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
            """,
            (html, w) => html.GetString()!.Contains($"person-{w.PersonId}", StringComparison.Ordinal)),
        new("* Personnel/Create", false, c => Task.FromResult(Get("/Personnel/Create")),
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
        new("* Personnel/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Personnel/Edit/{c.W.PersonId}")),
            """
            caller          A    B    P
            anonymous       302L 302L 302L
            police-province 200  200  404
            police-city     200  404  404
            police-county   200  404  404
            police-county-b 404  200  404
            unit-admin-a    200  404  404
            unit-operator-a 302D 302D 302D
            unit-admin-b    404  200  404
            unit-operator-b 302D 302D 302D
            contractor      302D 302D 302D
            testing-agency  302D 302D 302D
            citizen         302D 302D 302D
            platform-admin  200  200  200
            """),

        // —— Records and access (issue 4): the lines are in RecordsAccessMatrix.cs ——
        .. RecordsAccessMatrix.Endpoints,
        .. UsersMatrix.Endpoints,

        // —— Registry pages added in issue 10 (edit and archive units and devices…): RegistryPagesMatrix.cs ——
        .. RegistryPagesMatrix.Endpoints,

        // —— 备案 (issue 11): FilingMatrix.cs ——
        .. FilingMatrix.Endpoints,
        // —— 建设项目 (issue 12): the API in ProjectMatrix.cs, the pages in ProjectPagesMatrix.cs ——
        .. ProjectMatrix.Endpoints,
        .. ProjectPagesMatrix.Endpoints,
        .. CompareMatrix.Endpoints,
        .. ReportsMatrix.Endpoints,
        // —— Build projects' registries and party accounts (issue 12): ProjectRegistriesMatrix.cs ——
        .. ProjectRegistriesMatrix.Endpoints,
    ];

    /// <summary>
    /// A step of the police on an alarm at the county (签收 an alarm reported to it, 处警反馈 on one it signed for): its county
    /// police; the city and province are another level (409), other counties do not see it (404), nobody else is police (403).
    /// </summary>
    private const string CountyPolice =
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

    // —— Audit log (issue 4: the audit branch) ——
    private const string AuditEntryTable =
        """
        caller          A    B    P
        anonymous       401  401  401
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    403  403  403
        unit-operator-a 403  403  403
        unit-admin-b    403  403  403
        unit-operator-b 403  403  403
        contractor      403  403  403
        testing-agency  403  403  403
        citizen         403  403  403
        platform-admin  200  200  200
        """;

    private const string AuditPageTable =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200+ 200+ 200-
        police-city     200+ 200- 200-
        police-county   200+ 200- 200-
        police-county-b 200- 200+ 200-
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  200+ 200+ 200+
        """;

    private const string SuperviseOnly =
        """
        caller          -
        anonymous       401
        police-province 200
        police-city     200
        police-county   200
        police-county-b 200
        unit-admin-a    403
        unit-operator-a 403
        unit-admin-b    403
        unit-operator-b 403
        contractor      403
        testing-agency  403
        citizen         403
        platform-admin  200
        """;

    // —— end of the audit log block ——

    /// <summary>POST /api/import: a one-site CSV (as docs/examples/sites.csv) into the world's unit and division, a dry run unless asked.</summary>
    public static HttpRequestMessage Import(MatrixCall c, bool dryRun = true)
    {
        var csv = "场所编号,场所名称,单位统一社会信用代码,单位名称,行政区划代码,地址,场所类别,部位,公共区域,大型,城镇,涉及国家秘密,存放重要物品\n"
            + $"M001,{c.Unique("矩阵导入场所")},,,{c.W.Division},矩阵路 1 号,hotel,main-entrance;passage;common-area,否,否,是,否,否\n";
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent
        {
            { file, "file", "sites.csv" },
            { new StringContent(c.W.UnitId.ToString()), "unit" },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
        };
        return new HttpRequestMessage(HttpMethod.Post, "/api/import") { Content = form };
    }

    public static MatrixEndpoint Find(string key) => Endpoints.Single(e => e.Key == key);
}
