using Jifang.Features.Reports;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Reports;

/// <summary>The reporter's look-up by receipt number (a POST, so the number stays out of addresses and logs): state and answer, nothing else.</summary>
[AllowAnonymous]
[EnableRateLimiting(ReportsModule.Limiter)]
public sealed class StatusModel(ReportService reports) : PageModel
{
    [BindProperty][Text(40)] public string? Number { get; set; }

    public CitizenReport? Found { get; private set; }

    public void OnGet() => ModelState.Clear();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Number))
        {
            ModelState.AddModelError(nameof(Number), "请填写回执号");
            return Page();
        }
        Found = await reports.LookupAsync(Number, ct);
        if (Found is null)
        {
            ModelState.AddModelError(nameof(Number), "没有这个回执号的举报，请核对后再查");
        }
        return Page();
    }
}
