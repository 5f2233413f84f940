using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Alarms;

/// <summary>
/// 报警中心: the police console of one level (county, city, province/region), scoped by the officer's division prefix.
/// Alarms reported to this level (confirmed and reported, raised as unhandled, or escalated from below because nobody
/// acknowledged them in time) wait here to be acknowledged; each acknowledgement is a receipt. Updated live.
/// </summary>
[Authorize(Policy = Policies.AlarmsAcknowledge)]
public sealed class PoliceModel(JifangDbContext db, AlarmHandling handling, AlarmLaw law, TimeProvider time) : SignedInPageModel
{
    public string Level { get; private set; } = AlarmCodes.County;

    public IReadOnlyList<AlarmDto> Awaiting { get; private set; } = [];

    public IReadOnlyList<AlarmDto> Acknowledged { get; private set; } = [];

    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];

    public DutyCitation? Duty { get; private set; }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The order of the alarms awaiting 签收: <c>priority</c> (most urgent first, then longest waiting; the default) or <c>time</c> (longest waiting first).</summary>
    public string Sort { get; private set; } = "priority";

    public async Task OnGetAsync(string? sort, CancellationToken ct) => await LoadAsync(sort, ct);

    public async Task<IActionResult> OnGetRowsAsync(string? sort, CancellationToken ct)
    {
        await LoadAsync(sort, ct);
        return Partial("_PoliceRows", this);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct)
    {
        var done = await handling.AcknowledgeAsync(id, User, ct);
        TempData["Notice"] = done.Alarm is { } a
            ? $"已签收：{a.SiteName} {a.Device} {a.TypeLabel}。"
            : $"未能签收：{done.Problem ?? "该报警不存在或不在您的辖区内"}";
        return Redirect("/Alarms/Police");
    }

    private async Task LoadAsync(string? sort, CancellationToken ct)
    {
        Sort = sort == "time" ? "time" : "priority";
        var scope = Scope.From(User);
        Level = AlarmCodes.LevelOfRole(scope.Role) ?? AlarmCodes.County;
        // This level and those above it: the county still sees (and may acknowledge) what went on to the city.
        string[] levels = Level switch
        {
            AlarmCodes.County => [AlarmCodes.County, AlarmCodes.City, AlarmCodes.Province],
            AlarmCodes.City => [AlarmCodes.City, AlarmCodes.Province],
            _ => [AlarmCodes.Province],
        };
        var awaiting = db.Alarms.AsNoTracking().Where(a => a.PoliceLevel != null && levels.Contains(a.PoliceLevel) && a.AcknowledgedAt == null);
        var ordered = Sort == "time" ? awaiting.OrderBy(a => a.LevelSince) : awaiting.OrderBy(AlarmCodes.PriorityRank).ThenBy(a => a.LevelSince);
        Awaiting = (await ordered.ThenBy(a => a.Id).Take(200).Select(a => new { a, a.Site!.Name, a.Site.ContactPhone }).ToListAsync(ct))
            .Select(x => AlarmDto.Of(x.a, x.Name, x.ContactPhone)).ToList();
        Acknowledged = (await db.Alarms.AsNoTracking().Where(a => a.AcknowledgedAt != null).OrderByDescending(a => a.AcknowledgedAt).Take(30)
            .Select(a => new { a, a.Site!.Name, a.Site.ContactPhone }).ToListAsync(ct)).Select(x => AlarmDto.Of(x.a, x.Name, x.ContactPhone)).ToList();
        var alerts = await db.AlarmAlerts.AsNoTracking().OrderByDescending(a => a.At).Take(20).ToListAsync(ct);
        var names = await WatchApi.Names(db, alerts.Select(a => a.SystemId).Distinct().ToList(), ct);
        Alerts = alerts.Select(a => AlertDto.Of(a, names.GetValueOrDefault(a.SystemId).Site ?? "", names.GetValueOrDefault(a.SystemId).System ?? "", law.Present(a.Citation))).ToList();
        var division = User.FindFirst(Scope.DivisionClaim)?.Value;
        Duty = division is null ? null : law.For(division, AlarmDuty.Network);
    }
}
