using System.Diagnostics;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Demo;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Load;

/// <summary>
/// Fills an empty database with N sites: the demo registry (Features/Demo, about 300 sites with deliberate violations of
/// every kind) cloned over the demo's counties, four sites to a unit, each clone judged by the platform's own
/// <c>ComplianceService.Judge</c> (under every pack in force for its place) and saved with its stored findings through the platform's DbContext, in batches.
/// One unit in fifty is registered in a neighbouring county of its sites (the case the county police's site list must
/// show). Then the accounts of the driver, one trend snapshot, and ANALYZE.
/// </summary>
internal static class LoadSeeder
{
    public const string Password = "Jifang-Load-2026";
    public const int UnitAccounts = 20;
    private const int SitesPerUnit = 4;

    public static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var app = await LoadHost.BuildAsync(options);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        if (await db.Sites.IgnoreQueryFilters().AnyAsync(ct) || await db.Units.IgnoreQueryFilters().AnyAsync(ct))
        {
            Console.Error.WriteLine("seed: the database already holds a registry; seed an empty one");
            return 1;
        }
        var compliance = sp.GetRequiredService<ComplianceService>();
        var time = sp.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;
        var demo = DemoBuilder.Build(compliance.PackFor);
        var demoUnits = demo.Units.ToDictionary(u => u.Id);
        var templates = DemoDivisions.All.Select(j => (Jurisdiction: j, Sites: demo.Sites.Where(s => demo.JurisdictionOf(s) == j).ToList(), Counties: j.Counties.ToList())).ToList();
        Console.WriteLine($"seed: {options.Sites} sites cloned from {demo.Sites.Count} demo sites over {templates.Sum(t => t.Counties.Count)} counties, {SitesPerUnit} to a unit");

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var unitCount = (options.Sites + SitesPerUnit - 1) / SitesPerUnit;
        var unitsForAccounts = new List<Unit>();
        var stats = (Sites: 0, Systems: 0, Devices: 0, Acts: 0, Findings: 0);
        var pending = 0;
        for (var k = 0; k < unitCount; k++)
        {
            // Units alternate between the two jurisdictions and walk through each one's counties.
            var (j, sites, counties) = templates[k % templates.Count];
            var county = counties[k / templates.Count % counties.Count];
            var registeredIn = k % 50 == 49 ? counties[(k / templates.Count + 1) % counties.Count] : county;
            var first = sites[k / templates.Count * SitesPerUnit % sites.Count];
            var unit = new Unit
            {
                Name = $"{demoUnits[first.UnitId].Name}{k + 1:D5}号",
                DivisionCode = registeredIn.Code,
                Address = j.FullName(registeredIn),
                ContactPhone = $"0471-{k % 10_000_000:D7}",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Units.Add(unit);
            if (unitsForAccounts.Count < UnitAccounts && k % 7 == 0)
            {
                unitsForAccounts.Add(unit);
            }
            for (var n = 0; n < SitesPerUnit && stats.Sites < options.Sites; n++)
            {
                var template = sites[(k / templates.Count * SitesPerUnit + n) % sites.Count];
                var site = Clone(template, unit, county.Code, $"{template.Name}{stats.Sites + 1:D6}", now);
                db.Sites.Add(site);
                var findings = ComplianceService.Judge(site, compliance.PacksFor(site.DivisionCode), compliance.Today, now);
                db.Findings.AddRange(findings);
                stats = (stats.Sites + 1, stats.Systems + site.Systems.Count, stats.Devices + site.Devices.Count, stats.Acts + site.Acts.Count, stats.Findings + findings.Count);
                pending++;
            }
            if (pending >= options.Batch || k == unitCount - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
                Console.Write($"\rseed: {stats.Sites} sites, {stats.Findings} findings, {clock.Elapsed.TotalSeconds:0.0} s   ");
            }
        }
        Console.WriteLine();
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        var accounts = await CreateAccountsAsync(sp.GetRequiredService<UserManager<JifangUser>>(), templates.SelectMany(t => t.Counties).ToList(), unitsForAccounts, now);
        await sp.GetRequiredService<TrendRecorder>().RecordAsync(ct);
        // Fresh statistics and (PostgreSQL) a set visibility map, as autovacuum leaves them some time after a bulk load.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE" : "ANALYZE", ct);
        clock.Stop();
        Console.WriteLine($"seed: {unitCount} units, {stats.Sites} sites, {stats.Systems} systems, {stats.Devices} devices, {stats.Acts} acts, " +
            $"{stats.Findings} findings, {accounts} accounts in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>A copy of a demo site (its systems, devices and acts with new ids) for another unit and county.</summary>
    private static Site Clone(Site t, Unit unit, string division, string name, DateTime now)
    {
        var site = new Site
        {
            UnitId = unit.Id, Name = name, DivisionCode = division, Address = t.Address,
            Categories = [.. t.Categories], Parts = [.. t.Parts],
            PublicArea = t.PublicArea, Large = t.Large, Urban = t.Urban, InvolvesStateSecrets = t.InvolvesStateSecrets, HoldsImportantItems = t.HoldsImportantItems,
            Archived = t.Archived, CreatedAt = now, UpdatedAt = now,
        };
        var systems = new Dictionary<Guid, Guid>();
        foreach (var x in t.Systems)
        {
            var copy = new SecuritySystem
            {
                Name = x.Name, Subsystems = [.. x.Subsystems], Covers = [.. x.Covers], NewConstruction = x.NewConstruction,
                DesignReviewHeld = x.DesignReviewHeld, DesignReviewOrganizer = x.DesignReviewOrganizer, DesignReviewDate = x.DesignReviewDate,
                InspectionHeld = x.InspectionHeld, InspectionAgencyQualified = x.InspectionAgencyQualified, InspectionPassed = x.InspectionPassed, InspectionDate = x.InspectionDate,
                AcceptanceHeld = x.AcceptanceHeld, AcceptancePassed = x.AcceptancePassed, AcceptancePoliceParticipated = x.AcceptancePoliceParticipated, AcceptanceDate = x.AcceptanceDate,
                InService = x.InService, InterfaceReserved = x.InterfaceReserved, AlarmNetworked = x.AlarmNetworked, RetentionDays = x.RetentionDays,
                PersonnelTrained = x.PersonnelTrained,
                Products = x.Products.Select(p => new ProductEntry { ProductId = p.ProductId, Position = p.Position, Product = p.Product }).ToList(),
                Contractors = x.Contractors.Select(c => new ContractorEntry { ContractorId = c.ContractorId, Position = c.Position, Role = c.Role, Contractor = c.Contractor }).ToList(),
                Archived = x.Archived, UpdatedAt = now,
            };
            systems[x.Id] = copy.Id;
            site.Systems.Add(copy);
        }
        foreach (var d in t.Devices)
        {
            site.Devices.Add(new Device
            {
                SystemId = d.SystemId is { } s ? systems[s] : null, Name = d.Name, Kind = d.Kind, Captures = [.. d.Captures], Zone = d.Zone,
                Archived = d.Archived, UpdatedAt = now,
            });
        }
        foreach (var a in t.Acts)
        {
            site.Acts.Add(new RegisteredAct
            {
                SystemId = a.SystemId is { } s ? systems[s] : null, Kind = a.Kind, Date = a.Date, Actor = a.Actor, Authorized = a.Authorized,
                SeriousConsequences = a.SeriousConsequences, Description = a.Description, CreatedAt = now,
            });
        }
        return site;
    }

    /// <summary>The driver's accounts: the administrator, police of both provinces, of a city of each, of every county, and unit administrators.</summary>
    private static async Task<int> CreateAccountsAsync(UserManager<JifangUser> users, List<DemoCounty> counties, List<Unit> units, DateTime now)
    {
        var specs = new List<(string Name, string Role, string? Division, Guid? Unit)>
        {
            ("load-admin", Roles.PlatformAdmin, null, null),
            ("load-province-15", Roles.PoliceProvince, "150102", null),
            ("load-province-99", Roles.PoliceProvince, "990102", null),
            ("load-city-1501", Roles.PoliceCity, "150102", null),
            ("load-city-9902", Roles.PoliceCity, "990202", null),
        };
        specs.AddRange(counties.Select(c => ($"load-county-{c.Code}", Roles.PoliceCounty, (string?)c.Code, (Guid?)null)));
        specs.AddRange(units.Select((u, i) => ($"load-unit-{i + 1}", Roles.UnitAdmin, (string?)null, (Guid?)u.Id)));
        foreach (var (name, role, division, unit) in specs)
        {
            var user = new JifangUser { UserName = name, DisplayName = name, Role = role, DivisionCode = division, UnitId = unit, CreatedAt = now };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
            {
                throw new InvalidOperationException($"account {name}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
        return specs.Count;
    }
}
