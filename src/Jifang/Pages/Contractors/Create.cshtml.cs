using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Contractors;

/// <summary>登记从业单位 (police and administrators): posts to the same handler as POST /api/contractors.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time)
    : ContractorFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记从业单位";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadForm() is { } request && Handle((await ContractorsApi.Create(request, Db, Validator, Time, Audit, ct)).Result, "登记") is { } done)
        {
            return done;
        }
        return Page();
    }
}
