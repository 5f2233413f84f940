using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.TestingAgencies;

/// <summary>登记检测机构 (police and administrators): posts to the same handler as POST /api/testing-agencies.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<TestingAgencyRegistration> validator, TimeProvider time)
    : TestingAgencyFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记检测机构";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadForm() is { } request && Handle((await TestingAgenciesApi.Create(request, Db, Validator, Time, Audit, ct)).Result, "登记") is { } done)
        {
            return done;
        }
        return Page();
    }
}
