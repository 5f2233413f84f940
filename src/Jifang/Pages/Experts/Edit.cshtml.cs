using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Experts;

/// <summary>编辑专家 and 归档: the same handlers as PUT /api/experts/{id} and POST /api/experts/{id}/archive.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EditModel(JifangDbContext db, IValidator<ExpertRegistration> validator, TimeProvider time)
    : ExpertFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public ExpertDto Expert { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该专家");
        }
        Input = ExpertForm.From(Expert);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该专家");
        }
        if (ReadForm() is { } request && Handle((await ExpertsApi.Update(id, request, Db, Validator, Time, Audit, ct)).Result, "保存") is { } done)
        {
            return done;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该专家");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = ExpertForm.From(Expert);
            return Page();
        }
        switch ((await ExpertsApi.Archive(id, Db, Time, Audit, ct)).Result)
        {
            case NoContent:
                TempData["Notice"] = $"已归档专家「{Expert.Name}」。";
                return Redirect("/Experts");
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                Input = ExpertForm.From(Expert);
                return Page();
            default:
                return FormErrors.NotFoundPage("该专家");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ExpertsApi.Get(id, Db, ct)).Result is not Ok<ExpertDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Expert = ok.Value;
        await LoadChoicesAsync(ct);
        return true;
    }
}
