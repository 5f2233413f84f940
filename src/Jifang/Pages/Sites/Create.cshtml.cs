using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

/// <summary>登记场所: the form posts to the same handler as POST /api/sites.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(JifangDbContext db, IValidator<SiteRequest> validator, ComplianceService compliance, TimeProvider time)
    : SiteFormPage(db, compliance)
{
    public override string SubmitLabel => "登记场所";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadUnitsAsync(null, null, null, ct);
        if (Units.Count == 1)
        {
            Input.UnitId = Units[0].Code;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ReplaceBindingErrors();
        var unitId = ModelState.ParseId("Input.UnitId", Input.UnitId);
        if (ModelState.IsValid)
        {
            var result = await SitesApi.Create(Input.ToRequest(unitId), Db, validator, Compliance, time, ct);
            switch (result.Result)
            {
                case Created<SiteDto> created:
                    TempData["Notice"] = $"已登记场所「{created.Value!.Name}」，评判发现 {created.Value.FindingCount} 项问题。";
                    return Redirect($"/Sites/Details/{created.Value.Id}");
                case ValidationProblem invalid:
                    ModelState.AddApiErrors(invalid);
                    break;
                case ProblemHttpResult refused:
                    ModelState.AddProblem(refused);
                    break;
            }
        }
        await LoadUnitsAsync(null, null, null, ct);
        return Page();
    }
}
