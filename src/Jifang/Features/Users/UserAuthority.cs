using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Users;

/// <summary>
/// Who may manage whose account (the rule of the user pages and of /api/users): the platform administrator every account;
/// a police officer the accounts of the levels below their own inside their jurisdiction — the province the city and
/// county police under its code, the city the county police, and every level the using units' administrators and
/// operators of the units registered in its jurisdiction, and the accounts of the registered parties of its jurisdiction:
/// contractors and testing agencies registered there, experts of its pool. Nobody manages an account of their own level or
/// above, so no officer can grant a role or a scope above their own, nor take over a colleague's account by resetting its
/// password. Citizens and administrators have no division, unit or party: only the administrator manages them.
/// </summary>
public static class UserAuthority
{
    /// <summary>The roles a manager of this scope may see, grant and take away.</summary>
    public static IReadOnlyList<string> Grantable(Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Everything)
        {
            return Roles.All;
        }
        if (!scope.IsPolice)
        {
            return [];
        }
        var level = Roles.PrefixLength(scope.Role);
        return [.. Roles.Police.Where(r => Roles.PrefixLength(r) > level), .. Roles.UnitRoles, .. Roles.PartyRoles];
    }

    /// <summary>Whether the scope may manage users at all (the menu entry, the pages' policy is supervise).</summary>
    public static bool ManagesAny(Scope scope) => Grantable(scope).Count > 0;

    /// <summary>
    /// The accounts the scope manages: of a grantable role, and within its jurisdiction (police by code, unit users by unit,
    /// a party's account by where its contractor or testing agency is registered or its expert's pool lies).
    /// </summary>
    public static IQueryable<JifangUser> Manageable(JifangDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = db.Scope;
        if (scope.Everything)
        {
            return db.Users;
        }
        if (scope.DivisionPrefix is not { } prefix)
        {
            return db.Users.Where(u => false);
        }
        var police = Grantable(scope).Where(r => Roles.Police.Contains(r)).ToList();
        // Units under the scope's query filter: those registered in the jurisdiction.
        return db.Users.Where(u =>
            (police.Contains(u.Role) && u.DivisionCode != null && u.DivisionCode.StartsWith(prefix))
            || ((u.Role == Roles.UnitAdmin || u.Role == Roles.UnitOperator) && u.UnitId != null && db.Units.Any(x => x.Id == u.UnitId))
            // Contractors under the scope's query filter; the two party registries without one are matched by prefix here.
            || (u.Role == Roles.Contractor && u.PartyId != null && db.Contractors.Any(x => x.Id == u.PartyId))
            || (u.Role == Roles.TestingAgency && u.PartyId != null && db.TestingAgencies.Any(x => x.Id == u.PartyId && x.DivisionCode.StartsWith(prefix)))
            || (u.Role == Roles.Expert && u.PartyId != null && db.Experts.Any(x => x.Id == u.PartyId && x.DivisionCode.StartsWith(prefix))));
    }

    /// <summary>Whether the scope may bind an account of this role to this party: the party is registered in its jurisdiction.</summary>
    public static async Task<bool> PartyInScopeAsync(JifangDbContext db, string role, Guid party, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Scope.Everything)
        {
            return true;
        }
        if (db.Scope.DivisionPrefix is not { } prefix)
        {
            return false;
        }
        return role switch
        {
            Roles.Contractor => await db.Contractors.AnyAsync(c => c.Id == party, ct),
            Roles.TestingAgency => await db.TestingAgencies.AnyAsync(a => a.Id == party && a.DivisionCode.StartsWith(prefix), ct),
            Roles.Expert => await db.Experts.AnyAsync(e => e.Id == party && e.DivisionCode.StartsWith(prefix), ct),
            _ => false,
        };
    }

    /// <summary>Whether a police division code lies in the scope (a unit is checked by finding it under the scope's filter).</summary>
    public static bool CoversDivision(Scope scope, string divisionCode)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(divisionCode);
        return scope.Everything || (scope.DivisionPrefix is { } p && divisionCode.StartsWith(p, StringComparison.Ordinal));
    }
}
