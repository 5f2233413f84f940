using System.Globalization;
using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Alarms;

/// <summary>
/// One system's alarm networking: its heartbeat status, its credentials (issue, rotate, revoke: the key is shown once,
/// here, right after it is made), planned maintenance (registered in advance), its alerts and latest alarms.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class SystemModel(
    JifangDbContext db, AuditTrail audit, ApiKeyCache cache, AlarmLaw law, IAuthorizationService authorization, TimeProvider time) : SignedInPageModel
{
    public Guid SystemId { get; private set; }

    public string SystemName { get; private set; } = "";

    public Guid SiteId { get; private set; }

    public string SiteName { get; private set; } = "";

    public WatchDto? Watch { get; private set; }

    public IReadOnlyList<CredentialDto> Credentials { get; private set; } = [];

    public IReadOnlyList<MaintenanceDto> Maintenance { get; private set; } = [];

    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];

    public IReadOnlyList<AlarmDto> Alarms { get; private set; } = [];

    public bool CanWrite { get; private set; }

    /// <summary>A key made by this request (issue or rotation): shown once.</summary>
    public IssuedCredentialDto? Issued { get; private set; }

    public DutyCitation? Duty { get; private set; }

    [BindProperty]
    public string? Label { get; set; } = "报警主机";

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? Until { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    public async Task<IActionResult> OnGetAsync(Guid systemId, CancellationToken ct)
    {
        ModelState.Clear();
        return await LoadAsync(systemId, ct) ? Page() : FormErrors.NotFoundPage("该技防系统");
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid systemId, CancellationToken ct)
    {
        if (!await MayWriteAsync())
        {
            return Lacking(Policies.RegistryWrite);
        }
        var result = await CredentialsApi.Issue(systemId, new CredentialRequest(Label), User, db, audit, cache, time, ct);
        switch (result.Result)
        {
            case Created<IssuedCredentialDto> created:
                Issued = created.Value;
                break;
            case ValidationProblem problem:
                ModelState.AddApiErrors(problem, k => k == "label" ? "Label" : k);
                break;
            default:
                return FormErrors.NotFoundPage("该技防系统");
        }
        return await LoadAsync(systemId, ct) ? Page() : FormErrors.NotFoundPage("该技防系统");
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid systemId, Guid credentialId, CancellationToken ct)
    {
        if (!await MayWriteAsync())
        {
            return Lacking(Policies.RegistryWrite);
        }
        if (!await db.AlarmCredentials.AnyAsync(c => c.Id == credentialId && c.SystemId == systemId, ct))
        {
            return FormErrors.NotFoundPage("该凭据");
        }
        var result = await CredentialsApi.Rotate(credentialId, User, db, audit, cache, time, ct);
        if (result.Result is Ok<IssuedCredentialDto> ok)
        {
            Issued = ok.Value;
        }
        else if (result.Result is ProblemHttpResult p)
        {
            ModelState.AddModelError("", p.ProblemDetails.Detail ?? "无法轮换");
        }
        return await LoadAsync(systemId, ct) ? Page() : FormErrors.NotFoundPage("该技防系统");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid systemId, Guid credentialId, CancellationToken ct)
    {
        if (!await MayWriteAsync())
        {
            return Lacking(Policies.RegistryWrite);
        }
        if (!await db.AlarmCredentials.AnyAsync(c => c.Id == credentialId && c.SystemId == systemId, ct))
        {
            return FormErrors.NotFoundPage("该凭据");
        }
        await CredentialsApi.Revoke(credentialId, User, db, audit, cache, time, ct);
        TempData["Notice"] = "凭据已吊销，使用它的请求即时被拒绝。";
        return Redirect($"/Alarms/System/{systemId}");
    }

    public async Task<IActionResult> OnPostMaintenanceAsync(Guid systemId, CancellationToken ct)
    {
        if (!await MayWriteAsync())
        {
            return Lacking(Policies.RegistryWrite);
        }
        var from = ParseLocal(From);
        var until = ParseLocal(Until);
        if (From is { Length: > 0 } && from is null)
        {
            ModelState.AddModelError(nameof(From), "时间格式无效");
        }
        if (Until is { Length: > 0 } && until is null)
        {
            ModelState.AddModelError(nameof(Until), "时间格式无效");
        }
        if (ModelState.ErrorCount == 0)
        {
            var result = await WatchApi.RegisterMaintenance(systemId, new MaintenanceRequest(from, until, Reason), User, db, audit, law, time, ct);
            switch (result.Result)
            {
                case Created<MaintenanceDto>:
                    TempData["Notice"] = "维护已登记：维护期间的静默不告警、不视为擅自关闭。";
                    return Redirect($"/Alarms/System/{systemId}");
                case ValidationProblem problem:
                    ModelState.AddApiErrors(problem, k => k switch { "from" => "From", "until" => "Until", "reason" => "Reason", _ => k });
                    break;
                default:
                    return FormErrors.NotFoundPage("该技防系统");
            }
        }
        return await LoadAsync(systemId, ct) ? Page() : FormErrors.NotFoundPage("该技防系统");
    }

    /// <summary>A datetime-local field: the platform's local time.</summary>
    private DateTimeOffset? ParseLocal(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        return new DateTimeOffset(local, time.LocalTimeZone.GetUtcOffset(local));
    }

    private async Task<bool> MayWriteAsync() => (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;

    private async Task<bool> LoadAsync(Guid systemId, CancellationToken ct)
    {
        var system = await db.Systems.AsNoTracking().Where(s => s.Id == systemId).Select(s => new { s.Id, s.Name, s.SiteId, Site = s.Site!.Name, s.Site.DivisionCode, s.Archived }).FirstOrDefaultAsync(ct);
        if (system is null)
        {
            return false;
        }
        (SystemId, SystemName, SiteId, SiteName) = (system.Id, system.Name, system.SiteId, system.Site);
        CanWrite = !system.Archived && await MayWriteAsync();
        var watch = (await WatchApi.List(db, null, null, systemId, 1, 1, ct)).Value!.Items;
        Watch = watch.Count > 0 ? watch[0] : null;
        Credentials = (await db.AlarmCredentials.AsNoTracking().Where(c => c.SystemId == systemId).OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.CreatedAt)
            .Take(50).ToListAsync(ct)).Select(CredentialsApi.ToDto).ToList();
        Maintenance = (await db.Maintenance.AsNoTracking().Where(m => m.SystemId == systemId).OrderByDescending(m => m.From).Take(20).ToListAsync(ct))
            .Select(WatchApi.ToDto).ToList();
        Alerts = (await WatchApi.Alerts(db, law, null, systemId, 1, 10, ct)).Value!.Items;
        Alarms = (await AlarmsApi.List(db, null, null, null, null, null, systemId, 1, 10, ct)).Value!.Items;
        Duty = law.For(system.DivisionCode, AlarmDuty.ShutDown);
        return true;
    }
}
