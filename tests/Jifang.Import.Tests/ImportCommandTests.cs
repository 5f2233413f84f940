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
