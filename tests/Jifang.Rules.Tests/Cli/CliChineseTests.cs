using System.Text.RegularExpressions;
using Jifang.Cli;
using Microsoft.Extensions.Configuration;

namespace Jifang.Rules.Tests.Cli;

/// <summary>
/// Issue 10: --help mixed English ("Description:", "Arguments passed to the application that is being run.", "(REQUIRED)"),
/// the usage line had an unbalanced bracket, messages doubled their punctuation (“'chek'”.), a missing file printed .NET's English
/// text, and bare jifang started a server and created ./data without a word.
/// </summary>
public sealed partial class CliChineseTests
{
    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();

    /// <summary>Every help text of every command, found by walking the tree from the root's list.</summary>
    public static TheoryData<string> CommandLines()
    {
        var lines = new TheoryData<string> { "--help" };
        void Walk(string path)
        {
            var (_, stdout, _) = CliRunner.Run([.. path.Split(' '), "--help"]);
            var commands = stdout[(stdout.IndexOf("命令：\n", StringComparison.Ordinal) is var i and >= 0 ? i : stdout.Length)..];
            foreach (Match m in Regex.Matches(commands, @"^  ([a-z][a-z-]*)", RegexOptions.Multiline))
            {
                var sub = $"{path} {m.Groups[1].Value}".Trim();
                lines.Add(sub + " --help");
                Walk(sub);
            }
        }
        Walk("");
        return lines;
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Help_is_chinese_with_a_balanced_usage_line(string commandLine)
    {
        var (code, stdout, stderr) = CliRunner.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("说明：\n", stdout, StringComparison.Ordinal);
        foreach (var english in new[] { "Description", "Usage", "Options", "Arguments", "Commands", "REQUIRED", "application that is being run", "additional arguments" })
        {
            Assert.DoesNotContain(english, stdout, StringComparison.OrdinalIgnoreCase);
        }
        // Headings are Chinese with a full-width colon.
        Assert.DoesNotMatch(new Regex(@"^\S[^\n]*:\s*$", RegexOptions.Multiline), stdout);
        var usage = stdout.Split('\n').SkipWhile(l => l != "用法：").Skip(1).First();
        Assert.StartsWith("  jifang", usage, StringComparison.Ordinal);
        Assert.True(Balanced(usage), $"unbalanced usage line: {usage}");
    }

    private static bool Balanced(string text)
    {
        var open = new Stack<char>();
        foreach (var c in text)
        {
            switch (c)
            {
                case '[' or '<' or '(':
                    open.Push(c);
                    break;
                case ']' or '>' or ')':
                    if (open.Count == 0 || open.Pop() != c switch { ']' => '[', '>' => '<', _ => '(' })
                    {
                        return false;
                    }
                    break;
            }
        }
        return open.Count == 0;
    }

    [Theory]
    [InlineData("chek", "没有“chek”这个命令，是否要输入“check”？")]
    [InlineData("rules list --bogus", "未识别命令或参数“--bogus”。")]
    [InlineData("admin create-user", "缺少必填选项“--user”。")]
    [InlineData("import", "缺少所需参数“FILE”。")]
    [InlineData("rules show", "缺少所需参数“ID”。")]
    public void Usage_errors_are_one_chinese_sentence_each(string commandLine, string expected)
    {
        var (code, stdout, stderr) = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        foreach (var doubled in new[] { "“'", "'”", "。.", "”.", "。。", " “", "” " })
        {
            Assert.DoesNotContain(doubled, stderr, StringComparison.Ordinal);
        }
        // Only codes, names and options are Latin.
        var words = Word().Matches(stderr).Select(m => m.Value).Except(["chek", "check", "compare", "serve", "rules", "admin", "import", "audit", "bogus", "jifang", "help", "user", "role", "FILE", "ID", "show", "list", "create"]);
        Assert.Empty(words);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("import")]
    public void A_missing_file_is_said_in_chinese_with_exit_2(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"jifang-missing-{Guid.NewGuid():N}", "facts.json");
        var (code, stdout, stderr) = CliRunner.Run(command, missing);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"无法读取文件 \"{missing}\"：文件所在的目录不存在。", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not", stderr, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"jifang-missing-{Guid.NewGuid():N}.json");
        (code, _, stderr) = CliRunner.Run(command, file);
        Assert.Equal(2, code);
        Assert.Contains("：文件不存在。", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serving_says_first_where_it_listens_and_keeps_its_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"jifang-announce-{Guid.NewGuid():N}");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5999",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "jifang.db")}",
        }).Build();
        var output = new StringWriter();
        var console = new CliConsole { StdOut = Stream.Null, Out = output, Error = TextWriter.Null, OpenStdIn = () => Stream.Null };
        ServeCommand.Announce(console, config, implied: true);
        var text = output.ToString();
        Assert.StartsWith("未指定命令：启动技防监管平台（即 jifang serve；全部命令见 jifang --help）。", text, StringComparison.Ordinal);
        Assert.Contains("地址 http://127.0.0.1:5999", text, StringComparison.Ordinal);
        Assert.Contains($"数据库为 SQLite 文件 {Path.Combine(folder, "jifang.db")}（目录 {folder} 尚不存在，现在创建）", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "announcing created the folder");

        output.GetStringBuilder().Clear();
        ServeCommand.Announce(console, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "postgres" }).Build(), implied: false);
        Assert.DoesNotContain("未指定命令", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("数据库为 PostgreSQL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_jifang_announces_before_it_starts()
    {
        // A provider without its connection string fails as the platform is built: the announcement is already out.
        var (code, stdout, _) = CliRunner.Process(null, "--Database:Provider=postgres", "--urls", "http://127.0.0.1:5998");
        Assert.NotEqual(0, code);
        Assert.StartsWith("未指定命令：启动技防监管平台", stdout, StringComparison.Ordinal);
        Assert.Contains("地址 http://127.0.0.1:5998", stdout, StringComparison.Ordinal);
    }
}
