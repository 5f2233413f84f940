using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jifang.AlarmLoad;

/// <summary>
/// <c>seed</c>: migrates an empty database and writes one unit in 150102 with N systems (50 to a hotel site) and a key
/// for each, through the platform's DbContext and key format; the keys go to a file, one per line. Registry data written
/// directly, not through the API, because 100,000 systems through the API (each re-judging its site) would take hours.
/// </summary>
internal static class Seed
{
    public static async Task<int> RunAsync(string provider, string connection, int systems, string keysFile)
    {
        JifangDbContext db = provider == "postgres"
            ? new PostgresJifangDbContext(new DbContextOptionsBuilder<PostgresJifangDbContext>().UseNpgsql(connection).Options)
            : new SqliteJifangDbContext(new DbContextOptionsBuilder<SqliteJifangDbContext>().UseSqlite(connection).Options);
        await using (db)
        {
            db.Scope = Scope.All;
            await db.MigrateAsync();
            var now = DateTime.UtcNow;
            var unit = new Unit { Name = "压测酒店管理有限公司", DivisionCode = "150102", CreatedAt = now, UpdatedAt = now };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var keys = new StreamWriter(keysFile);
            Site? site = null;
            for (var start = 0; start < systems; start += 5000)
            {
                var count = Math.Min(5000, systems - start);
                for (var i = 0; i < count; i++)
                {
                    var n = start + i;
                    if (n % 50 == 0 || i == 0)
                    {
                        site = new Site
                        {
                            UnitId = unit.Id, Name = $"压测宾馆{n / 50:D5}", DivisionCode = "150102", Address = "压测路",
                            Categories = ["hotel"], Parts = ["main-entrance", "passage"], CreatedAt = now, UpdatedAt = now,
                        };
                        db.Sites.Add(site);
                    }
                    var system = new SecuritySystem
                    {
                        SiteId = site!.Id, Name = $"压测系统{n:D6}",
                        Subsystems = ["intrusion-alarm"], Covers = ["main-entrance"], InService = true, AlarmNetworked = true, UpdatedAt = now,
                    };
                    db.Systems.Add(system);
                    var credential = new AlarmCredential { SystemId = system.Id, Label = "压测", CreatedAt = now, CreatedBy = "bench" };
                    (var key, credential.SecretHash) = ApiKeys.Create(credential.Id);
                    db.AlarmCredentials.Add(credential);
                    await keys.WriteLineAsync(key);
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            Console.WriteLine(unit.Id);
        }
        return 0;
    }
}
