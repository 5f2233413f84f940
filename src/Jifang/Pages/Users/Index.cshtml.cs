using Jifang.Features.Identity;
using Jifang.Features.Users;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Users;

/// <summary>用户管理: the accounts the caller manages (<see cref="UserAuthority"/>), filtered and paged by user name.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel(UserAdministration admin) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Division { get; set; }

    /// <summary>"" both, "on" enabled only, "off" disabled only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<UserDto> Users { get; private set; } = null!;

    public IReadOnlyList<string> Grantable => admin.GrantableRoles;

    public int PageCount => Math.Max(1, (Users.Total + Users.PageSize - 1) / Users.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var role = Roles.All.Contains(Role ?? "") ? Role : null;
        var division = Division?.Trim() is { Length: > 0 and <= 6 } d && d.All(char.IsAsciiDigit) ? d : null;
        if (!string.IsNullOrWhiteSpace(Division) && division is null)
        {
            ModelState.AddModelError(nameof(Division), "行政区划代码前缀应为 1 至 6 位数字");
        }
        bool? disabled = State switch { "on" => false, "off" => true, _ => null };
        Users = await admin.ListAsync(Search?.Trim(), role, division, unit: null, disabled, PageNumber, Paging.DefaultSize, ct);
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Users", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["role"] = Role ?? "",
            ["division"] = Division ?? "",
            ["state"] = State ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
