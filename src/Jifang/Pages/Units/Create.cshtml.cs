using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

/// <summary>登记单位 (police and administrators): posts to the same handler as POST /api/units.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time) : UnitFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记单位";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ReplaceBindingErrors();
        return Handle((await UnitsApi.Create(Input.ToRequest(), Db, Validator, Time, Audit, ct)).Result, "登记") ?? Page();
    }
}
