using Jifang.Features.Demo;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Compliance;

/// <summary>
/// The migration FindingUnits gives the findings stored before it their site's unit (unit users see findings by it): on a
/// database with the demo's findings, the migration is taken back and applied again, and every finding has its site's unit.
/// </summary>
public abstract class FindingUnitsMigrationTests(PlatformFixture fx)
{
    [Fact]
    public async Task Findings_stored_before_the_migration_take_their_sites_unit()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using var app = scratch.Build("--Demo:Seed=true");
        await DemoSeeder.SeedIfEmptyAsync(app.Services, TextWriter.Null, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        Assert.True(await db.Findings.CountAsync() > 50);
        await Remigrate.ReapplyAsync(db, "FindingUnits");
        var wrong = await db.Findings.AsNoTracking()
            .Where(f => f.UnitId == Guid.Empty || !db.Sites.Any(s => s.Id == f.SiteId && s.UnitId == f.UnitId)).CountAsync();
        Assert.Equal(0, wrong);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FindingUnitsMigrationSqlite(SqliteFixture fx) : FindingUnitsMigrationTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class FindingUnitsMigrationPostgres(PostgresFixture fx) : FindingUnitsMigrationTests(fx);
