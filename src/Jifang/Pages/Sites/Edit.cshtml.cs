using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

/// <summary>编辑场所: the form posts to the same handler as PUT /api/sites/{id}; the site is re-judged.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(
    JifangDbContext db, IValidator<SiteRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time)
    : SiteFormPage(db, compliance)
{
    public override string SubmitLabel => "保存";

    public SiteDto Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadSiteAsync(id, ct) is null)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        Input = SiteForm.From(Site);
        await LoadUnitsAsync(Site.UnitId, Site.UnitName, Site.DivisionCode, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadSiteAsync(id, ct) is null)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        ModelState.ReplaceBindingErrors();
        var unitId = ModelState.ParseId("Input.UnitId", Input.UnitId);
        if (ModelState.IsValid)
        {
            var result = await SitesApi.Update(id, Input.ToRequest(unitId), Db, validator, Compliance, time, ct);
            switch (result.Result)
            {
                case Ok<SiteDto> saved:
                    TempData["Notice"] = $"已保存场所「{saved.Value!.Name}」，重新评判发现 {saved.Value.FindingCount} 项问题。";
                    return Redirect($"/Sites/Details/{id}");
                case ValidationProblem invalid:
                    ModelState.AddApiErrors(invalid);
                    break;
                case ProblemHttpResult refused:
                    ModelState.AddProblem(refused);
                    break;
                default:
                    return FormErrors.NotFoundPage("该场所");
            }
        }
        await LoadUnitsAsync(Site.UnitId, Site.UnitName, Site.DivisionCode, ct);
        return Page();
    }

    private async Task<SiteDto?> LoadSiteAsync(Guid id, CancellationToken ct)
    {
        var result = await SitesApi.Get(id, Db, Compliance, presenter, ct);
        if (result.Result is not Ok<SiteDetailDto> ok || ok.Value!.Site.Archived)
        {
            return null;
        }
        Site = ok.Value.Site;
        return Site;
    }
}
