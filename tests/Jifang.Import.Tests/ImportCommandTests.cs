using System.Text;
using Jifang.Cli;

namespace Jifang.Import.Tests;

/// <summary><c>jifang import</c> run in-process against the fixture's database, with captured streams.</summary>
public abstract class ImportCommandTests(PlatformFixture platform) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jifang-import-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new MemoryStream();
        var err = new StringWriter();
        var console = new CliConsole
        {
            StdOut = stdout,
            Out = new StreamWriter(stdout, new UTF8Encoding(false), 4096, leaveOpen: true),
            Error = err,
            OpenStdIn = () => new MemoryStream(),
            OutIsTerminal = false,
        };
        var code = JifangCli.Run([.. args, .. platform.HostArgs], console);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), err.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task A_bad_file_exits_2_with_the_row_report_on_stderr_and_imports_nothing()
    {
        var unit = await platform.CreateUnitAsync("命令行坏行单位", "150102");
        var file = Write("bad.csv", """
            场所编号,场所名称,场所类别,部位,城镇
            C1,命令行宾馆,hotel,main-entrance,是
            C2,,hotle,main-entrance,是
            """);

        var (code, stdout, stderr) = Run("import", file, "--unit", unit.Id.ToString());

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("未导入任何数据", stderr, StringComparison.Ordinal);
        Assert.Contains("第 3 行 场所名称: 缺少场所名称", stderr, StringComparison.Ordinal);
        Assert.Contains("第 3 行 场所类别: 未知的场所类别 \"hotle\"（是否应为 \"hotel\"？）", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public async Task A_good_file_is_imported_and_reported_in_chinese()
    {
        var unit = await platform.CreateUnitAsync("命令行单位", "150102");
        var file = Write("good.csv", """
            场所编号,场所名称,场所类别,部位,城镇
            G1,命令行网吧,网吧,主要出入口,是
            G2,命令行宾馆,hotel,main-entrance;passage,是
            """);

        var (code, stdout, stderr) = Run("import", file, "--unit", unit.Id.ToString(), "--division", "150102");

        Assert.True(code == 0, stderr);
        Assert.Contains("已导入 good.csv：2 个场所", stdout, StringComparison.Ordinal);
        Assert.Contains("G1\t命令行网吧（150102，nmg-2007", stdout, StringComparison.Ordinal);
        var counts = await platform.CountsAsync(unit.Id);
        Assert.Equal(2, counts.Sites);
        Assert.True(counts.Findings > 0);
    }

    [Fact]
    public async Task Dry_run_writes_nothing()
    {
        var unit = await platform.CreateUnitAsync("命令行试运行单位", "150102");
        var file = Write("dry.csv", "场所名称,场所类别\n试运行宾馆,hotel\n");

        var (code, stdout, _) = Run("import", file, "--unit", unit.Id.ToString(), "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("试运行", stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await platform.CountsAsync(unit.Id)).Sites);
    }

    [Fact]
    public void A_facts_file_needs_a_unit()
    {
        var (code, stdout, stderr) = Run("import", PlatformFixture.Example("facts.json"));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--unit: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_rows_than_a_database_takes_parameters_in_one_statement_are_checked()
    {
        // SQLite takes at most 32,766 parameters in a statement: the duplicate-name check once bound one per row.
        var unit = await platform.CreateUnitAsync("命令行三万行单位", "150102");
        var path = Path.Combine(_folder, "33k.csv");
        await File.WriteAllBytesAsync(path, TestFiles.Csv(33_000, "三万行宾馆"));

        var (code, stdout, stderr) = Run("import", path, "--unit", unit.Id.ToString(), "--dry-run");

        Assert.True(code == 0, stderr);
        Assert.Contains("可导入 33000 个场所", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_beyond_a_limit_exits_2_with_one_line_naming_it()
    {
        var unit = await platform.CreateUnitAsync("命令行上限单位", "150102");
        var path = Path.Combine(_folder, "xfd.xlsx");
        await File.WriteAllBytesAsync(path, TestFiles.Workbook(("场所", TestFiles.Sheet(TestFiles.Row(1, "场所名称", "场所类别") + $"<row r=\"2\">{TestFiles.Cell("XFD2", "x")}</row>"))));

        var (code, stdout, stderr) = Run("import", path, "--unit", unit.Id.ToString());

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Import:MaxColumns", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_failure_is_one_line_on_stderr_and_nothing_on_stdout()
    {
        // The real program in a process of its own: its logging goes to the process's own streams, which is what is checked.
        var broken = platform.Provider == "postgres"
            ? new Npgsql.NpgsqlConnectionStringBuilder(platform.ConnectionString) { Port = 1, Timeout = 5 }.ConnectionString
            : $"Data Source={Write("broken.db", "这不是一个 SQLite 数据库文件，而是一段足够长的文字，SQLite 读到它的文件头就会报错。")}";
        var file = Write("ok.csv", "场所名称,场所类别\n某宾馆,hotel\n");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "jifang.dll"), "import", file, "--unit", "x",
            $"--Database:Provider={platform.Provider}", $"--Database:ConnectionString={broken}", "--Demo:Seed=false", $"--Audit:KeyFile={platform.KeyFile}" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("导入失败", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var (code, _, stderr) = Run("import", Path.Combine(_folder, "none.csv"), "--unit", "x");

        Assert.Equal(2, code);
        Assert.StartsWith("FILE: 无法读取文件", stderr, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportCommandSqlite(SqliteFixture platform) : ImportCommandTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportCommandPostgres(PostgresFixture platform) : ImportCommandTests(platform);
