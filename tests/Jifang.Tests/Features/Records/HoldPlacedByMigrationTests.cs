using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// The migration HoldPlacedBy tells, of the holds placed before it, which the police placed (an officer proposed or confirmed
/// them), so that those are released by the police: holds are written, the migration is taken back and applied again.
/// </summary>
public abstract class HoldPlacedByMigrationTests(PlatformFixture fx)
{
    [Fact]
    public async Task Holds_placed_before_the_migration_are_the_police_s_when_an_officer_proposed_or_confirmed_them()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using var app = scratch.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        foreach (var (name, role, division) in new[] { ("county", Roles.PoliceCounty, "150102"), ("city", Roles.PoliceCity, "150102"), ("admin", Roles.UnitAdmin, null) })
        {
            var created = await users.CreateAsync(new JifangUser { UserName = name, DisplayName = name, Role = role, DivisionCode = division }, Caller.Password);
            Assert.True(created.Succeeded);
        }
        var unit = new Unit { Name = "甲单位", DivisionCode = "150102" };
        db.Units.Add(unit);
        EvidenceHold Hold(string proposer, string? confirmer) => new()
        {
            UnitId = unit.Id, CaseNumber = "案件", Reason = "证据", State = HoldStates.Active, ProposedBy = proposer, ConfirmedBy = confirmer,
        };
        var holds = new[] { Hold("county", "admin"), Hold("admin", "city"), Hold("admin", "someone"), Hold("gone", null) };
        db.Holds.AddRange(holds);
        await db.SaveChangesAsync();

        await Remigrate.ReapplyAsync(db, "HoldPlacedBy");
        db.ChangeTracker.Clear();
        var placed = await db.Holds.AsNoTracking().ToDictionaryAsync(h => h.Id, h => (h.PlacedByRole, h.PlacedByDivision));
        Assert.Equal((Roles.PoliceCounty, "150102"), placed[holds[0].Id]);
        Assert.Equal((Roles.PoliceCity, "1501"), placed[holds[1].Id]);
        Assert.Equal((Roles.UnitAdmin, (string?)null), placed[holds[2].Id]);
        Assert.Equal(((string?)null, (string?)null), placed[holds[3].Id]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HoldPlacedByMigrationSqlite(SqliteFixture fx) : HoldPlacedByMigrationTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class HoldPlacedByMigrationPostgres(PostgresFixture fx) : HoldPlacedByMigrationTests(fx);
