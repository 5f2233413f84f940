using System.Net;
using System.Text;
using Jifang.Features.Import;

namespace Jifang.Import.Tests;

/// <summary>
/// What a hostile file costs: every cap (file, uncompressed bytes, rows, columns, cells) is enforced before the work it
/// bounds, named in the message; a cell at column XFD never sizes anything; 100,000 rows (the default cap) do import.
/// The fixture lowers Import:MaxUncompressedBytes to 4 MiB so that a zip bomb stays small here.
/// </summary>
public abstract class ImportLimitsTests(PlatformFixture platform)
{
    private async Task<Guid> UnitAsync(string name) => (await platform.CreateUnitAsync(platform.Provider + name, "150102")).Id;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cell_at_column_XFD_is_rejected_as_beyond_the_column_cap(bool dryRun)
    {
        var unit = await UnitAsync($"XFD单位{dryRun}");
        // Header in A1:D1, then a cell at the last column Excel has (16,384) in rows 2 and 20, the dimension saying so too.
        var sheet = TestFiles.Sheet(
            TestFiles.Row(1, "场所名称", "场所类别", "部位", "地址") + $"<row r=\"2\">{TestFiles.Cell("XFD2", "x")}</row>" + $"<row r=\"20\">{TestFiles.Cell("XFD20", "x")}</row>",
            dimension: "A1:XFD20");

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(("Sheet1", sheet)), "xfd.xlsx", unit: unit.ToString(), dryRun: dryRun);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("Sheet1", 2, "XFD"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("Import:MaxColumns", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task A_csv_row_wider_than_the_column_cap_is_rejected()
    {
        var unit = await UnitAsync("宽行单位");
        var csv = "场所名称,场所类别\n宽行宾馆,hotel" + new string(',', 70) + "\n";

        var (status, report) = await ImportHttp.PostAsync(platform.Client, Encoding.UTF8.GetBytes(csv), "wide.csv", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("Import:MaxColumns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_many_rows_as_the_cap_allows_are_checked_and_judged()
    {
        var unit = await UnitAsync("十万行单位");

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Csv(100_000, "十万行宾馆"), "100k.csv", unit: unit.ToString(), dryRun: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.Accepted, ImportHttp.Errors(report));
        Assert.Equal(100_000, report.Sites);
    }

    [Fact]
    public async Task One_row_more_than_the_cap_is_rejected_naming_the_limit()
    {
        var unit = await UnitAsync("超行单位");

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Csv(100_001, "超行宾馆"), "100k1.csv", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(report.Errors);
        Assert.Contains("Import:MaxRows", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task A_workbook_that_inflates_beyond_the_uncompressed_cap_is_rejected()
    {
        var unit = await UnitAsync("炸弹单位");
        // 5 MiB of whitespace between the dimension and the data: a few kilobytes compressed.
        var sheet = TestFiles.Sheet(TestFiles.Row(1, "场所名称", "场所类别") + TestFiles.Row(2, "炸弹宾馆", "hotel"), padding: new string(' ', 5 << 20));

        var (status, report) = await ImportHttp.PostAsync(platform.Client, TestFiles.Workbook(("场所", sheet)), "bomb.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Import:MaxUncompressedBytes", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    /// <summary>The framework's zip reader ends an entry at the size its header declares (the sheet's XML is then cut short),
    /// and the reader's own count stops there too: a lying header buys nothing beyond what it declares.</summary>
    [Fact]
    public async Task A_workbook_whose_entry_is_larger_than_it_declares_is_rejected()
    {
        var unit = await UnitAsync("谎报单位");
        var sheet = TestFiles.Sheet(TestFiles.Row(1, "场所名称", "场所类别") + TestFiles.Row(2, "谎报宾馆", "hotel"), padding: new string(' ', 5 << 20));
        var lying = TestFiles.DeclareSize(TestFiles.Workbook(("场所", sheet)), "xl/worksheets/sheet1.xml", 1000);

        var (status, report) = await ImportHttp.PostAsync(platform.Client, lying, "lying.xlsx", unit: unit.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("场所", Assert.Single(report.Errors).Sheet);
        Assert.StartsWith("无法读取工作表", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit)).Sites);
    }

    [Fact]
    public async Task More_cells_or_shared_strings_than_the_cell_cap_are_refused()
    {
        var unit = await UnitAsync("单元格上限单位");
        var limits = new ImportLimits { MaxCells = 10 };
        // Eleven non-empty cells in a CSV; eleven shared strings (empty ones) in a workbook whose header refers to the first.
        var csv = Encoding.UTF8.GetBytes("场所名称,场所类别\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"宾馆{i},hotel\n")));
        var strings = string.Concat(Enumerable.Repeat("<si/>", 11));
        var workbook = TestFiles.WithEntry(TestFiles.Workbook(("场所", TestFiles.Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))), "xl/sharedStrings.xml",
            $"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{strings}</sst>");

        foreach (var (file, name) in new[] { (csv, "cells.csv"), (workbook, "strings.xlsx") })
        {
            var report = await platform.ImportAsync(file, name, unit, limits);

            Assert.False(report.Accepted);
            Assert.Contains("Import:MaxCells", Assert.Single(report.Errors).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_over_the_size_cap_is_answered_413_naming_the_limit_before_it_is_read()
    {
        var unit = await UnitAsync("大文件单位");
        var csv = new byte[(20 << 20) + 1];
        Array.Fill(csv, (byte)'\n');

        using var form = ImportHttp.Form(csv, "big.csv", unit: unit.ToString());
        using var response = await platform.Client.PostAsync("/api/import", form);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Import:MaxFileBytes", body, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportLimitsSqlite(SqliteFixture platform) : ImportLimitsTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportLimitsPostgres(PostgresFixture platform) : ImportLimitsTests(platform);
