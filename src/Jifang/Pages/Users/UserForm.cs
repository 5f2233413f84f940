using Jifang.Features.Identity;
using Jifang.Features.Users;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Jifang.Pages.Users;

/// <summary>The fields of a user's form: the page keeps only the scope fields the chosen role takes (a division code for police, a unit for unit users).</summary>
public sealed class UserForm
{
    [Text(64)]
    public string? UserName { get; set; }

    [Text(50)]
    public string? DisplayName { get; set; }

    [Text(32)]
    public string? Role { get; set; }

    [Text(6)]
    public string? DivisionCode { get; set; }

    /// <summary>The unit chosen in the list (an id, parsed by the page so that a bad one is a Chinese form error).</summary>
    [Text(36)]
    public string? UnitId { get; set; }

    [Text(128)]
    public string? Password { get; set; }

    /// <summary>The contractor, testing agency or expert chosen in the list for a party's account (an id, parsed by the page).</summary>
    [Text(36)]
    public string? PartyId { get; set; }

    public string? Division => Roles.Police.Contains(Role ?? "") ? DivisionCode?.Trim() : null;

    public UserCreation ToCreation(Guid? unit, Guid? party = null) =>
        new(UserName?.Trim(), DisplayName, Role, Division, Roles.UnitRoles.Contains(Role ?? "") ? unit : null, Password, Party(party));

    public UserChange ToChange(Guid? unit, Guid? party = null) =>
        new(DisplayName, Role, Division, Roles.UnitRoles.Contains(Role ?? "") ? unit : null, Party(party));

    private Guid? Party(Guid? party) => Roles.PartyRoles.Contains(Role ?? "") ? party : null;

    public static UserForm From(UserDto user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new() { UserName = user.UserName, DisplayName = user.DisplayName, Role = user.Role, DivisionCode = user.DivisionCode, UnitId = user.UnitId?.ToString(),
            PartyId = user.PartyId?.ToString(),
        };
    }
}

/// <summary>What the user pages share: the form, the lists it chooses from, and how the administration's answer reaches it.</summary>
public abstract class UserFormPage(UserAdministration admin) : SignedInPageModel
{
    protected UserAdministration Admin => admin;

    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> RoleOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> UnitOptions { get; private set; } = [];

    /// <summary>The contractors, testing agencies and experts an account may be bound to, grouped by role.</summary>
    public IReadOnlyList<SelectListItem> PartyOptions { get; private set; } = [];

    /// <summary>The caller's own scope, said in a sentence under the form.</summary>
    public string Jurisdiction => admin.Scope switch
    {
        { Everything: true } => "平台管理员可以管理全部用户。",
        { DivisionPrefix: { } p } => $"您可以管理行政区划代码以 {p} 开头的辖区内低于本级的公安机关用户，以及辖区内使用单位、设计施工单位、检测机构和专家的用户。",
        _ => "",
    };

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        RoleOptions = admin.GrantableRoles.Select(r => new SelectListItem(Roles.Label(r), r)).ToList();
        UnitOptions = (await admin.UnitsAsync(ct)).Select(u => new SelectListItem($"{u.Name}（{u.DivisionCode}）", u.Id.ToString())).ToList();
        var groups = Roles.PartyRoles.ToDictionary(r => r, r => new SelectListGroup { Name = Roles.Label(r) });
        PartyOptions = (await admin.PartiesAsync(ct))
            .Select(p => new SelectListItem($"{p.Name}（{p.DivisionCode}）", p.Id.ToString()) { Group = groups[p.Role] }).ToList();
    }

    /// <summary>The party chosen, or null when none is (or the role takes none, or it is not an id: the error is on the form).</summary>
    protected Guid? ReadParty() =>
        Roles.PartyRoles.Contains(Input.Role ?? "") ? ModelState.ParseId("Input.PartyId", Input.PartyId) : null;

    /// <summary>The unit chosen, or null when none is (or it is not an id: the error is on the form).</summary>
    protected Guid? ReadUnit()
    {
        ModelState.ReplaceBindingErrors();
        return Roles.UnitRoles.Contains(Input.Role ?? "") ? ModelState.ParseId("Input.UnitId", Input.UnitId) : null;
    }
}
