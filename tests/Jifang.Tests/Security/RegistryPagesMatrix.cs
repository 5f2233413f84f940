using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// The authorization matrix's lines for the registry pages that edit and archive units and devices (issue 10: every registry
/// object creatable, editable and archivable in the pages), in the notation of <see cref="MatrixEndpoint"/>.
/// </summary>
public static class RegistryPagesMatrix
{
    /// <summary>A record of the world's, shown to registry writers in their scope: outside it 404, never shown.</summary>
    private const string WriteInScope =
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
        """;

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("* Devices/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Devices/Edit/{c.W.DeviceId}")), WriteInScope),
        // A unit's own administrator edits it (not its division code); police of its division too.
        new("* Units/Edit/{id:guid}", true, c => Task.FromResult(Get($"/Units/Edit/{c.W.UnitId}")), WriteInScope),
        // GET asks for confirmation (the archiving is the POST, as POST /api/units/{id}/archive): police and administrators only.
        new("* Units/Archive/{id:guid}", true, c => Task.FromResult(Get($"/Units/Archive/{c.W.UnitId}")),
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
    ];
}
