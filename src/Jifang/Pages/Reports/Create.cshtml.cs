using Jifang.Features.Reports;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Reports;

/// <summary>The 举报 form, as posted.</summary>
public sealed class ReportForm
{
    [Text(6)] public string? DivisionCode { get; set; }
    [Text(ReportLimits.Place)] public string? Place { get; set; }
    [Text(ReportLimits.Installed)] public string? Installed { get; set; }
    [Text(10)] public string? Provision { get; set; }
    [Text(ReportLimits.Description, MultiLine = true)] public string? Description { get; set; }
    [Text(ReportLimits.Contact)] public string? Contact { get; set; }
}

/// <summary>
/// 举报 (national 第二十四条第二款): open to everyone, signed in or not, rate-limited per client like the portal. Submitting
/// gives a receipt number, the only key to the report's status and answer.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ReportsModule.Limiter)]
public sealed class CreateModel(ReportService reports, ReportProvisions provisions) : PageModel
{
    [BindProperty] public ReportForm Input { get; set; } = new();

    public ReportProvisions Provisions => provisions;

    public CitizenReport? Submitted { get; private set; }

    public void OnGet() => ModelState.Clear();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await reports.SubmitAsync(new ReportInput
        {
            DivisionCode = Input.DivisionCode, Place = Input.Place, Installed = Input.Installed, Provision = Input.Provision,
            Description = Input.Description, Contact = Input.Contact,
        }, ct);
        foreach (var (key, messages) in outcome.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var m in messages)
            {
                ModelState.AddModelError(FormErrors.FormKey(key), m);
            }
        }
        Submitted = outcome.Report;
        return Page();
    }
}
