using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

public sealed class UnitForm
{
    public string? Name { get; set; }
    public string? DivisionCode { get; set; }
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string? ContactPhone { get; set; }
}

/// <summary>登记单位 (police and administrators): posts to the same handler as POST /api/units.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time) : SignedInPageModel
{
    [BindProperty]
    public UnitForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ReplaceBindingErrors();
        var request = new UnitRequest(Input.Name, Input.DivisionCode?.Trim(), Input.CreditCode?.Trim(), Input.Address, Input.ContactPhone);
        var result = await UnitsApi.Create(request, db, validator, time, HttpContext.RequestServices.GetRequiredService<AuditTrail>(), ct);
        switch (result.Result)
        {
            case Created<UnitDto> created:
                TempData["Notice"] = $"已登记单位「{created.Value!.Name}」。";
                return Redirect("/Units");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                break;
            case ProblemHttpResult refused:
                ModelState.AddProblem(refused);
                break;
        }
        return Page();
    }
}
