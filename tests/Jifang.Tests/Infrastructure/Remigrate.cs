using Jifang.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Jifang.Tests.Infrastructure;

/// <summary>For the tests of a migration's backfill: the data is written, the migration is taken back and applied again.</summary>
public static class Remigrate
{
    /// <summary>Migrates the database down to the migration before the one named (its id ends "_NAME"), then up to the latest.</summary>
    public static async Task ReapplyAsync(JifangDbContext db, string name)
    {
        ArgumentNullException.ThrowIfNull(db);
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_" + name, StringComparison.Ordinal));
        Assert.True(index > 0, $"no migration {name}");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[index - 1]);
        await migrator.MigrateAsync();
    }
}
