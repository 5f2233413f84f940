using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Devices;

#pragma warning disable CA1002, CA2227 // the form binds a posted checkbox list

public sealed class DeviceForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? SystemId { get; set; }
    public List<string> Captures { get; set; } = [];
    public string? Zone { get; set; } = "public";
}

/// <summary>添加设备 (/Devices/Create?siteId=…): posts to the same handler as POST /api/sites/{siteId}/devices.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(
    JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time) : SignedInPageModel
{
    [BindProperty]
    public DeviceForm Input { get; set; } = new();

    public SiteDto Site { get; private set; } = null!;

    public IReadOnlyList<Choice> Systems { get; private set; } = [];

    public static IReadOnlyList<Choice> Captures { get; } = Labels.Options(Vocab.Captures);

    public static IReadOnlyList<Choice> Zones { get; } = Labels.Options(Vocab.Zones);

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct) =>
        await LoadAsync(siteId, ct) ? Page() : FormErrors.NotFoundPage("该场所");

    public async Task<IActionResult> OnPostAsync(Guid siteId, CancellationToken ct)
    {
        if (!await LoadAsync(siteId, ct))
        {
            return FormErrors.NotFoundPage("该场所");
        }
        ModelState.ReplaceBindingErrors();
        var systemId = ModelState.ParseId("Input.SystemId", Input.SystemId);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var request = new DeviceRequest(Input.Name, Input.Kind, systemId, Input.Captures.Distinct(StringComparer.Ordinal).ToList(),
            string.IsNullOrEmpty(Input.Zone) ? null : Input.Zone);
        var result = await DevicesApi.Create(siteId, request, db, validator, compliance, time, ct);
        switch (result.Result)
        {
            case Created<DeviceDto> created:
                TempData["Notice"] = $"已添加设备「{created.Value!.Name}」，场所已重新评判。";
                return Redirect($"/Sites/Details/{siteId}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                return Page();
            default:
                return FormErrors.NotFoundPage("该场所");
        }
    }

    private async Task<bool> LoadAsync(Guid siteId, CancellationToken ct)
    {
        if ((await SitesApi.Get(siteId, db, compliance, presenter, ct)).Result is not Ok<SiteDetailDto> ok || ok.Value!.Site.Archived)
        {
            return false;
        }
        Site = ok.Value.Site;
        Systems = ok.Value.Systems.Select(s => new Choice(s.Id.ToString(), s.Name)).ToList();
        return true;
    }
}
