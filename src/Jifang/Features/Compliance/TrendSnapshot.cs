using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Compliance;

/// <summary>How one unit's sites in one division stood on one day: the dashboard's trend is the sum of these in the viewer's scope.</summary>
public sealed class TrendSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateOnly Date { get; set; }
    public Guid UnitId { get; set; }
    public string DivisionCode { get; set; } = "";
    public int Sites { get; set; }
    public int SitesWithFindings { get; set; }
    public int Findings { get; set; }
}

public sealed class TrendSnapshotConfiguration : IEntityTypeConfiguration<TrendSnapshot>
{
    public void Configure(EntityTypeBuilder<TrendSnapshot> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("trend_snapshots");
        builder.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        builder.HasIndex(x => new { x.Date, x.DivisionCode });
        builder.HasIndex(x => new { x.UnitId, x.Date });
    }
}

/// <summary>How the sites of one unit in one division stand: the one definition the dashboard's counters and its trend share.</summary>
public sealed record StandingGroup(Guid UnitId, string DivisionCode, int Sites, int SitesWithFindings, int Findings);

/// <summary>
/// The standing of sites, defined once (issue 10: the dashboard's trend said 46 beside its counter's 47, the trend being a
/// snapshot taken by another query hours before): sites not archived, counted by unit and division; their stored findings, and
/// the sites having any. The daily snapshot stores these groups, the dashboard's counters are their sums and its trend's point
/// for today is those same sums, not the morning's snapshot.
/// </summary>
public static class Standing
{
    /// <param name="sites">Sites in the caller's scope (and division filter); archived ones are left out here.</param>
    /// <param name="findings">Findings in the same scope and filter.</param>
    public static async Task<IReadOnlyList<StandingGroup>> ByUnitAndDivisionAsync(IQueryable<Site> sites, IQueryable<StoredFinding> findings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(findings);
        var counted = await sites.AsNoTracking().Where(s => !s.Archived).GroupBy(s => new { s.UnitId, s.DivisionCode })
            .Select(g => new { g.Key.UnitId, g.Key.DivisionCode, Sites = g.Count() })
            .ToListAsync(ct);
        var found = await findings.AsNoTracking().GroupBy(f => new { f.UnitId, f.DivisionCode })
            .Select(g => new { g.Key.UnitId, g.Key.DivisionCode, Sites = g.Select(f => f.SiteId).Distinct().Count(), Findings = g.Count() })
            .ToListAsync(ct);
        var byKey = found.ToDictionary(f => (f.UnitId, f.DivisionCode));
        var groups = counted.Select(c => byKey.Remove((c.UnitId, c.DivisionCode), out var f)
            ? new StandingGroup(c.UnitId, c.DivisionCode, c.Sites, f.Sites, f.Findings)
            : new StandingGroup(c.UnitId, c.DivisionCode, c.Sites, 0, 0)).ToList();
        // Findings whose site is not counted (none while a site's findings follow it): counted all the same, so that no total hides them.
        groups.AddRange(byKey.Values.Select(f => new StandingGroup(f.UnitId, f.DivisionCode, 0, f.Sites, f.Findings)));
        return groups;
    }

    public static TrendPointDto Total(DateOnly date, IEnumerable<StandingGroup> groups)
    {
        var list = groups.ToList();
        return new TrendPointDto(date, list.Sum(g => g.Sites), list.Sum(g => g.SitesWithFindings), list.Sum(g => g.Findings));
    }
}

/// <summary>Records today's standing of every unit's sites (once a day, and at start), so the dashboard can show a trend.</summary>
public sealed class TrendRecorder(JifangDbContext db, TimeProvider time)
{
    public async Task<int> RecordAsync(CancellationToken ct)
    {
        db.Scope = Scope.All;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var groups = await Standing.ByUnitAndDivisionAsync(db.Sites, db.Findings, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<TrendSnapshot>().Where(t => t.Date == today).ExecuteDeleteAsync(ct);
            db.Set<TrendSnapshot>().AddRange(groups.Select(s => new TrendSnapshot
            {
                Date = today, UnitId = s.UnitId, DivisionCode = s.DivisionCode, Sites = s.Sites, SitesWithFindings = s.SitesWithFindings, Findings = s.Findings,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return groups.Count;
    }
}

/// <summary>Takes the day's snapshot at start and then just after every local midnight.</summary>
public sealed partial class TrendService(IServiceScopeFactory scopes, TimeProvider time, ILogger<TrendService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TrendRecorder>().RecordAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(log, ex);
            }
            var now = time.GetLocalNow();
            var next = new DateTimeOffset(now.Date.AddDays(1).AddMinutes(1), now.Offset);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "记录合规趋势快照失败")]
    private static partial void Failed(ILogger logger, Exception exception);
}
