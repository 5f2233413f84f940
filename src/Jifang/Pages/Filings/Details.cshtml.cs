using Jifang.Features.Filing;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Filings;

/// <summary>
/// One filing: the facts filed, what changed (a change filing), the steps with who, role and when; and the step the user may
/// take: accept or return (the county police of its place), resubmit after correction (the unit, when returned).
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(FilingService filings, IAuthorizationService authorization) : SignedInPageModel
{
    public FilingDto Filing { get; private set; } = null!;

    [BindProperty, Text(1000, MultiLine = true)] public string? Reason { get; set; }

    [BindProperty, Text(500, MultiLine = true)] public string? Note { get; set; }

    [BindProperty] public bool Confirmed { get; set; }

    public bool CanDecide => User.IsInRole(Roles.PoliceCounty) && Scope.From(User).Division == Filing.Facts.DivisionCode && Filing.State == FilingStates.Pending;

    public bool CanResubmit => User.IsInRole(Roles.UnitAdmin) && Filing.State == FilingStates.Returned;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该备案");

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Policies.FilingDecide, async () => (await FilingApi.Accept(id, User, filings, ct)).Result, "已受理备案，回执已生成。", ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Policies.FilingDecide, async () => (await FilingApi.Return(id, new ReturnInput(Reason), User, filings, ct)).Result, "已退回备案，待单位更正后重新提交。", ct);

    public Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Policies.FilingSubmit, async () => (await FilingApi.Resubmit(id, new ResubmitInput(Confirmed, Note), User, filings, ct)).Result, "已重新提交，待公安机关审核。", ct);

    private async Task<IActionResult> StepAsync(Guid id, string policy, Func<Task<IResult>> step, string notice, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Lacking(policy);
        }
        switch (await step())
        {
            case Ok<FilingDto>:
                TempData["Notice"] = notice;
                return Redirect($"/Filings/Details/{id}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid, key => key switch { "reason" => nameof(Reason), "confirmed" => nameof(Confirmed), _ => key });
                break;
            case ProblemHttpResult problem:
                ModelState.AddProblem(problem);
                break;
            default:
                return FormErrors.NotFoundPage("该备案");
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该备案");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await FilingApi.Get(id, filings, ct)).Result is not Ok<FilingDto> ok)
        {
            return false;
        }
        Filing = ok.Value!;
        return true;
    }
}
