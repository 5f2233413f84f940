using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Contractors;

/// <summary>编辑从业单位 and 归档: the same handlers as PUT /api/contractors/{id} and POST /api/contractors/{id}/archive.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EditModel(JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time)
    : ContractorFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public ContractorDto Contractor { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该从业单位");
        }
        Input = ContractorForm.From(Contractor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该从业单位");
        }
        if (ReadForm() is { } request && Handle((await ContractorsApi.Update(id, request, Db, Validator, Time, Audit, ct)).Result, "保存") is { } done)
        {
            return done;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该从业单位");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = ContractorForm.From(Contractor);
            return Page();
        }
        switch ((await ContractorsApi.Archive(id, Db, Time, Audit, ct)).Result)
        {
            case NoContent:
                TempData["Notice"] = $"已归档从业单位「{Contractor.Name}」。";
                return Redirect("/Contractors");
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                Input = ContractorForm.From(Contractor);
                return Page();
            default:
                return FormErrors.NotFoundPage("该从业单位");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ContractorsApi.Get(id, Db, ct)).Result is not Ok<ContractorDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Contractor = ok.Value;
        return true;
    }
}
