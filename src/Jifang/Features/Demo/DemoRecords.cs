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
        var audit = sp.GetRequiredService<IAuditLog>();
        var lines = new StringBuilder();
        foreach (var (jurisdiction, unit) in demo.Showcase)
        {
            var site = await db.Sites.AsNoTracking().Where(s => s.UnitId == unit.Id && !s.Archived).OrderBy(s => s.Name).FirstOrDefaultAsync(ct);
            var system = site is null ? null : await db.Systems.AsNoTracking().Where(s => s.SiteId == site.Id && s.InService && !s.Archived).OrderBy(s => s.Name).FirstOrDefaultAsync(ct);
            if (site is null || system is null)
            {
                continue;
            }
            var devices = await db.Devices.AsNoTracking().Where(d => d.SystemId == system.Id && !d.Archived && d.Captures.Count > 0).OrderBy(d => d.Name).Take(2).ToListAsync(ct);
            var now = time.GetUtcNow();
            var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
            var admin = Principal(jurisdiction.IsNmg ? "nmg.unit.admin" : "prov.unit.admin", Roles.UnitAdmin, null, unit.Id);
            var ids = new List<Guid>();
            foreach (var device in devices.Count == 0 ? [null] : devices.Cast<Device?>())
            {
                var records = new List<RecordInput>();
                for (var h = 48; h > 0; h--)
                {
                    var from = end.AddHours(-h);
                    // A planted gap: two hours missing yesterday afternoon on the first camera.
                    if (device == devices.FirstOrDefault() && from.Hour is 14 or 15 && from.Date == end.Date.AddDays(-1))
                    {
                        continue;
                    }
                    records.Add(new RecordInput(device?.Id, "video", from, from.AddHours(1), $"nvr-01:/{device?.Name ?? system.Name}/{from:yyyyMMddHH}.mp4",
                        512L * 1024 * 1024, Hash($"{site.Id}:{device?.Id}:{from:O}")));
                }
                var result = await RecordsApi.Register(system.Id, new RecordBatchRequest(records), admin, db,
                    new RecordBatchValidator(time), audit, time, ct);
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
            if (jurisdiction.IsNmg && site.DivisionCode == "150102")
            {
                var access = sp.GetRequiredService<AccessService>();
                var first = Principal("nmg.police.xincheng", Roles.PoliceCounty, "150102", null);
                var second = Principal("nmg.police.xincheng2", Roles.PoliceCounty, "150102", null);
                var opened = await AccessApi.Open(new OfficialRequestInput([ids[0], ids[1]], "copy", "新公刑案〔2026〕演示1号", "演示：入室盗窃案调查取证",
                    null, null, "150102-0001", "新公（刑）调证字〔2026〕演示1号", true), first, access, ct);
                if (opened.Result is Created<AccessRequestDetailDto> created)
                {
                    var id = created.Value!.Request.Id;
                    await AccessApi.Cosign(id, new CosignInput("150102-0002"), second, access, ct);
                    db.ChangeTracker.Clear();
                    var slip = await AccessApi.Register(id, new RegisterInput(true, true), Principal("nmg.unit.operator", Roles.UnitOperator, null, unit.Id), access, ct);
                    if (slip.Result is Ok<AccessRegistrationDto> ok)
                    {
                        lines.AppendLine(CultureInfo.InvariantCulture, $"  公务复制 {created.Value.Request.Number}：两名新城区分局民警提出并会签，使用单位登记，导出包 SHA-256 {ok.Value!.PackageSha256}");
                    }
                }
            }
            db.ChangeTracker.Clear();
        }
        return lines.ToString();
    }

    private static ClaimsPrincipal Principal(string user, string role, string? division, Guid? unit)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(ClaimTypes.Role, role), new("jifang:name", user) };
        if (division is not null) { claims.Add(new Claim(Scope.DivisionClaim, division)); }
        if (unit is not null) { claims.Add(new Claim(Scope.UnitClaim, unit.Value.ToString())); }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
