using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Alarms;

/// <summary>联网状态: the heartbeat status of the systems in one's scope (offline first), and the latest alerts.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class SystemsModel(JifangDbContext db, AlarmLaw law) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<WatchDto> Systems { get; private set; } = null!;

    public Page<AlertDto> Alerts { get; private set; } = null!;

    public int PageCount => Math.Max(1, (Systems.Total + Systems.PageSize - 1) / Systems.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var state = State is AlarmCodes.Online or AlarmCodes.Offline or AlarmCodes.Maintenance ? State : null;
        Systems = (await WatchApi.List(db, state, null, null, PageNumber, 50, ct)).Value!;
        Alerts = (await WatchApi.Alerts(db, law, null, null, 1, 20, ct)).Value!;
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Alarms/Systems", new Dictionary<string, string?>
        {
            ["state"] = State ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
