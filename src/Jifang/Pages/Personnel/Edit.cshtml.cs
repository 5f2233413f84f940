using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Personnel;

/// <summary>编辑人员 and 归档: the same handlers as PUT /api/personnel/{id} and POST /api/personnel/{id}/archive.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(JifangDbContext db, IValidator<PersonRegistration> validator, TimeProvider time)
    : PersonFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public PersonDto Person { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该人员");
        }
        Input = PersonForm.From(Person);
        await LoadEmployersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该人员");
        }
        if (ReadForm() is { } request && Handle((await PersonnelApi.Update(id, request, Db, Validator, Time, Audit, ct)).Result, "保存") is { } done)
        {
            return done;
        }
        await LoadEmployersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该人员");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = PersonForm.From(Person);
            await LoadEmployersAsync(ct);
            return Page();
        }
        switch ((await PersonnelApi.Archive(id, Db, Time, Audit, ct)).Result)
        {
            case NoContent:
                TempData["Notice"] = $"已归档人员「{Person.Name}」。";
                return Redirect("/Personnel");
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                Input = PersonForm.From(Person);
                await LoadEmployersAsync(ct);
                return Page();
            default:
                return FormErrors.NotFoundPage("该人员");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await PersonnelApi.Get(id, Db, ct)).Result is not Ok<PersonDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Person = ok.Value;
        return true;
    }
}
