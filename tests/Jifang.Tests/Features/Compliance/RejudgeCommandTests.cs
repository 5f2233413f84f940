using Jifang.Features.Registry;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Compliance;

/// <summary>
/// <c>jifang admin rejudge</c>: a database judged before a regulation came (its sites' findings of the regional text alone, or
/// none) is judged again under every pack in force, each new finding in the audit log.
/// </summary>
public abstract class RejudgeCommandTests(PlatformFixture fx)
{
    [Fact]
    public async Task Rejudging_finds_what_the_packs_now_say_of_sites_stored_without_it_and_logs_it()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        var site = Guid.CreateVersion7();
        await using (var app = scratch.Build())
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Stored as an older platform left it: the guest-room camera with no finding at all.
            var db = AuditScratch.Db(scope);
            var unit = new Unit { Name = "重判旅店集团", DivisionCode = "150102" };
            db.Units.Add(unit);
            db.Sites.Add(new Site
            {
                Id = site, UnitId = unit.Id, Name = "重判旅店", DivisionCode = "150102", Categories = ["hotel"], Parts = ["main-entrance"],
                Devices = [new Device { SiteId = site, Name = "客房摄像机", Kind = "摄像机", Captures = ["video"], Zone = "hotel-guest-room" }],
            });
            await db.SaveChangesAsync();
        }

        var (code, output, error) = scratch.Cli("admin", "rejudge");
        Assert.True(code == 0, output + error);
        Assert.Contains("已重新判定 1 个场所：问题 0 条", output, StringComparison.Ordinal);

        await using (var app = scratch.Build())
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = AuditScratch.Db(scope);
            var privacy = await db.Findings.AsNoTracking().Where(f => f.SiteId == site && f.Rule == "privacy-zone-capture").Select(f => f.PackId).ToListAsync();
            Assert.Equal(["national-2025", "nmg-2007"], privacy.Order(StringComparer.Ordinal));
            var raised = await db.Audit.AsNoTracking().Where(e => e.Action == "finding.raised" && e.Subject == $"site:{site}").ToListAsync();
            Assert.Contains(raised, e => e.Citation == "national-2025 8.1.1" && e.Actor.StartsWith("cli:", StringComparison.Ordinal));
            Assert.Contains(raised, e => e.Citation == "nmg-2007 9.2.1");
        }

        // Run again, nothing changes and nothing is logged.
        (code, output, error) = scratch.Cli("admin", "rejudge");
        Assert.True(code == 0, output + error);
        Assert.Contains("审计日志记入 0 条", output, StringComparison.Ordinal);
        Assert.Equal(0, scratch.Cli("audit", "verify").Code);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RejudgeCommandSqlite(SqliteFixture fx) : RejudgeCommandTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RejudgeCommandPostgres(PostgresFixture fx) : RejudgeCommandTests(fx);
