using Jifang.Features.Identity;
using Jifang.Features.Reports;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Jifang.Pages.Reports;

/// <summary>The 举报 the police of a jurisdiction have received (their scope: a county officer sees his county's only), newest first.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel(ReportService reports) : SignedInPageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<CitizenReport> Items { get; private set; } = [];

    public int Total { get; private set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "state", SupportsGet = true)][Text(20)] public string? State { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var state = ReportStates.All.Contains(State) ? State : null;
        (Items, Total) = await reports.ListAsync(state, PageNumber, PageSize, ct);
    }
}
