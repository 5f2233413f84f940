using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Identity;

/// <summary>Adds the user's division code, unit and display name to the principal at sign-in.</summary>
public sealed class JifangClaimsFactory(
    UserManager<JifangUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<JifangUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JifangUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DivisionCode is { } division)
        {
            identity.AddClaim(new Claim(Scope.DivisionClaim, division));
        }
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(Scope.UnitClaim, unit.ToString()));
        }
        if (user.PartyId is { } party)
        {
            identity.AddClaim(new Claim(Scope.PartyClaim, party.ToString()));
        }
        identity.AddClaim(new Claim("jifang:name", user.DisplayName));
        return identity;
    }
}
