using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Demo;

/// <summary>
/// The records part of the demo (docs/demo.md): two days of hourly recordings for the cameras of the showcase units' first
/// site, with one planted two-hour gap yesterday; an early deletion refused and logged; and, in 呼和浩特市新城区, an official
/// copy opened and co-signed by two officers of the county bureau and registered by the unit, yielding a verifiable package.
/// Done through the same handlers as the API, so the audit log holds every step.
/// </summary>
internal static class DemoRecords
{
    public static async Task<string> SeedAsync(IServiceProvider sp, DemoBuilder demo, CancellationToken ct)
    {
        var db = sp.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var time = sp.GetRequiredService<TimeProvider>();
        var audit = sp.GetRequiredService<AuditTrail>();
        var lines = new StringBuilder();
        var principals = sp.GetRequiredService<IUserClaimsPrincipalFactory<JifangUser>>();
        var users = sp.GetRequiredService<UserManager<JifangUser>>();
        async Task<ClaimsPrincipal?> SignedIn(string userName) =>
            await users.FindByNameAsync(userName) is { } user ? await principals.CreateAsync(user) : null;
        foreach (var (jurisdiction, unit) in demo.Showcase)
        {
            // The unit's first site (by name) with a system in service; in 内蒙古 one in the county of the two demo officers
            // (新城区) comes first, so that their official copy can be made there.
            var county = jurisdiction.IsNmg ? OfficersCounty : null;
            var candidates = await db.Sites.AsNoTracking().Where(s => s.UnitId == unit.Id && !s.Archived).ToListAsync(ct);
            Site? site = null;
            SecuritySystem? system = null;
            foreach (var candidate in candidates.OrderBy(s => s.DivisionCode == county ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
            {
                system = await db.Systems.AsNoTracking().Where(s => s.SiteId == candidate.Id && s.InService && !s.Archived).OrderBy(s => s.Name).FirstOrDefaultAsync(ct);
                if (system is not null)
                {
                    site = candidate;
                    break;
                }
            }
            if (site is null || system is null)
            {
                continue;
            }
            var devices = await db.Devices.AsNoTracking().Where(d => d.SystemId == system.Id && !d.Archived && d.Captures.Count > 0).OrderBy(d => d.Name).Take(2).ToListAsync(ct);
            var now = time.GetUtcNow();
            var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
            var admin = await SignedIn(jurisdiction.IsNmg ? "nmg.unit.admin" : "prov.unit.admin") is { } a && a.FindFirstValue(Scope.UnitClaim) == unit.Id.ToString()
                ? a : Principal(jurisdiction.IsNmg ? "nmg.unit.admin" : "prov.unit.admin", Roles.UnitAdmin, null, unit.Id);
            var ids = new List<Guid>();
            foreach (var device in devices.Count == 0 ? [null] : devices.Cast<Device?>())
            {
                var records = new List<RecordInput>();
                for (var h = 48; h > 0; h--)
                {
                    var from = end.AddHours(-h);
                    // A planted gap: two hours missing yesterday afternoon (the platform's local time, as the coverage report shows it) on the first camera.
                    var local = TimeZoneInfo.ConvertTime(from, time.LocalTimeZone);
                    if (device == devices.FirstOrDefault() && local.Hour is 14 or 15 && local.Date == TimeZoneInfo.ConvertTime(end, time.LocalTimeZone).Date.AddDays(-1))
                    {
                        continue;
                    }
                    records.Add(new RecordInput(device?.Id, "video", from, from.AddHours(1), $"nvr-01:/{device?.Name ?? system.Name}/{from:yyyyMMddHH}.mp4",
                        512L * 1024 * 1024, Hash($"{site.Id}:{device?.Id}:{from:O}")));
                }
                var result = await RecordsApi.Register(system.Id, new RecordBatchRequest(records), admin, db,
                    sp.GetRequiredService<FluentValidation.IValidator<RecordBatchRequest>>(), audit, time, ct);
                if (result.Result is Created<RegisteredBatchDto> created)
                {
                    ids.AddRange(created.Value!.Records.Select(r => r.Id));
                }
            }
            if (ids.Count == 0)
            {
                continue;
            }
            // An early deletion: refused with the citation, logged as an attempted prohibited act.
            await RecordsApi.Delete(ids[^1], new DeleteRecordRequest("演示：磁盘空间不足，删除最近的录像"), admin, db,
                sp.GetRequiredService<RetentionPolicy>(), sp.GetRequiredService<ComplianceService>(), audit, time, ct);
            lines.AppendLine(CultureInfo.InvariantCulture, $"  {site.Name}：登记 {ids.Count} 条录像记录（昨日 14:00–16:00 有一处空缺），一次提前删除被拒绝并记入审计日志");
            if (site.DivisionCode == county && ids.Count >= 2)
            {
                lines.Append(await OfficialCopyAsync(sp, db, site, [ids[0], ids[1]], SignedIn, ct));
            }
            db.ChangeTracker.Clear();
        }
        return lines.ToString();
    }

    /// <summary>The county of the demo's two county officers (nmg.police.xincheng and nmg.police.xincheng2): 呼和浩特市新城区.</summary>
    private static string OfficersCounty => DemoDivisions.Nmg.Cities[0].Counties[0].Code;

    /// <summary>
    /// An official copy as the API does it: opened by nmg.police.xincheng, co-signed by nmg.police.xincheng2 (the same county
    /// bureau), registered by the site's unit (credentials and certificate checked); the package is then verified as
    /// /Access/Verify would. Returns the lines to print, or an explanation when a step was refused.
    /// </summary>
    private static async Task<string> OfficialCopyAsync(
        IServiceProvider sp, JifangDbContext db, Site site, List<Guid> recordIds, Func<string, Task<ClaimsPrincipal?>> signedIn, CancellationToken ct)
    {
        var first = await signedIn("nmg.police.xincheng");
        var second = await signedIn("nmg.police.xincheng2");
        var registrar = await signedIn("nmg.unit.operator");
        if (first is null || second is null || registrar is null)
        {
            return "  公务复制未演示：缺少演示账户 nmg.police.xincheng、nmg.police.xincheng2 或 nmg.unit.operator\n";
        }
        var access = sp.GetRequiredService<AccessService>();
        var opened = await AccessApi.Open(new OfficialRequestInput(recordIds, "copy", "新公刑案〔2026〕演示1号", "演示：入室盗窃案调查取证",
            null, null, "150102-0001", "新公（刑）调证字〔2026〕演示1号", true), first, access, ct);
        if (opened.Result is not Created<AccessRequestDetailDto> created)
        {
            return $"  公务复制未演示：申请未能提出（{Describe(opened.Result)}）\n";
        }
        var id = created.Value!.Request.Id;
        var number = created.Value.Request.Number;
        var cosigned = await AccessApi.Cosign(id, new CosignInput("150102-0002"), second, access, ct);
        if (cosigned.Result is not Ok<AccessRequestDetailDto>)
        {
            return $"  公务复制 {number} 未完成：会签未通过（{Describe(cosigned.Result)}）\n";
        }
        db.ChangeTracker.Clear();
        var registered = await AccessApi.Register(id, new RegisterInput(true, true), registrar, access, ct);
        if (registered.Result is not Ok<AccessRegistrationDto> ok)
        {
            return $"  公务复制 {number} 未完成：使用单位登记未通过（{Describe(registered.Result)}）\n";
        }
        db.ChangeTracker.Clear();
        var registration = await db.AccessRegistrations.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == ok.Value!.Id, ct);
        var verified = await access.VerifyAsync(registration.Package!, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"  公务复制 {number}（{site.Name}）：新城区分局两名民警提出并会签，使用单位登记；导出包 SHA-256 {ok.Value!.PackageSha256}，校验{(verified.Valid ? "通过" : "未通过：" + string.Join("；", verified.Problems))}\n");
    }

    private static string Describe(IResult result) => result switch
    {
        ProblemHttpResult p => $"{p.ProblemDetails.Title}：{p.ProblemDetails.Detail}",
        ValidationProblem v => string.Join("；", v.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
        _ => result.GetType().Name,
    };

    private static ClaimsPrincipal Principal(string user, string role, string? division, Guid? unit)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(ClaimTypes.Role, role), new("jifang:name", user) };
        if (division is not null) { claims.Add(new Claim(Scope.DivisionClaim, division)); }
        if (unit is not null) { claims.Add(new Claim(Scope.UnitClaim, unit.Value.ToString())); }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
