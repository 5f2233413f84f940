using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.TestingAgencies;

/// <summary>编辑检测机构 and 归档: the same handlers as PUT /api/testing-agencies/{id} and POST /api/testing-agencies/{id}/archive.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EditModel(JifangDbContext db, IValidator<TestingAgencyRegistration> validator, TimeProvider time)
    : TestingAgencyFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public TestingAgencyDto Agency { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该检测机构");
        }
        Input = TestingAgencyForm.From(Agency);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该检测机构");
        }
        if (ReadForm() is { } request && Handle((await TestingAgenciesApi.Update(id, request, Db, Validator, Time, Audit, ct)).Result, "保存") is { } done)
        {
            return done;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该检测机构");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = TestingAgencyForm.From(Agency);
            return Page();
        }
        switch ((await TestingAgenciesApi.Archive(id, Db, Time, Audit, ct)).Result)
        {
            case NoContent:
                TempData["Notice"] = $"已归档检测机构「{Agency.Name}」。";
                return Redirect("/TestingAgencies");
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                Input = TestingAgencyForm.From(Agency);
                return Page();
            default:
                return FormErrors.NotFoundPage("该检测机构");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // The police edit the agencies registered in their jurisdiction only (they read all of them on the list).
        if ((await TestingAgenciesApi.Get(id, Db, Time, ct)).Result is not Ok<TestingAgencyDto> ok || ok.Value!.Archived
            || !Jifang.Features.Registry.ContractorsApi.Writable(Db.Scope, ok.Value.DivisionCode))
        {
            return false;
        }
        Agency = ok.Value;
        return true;
    }
}
