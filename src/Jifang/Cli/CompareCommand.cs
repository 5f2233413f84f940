using System.CommandLine;
using Jifang.Rules.Engine;
using Jifang.Rules.Output;

namespace Jifang.Cli;

/// <summary><c>jifang compare FACTS.json --regulation A --regulation B [--as-of YYYY-MM-DD] [--format json|text]</c>.</summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var facts = CheckCommand.FactsArgument();
        var regulation = new Option<string[]>("--regulation")
        {
            Description = "要比较的两部条例，各用一次（如 --regulation nmg-2007 --regulation national-2025）",
            HelpName = "ID",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var asOf = CheckCommand.AsOfOption();
        var format = CheckCommand.FormatOption("输出格式：json（比较文档）或 text（中文对照；终端上默认）");
        var packs = PackOptions.Create();
        var command = new Command("compare", "依两部条例评判同一事实，逐项（按规则与对象）、逐条对照：两部都认定的（各自的条文与罚则）、只有一部认定的、一部准许而另一部不准许的查阅申请、一部未评判的。\n退出码：0 两部条例均无问题；1 任一部有问题；2 输入或用法错误；3 无问题且有一部条例在评判日期尚未施行。")
        {
            facts, regulation, asOf, format, packs,
        };
        command.SetAction(parse => Run(console, parse.GetValue(facts)!, parse.GetValue(regulation) ?? [], parse.GetValue(asOf),
            parse.GetValue(format) ?? (console.OutIsTerminal ? "text" : "json"), parse.GetValue(packs)));
        return command;
    }

    public static int Run(CliConsole console, string factsPath, IReadOnlyList<string> regulations, string? asOfText, string format, string? packsDirectory)
    {
        if (regulations.Count > 2)
        {
            console.Error.WriteLine($"--regulation: 比较只能针对两部条例，给了 {regulations.Count} 部（{string.Join("、", regulations)}）；依多部条例评判请用 jifang check");
            return JifangCli.Usage;
        }
        if (CheckCommand.Judge(console, factsPath, regulations, asOfText, packsDirectory, minimum: 2) is not { } outcome)
        {
            return JifangCli.Usage;
        }
        var comparison = Comparison.Of(outcome.Judgements[0], outcome.Judgements[1]);
        if (format == "json")
        {
            console.Out.Flush();
            ComparisonOutput.WriteJson(comparison, console.StdOut);
            console.StdOut.Write("\n"u8);
        }
        else
        {
            ComparisonOutput.WriteText(comparison, console.Out);
        }
        return (int)outcome.Status;
    }
}
