using System.Diagnostics;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Rules.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Load;

/// <summary>
/// Calls the dashboard and the site list handlers in this process once per kind of scope (everything, a province, a city,
/// a county, a unit), with EF Core's command log on, so that the SQL each sends and the time each query took show.
/// Each handler runs twice; the second run is the one to read (the first compiles the queries).
/// </summary>
internal static class Explain
{
    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        await using var app = await LoadHost.BuildAsync(o, logCommands: true);
        Guid unit;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            unit = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(ct);
        }
        var scopes = new[]
        {
            Scope.All,
            new Scope(Roles.PoliceProvince, "15", null, false),
            new Scope(Roles.PoliceCity, "1501", null, false),
            new Scope(Roles.PoliceCounty, "150102", null, false),
            new Scope(Roles.UnitAdmin, null, unit, false),
        };
        foreach (var s in scopes)
        {
            foreach (var (what, call) in new (string, Func<JifangDbContext, IServiceProvider, Task>)[]
            {
                ("dashboard", (db, sp) => FindingsApi.BuildDashboard(db, sp.GetRequiredService<PackSet>(), sp.GetRequiredService<Jifang.Rules.Divisions.DivisionSet>(), sp.GetRequiredService<TimeProvider>(), null, ct)),
                ("site list", (db, sp) => SitesApi.List(db, sp.GetRequiredService<ComplianceService>(), sp.GetRequiredService<CountsCache>(), null, null, null, null, null, null, 1, 20, ct)),
                ("site search", (db, sp) => SitesApi.List(db, sp.GetRequiredService<ComplianceService>(), sp.GetRequiredService<CountsCache>(), "酒店", null, null, null, null, null, 1, 20, ct)),
            })
            {
                for (var run = 1; run <= 2; run++)
                {
                    Console.WriteLine($"==== {what}, scope {s.Role} {s.DivisionPrefix ?? s.UnitId?.ToString() ?? "*"}, run {run}");
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
                    db.Scope = s;
                    var clock = Stopwatch.StartNew();
                    await call(db, scope.ServiceProvider);
                    Console.WriteLine($"==== {what}: {clock.Elapsed.TotalMilliseconds:0.0} ms");
                }
            }
        }
        return 0;
    }
}
