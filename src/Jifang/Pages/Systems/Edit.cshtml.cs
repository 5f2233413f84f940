using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Systems;

/// <summary>编辑技防系统: posts to the same handler as PUT /api/systems/{id}; archiving posts to POST /api/systems/{id}/archive's handler.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(
    JifangDbContext db, IValidator<SystemRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time)
    : SystemFormPage(db, compliance, presenter)
{
    public override string SubmitLabel => "保存";

    public SystemDto Current { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该技防系统");
        }
        Input = SystemForm.From(Current);
        Input.AddSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该技防系统");
        }
        ModelState.ReplaceBindingErrors();
        var request = Input.ToRequest(ModelState, out var rename);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // A project system's lifecycle facts are the workflow's: the form shows them read-only, the request keeps them as they are.
        if (Project is not null && await Db.Systems.FindAsync([id], ct) is { } system)
        {
            request = Features.Projects.ProjectFacts.Keep(system, request);
        }
        var result = await SystemsApi.Update(id, request, Db, validator, Compliance, time, Audit, ct);
        switch (result.Result)
        {
            case Ok<SystemDto> saved:
                TempData["Notice"] = $"已保存技防系统「{saved.Value!.Name}」，场所已重新评判。";
                return Redirect($"/Sites/Details/{Current.SiteId}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid, rename, Labels.ContractorRoleCodesToChinese);
                return Page();
            default:
                return FormErrors.NotFoundPage("该技防系统");
        }
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该技防系统");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = SystemForm.From(Current);
            Input.AddSpareRows();
            return Page();
        }
        var result = await SystemsApi.Archive(id, Db, Compliance, time, ct);
        if (result.Result is not NoContent)
        {
            return FormErrors.NotFoundPage("该技防系统");
        }
        TempData["Notice"] = $"技防系统「{Current.Name}」已归档，场所已重新评判。";
        return Redirect($"/Sites/Details/{Current.SiteId}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await SystemsApi.Get(id, Db, ct)).Result is not Ok<SystemDto> ok)
        {
            return false;
        }
        Current = ok.Value!;
        Project = Current.LifecycleSource == LifecycleSources.Project && Current.BuildProjectId is { } project
            ? new ProjectLink(project, await Db.Projects.IgnoreQueryFilters().Where(p => p.Id == project).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "")
            : null;
        return await LoadSiteAsync(Current.SiteId, ct) is not null;
    }
}
