using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Systems;

/// <summary>添加技防系统 (/Systems/Create?siteId=…): posts to the same handler as POST /api/sites/{siteId}/systems.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(
    JifangDbContext db, IValidator<SystemRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time)
    : SystemFormPage(db, compliance, presenter)
{
    public override string SubmitLabel => "添加技防系统";

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct)
    {
        if (await LoadSiteAsync(siteId, ct) is null)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        Input.AddSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid siteId, CancellationToken ct)
    {
        if (await LoadSiteAsync(siteId, ct) is null)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        ModelState.ReplaceBindingErrors();
        var request = Input.ToRequest(ModelState, out var rename);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await SystemsApi.Create(siteId, request, Db, validator, Compliance, time, Audit, ct);
        switch (result.Result)
        {
            case Created<SystemDto> created:
                TempData["Notice"] = $"已添加技防系统「{created.Value!.Name}」，场所已重新评判。";
                return Redirect($"/Sites/Details/{siteId}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid, rename, Labels.ContractorRoleCodesToChinese);
                return Page();
            default:
                return FormErrors.NotFoundPage("该场所");
        }
    }
}
