using Jifang.Features.Identity;
using Jifang.Features.Reports;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Reports;

/// <summary>One 举报 for the police of its county: what was reported, the provision with its words, and the steps 受理, 已处理 (answer), 不予受理 (reason).</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class DetailsModel(ReportService reports, ReportProvisions provisions) : SignedInPageModel
{
    public CitizenReport Report { get; private set; } = null!;

    public ReportProvision? Provision => provisions.Of(Report.Provision);

    public ReportProvisions Provisions => provisions;

    /// <summary>The written answer (已处理) or the reason (不予受理).</summary>
    [BindProperty][Text(ReportLimits.Answer, MultiLine = true)] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await reports.GetAsync(id, ct) is not { } report)
        {
            return FormErrors.NotFoundPage("该举报");
        }
        Report = report;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) => Step(id, reports.AcceptAsync(id, ct), ct);

    public Task<IActionResult> OnPostHandleAsync(Guid id, CancellationToken ct) => Step(id, reports.CloseAsync(id, handled: true, Text, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) => Step(id, reports.CloseAsync(id, handled: false, Text, ct), ct);

    private async Task<IActionResult> Step(Guid id, Task<ReportOutcome?> step, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await step;
        if (outcome is null)
        {
            return FormErrors.NotFoundPage("该举报");
        }
        if (outcome.Errors is { } errors)
        {
            foreach (var (key, messages) in errors)
            {
                foreach (var m in messages)
                {
                    ModelState.AddModelError(key == "state" ? "" : nameof(Text), m);
                }
            }
            Report = (await reports.GetAsync(id, ct))!;
            return Page();
        }
        TempData["Notice"] = $"举报 {outcome.Report!.Number} {ReportStates.Label(outcome.Report.State)}。";
        return Redirect($"/Reports/Details/{id}");
    }
}
