using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

/// <summary>A person who signs in. Police users are bound to a division code, unit users to a unit.</summary>
public sealed class JifangUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Citizen;
    /// <summary>GB/T 2260 code (6 digits) of the police user's jurisdiction.</summary>
    public string? DivisionCode { get; set; }
    public Guid? UnitId { get; set; }
    /// <summary>
    /// For a contractor, testing-agency or expert account: the registered contractor, testing agency or expert it acts for
    /// (Roles.PartyRoles); null otherwise.
    /// </summary>
    public Guid? PartyId { get; set; }
    public DateTime CreatedAt { get; set; }
}
