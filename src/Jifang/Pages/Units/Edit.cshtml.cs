using FluentValidation;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

/// <summary>编辑单位: the same handler as PUT /api/units/{id} (police of its division, its own administrator, the platform administrator).</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(JifangDbContext db, IValidator<UnitRequest> validator, TimeProvider time, IAuthorizationService authorization)
    : UnitFormPage(db, validator, time)
{
    public override string SubmitLabel => "保存";

    public override bool DivisionLocked => Db.Scope.IsUnit;

    public UnitDto Unit { get; private set; } = null!;

    /// <summary>Whether the user may archive units (police and the platform administrator).</summary>
    public bool CanArchive { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该单位");
        }
        Input = UnitForm.From(Unit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该单位");
        }
        ModelState.ReplaceBindingErrors();
        return Handle((await UnitsApi.Update(id, Input.ToRequest(), Db, Validator, Time, Audit, ct)).Result, "保存") ?? Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await UnitsApi.Get(id, Db, ct)).Result is not Ok<UnitDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Unit = ok.Value;
        CanArchive = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
        return true;
    }
}
