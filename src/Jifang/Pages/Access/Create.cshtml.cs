using Jifang.Features.Access;
using Jifang.Features.Identity;
using Jifang.Pages.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Jifang.Infrastructure;

namespace Jifang.Pages.Access;

public sealed class OfficialForm
{
    [Text(40_000, MultiLine = true)]
    public string? RecordIds { get; set; }
    public string? Action { get; set; } = "view";
    public string? CaseNumber { get; set; }
    [Text(1000, MultiLine = true)]
    public string? Reason { get; set; }
    public string? FromTime { get; set; }
    public string? ToTime { get; set; }
    public string? CredentialNumber { get; set; }
    public string? UnitCertificate { get; set; }
    public bool ConfidentialityPledged { get; set; }
}

/// <summary>提出调取申请 (officer): posts to the handler of POST /api/access-requests; a second officer of the same agency co-signs.</summary>
[Authorize(Policy = Policies.AccessOfficial)]
public sealed class CreateModel(AccessService access) : SignedInPageModel
{
    [BindProperty] public OfficialForm Input { get; set; } = new();

    /// <summary>The record picker: records of the officer's jurisdiction, by site, device and time.</summary>
    [BindProperty] public PickerForm Picker { get; set; } = new();

    public RecordPickerView? PickerView { get; private set; }

    public async Task OnGetAsync(string? records, Guid? site, CancellationToken ct)
    {
        Input.RecordIds = records?.Replace(',', '\n');
        Picker.Site = site;
        await LoadPickerAsync(ct);
    }

    /// <summary>The picker's list, another page of it, or a new filter: the form again with the checked records among its ids.</summary>
    public async Task<IActionResult> OnPostPickAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.RecordIds = RecordPicker.Merge(Input.RecordIds, Picker);
        await LoadPickerAsync(ct);
        return Page();
    }

    private async Task LoadPickerAsync(CancellationToken ct) =>
        PickerView = await RecordPicker.LoadAsync(access.Db, Picker, Input.RecordIds, null, "Pick", ModelState, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.RecordIds = RecordPicker.Merge(Input.RecordIds, Picker);
        var ids = new List<Guid>();
        foreach (var part in RecordPicker.Split(Input.RecordIds))
        {
            if (Guid.TryParse(part, out var id)) { ids.Add(id); }
            else { ModelState.AddModelError("Input.RecordIds", $"“{part}”不是记录编号"); }
        }
        var from = RecordText.Parse(Input.FromTime);
        var to = RecordText.Parse(Input.ToTime);
        if (!string.IsNullOrWhiteSpace(Input.FromTime) && from is null) { ModelState.AddModelError("Input.FromTime", "时间应写作 年-月-日 时:分"); }
        if (!string.IsNullOrWhiteSpace(Input.ToTime) && to is null) { ModelState.AddModelError("Input.ToTime", "时间应写作 年-月-日 时:分"); }
        if (!ModelState.IsValid)
        {
            await LoadPickerAsync(ct);
            return Page();
        }
        var result = await AccessApi.Open(new OfficialRequestInput(ids, Input.Action, Input.CaseNumber, Input.Reason, from, to,
            Input.CredentialNumber, Input.UnitCertificate, Input.ConfidentialityPledged), User, access, ct);
        switch (result.Result)
        {
            case Created<AccessRequestDetailDto> created:
                TempData["Notice"] = $"已提出申请 {created.Value!.Request.Number}，须由同一机关的另一名工作人员会签。";
                return Redirect($"/Access/Details/{created.Value.Request.Id}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                break;
            case ProblemHttpResult problem:
                ModelState.AddProblem(problem);
                break;
        }
        await LoadPickerAsync(ct);
        return Page();
    }
}
