using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Devices;

/// <summary>编辑设备 and 归档: the same handlers as PUT /api/devices/{id} and POST /api/devices/{id}/archive; the site is re-judged.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(
    JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time)
    : DeviceFormPage(db, validator, compliance, presenter, time)
{
    public override string SubmitLabel => "保存";

    public DeviceDto Current { get; private set; } = null!;

    /// <summary>The archive form's confirmation box.</summary>
    [BindProperty]
    public bool ConfirmArchive { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该设备");
        }
        Input = DeviceForm.From(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该设备");
        }
        if (ReadForm() is not { } request)
        {
            return Page();
        }
        var result = await DevicesApi.Update(id, request, Db, Validator, Compliance, Time, ct);
        return Handle(result.Result, "保存", "该设备") ?? Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return FormErrors.NotFoundPage("该设备");
        }
        if (ModelState.Unconfirmed(ConfirmArchive))
        {
            Input = DeviceForm.From(Current);
            return Page();
        }
        if ((await DevicesApi.Archive(id, Db, Compliance, Time, ct)).Result is not NoContent)
        {
            return FormErrors.NotFoundPage("该设备");
        }
        TempData["Notice"] = $"设备「{Current.Name}」已归档，场所已重新评判。";
        return Redirect($"/Sites/Details/{Current.SiteId}#devices");
    }

    /// <summary>The device (not archived) and its site, through the API's reads: scope applies.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await DevicesApi.Get(id, Db, ct)).Result is not Ok<DeviceDto> ok || ok.Value!.Archived)
        {
            return false;
        }
        Current = ok.Value;
        return await LoadSiteAsync(Current.SiteId, ct);
    }
}
