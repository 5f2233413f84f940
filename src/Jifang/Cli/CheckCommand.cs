using System.CommandLine;
using System.Globalization;
using Jifang.Rules.Engine;
using Jifang.Rules.Output;

namespace Jifang.Cli;

/// <summary><c>jifang check FACTS.json [--regulation ID]… [--as-of YYYY-MM-DD] [--format json|text]</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var facts = FactsArgument();
        var regulation = new Option<string[]>("--regulation")
        {
            Description = "条例标识，覆盖事实文件中的 regulation（如 province-2012、nmg-2007）；可重复，依几部条例分别评判同一事实",
            HelpName = "ID",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var asOf = AsOfOption();
        var format = FormatOption("输出格式：json（评判结果文档；多部条例时为包含每部条例评判结果文档的文档）或 text（中文说明，每部条例一节；终端上默认）");
        var packs = PackOptions.Create();
        var command = new Command("check", "依条例评判事实文件，输出发现的问题（违反的条、款、项及罚则）。\n退出码：0 无问题；1 有问题（多部条例时：任一部有问题）；2 输入或用法错误；3 条例在评判日期尚未施行。")
        {
            facts, regulation, asOf, format, packs,
        };
        command.SetAction(parse =>
        {
            var regulations = parse.GetValue(regulation) ?? [];
            var output = parse.GetValue(format) ?? (console.OutIsTerminal ? "text" : "json");
            return regulations.Length > 1
                ? RunSeveral(console, parse.GetValue(facts)!, regulations, parse.GetValue(asOf), output, parse.GetValue(packs))
                : Run(console, parse.GetValue(facts)!, regulations.FirstOrDefault(), parse.GetValue(asOf), output, parse.GetValue(packs));
        });
        return command;
    }

    public static Argument<string> FactsArgument() => new("FACTS") { Description = "事实文件（JSON，见 shared/contract/README.md）；用 - 表示标准输入" };

    public static Option<string?> AsOfOption() => new("--as-of") { Description = "评判日期，覆盖事实文件中的 asOf（默认：今天）", HelpName = "YYYY-MM-DD" };

    public static Option<string?> FormatOption(string description)
    {
        var format = new Option<string?>("--format") { Description = description, HelpName = "json|text" };
        format.AcceptOnlyFromAmong("json", "text");
        return format;
    }

    /// <summary>The --as-of date, or why it is bad (written to stderr) and false.</summary>
    public static bool TryAsOf(CliConsole console, string? text, out DateOnly? asOf)
    {
        asOf = null;
        if (text is null)
        {
            return true;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            console.Error.WriteLine($"--as-of: 日期应为 YYYY-MM-DD，实际为 \"{text}\"");
            return false;
        }
        asOf = d;
        return true;
    }

    /// <summary>
    /// Opens the facts once per regulation: a file again each time, standard input read once into memory.
    /// Null (with the reason on stderr) when the file cannot be read.
    /// </summary>
    public static Func<Stream>? Opener(CliConsole console, string factsPath)
    {
        try
        {
            if (factsPath == "-")
            {
                using var stdin = console.OpenStdIn();
                var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                var bytes = buffer.ToArray();
                return () => new MemoryStream(bytes, writable: false);
            }
            Open(factsPath).Dispose();
            return () => Open(factsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"FACTS: 无法读取文件 \"{factsPath}\"：{CliText.FileProblem(ex)}。");
            return null;
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>Judges under several regulations: one section (text) or one findings document (JSON) per regulation.</summary>
    public static int RunSeveral(CliConsole console, string factsPath, IReadOnlyList<string> regulations, string? asOfText, string format, string? packsDirectory)
    {
        if (Judge(console, factsPath, regulations, asOfText, packsDirectory, minimum: 1) is not { } outcome)
        {
            return JifangCli.Usage;
        }
        if (format == "json")
        {
            console.Out.Flush();
            FindingsJson.WriteSeveral(outcome.Judgements, console.StdOut);
            console.StdOut.Write("\n"u8);
        }
        else
        {
            TextReport.WriteSeveral(outcome.Judgements, console.Out);
        }
        return (int)outcome.Status;
    }

    /// <summary>Loads packs, checks the list and the date, judges; null after writing every problem to stderr.</summary>
    public static MultiOutcome? Judge(CliConsole console, string factsPath, IReadOnlyList<string> regulations, string? asOfText, string? packsDirectory, int minimum)
    {
        if (!TryAsOf(console, asOfText, out var asOf) || PackOptions.Load(packsDirectory, console.Error) is not { } packs)
        {
            return null;
        }
        var invalid = MultiCheck.Validate(regulations, packs, "--regulation", minimum);
        if (invalid.Count > 0)
        {
            foreach (var e in invalid)
            {
                console.Error.WriteLine(e);
            }
            return null;
        }
        if (Opener(console, factsPath) is not { } open)
        {
            return null;
        }
        MultiOutcome outcome;
        try
        {
            outcome = MultiCheck.Check(open, packs, regulations, asOf, console.Time);
        }
        catch (IOException ex)
        {
            console.Error.WriteLine($"FACTS: 读取文件时出错：{CliText.FileProblem(ex)}。");
            return null;
        }
        foreach (var warning in outcome.Warnings)
        {
            console.Error.WriteLine($"警告：{warning}");
        }
        if (outcome.Status == CheckStatus.BadInput)
        {
            foreach (var error in outcome.Errors)
            {
                console.Error.WriteLine(error);
            }
            return null;
        }
        return outcome;
    }

    public static int Run(CliConsole console, string factsPath, string? regulation, string? asOfText, string format, string? packsDirectory)
    {
        if (!TryAsOf(console, asOfText, out var asOf))
        {
            return JifangCli.Usage;
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
                : Open(factsPath);
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
