using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Devices;

/// <summary>添加设备 (/Devices/Create?siteId=…): posts to the same handler as POST /api/sites/{siteId}/devices.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(
    JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time)
    : DeviceFormPage(db, validator, compliance, presenter, time)
{
    public override string SubmitLabel => "添加设备";

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct) =>
        await LoadSiteAsync(siteId, ct) ? Page() : FormErrors.NotFoundPage("该场所");

    public async Task<IActionResult> OnPostAsync(Guid siteId, CancellationToken ct)
    {
        if (!await LoadSiteAsync(siteId, ct))
        {
            return FormErrors.NotFoundPage("该场所");
        }
        if (ReadForm() is not { } request)
        {
            return Page();
        }
        var result = await DevicesApi.Create(siteId, request, Db, Validator, Compliance, Time, ct);
        return Handle(result.Result, "添加", "该场所") ?? Page();
    }
}
