using System.Globalization;
using System.Security.Claims;
using System.Text;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Filing;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Demo;

/// <summary>
/// The filing part of the demo (docs/demo.md, 第十四条): every video system in service is filed and accepted, as by the
/// 2025-06-30 deadline, except, for each showcase unit: one system of a 第七条 place left unfiled (overdue), one filing waiting
/// for the police, and in the county of the demo county police one returned with a reason and one accepted this year through
/// the handlers. The bulk filings are logged as accepted; the showcase ones go through the same handlers as the API.
/// </summary>
internal static class DemoFilings
{
    private const string Actor = "system:demo";

    /// <summary>A unit administrator of <paramref name="unitId"/> as the demo acts for it.</summary>
    private static ClaimsPrincipal UnitPrincipal(Guid unitId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Actor), new Claim(ClaimTypes.Role, Roles.UnitAdmin), new Claim(Scope.UnitClaim, unitId.ToString())], "demo"));

    public static async Task<string> SeedAsync(IServiceProvider sp, DemoBuilder demo, CancellationToken ct)
    {
        var db = sp.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var filings = sp.GetRequiredService<FilingService>();
        var principals = sp.GetRequiredService<IUserClaimsPrincipalFactory<JifangUser>>();
        var users = sp.GetRequiredService<UserManager<JifangUser>>();
        async Task<ClaimsPrincipal?> SignedIn(string userName) =>
            await users.FindByNameAsync(userName) is { } user ? await principals.CreateAsync(user) : null;

        var systems = (await db.Systems.AsNoTracking().Include(s => s.Site!).ThenInclude(s => s.Unit)
            .Where(s => s.InService && !s.Archived && !s.Site!.Archived).OrderBy(s => s.Id).ToListAsync(ct)).Where(FiledFacts.IsVideo).ToList();
        var devices = (await db.Devices.AsNoTracking().Where(d => d.SystemId != null && !d.Archived).ToListAsync(ct)).ToLookup(d => d.SystemId!.Value);

        // The showcase units' systems: one of a 第七条 place left unfiled (overdue), one pending anywhere, and in the county of the
        // demo county police (who decide) one returned and one accepted through the handlers.
        var showcase = new List<(string Unit, string Police, SecuritySystem? Overdue, SecuritySystem? Pending, SecuritySystem? Returned, SecuritySystem? Accepted)>();
        var toFileAll = new List<SecuritySystem>();
        foreach (var (jurisdiction, unit) in demo.Showcase)
        {
            var county = jurisdiction.Cities[0].Counties[0].Code;
            var own = systems.Where(s => s.Site!.UnitId == unit.Id).OrderBy(s => s.Site!.Name, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            // In that county: one of the unit's systems is left for the visitor (and the browser test) to file and the county
            // police to accept; the returned and the accepted one are the unit's next ones there, else another unit's.
            var inCounty = new Queue<SecuritySystem>(own.Where(s => s.Site!.DivisionCode == county)
                .Concat(systems.Where(s => s.Site!.DivisionCode == county && s.Site.UnitId != unit.Id).OrderBy(s => s.Site!.Name, StringComparer.Ordinal)));
            var toFile = inCounty.TryPeek(out var t) && t.Site!.UnitId == unit.Id ? inCounty.Dequeue() : null;
            var (returned, accepted) = (inCounty.TryDequeue(out var r) ? r : null, inCounty.TryDequeue(out var a) ? a : null);
            var rest = own.Where(s => s != returned && s != accepted && s != toFile).OrderBy(s => filings.MustFile(s.Site!) ? 0 : 1).ToList();
            // A showcase unit's own 第七条 place if it has one, else the first of its jurisdiction (another unit's).
            var overdue = rest.FirstOrDefault(s => filings.MustFile(s.Site!))
                ?? systems.Where(s => s.Site!.DivisionCode.StartsWith(jurisdiction.Code[..2], StringComparison.Ordinal) && filings.MustFile(s.Site!)
                    && s != returned && s != accepted && s != toFile)
                    .OrderBy(s => s.Site!.Name, StringComparer.Ordinal).FirstOrDefault();
            var pending = rest.FirstOrDefault(s => s != overdue);
            if (toFile is not null)
            {
                toFileAll.Add(toFile);
            }
            showcase.Add((jurisdiction.IsNmg ? "nmg.unit.admin" : "prov.unit.admin", jurisdiction.IsNmg ? "nmg.police.xincheng" : "prov.police.hedong", overdue, pending, returned, accepted));
        }
        var kept = showcase.SelectMany(s => new[] { s.Overdue, s.Pending, s.Returned, s.Accepted }).OfType<SecuritySystem>().Concat(toFileAll).Select(s => s.Id).ToHashSet();

        // Filed in June 2025 and accepted the next day, numbered per county in the order of the systems.
        var zone = sp.GetRequiredService<TimeProvider>().LocalTimeZone;
        var submitted = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2025, 6, 10, 10, 0, 0), zone);
        var acceptedAt = submitted.AddDays(1);
        var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<AuditEvent>();
        foreach (var s in systems.Where(s => !kept.Contains(s.Id)))
        {
            var site = s.Site!;
            var n = sequences[site.DivisionCode] = sequences.GetValueOrDefault(site.DivisionCode) + 1;
            var f = new VideoFiling
            {
                State = FilingStates.Accepted, SystemId = s.Id, SiteId = site.Id, UnitId = site.UnitId, FirstSubmittedAt = submitted, SubmittedAt = submitted,
                SubmittedBy = Actor, SubmittedByName = "演示数据", DecidedAt = acceptedAt, DecidedBy = Actor, DecidedByName = "演示数据", UpdatedAt = acceptedAt,
                Number = FilingService.Format(site.DivisionCode, 2025, n), NumberYear = 2025, NumberSequence = n,
                Steps =
                [
                    new FilingStep { Action = "submitted", At = submitted, By = Actor, ByName = "演示数据", Role = Roles.UnitAdmin },
                    new FilingStep { Action = "accepted", At = acceptedAt, By = Actor, ByName = "演示数据", Role = Roles.PoliceCounty },
                ],
            };
            FiledFacts.FromRegistry(s, site, site.Unit!, devices[s.Id]).Into(f);
            db.VideoFilings.Add(f);
            events.Add(new AuditEvent("filing.accepted", Actor, $"filing:{f.Id}", site.DivisionCode, site.UnitId, FilingService.Citation,
                $"备案「{f.SystemName}」（{f.SiteName}）：受理备案，回执 {f.Number}（演示数据）"));
        }
        db.FilingCounters.AddRange(sequences.Select(kv => new FilingCounter { DivisionCode = kv.Key, Year = 2025, Next = kv.Value }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await sp.GetRequiredService<IAuditLog>().AppendManyAsync(events, ct);
        // The sites were judged before their systems were filed: judged again, the filing findings (第十四条) of the filed ones clear.
        var compliance = sp.GetRequiredService<Compliance.ComplianceService>();
        var rejudged = new List<AuditEvent>();
        foreach (var siteId in systems.Where(s => !kept.Contains(s.Id)).Select(s => s.SiteId).Distinct())
        {
            await compliance.RejudgeAsync(siteId, rejudged, ct);
        }
        db.ChangeTracker.Clear();
        await sp.GetRequiredService<IAuditLog>().AppendManyAsync(rejudged, ct);

        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"  已受理的备案：{events.Count} 个视频系统（2025年6月）");
        foreach (var (unitUser, policeUser, overdue, pending, returned, accepted) in showcase)
        {
            if (await SignedIn(unitUser) is not { } unit || await SignedIn(policeUser) is not { } police)
            {
                continue;
            }
            foreach (var (system, step) in new[] { (accepted, "accept"), (returned, "return"), (pending, "pending") })
            {
                // Another unit's system is filed in that unit's name by the demo (it has no account of its own).
                var filer = system?.Site!.UnitId.ToString() == unit.FindFirstValue(Scope.UnitClaim) ? unit : system is null ? unit : UnitPrincipal(system.Site!.UnitId);
                if (system is null || (await FilingApi.Create(new FilingInput(system.Id, true), filer, filings, ct)).Result is not Created<FilingDto> created)
                {
                    continue;
                }
                db.ChangeTracker.Clear();
                var id = created.Value!.Id;
                var what = step switch
                {
                    "accept" => (await FilingApi.Accept(id, police, filings, ct)).Result is Ok<FilingDto> ok ? $"已受理，回执 {ok.Value!.Number}" : "受理失败",
                    "return" => (await FilingApi.Return(id, new ReturnInput("图像采集设备类型与现场不符，请核实后更正"), police, filings, ct)).Result is Ok<FilingDto> ? "已退回" : "退回失败",
                    _ => "待审核",
                };
                db.ChangeTracker.Clear();
                lines.AppendLine(CultureInfo.InvariantCulture, $"  {system.Site!.Name}「{system.Name}」：{what}（/Filings/Details/{id}）");
            }
            if (overdue is not null)
            {
                lines.AppendLine(CultureInfo.InvariantCulture, $"  {overdue.Site!.Name}「{overdue.Name}」：未备案，已逾期");
            }
        }
        foreach (var system in toFileAll)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"  {system.Site!.Name}「{system.Name}」：未备案，留待演示办理（/Filings/Create/{system.Id}）");
        }
        return lines.ToString();
    }
}
