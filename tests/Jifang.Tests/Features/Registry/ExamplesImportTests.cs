using System.Net;
using System.Text;
using Jifang.Features.Demo;
using Jifang.Features.Import;
using Jifang.Tests.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Issue 10, defect 6: the files of docs/examples import into a fresh demo database as they are (the demo has the unit they
/// name), and the import page offers empty templates made from the importer's own columns.
/// </summary>
public abstract class ExamplesImportTests(PlatformFixture fx)
{
    [Fact]
    public async Task Every_example_file_imports_into_a_fresh_demo_without_a_refused_row()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using (var app = scratch.Build("--Demo:Seed=true"))
        {
            await DemoSeeder.SeedIfEmptyAsync(app.Services, TextWriter.Null, CancellationToken.None);
        }
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "docs", "examples"))
            .Where(f => Path.GetExtension(f) is ".csv" or ".xlsx" or ".json").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => f.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".xlsx", StringComparison.Ordinal));
        var imported = 0;
        foreach (var file in files)
        {
            // As docs/import.md shows it: the unit by its credit code (the one the files name; rows without a unit take it).
            var (code, output, error) = scratch.Cli("import", file, "--unit", DemoBuilder.ExamplesCreditCode, "--format", "json");
            Assert.True(code == 0, $"{Path.GetFileName(file)} refused ({code}): {error}");
            using var report = System.Text.Json.JsonDocument.Parse(output);
            Assert.True(report.RootElement.GetProperty("accepted").GetBoolean());
            Assert.Equal(0, report.RootElement.GetProperty("errors").GetArrayLength());
            imported += report.RootElement.GetProperty("sites").GetInt32();
        }
        await using var check = scratch.Build();
        await using var scope = check.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        var unit = await db.Units.SingleAsync(u => u.CreditCode == DemoBuilder.ExamplesCreditCode);
        Assert.Equal(imported, await db.Sites.CountAsync(s => s.UnitId == unit.Id));
        Assert.True(imported >= files.Count);
    }

    [Fact]
    public async Task The_import_page_offers_empty_templates_with_the_importers_headers()
    {
        var client = await fx.PageClientAsync(Callers.UnitAdminA);
        var page = await client.PageTextAsync("/Import");
        Assert.Contains("/Import?handler=Template&format=xlsx", page, StringComparison.Ordinal);
        Assert.Contains("/Import?handler=Template&format=csv", page, StringComparison.Ordinal);

        using (var csv = await client.GetAsync(new Uri("/Import?handler=Template&format=csv", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([string.Join(',', Sheets.SiteColumns.Select(c => c.Header))], lines);
            Assert.StartsWith("场所编号,场所名称,单位统一社会信用代码", lines[0], StringComparison.Ordinal);
        }
        using (var xlsx = await client.GetAsync(new Uri("/Import?handler=Template&format=xlsx", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
            Assert.Equal(Sheets.Order, MiniExcel.GetSheetNames(stream));
            foreach (var sheet in Sheets.Order)
            {
                stream.Position = 0;
                var rows = stream.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
                var row = Assert.Single(rows);
                Assert.Equal(Sheets.ColumnsOf(sheet).Select(c => c.Header), row.Values.Select(v => v?.ToString()));
            }
        }
        using var unknown = await client.GetAsync(new Uri("/Import?handler=Template&format=doc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExamplesImportSqlite(SqliteFixture fx) : ExamplesImportTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ExamplesImportPostgres(PostgresFixture fx) : ExamplesImportTests(fx);
