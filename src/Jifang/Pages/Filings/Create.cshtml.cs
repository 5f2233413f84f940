using Jifang.Features.Filing;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Filings;

/// <summary>
/// 办理备案 (or 备案变更) of one system: the facts the platform fills from the registry (第十四条第三款), which the unit checks
/// (correcting the registry where they are wrong) and confirms as true (第十四条第二款) before it submits them.
/// </summary>
[Authorize(Policy = Policies.FilingSubmit)]
public sealed class CreateModel(FilingService filings, IAuthorizationService authorization) : SignedInPageModel
{
    public FiledFacts Facts { get; private set; } = null!;

    public Guid SystemId { get; private set; }

    public Guid SiteId { get; private set; }

    public FilingSystemDto Row { get; private set; } = null!;

    [BindProperty] public bool Confirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该系统");

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.FilingSubmit)).Succeeded)
        {
            return Lacking(Policies.FilingSubmit);
        }
        switch ((await FilingApi.Create(new FilingInput(id, Confirmed), User, filings, ct)).Result)
        {
            case Created<FilingDto> created:
                TempData["Notice"] = $"已提交{created.Value!.KindLabel}，待所在地县级公安机关审核。";
                return Redirect($"/Filings/Details/{created.Value.Id}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                break;
            case ProblemHttpResult { StatusCode: StatusCodes.Status403Forbidden }:
                return FormErrors.NotFoundPage("该系统");
            case ProblemHttpResult problem:
                ModelState.AddProblem(problem);
                break;
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该系统");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await filings.CurrentAsync(id, ct) is not { } current || !FiledFacts.IsVideo(current.System))
        {
            return false;
        }
        (SystemId, SiteId, Facts) = (id, current.System.SiteId, current.Facts);
        Row = (await filings.SystemsAsync(current.System.SiteId, id, ct)).Single();
        return true;
    }
}
