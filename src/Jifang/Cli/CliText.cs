using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Jifang.Cli;

/// <summary>
/// The command line in Chinese throughout (issue 10): System.CommandLine's zh-Hans resources leave "Description:" and the
/// additional arguments' "Arguments passed to the application that is being run." in English, its usage line has one closing
/// bracket too many (<c>[[--] &lt;additional arguments&gt;...]]</c>), its parse errors quote twice and end in "。." or "”.", and
/// .NET's file errors are English. The help is laid out here (HelpAction.Builder), and messages are put right.
/// </summary>
internal static class CliText
{
    /// <summary>Gives the help option (recursive: every command's) this action.</summary>
    public static void UseChineseHelp(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Description = "显示帮助和用法信息";
            help.Action = new ChineseHelp();
        }
    }

    /// <summary>
    /// Writes the help of the command that was asked about. System.CommandLine 3.0 keeps the layout of its own help internal
    /// (HelpContext), so the whole help is written here: 说明, 用法, 参数, 选项, 命令, 其他参数.
    /// </summary>
    public static bool IsHelp(CommandLineAction? action) => action is ChineseHelp or HelpAction;

    private sealed class ChineseHelp : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            Write(parseResult.CommandResult.Command, output);
            return 0;
        }
    }

    public static void Write(Command command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            output.WriteLine("说明：");
            foreach (var line in command.Description.Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd());
            }
            output.WriteLine();
        }
        output.WriteLine("用法：");
        output.WriteLine("  " + UsageLine(command));
        output.WriteLine();
        Section(output, "参数：", command.Arguments.Where(a => !a.Hidden).Select(a => (Label(a), a.Description ?? "")));
        Section(output, "选项：", VisibleOptions(command).Select(o => (Label(o), o.Description ?? "")));
        Section(output, "命令：", command.Subcommands.Where(c => !c.Hidden)
            .Select(c => (string.Join(' ', new[] { c.Name }.Concat(c.Arguments.Where(a => !a.Hidden).Select(Label))), c.Description ?? "")));
        if (!command.TreatUnmatchedTokensAsErrors)
        {
            Section(output, "其他参数：", [("<其他参数>", "按 ASP.NET 配置传入，例如 --urls http://0.0.0.0:8080 --Database:Provider=postgres")]);
        }
    }

    private static string Label(Argument argument) => $"<{argument.HelpName ?? argument.Name}>";

    private static string Label(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        var takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        return names + (takesValue ? $" <{option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}>" : "") + (option.Required ? "（必填）" : "");
    }

    /// <summary>Two columns, the second aligned by display width (a Chinese character is two columns wide).</summary>
    private static void Section(TextWriter output, string title, IEnumerable<(string First, string Second)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }
        output.WriteLine(title);
        var width = list.Max(r => Width(r.First));
        foreach (var (first, second) in list)
        {
            var lines = second.Split('\n');
            output.WriteLine($"  {first}{new string(' ', width - Width(first) + 2)}{lines[0].TrimEnd()}".TrimEnd());
            foreach (var more in lines.Skip(1))
            {
                output.WriteLine($"  {new string(' ', width + 2)}{more.TrimEnd()}");
            }
        }
        output.WriteLine();
    }

    private static int Width(string text) => text.Sum(c => c >= '\u1100' ? 2 : 1);

    /// <summary>jifang import &lt;FILE&gt; [选项] [[--] &lt;其他参数&gt;...]: every bracket closed.</summary>
    public static string UsageLine(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var path = Ancestors(command).Reverse().Select(c => c is RootCommand ? "jifang" : c.Name);
        var line = new StringBuilder(string.Join(' ', path));
        if (command.Subcommands.Any(x => !x.Hidden))
        {
            line.Append(command.Action is null ? " <命令>" : " [命令]");
        }
        foreach (var a in command.Arguments.Where(a => !a.Hidden))
        {
            line.Append(' ').Append(a.Arity.MinimumNumberOfValues == 0 ? $"[{Label(a)}]" : Label(a));
        }
        if (VisibleOptions(command).Any())
        {
            line.Append(" [选项]");
        }
        if (!command.TreatUnmatchedTokensAsErrors)
        {
            line.Append(" [[--] <其他参数>...]");
        }
        return line.ToString();
    }

    private static IEnumerable<Option> VisibleOptions(Command command)
    {
        var inherited = Ancestors(command).Skip(1).SelectMany(p => p.Options).Where(o => o.Recursive);
        return command.Options.Concat(inherited).Where(o => !o.Hidden).Distinct();
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            yield return c;
        }
    }

    /// <summary>
    /// A parse error of System.CommandLine as one Chinese sentence: 未识别命令或参数“'chek'”. → 未识别命令或参数“chek”。
    /// </summary>
    public static string ParseError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Trim().Replace("“'", "“", StringComparison.Ordinal).Replace("'”", "”", StringComparison.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, "'([^'“”]*)'", "“$1”");
        // Sentences the zh-Hans resources leave in English.
        text = System.Text.RegularExpressions.Regex.Replace(text, "^Option “([^”]+)” is required\\.?\\z", "缺少必填选项“$1”");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s*“\s*", "“");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s*”\s*", "”");
        text = text.TrimEnd('.', '。', ' ');
        return text + "。";
    }

    /// <summary>Why a file could not be read, in Chinese (.NET's messages are English).</summary>
    public static string FileProblem(Exception ex) => ex switch
    {
        FileNotFoundException => "文件不存在",
        DirectoryNotFoundException => "文件所在的目录不存在",
        UnauthorizedAccessException => "没有读取该文件的权限（或它是一个目录）",
        PathTooLongException => "路径过长",
        IOException => "读取时发生输入输出错误",
        NotSupportedException => "路径格式不受支持",
        _ => "路径无效",
    };
}
