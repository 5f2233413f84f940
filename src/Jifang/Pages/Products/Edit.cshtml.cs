using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Products;

/// <summary>编辑产品 and 归档产品: the same handlers as PUT /api/products/{id} and POST /api/products/{id}/archive.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EditModel(JifangDbContext db, IValidator<ProductRegistration> validator, TimeProvider time)
    : ProductFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public ProductDto Product { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该产品");
        }
        Input = ProductForm.From(Product);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该产品");
        }
        ModelState.ReplaceBindingErrors();
        if (ModelState.IsValid && Handle((await ProductsApi.Update(id, Input.ToRequest(), Db, Validator, Time, Audit, ct)).Result, "保存") is { } done)
        {
            return done;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该产品");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = ProductForm.From(Product);
            return Page();
        }
        if ((await ProductsApi.Archive(id, Db, Time, Audit, ct)).Result is not NoContent)
        {
            return FormErrors.NotFoundPage("该产品");
        }
        TempData["Notice"] = $"已归档产品「{Product.Model}」。";
        return Redirect("/Products");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ProductsApi.Get(id, Db, ct)).Result is not Ok<ProductDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Product = ok.Value;
        return true;
    }
}
