using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Demo;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Issue 10, defect 7: systems refer to registry entries (products, contractors) instead of text of their own. The migration
/// SystemRegistryLinks turns the text of systems stored before it into entries and links; the demo's registry lists are not
/// empty for any role that reads them.
/// </summary>
public abstract class SystemRegistryLinksTests(PlatformFixture fx)
{
    [Fact]
    public async Task The_migration_turns_the_text_systems_held_into_registry_entries_they_refer_to()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using var app = scratch.Build("--Demo:Seed=true");
        await DemoSeeder.SeedIfEmptyAsync(app.Services, TextWriter.Null, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        var before = await LinksAsync(db);
        Assert.True(before.Count > 100);
        var system = await db.Systems.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Site!.DivisionCode }).FirstAsync();

        // Back to the shape before the migration (its Down writes the links back as text), then one system's text as an
        // old row had it: a product and a contractor no registry entry has.
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_SystemRegistryLinks", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[index - 1]);
        var products = """[{"Model":"旧文本型号-7","Manufacturer":"旧文本厂家","InCatalog":true,"MeetsStandard":false},{"Model":"旧文本型号-8","InCatalog":false,"MeetsStandard":true}]""";
        var contractors = """[{"Name":"旧文本工程有限公司","Role":"construction","Qualified":false},{"Name":"旧文本工程有限公司","Role":"maintenance","Qualified":false}]""";
        var sql = fx.Provider == "postgres"
            ? "UPDATE systems SET products = {0}::jsonb, contractors = {1}::jsonb WHERE \"Id\" = {2}"
            : "UPDATE systems SET products = {0}, contractors = {1} WHERE \"Id\" = {2}";
        await db.Database.ExecuteSqlRawAsync(sql, products, contractors, system.Id);
        await migrator.MigrateAsync();
        db.ChangeTracker.Clear();

        var after = await LinksAsync(db);
        var (kept, now) = (before.Where(l => l.SystemIdOf() != system.Id).ToList(), after.Where(l => l.SystemIdOf() != system.Id).ToList());
        Assert.True(kept.SequenceEqual(now), $"lost: {string.Join(" | ", kept.Except(now).Take(5))}; new: {string.Join(" | ", now.Except(kept).Take(5))}");
        var loaded = await db.Systems.AsNoTracking().FirstAsync(s => s.Id == system.Id);
        await RegistryLinks.FillAsync(db, [loaded], CancellationToken.None);
        Assert.Equal(["旧文本型号-7", "旧文本型号-8"], loaded.Products.Select(p => p.Product!.Model));
        var seven = loaded.Products[0].Product!;
        Assert.Equal(("旧文本厂家", true, false), (seven.Manufacturer, seven.InCatalog, seven.MeetsStandard));
        var eight = loaded.Products[1].Product!;
        Assert.Equal(("", false, true), (eight.Manufacturer, eight.InCatalog, eight.MeetsStandard));
        // One contractor entry for the name in the site's division, in both roles.
        Assert.Equal(["construction", "maintenance"], loaded.Contractors.Select(c => c.Role));
        Assert.Single(loaded.Contractors.Select(c => c.ContractorId).Distinct());
        var contractor = loaded.Contractors[0].Contractor!;
        Assert.Equal(("旧文本工程有限公司", false, system.DivisionCode), (contractor.Name, contractor.Qualified, contractor.DivisionCode));
        Assert.Equal(1, await db.Contractors.CountAsync(c => c.Name == "旧文本工程有限公司"));

        // The API answers the registry's names with their ids.
        var dto = SystemsApi.ToDto(loaded);
        Assert.Equal(seven.Id, dto.Products[0].ProductId);
        Assert.Equal("旧文本工程有限公司", dto.Contractors[0].Name);
        Assert.Equal(contractor.Id, dto.Contractors[0].ContractorId);
    }

    [Fact]
    public async Task The_demos_products_contractors_and_personnel_are_listed_for_every_role_that_reads_the_registry()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using var app = scratch.Build("--Demo:Seed=true");
        await DemoSeeder.SeedIfEmptyAsync(app.Services, TextWriter.Null, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        // Every system refers to registry entries, and every entry a system refers to is listed.
        Assert.Equal(0, await db.Systems.CountAsync(s => !s.Archived && s.Products.Count == 0 && s.Contractors.Count == 0));
        var readers = await db.Users.AsNoTracking()
            .Where(u => u.Role == Roles.PlatformAdmin || Roles.Police.Contains(u.Role) || Roles.UnitRoles.Contains(u.Role)).ToListAsync();
        Assert.True(readers.Count >= 10);
        foreach (var user in readers)
        {
            db.Scope = ScopeOf(user);
            var products = (await ProductsApi.List(db, null, null, null, false, 1, 20, CancellationToken.None)).Value!.Total;
            var contractors = (await ContractorsApi.List(db, null, null, null, false, 1, 20, CancellationToken.None)).Value!.Total;
            var personnel = await db.Personnel.CountAsync(p => !p.Archived);
            Assert.True(products > 0 && contractors > 0 && personnel > 0, $"{user.UserName}: 产品 {products}、从业单位 {contractors}、从业人员 {personnel}");
        }
    }

    private static Scope ScopeOf(JifangUser user)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, user.Role) };
        if (user.DivisionCode is { } d)
        {
            claims.Add(new(Scope.DivisionClaim, d));
        }
        if (user.UnitId is { } u)
        {
            claims.Add(new(Scope.UnitClaim, u.ToString()));
        }
        return Scope.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
    }

    /// <summary>Every system's products and contractors as (system, entry, role), in each system's order.</summary>
    private static async Task<List<string>> LinksAsync(JifangDbContext db)
    {
        var systems = await db.Systems.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        await RegistryLinks.FillAsync(db, systems, CancellationToken.None);
        return systems.SelectMany(s => s.Products.Select((p, i) => $"{s.Id} P{i} {p.Product!.Model} {p.Product.Manufacturer} {p.Product.InCatalog} {p.Product.MeetsStandard}")
            .Concat(s.Contractors.Select((c, i) => $"{s.Id} C{i} {c.Contractor!.Name} {c.Role} {c.Contractor.Qualified}"))).ToList();
    }
}

internal static class LinkText
{
    public static Guid SystemIdOf(this string link) => Guid.Parse(link[..36]);
}

[Collection(SqliteCollection.Name)]
public sealed class SystemRegistryLinksSqlite(SqliteFixture fx) : SystemRegistryLinksTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class SystemRegistryLinksPostgres(PostgresFixture fx) : SystemRegistryLinksTests(fx);
