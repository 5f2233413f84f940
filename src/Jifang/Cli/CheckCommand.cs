using System.CommandLine;
using System.Globalization;
using Jifang.Rules.Engine;
using Jifang.Rules.Output;

namespace Jifang.Cli;

/// <summary><c>jifang check FACTS.json [--regulation ID] [--as-of YYYY-MM-DD] [--format json|text]</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var facts = new Argument<string>("FACTS") { Description = "事实文件（JSON，见 shared/contract/README.md）；用 - 表示标准输入" };
        var regulation = new Option<string?>("--regulation") { Description = "条例标识，覆盖事实文件中的 regulation（如 province-2012、nmg-2007）", HelpName = "ID" };
        var asOf = new Option<string?>("--as-of") { Description = "评判日期，覆盖事实文件中的 asOf（默认：今天）", HelpName = "YYYY-MM-DD" };
        var format = new Option<string?>("--format") { Description = "输出格式：json（评判结果文档）或 text（中文说明；终端上默认）", HelpName = "json|text" };
        format.AcceptOnlyFromAmong("json", "text");
        var packs = PackOptions.Create();
        var command = new Command("check", "依条例评判事实文件，输出发现的问题（违反的条、款、项及罚则）。\n退出码：0 无问题；1 有问题；2 输入或用法错误；3 条例在评判日期尚未施行。")
        {
            facts, regulation, asOf, format, packs,
        };
        command.SetAction(parse => Run(console,
            parse.GetValue(facts)!, parse.GetValue(regulation), parse.GetValue(asOf),
            parse.GetValue(format) ?? (console.OutIsTerminal ? "text" : "json"), parse.GetValue(packs)));
        return command;
    }

    public static int Run(CliConsole console, string factsPath, string? regulation, string? asOfText, string format, string? packsDirectory)
    {
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                console.Error.WriteLine($"--as-of: 日期应为 YYYY-MM-DD，实际为 \"{asOfText}\"");
                return JifangCli.Usage;
            }
            asOf = d;
        }
        var packs = PackOptions.Load(packsDirectory, console.Error);
        if (packs is null)
        {
            return JifangCli.Usage;
        }
        Stream input;
        try
        {
            input = factsPath == "-"
                ? console.OpenStdIn()
                : new FileStream(factsPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"FACTS: 无法读取文件 \"{factsPath}\"：{CliText.FileProblem(ex)}。");
            return JifangCli.Usage;
        }
        CheckOutcome outcome;
        using (input)
        {
            try
            {
                outcome = Evaluation.Check(input, packs, regulation, asOf, console.Time);
            }
            catch (IOException ex)
            {
                console.Error.WriteLine($"FACTS: 读取文件时出错：{CliText.FileProblem(ex)}。");
                return JifangCli.Usage;
            }
        }
        foreach (var warning in outcome.Warnings)
        {
            console.Error.WriteLine($"警告：{warning}");
        }
        switch (outcome.Status)
        {
            case CheckStatus.BadInput:
                foreach (var error in outcome.Errors)
                {
                    console.Error.WriteLine(error);
                }
                return (int)CheckStatus.BadInput;
            case CheckStatus.NotInForce:
                foreach (var error in outcome.Errors)
                {
                    console.Error.WriteLine(error);
                }
                return (int)CheckStatus.NotInForce;
            default:
                if (format == "json")
                {
                    console.Out.Flush();
                    FindingsJson.Write(outcome.Judgement!, console.StdOut);
                    console.StdOut.Write("\n"u8);
                }
                else
                {
                    TextReport.Write(outcome.Judgement!, console.Out);
                }
                return (int)outcome.Status;
        }
    }
}
