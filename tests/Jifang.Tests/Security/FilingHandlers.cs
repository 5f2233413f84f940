using Jifang.Features.Filing;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of 备案 (issue 11): filing a system (the unit administrator, his unit's systems), accepting and returning
/// (the county police of the filing's place; other police and the administrator lack the permission), resubmitting a returned
/// filing (the unit administrator). Their targets are fresh systems and filings of the world (<see cref="FilingMatrix"/>).
/// </summary>
public static class FilingHandlers
{
    private const string Submit =
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
        platform-admin  302D 302D 302D
        """;

    private const string Decide =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 302D 302D 302D
        police-city     302D 302D 302D
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

    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Filings/Create", true, async c =>
        {
            var system = await c.FreshSystemAsync();
            return Form($"/Filings/Create/{system}", _ => c.AnyAsync<VideoFiling>(f => f.SystemId == system), ("Confirmed", "true"));
        }, Submit),
        new("* POST /Filings/Details?handler=Accept", true, async c =>
        {
            var id = await c.FreshFilingAsync(FilingStates.Pending);
            return Form($"/Filings/Details/{id}?handler=Accept", _ => c.AnyAsync<VideoFiling>(f => f.Id == id && f.State == FilingStates.Accepted));
        }, Decide),
        new("* POST /Filings/Details?handler=Return", true, async c =>
        {
            var id = await c.FreshFilingAsync(FilingStates.Pending);
            return Form($"/Filings/Details/{id}?handler=Return", _ => c.AnyAsync<VideoFiling>(f => f.Id == id && f.State == FilingStates.Returned), ("Reason", "矩阵：信息不全"));
        }, Decide),
        new("* POST /Filings/Details?handler=Resubmit", true, async c =>
        {
            var id = await c.FreshFilingAsync(FilingStates.Returned);
            return Form($"/Filings/Details/{id}?handler=Resubmit", _ => c.AnyAsync<VideoFiling>(f => f.Id == id && f.State == FilingStates.Pending),
                ("Confirmed", "true"), ("Note", "矩阵：已更正"));
        }, Submit),
    ];
}
