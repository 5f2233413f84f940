using System.Security.Claims;

namespace Jifang.Features.Identity;

/// <summary>
/// What a user may see and change: everything (platform administrator, system jobs), the sites whose
/// division code starts with a prefix (police), the sites of one unit (unit users), or nothing.
/// Enforced in one place: the DbContext's query filters read the scope of the request.
/// </summary>
public sealed record Scope(string Role, string? DivisionPrefix, Guid? UnitId, bool Everything)
{
    public const string DivisionClaim = "jifang:division";
    public const string UnitClaim = "jifang:unit";
    /// <summary>The registered party a contractor, testing-agency or expert account acts for (its id in that registry).</summary>
    public const string PartyClaim = "jifang:party";

    public static readonly Scope All = new(Roles.PlatformAdmin, null, null, true);
    public static readonly Scope Nothing = new("anonymous", null, null, false);

    public bool IsPolice => DivisionPrefix is not null;

    /// <summary>
    /// A county police scope's whole division code (a prefix of all six digits), else null. The query filters compare it
    /// with <c>=</c> rather than a prefix match: division codes have six digits, so the two agree, and equality lets the
    /// database read a county's sites from the (DivisionCode, Name, Id) index already in the list's order.
    /// </summary>
    public string? Division => DivisionPrefix is { Length: 6 } p ? p : null;

    /// <summary>A province or city police scope's prefix (shorter than six digits), else null: the filters match it with LIKE 'prefix%'.</summary>
    public string? ShortPrefix => DivisionPrefix is { Length: < 6 } p ? p : null;

    public bool IsUnit => UnitId is not null;

    /// <summary>A contractor's account: the registered contractor it acts for (the projects that name it).</summary>
    public Guid? ContractorId { get; init; }

    /// <summary>A testing agency's account: the registered agency (the projects that commissioned it).</summary>
    public Guid? AgencyId { get; init; }

    /// <summary>An expert's account: the expert of the pool (the projects whose panels drew them).</summary>
    public Guid? ExpertId { get; init; }

    /// <summary>Whether a site with this division code and unit lies in scope.</summary>
    public bool Covers(string divisionCode, Guid unitId) =>
        Everything
        || (DivisionPrefix is { } p && divisionCode.StartsWith(p, StringComparison.Ordinal))
        || (UnitId is { } u && u == unitId);

    /// <summary>Whether a unit registered under this division code (and id) lies in scope.</summary>
    public bool CoversUnit(string divisionCode, Guid unitId) => Covers(divisionCode, unitId);

    public static Scope From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Nothing;
        }
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        if (role is null)
        {
            return Nothing;
        }
        if (role == Roles.PlatformAdmin)
        {
            return All;
        }
        if (Roles.Police.Contains(role))
        {
            var division = user.FindFirstValue(DivisionClaim);
            var length = Roles.PrefixLength(role);
            return division is { Length: 6 } ? new Scope(role, division[..length], null, false) : Nothing with { Role = role };
        }
        if (Roles.UnitRoles.Contains(role) && Guid.TryParse(user.FindFirstValue(UnitClaim), out var unit))
        {
            return new Scope(role, null, unit, false);
        }
        if (Roles.PartyRoles.Contains(role) && Guid.TryParse(user.FindFirstValue(PartyClaim), out var party))
        {
            return (Nothing with { Role = role }) with
            {
                ContractorId = role == Roles.Contractor ? party : null,
                AgencyId = role == Roles.TestingAgency ? party : null,
                ExpertId = role == Roles.Expert ? party : null,
            };
        }
        return Nothing with { Role = role };
    }
}
