using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Personnel;

/// <summary>登记人员: posts to the same handler as POST /api/personnel.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(JifangDbContext db, IValidator<PersonRegistration> validator, TimeProvider time)
    : PersonFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记人员";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Db.Scope.UnitId is { } unit)
        {
            Input.EmployerUnitId = unit.ToString();
        }
        await LoadEmployersAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadForm() is { } request && Handle((await PersonnelApi.Create(request, Db, Validator, Time, Audit, ct)).Result, "登记") is { } done)
        {
            return done;
        }
        await LoadEmployersAsync(ct);
        return Page();
    }
}
