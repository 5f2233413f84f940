using System.CommandLine;
using System.Globalization;

namespace Jifang.Cli;

/// <summary>The one binary's commands. Exit statuses follow the contract: 0, 1 findings, 2 bad input or usage, 3 not in force.</summary>
internal static class JifangCli
{
    public const int Usage = 2;

    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        // Help and parse errors in Chinese (System.CommandLine ships zh-Hans resources).
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var implied = false;
        var root = new RootCommand("技防监管平台（Jifang）：依《省安全技术防范条例》与《内蒙古自治区公共安全技术防范管理条例》评判事实、查阅条文。")
        {
            ServeCommand.Create(console, () => implied),
            CheckCommand.Create(console),
            CompareCommand.Create(console),
            RulesCommands.Create(console),
            AdminCommands.Create(console),
            ImportCommand.Create(console),
            AuditCommands.Create(console),
        };
        CliText.UseChineseHelp(root);
        try
        {
            // No command (or only configuration options): serve, saying so first (ServeCommand.Announce).
            if (args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version")))
            {
                args = ["serve", .. args];
                implied = true;
            }
            else if (!args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
            {
                // A mistyped command: one sentence naming it and the nearest command, not the parser's two.
                var names = root.Subcommands.Select(c => c.Name).ToList();
                var near = Jifang.Rules.Vocabulary.NearMiss.Closest(args[0], names);
                console.Error.WriteLine($"用法错误：没有“{args[0]}”这个命令{(near is null ? "" : $"，是否要输入“{near}”")}？可用的命令：{string.Join("、", names)}。");
                console.Error.WriteLine("使用 jifang --help 查看用法。");
                return Usage;
            }
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && !CliText.IsHelp(parsed.Action))
            {
                foreach (var error in parsed.Errors)
                {
                    console.Error.WriteLine($"用法错误：{CliText.ParseError(error.Message)}");
                }
                console.Error.WriteLine("使用 --help 查看用法。");
                return Usage;
            }
            var code = parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
            return code;
        }
        finally
        {
            console.Out.Flush();
            console.StdOut.Flush();
        }
    }
}
