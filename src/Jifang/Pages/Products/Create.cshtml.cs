using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Products;

/// <summary>登记产品 (police and administrators): posts to the same handler as POST /api/products.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(JifangDbContext db, IValidator<ProductRegistration> validator, TimeProvider time)
    : ProductFormPage(db, validator, time)
{
    public override string SubmitLabel => "登记产品";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ReplaceBindingErrors();
        if (ModelState.IsValid && Handle((await ProductsApi.Create(Input.ToRequest(), Db, Validator, Time, Audit, ct)).Result, "登记") is { } done)
        {
            return done;
        }
        return Page();
    }
}
