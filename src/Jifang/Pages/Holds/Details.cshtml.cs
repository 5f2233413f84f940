using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Jifang.Infrastructure;

namespace Jifang.Pages.Holds;

/// <summary>One hold: its records and steps; confirm, propose release, confirm release (each a second person's step where it must be).</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(JifangDbContext db, AuditTrail audit, TimeProvider time, IAuthorizationService authorization) : SignedInPageModel
{
    public HoldDto Hold { get; private set; } = null!;

    public bool CanAct { get; private set; }

    /// <summary>Whether the user may propose or confirm the release (a police hold: police covering the organ that placed it).</summary>
    public bool CanRelease { get; private set; }

    [BindProperty, Text(1000, MultiLine = true)] public string? ReleaseReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该证据保全");

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async () => (await HoldsApi.Confirm(id, User, db, audit, time, ct)).Result, "证据保全已确认生效。", ct);

    public Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async () => (await HoldsApi.ProposeRelease(id, new HoldReleaseRequest(ReleaseReason), User, db, audit, time, ct)).Result, "已提出解除，须由另一名授权人员确认。", ct);

    public Task<IActionResult> OnPostConfirmReleaseAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async () => (await HoldsApi.ConfirmRelease(id, User, db, audit, time, ct)).Result, "证据保全已解除。", ct);

    private async Task<IActionResult> StepAsync(Guid id, Func<Task<IResult>> step, string notice, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RecordsHold)).Succeeded)
        {
            return Lacking(Policies.RecordsHold);
        }
        switch (await step())
        {
            case Ok<HoldDto>:
                TempData["Notice"] = notice;
                return Redirect($"/Holds/Details/{id}");
            case ValidationProblem invalid:
                foreach (var m in invalid.ProblemDetails.Errors.SelectMany(e => e.Value))
                {
                    ModelState.AddModelError(nameof(ReleaseReason), m);
                }
                break;
            case ProblemHttpResult problem:
                ModelState.AddModelError("", $"{problem.ProblemDetails.Title}：{problem.ProblemDetails.Detail}");
                break;
            case Microsoft.AspNetCore.Http.HttpResults.NotFound:
                return FormErrors.NotFoundPage("该证据保全");
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该证据保全");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await HoldsApi.Get(id, db, ct)).Result is not Ok<HoldDto> ok)
        {
            return false;
        }
        Hold = ok.Value!;
        CanAct = (await authorization.AuthorizeAsync(User, Policies.RecordsHold)).Succeeded;
        CanRelease = CanAct && HoldAuthority.MayRelease(Hold.PoliceHold, Hold.PlacedByDivision, User);
        return true;
    }
}
