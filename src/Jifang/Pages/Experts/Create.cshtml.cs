using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Experts;

/// <summary>登记专家 (police and administrators): posts to the same handler as POST /api/experts.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<ExpertRegistration> validator, TimeProvider time)
    : ExpertFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记专家";

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadForm() is { } request && Handle((await ExpertsApi.Create(request, Db, Validator, Time, Audit, ct)).Result, "登记") is { } done)
        {
            return done;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
