using Jifang.Features.Identity;

namespace Jifang.Tests.Infrastructure;

/// <summary>Which of the fixture's units a unit user belongs to.</summary>
public enum UnitKey { None, A, B }

/// <summary>
/// A user the fixture creates through UserManager (or <see cref="Callers.Anonymous"/>, who has no account).
/// Police users carry a division code; unit users belong to unit A (division 150102) or unit B (150203).
/// </summary>
public sealed record Caller(string Key, string? Role, string? Division = null, UnitKey Unit = UnitKey.None)
{
    public const string Password = "jifang-test-pass-1";

    public bool IsAnonymous => Role is null;

    public override string ToString() => Key;
}

/// <summary>Every caller of the tests: anonymous and one user of every role, inside and outside division 150102 and unit A.</summary>
public static class Callers
{
    public static readonly Caller Anonymous = new("anonymous", null);
    public static readonly Caller PoliceProvince = new("police-province", Roles.PoliceProvince, "150102");
    public static readonly Caller PoliceCity = new("police-city", Roles.PoliceCity, "150102");
    public static readonly Caller PoliceCounty = new("police-county", Roles.PoliceCounty, "150102");
    /// <summary>County police of another county (150203): unit B's county, outside 150102.</summary>
    public static readonly Caller PoliceCountyB = new("police-county-b", Roles.PoliceCounty, "150203");
    public static readonly Caller UnitAdminA = new("unit-admin-a", Roles.UnitAdmin, Unit: UnitKey.A);
    public static readonly Caller UnitOperatorA = new("unit-operator-a", Roles.UnitOperator, Unit: UnitKey.A);
    public static readonly Caller UnitAdminB = new("unit-admin-b", Roles.UnitAdmin, Unit: UnitKey.B);
    public static readonly Caller UnitOperatorB = new("unit-operator-b", Roles.UnitOperator, Unit: UnitKey.B);
    /// <summary>The account of world A's contractor (its party, bound by the fixture once the worlds exist).</summary>
    public static readonly Caller Contractor = new("contractor", Roles.Contractor);
    /// <summary>The account of world A's testing agency (its party, bound by the fixture once the worlds exist).</summary>
    public static readonly Caller TestingAgency = new("testing-agency", Roles.TestingAgency);
    public static readonly Caller Citizen = new("citizen", Roles.Citizen);
    public static readonly Caller PlatformAdmin = new("platform-admin", Roles.PlatformAdmin);

    /// <summary>All callers, anonymous first; the authorization matrix has one row for each.</summary>
    public static readonly IReadOnlyList<Caller> All =
    [
        Anonymous, PoliceProvince, PoliceCity, PoliceCounty, PoliceCountyB, UnitAdminA, UnitOperatorA, UnitAdminB, UnitOperatorB,
        Contractor, TestingAgency, Citizen, PlatformAdmin,
    ];

    public static IEnumerable<Caller> Users => All.Where(c => !c.IsAnonymous);

    public static Caller Get(string key) => All.Single(c => c.Key == key);
}
