using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Jifang.Infrastructure;
using Jifang.Pages.Records;

namespace Jifang.Pages.Holds;

public sealed class HoldForm
{
    public string? UnitId { get; set; }
    public string? CaseNumber { get; set; }
    [Text(1000, MultiLine = true)]
    public string? Reason { get; set; }
    /// <summary>Record ids, one per line (or separated by commas or spaces).</summary>
    [Text(40_000, MultiLine = true)]
    public string? RecordIds { get; set; }
}

/// <summary>提出证据保全: posts to the handler of POST /api/holds; a second person confirms on the hold's page.</summary>
[Authorize(Policy = Policies.RecordsHold)]
public sealed class CreateModel(JifangDbContext db, AuditTrail audit, TimeProvider time) : SignedInPageModel
{
    [BindProperty] public HoldForm Input { get; set; } = new();

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    /// <summary>The record picker: records of the user's scope (of the chosen unit's sites), by site, device and time.</summary>
    [BindProperty] public PickerForm Picker { get; set; } = new();

    public RecordPickerView? PickerView { get; private set; }

    public async Task OnGetAsync(string? records, Guid? unit, Guid? site, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.RecordIds = records?.Replace(',', '\n');
        Input.UnitId = (unit ?? db.Scope.UnitId)?.ToString();
        Picker.Site = site;
        await LoadPickerAsync(ct);
    }

    /// <summary>The picker's list, another page of it, or a new filter: the form again with the checked records among its ids.</summary>
    public async Task<IActionResult> OnPostPickAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ModelState.Clear();
        Input.RecordIds = RecordPicker.Merge(Input.RecordIds, Picker);
        await LoadPickerAsync(ct);
        return Page();
    }

    /// <summary>Sites of the chosen unit only (a hold concerns one unit's records); of every unit in scope before one is chosen.</summary>
    private async Task LoadPickerAsync(CancellationToken ct) =>
        PickerView = await RecordPicker.LoadAsync(db, Picker, Input.RecordIds, Guid.TryParse(Input.UnitId, out var u) ? u : null, "Pick", ModelState, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ModelState.Clear();
        Input.RecordIds = RecordPicker.Merge(Input.RecordIds, Picker);
        var unitId = ModelState.ParseId("Input.UnitId", Input.UnitId);
        var ids = new List<Guid>();
        foreach (var part in RecordPicker.Split(Input.RecordIds))
        {
            if (Guid.TryParse(part, out var id)) { ids.Add(id); }
            else { ModelState.AddModelError("Input.RecordIds", $"“{part}”不是记录编号"); }
        }
        if (!ModelState.IsValid)
        {
            await LoadPickerAsync(ct);
            return Page();
        }
        var result = await HoldsApi.Propose(new HoldRequest(unitId, Input.CaseNumber, Input.Reason, ids), User, db, audit, time, ct);
        switch (result.Result)
        {
            case Created<HoldDto> created:
                TempData["Notice"] = "已提出证据保全，须由另一名授权人员确认后生效。";
                return Redirect($"/Holds/Details/{created.Value!.Id}");
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

    private async Task LoadAsync(CancellationToken ct) =>
        Units = (await db.Units.AsNoTracking().Where(u => !u.Archived).OrderBy(u => u.Name).Take(500).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => new Choice(u.Id.ToString(), u.Name)).ToList();
}
