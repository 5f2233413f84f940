using Jifang.Data;
using Jifang.Features.Identity;
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

/// <summary>Records today's standing of every unit's sites (once a day, and at start), so the dashboard can show a trend.</summary>
public sealed class TrendRecorder(JifangDbContext db, TimeProvider time)
{
    public async Task<int> RecordAsync(CancellationToken ct)
    {
        db.Scope = Scope.All;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var sites = await db.Sites.AsNoTracking().Where(s => !s.Archived)
            .GroupBy(s => new { s.UnitId, s.DivisionCode })
            .Select(g => new
            {
                g.Key.UnitId,
                g.Key.DivisionCode,
                Sites = g.Count(),
                WithFindings = g.Count(s => db.Findings.Any(f => f.SiteId == s.Id)),
                Findings = g.Sum(s => db.Findings.Count(f => f.SiteId == s.Id)),
            })
            .ToListAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<TrendSnapshot>().Where(t => t.Date == today).ExecuteDeleteAsync(ct);
            db.Set<TrendSnapshot>().AddRange(sites.Select(s => new TrendSnapshot
            {
                Date = today, UnitId = s.UnitId, DivisionCode = s.DivisionCode, Sites = s.Sites, SitesWithFindings = s.WithFindings, Findings = s.Findings,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return sites.Count;
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
