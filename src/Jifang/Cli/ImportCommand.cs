using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using Jifang.Infrastructure;

namespace Jifang.Cli;

/// <summary>
/// <c>jifang import FILE [--unit ID|CODE|NAME] [--division CODE] [--dry-run] [--format text|json]</c>: imports a facts file,
/// a CSV file of sites or an .xlsx workbook into the registry, all or nothing. Exit status: 0 imported (or, with
/// --dry-run, would import); 2 rejected input or usage (the problems on stderr, row by row); 1 the import failed
/// otherwise (the database, say), nothing written. Other options go to the host configuration, as for <c>admin migrate</c>.
/// </summary>
internal static class ImportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Sites and warnings listed in the text report; the JSON report has them all.</summary>
    private const int MaxListed = 50;

    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "要导入的文件：事实文件（.json）、场所表（.csv）或工作簿（.xlsx，工作表“场所”“技防系统”等），见 docs/import.md" };
        var unit = new Option<string?>("--unit") { Description = "所属单位：单位标识、统一社会信用代码或名称。事实文件必填；表格中未填单位的行用它", HelpName = "UNIT" };
        var division = new Option<string?>("--division") { Description = "行政区划代码（6 位，GB/T 2260）：未填行政区划代码的行用它（默认：所属单位的区划）", HelpName = "CODE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只读取、校验并试评判，不写入数据库" };
        var format = new Option<string?>("--format") { Description = "报告格式：text（默认）或 json", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("import", "导入场所、技防系统、设备及行为：逐行校验，任何一行有误则全部不导入；导入后逐个评判场所。\n退出码：0 已导入；2 输入有误（逐行列出）或用法错误；1 其他原因导入失败（未写入任何数据）。\n其余参数按 ASP.NET 配置传入（如 --Database:Provider=postgres）。")
        {
            file, unit, division, dryRun, format,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(console, parse.GetValue(file)!, new ImportOptions(parse.GetValue(unit), parse.GetValue(division), parse.GetValue(dryRun)),
            parse.GetValue(format) ?? "text", [.. parse.UnmatchedTokens], ct));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, string path, ImportOptions options, string format, string[] args, CancellationToken ct)
    {
        FileStream input;
        try
        {
            input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"FILE: 无法读取文件 \"{path}\"：{CliText.FileProblem(ex)}。");
            return JifangCli.Usage;
        }
        await using (input)
        {
            ImportReport report;
            var bar = console.OutIsTerminal ? new ProgressBar(console.Out, console.Time) : null;
            try
            {
                var app = PlatformHost.Build(args, CommandLineLogging.To(LogLevel.Error));
                await PlatformHost.InitializeAsync(app.Services, ct);
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
                scope.ServiceProvider.GetRequiredService<Jifang.Features.Audit.AuditTrail>().Actor = Jifang.Features.Audit.AuditTrail.CommandLineActor();
                var importer = scope.ServiceProvider.GetRequiredService<Importer>();
                report = await importer.ImportAsync(input, Path.GetFileName(path), options, bar, ct);
            }
            catch (OperationCanceledException)
            {
                bar?.Clear();
                console.Error.WriteLine("导入已取消，未写入任何数据。");
                return 1;
            }
#pragma warning disable CA1031 // the command reports any failure in one line, never as a stack trace
            catch (Exception ex)
#pragma warning restore CA1031
            {
                bar?.Clear();
                var inner = ex.InnerException is { } i ? $"（{i.Message}）" : "";
                console.Error.WriteLine(OneLine($"导入失败，未写入任何数据：{ex.Message}{inner}"));
                return 1;
            }
            bar?.Clear();
            Write(console, report, format);
            return report.Accepted ? 0 : JifangCli.Usage;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void Write(CliConsole console, ImportReport report, string format)
    {
        foreach (var warning in report.Warnings.Take(MaxListed))
        {
            console.Error.WriteLine($"警告：{warning}");
        }
        if (report.Warnings.Count > MaxListed)
        {
            console.Error.WriteLine($"……另有 {report.Warnings.Count - MaxListed} 条警告（--format json 列出全部）");
        }
        if (report is { Accepted: false, Errors: [var only] })
        {
            // One problem (a limit, the format, an option, one bad cell): one line.
            console.Error.WriteLine(OneLine($"导入被拒绝，未导入任何数据：{only.Text}"));
            return;
        }
        if (!report.Accepted)
        {
            console.Error.WriteLine($"导入被拒绝：{report.FileName} 中有 {report.Errors.Count} 处问题，未导入任何数据。");
            foreach (var error in report.Errors)
            {
                console.Error.WriteLine(error.Text);
            }
            return;
        }
        if (format == "json")
        {
            console.Out.WriteLine(JsonSerializer.Serialize(report, Json));
            return;
        }
        var o = console.Out;
        var what = $"{report.Sites} 个场所、{report.Systems} 个技防系统、{report.Devices} 个设备、{report.Acts} 项行为";
        o.WriteLine(report.DryRun
            ? $"试运行：{report.FileName} 校验通过，可导入 {what}；未写入数据库。"
            : $"已导入 {report.FileName}：{what}。");
        o.WriteLine(report.DryRun ? $"按今天评判，将有 {report.Findings} 项问题：" : $"已评判全部导入的场所，发现 {report.Findings} 项问题：");
        foreach (var site in report.Imported.Take(MaxListed))
        {
            var code = site.Code is null ? "" : $"{site.Code}\t";
            var id = report.DryRun ? "" : $"，标识 {site.Id}";
            o.WriteLine($"  {code}{site.Name}（{site.DivisionCode}，{site.PackId}{id}）：{site.Systems} 个系统、{site.Devices} 个设备，{site.Findings} 项问题");
        }
        if (report.Imported.Count > MaxListed)
        {
            o.WriteLine($"  ……另有 {report.Imported.Count - MaxListed} 个场所（--format json 列出全部）");
        }
    }

    /// <summary>A one-line progress bar redrawn with a carriage return, at most ten times a second.</summary>
    private sealed class ProgressBar(TextWriter output, TimeProvider time) : IProgress<ImportProgress>
    {
        private const int Width = 30;
        private ImportStage? _stage;
        private long _last;
        private int _length;

        public void Report(ImportProgress value)
        {
            var now = time.GetTimestamp();
            var finished = value.Done >= value.Total;
            if (value.Stage == _stage && !finished && time.GetElapsedTime(_last, now) < TimeSpan.FromMilliseconds(100))
            {
                return;
            }
            _stage = value.Stage;
            _last = now;
            var fraction = value.Total <= 0 ? 1.0 : Math.Clamp((double)value.Done / value.Total, 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            var line = $"{value.Label} [{new string('█', filled)}{new string('░', Width - filled)}] {(int)(fraction * 100),3}% {value.Done}/{value.Total}";
            var width = DisplayWidth(line);
            output.Write("\r" + line + new string(' ', Math.Max(0, _length - width)));
            output.Flush();
            _length = Math.Max(_length, width);
        }

        /// <summary>Terminal columns: CJK characters take two.</summary>
        private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);

        public void Clear()
        {
            if (_length > 0)
            {
                output.Write("\r" + new string(' ', _length) + "\r");
                output.Flush();
                _length = 0;
            }
        }
    }
}
