using Jifang.Data;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Records;

/// <summary>
/// What the record picker posts: the filter (site, device, time range, page), the ids the page listed and those checked among
/// them. The records offered are those of the user's scope (the context's query filter), as GET /api/records answers them.
/// </summary>
public sealed class PickerForm
{
    public Guid? Site { get; set; }
    public Guid? Device { get; set; }
    [Text(20)]
    public string? From { get; set; }
    [Text(20)]
    public string? To { get; set; }
    public int Page { get; set; } = 1;
    /// <summary>The ids the picker listed on the page just posted: one of them not checked is no longer chosen.</summary>
    public List<Guid> Shown { get; set; } = [];
    /// <summary>The ids checked on that page.</summary>
    public List<Guid> Picked { get; set; } = [];
}

/// <summary>The picker as the page shows it: the sites and devices to filter by, a page of records, which of them are chosen.</summary>
public sealed record RecordPickerView(
    PickerForm Form, IReadOnlyList<Choice> Sites, IReadOnlyList<Choice> Devices, Page<RecordDto>? Records, IReadOnlySet<Guid> Chosen, string Handler)
{
    public int PageCount => Records is { } r ? Math.Max(1, (r.Total + r.PageSize - 1) / r.PageSize) : 1;
}

/// <summary>
/// The record picker of the official request and evidence hold forms (issue 10): records chosen from a list of a site's
/// records (filtered by device and time, paged in a stable order: start time, then id) instead of pasted ids. The chosen ids
/// stay in the form's id field, which is posted as before; the picker only adds and removes lines there.
/// </summary>
public static class RecordPicker
{
    public const int PageSize = 20;

    /// <summary>
    /// The id field after a picker post: the ids the page listed are taken out, those checked put back (so that unchecking
    /// removes one), every other line is kept as it was (ids from other pages, or text the form will refuse naming it).
    /// </summary>
    public static string Merge(string? recordIds, PickerForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var shown = form.Shown.ToHashSet();
        var lines = Split(recordIds).Where(part => !(Guid.TryParse(part, out var id) && shown.Contains(id))).ToList();
        var kept = lines.Select(l => Guid.TryParse(l, out var id) ? id : Guid.Empty).ToHashSet();
        lines.AddRange(form.Picked.Distinct().Where(id => !kept.Contains(id)).Select(id => id.ToString()));
        return string.Join('\n', lines);
    }

    public static IEnumerable<string> Split(string? recordIds) =>
        (recordIds ?? "").Split([',', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The picker for the form: sites of the user's scope (of <paramref name="unit"/> when given), the chosen site's devices, and
    /// a page of its records that are not deleted. A site or device outside the scope, or a time that cannot be read, is a field
    /// error of the picker ("Picker.Site"…), and no records are listed.
    /// </summary>
    public static async Task<RecordPickerView> LoadAsync(
        JifangDbContext db, PickerForm form, string? recordIds, Guid? unit, string handler, ModelStateDictionary modelState, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(modelState);
        var sites = db.Sites.AsNoTracking().Where(s => !s.Archived);
        if (unit is { } u) { sites = sites.Where(s => s.UnitId == u); }
        var siteChoices = (await sites.OrderBy(s => s.Name).ThenBy(s => s.Id).Take(500).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => new Choice(s.Id.ToString(), s.Name)).ToList();
        var chosen = Split(recordIds).Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        if (form.Site is not { } site)
        {
            return new RecordPickerView(form, siteChoices, [], null, chosen, handler);
        }
        var valid = true;
        if (!await db.Sites.AnyAsync(s => s.Id == site && (unit == null || s.UnitId == unit), ct))
        {
            modelState.AddModelError("Picker.Site", unit is null ? "没有这个场所，或该场所不在您的权限范围内" : "所选使用单位没有这个场所，或该场所不在您的权限范围内");
            return new RecordPickerView(form, siteChoices, [], null, chosen, handler);
        }
        var devices = (await db.Devices.AsNoTracking().Where(d => d.SiteId == site).OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Name, d.Archived }).ToListAsync(ct))
            .Select(d => new Choice(d.Id.ToString(), d.Archived ? $"{d.Name}（已撤除）" : d.Name)).ToList();
        if (form.Device is { } device && devices.All(d => d.Code != device.ToString()))
        {
            modelState.AddModelError("Picker.Device", "该场所没有这个设备");
            valid = false;
        }
        var from = RecordText.Parse(form.From);
        var to = RecordText.Parse(form.To);
        if (!string.IsNullOrWhiteSpace(form.From) && from is null) { modelState.AddModelError("Picker.From", "时间应写作 年-月-日 时:分"); valid = false; }
        if (!string.IsNullOrWhiteSpace(form.To) && to is null) { modelState.AddModelError("Picker.To", "时间应写作 年-月-日 时:分"); valid = false; }
        if (from is { } f && to is { } t && t <= f) { modelState.AddModelError("Picker.To", "结束时间应晚于开始时间"); valid = false; }
        if (!valid)
        {
            return new RecordPickerView(form, siteChoices, devices, null, chosen, handler);
        }
        var result = await RecordsApi.List(db, site, null, form.Device, unit, null, from, to, deleted: false, null, Math.Max(1, form.Page), PageSize, ct);
        return new RecordPickerView(form, siteChoices, devices, ((Ok<Page<RecordDto>>)result.Result).Value, chosen, handler);
    }
}
