using System.Text;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Import.Tests;

/// <summary>The importer called directly, as the command does: encodings, formats, and a failure while writing.</summary>
public abstract class ImporterTests(PlatformFixture platform)
{
    private const string Csv = "场所编号,场所名称,场所类别,部位\nK1,康乐宾馆,宾馆,主要出入口;通道\nK2,康乐商场,商场,主要出入口\n";

    private async Task<ImportReport> ImportAsync(byte[] file, string name, Guid unit, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var scope = platform.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        using var stream = new MemoryStream(file);
        return await importer.ImportAsync(stream, name, new ImportOptions(unit.ToString()), progress, ct);
    }

    [Fact]
    public async Task Csv_saved_by_excel_as_gb18030_or_utf8_with_bom_reads_the_same()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var unit = await platform.CreateUnitAsync("编码测试单位", "150102");
        var gbk = await ImportAsync(Encoding.GetEncoding("GB18030").GetBytes(Csv), "gbk.csv", unit.Id);
        var bom = await ImportAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv)], "bom.csv", unit.Id);

        foreach (var report in new[] { gbk, bom })
        {
            Assert.True(report.Accepted, ImportHttp.Errors(report));
            Assert.Equal(["康乐宾馆", "康乐商场"], report.Imported.Select(s => s.Name));
            Assert.Equal(["K1", "K2"], report.Imported.Select(s => s.Code));
        }
    }

    [Fact]
    public async Task A_failure_while_judging_leaves_nothing_behind()
    {
        var unit = await platform.CreateUnitAsync("中途失败单位", "150102");
        using var cts = new CancellationTokenSource();
        var stages = new List<ImportProgress>();
        // Cancel once the first site has been judged: the sites are inserted by then, inside the transaction.
        var progress = new ThrottledProgress(p =>
        {
            stages.Add(p);
            if (p is { Stage: ImportStage.Judging, Done: 1 })
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(Encoding.UTF8.GetBytes(Csv), "fail.csv", unit.Id, progress, cts.Token));

        Assert.Contains(stages, p => p.Stage == ImportStage.Saving && p.Done == p.Total);
        Assert.Equal((0, 0), ((await platform.CountsAsync(unit.Id)).Sites, (await platform.CountsAsync(unit.Id)).Findings));
    }

    /// <summary>An import judges the sites it inserts from what it inserted; judging them again from the database, as an
    /// edit would, finds exactly the same findings (nothing raised, nothing cleared), and the audit log has one
    /// finding.raised per finding stored.</summary>
    [Fact]
    public async Task Imported_sites_are_judged_as_a_rejudgement_would_judge_them()
    {
        var unit = await platform.CreateUnitAsync("评判一致单位", "150102");
        var report = await ImportAsync(Encoding.UTF8.GetBytes(Csv), "judged.csv", unit.Id);
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.True(report.Findings > 0);

        await using var scope = platform.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var sites = report.Imported.Select(s => $"site:{s.Id}").ToList();
        var raised = await db.Audit.CountAsync(e => e.Action == "finding.raised" && sites.Contains(e.Subject!));
        Assert.Equal(report.Findings, raised);
        var compliance = scope.ServiceProvider.GetRequiredService<ComplianceService>();
        var changes = new List<AuditEvent>();
        foreach (var site in report.Imported)
        {
            var again = await compliance.RejudgeAsync(site.Id, changes, CancellationToken.None);
            Assert.Equal(site.Findings, again.Count);
        }
        // Nothing raised or cleared: the import judged each site as a re-judgement does.
        Assert.Empty(changes);
    }

    [Fact]
    public async Task Progress_goes_through_every_stage_in_order()
    {
        var unit = await platform.CreateUnitAsync("进度阶段单位", "150102");
        var stages = new List<ImportStage>();

        var report = await ImportAsync(Encoding.UTF8.GetBytes(Csv), "stages.csv", unit.Id, new ThrottledProgress(p => stages.Add(p.Stage)));

        Assert.True(report.Accepted);
        Assert.Equal([ImportStage.Reading, ImportStage.Validating, ImportStage.Saving, ImportStage.Judging, ImportStage.Done], stages.Distinct());
        Assert.Equal(stages.Order(), stages);
    }

    [Theory]
    [InlineData("report.pdf", "%PDF-1.4")]
    [InlineData("old.xls", "\u00D0\u00CF\u0011\u00E0")]
    public async Task A_file_that_is_none_of_the_formats_is_rejected(string name, string content)
    {
        var unit = await platform.CreateUnitAsync("格式测试单位", "150102");
        var report = await ImportAsync(Encoding.Latin1.GetBytes(content), name, unit.Id);

        Assert.False(report.Accepted);
        Assert.Null(report.Format);
        Assert.StartsWith("无法识别文件格式", Assert.Single(report.Errors).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sheet_without_a_required_column_says_which()
    {
        var unit = await platform.CreateUnitAsync("缺列单位", "150102");
        var report = await ImportAsync(Encoding.UTF8.GetBytes("场所编号,名称,场所类型\nA,甲,hotel\n"), "cols.csv", unit.Id);

        Assert.False(report.Accepted);
        Assert.Equal(
            ["第 1 行 场所类型: 未知列（是否应为“场所类别”？）", "第 1 行: 缺少必填列“场所名称”", "第 1 行: 缺少必填列“场所类别”"],
            report.Errors.Select(e => e.Text));
        Assert.Contains("第 1 行: 未知列“名称”，已忽略", report.Warnings);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImporterSqlite(SqliteFixture platform) : ImporterTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImporterPostgres(PostgresFixture platform) : ImporterTests(platform);
