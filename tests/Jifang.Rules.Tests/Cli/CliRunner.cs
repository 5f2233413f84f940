using System.Diagnostics;
using System.Text;
using Jifang.Cli;

namespace Jifang.Rules.Tests.Cli;

internal static class CliRunner
{
    /// <summary>Runs the jifang commands in-process with captured streams.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    public static (int Code, string Out, string Err) RunWithInput(string? stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var err = new StringWriter();
        var console = new CliConsole
        {
            StdOut = stdout,
            Out = new StreamWriter(stdout, new UTF8Encoding(false), 4096, leaveOpen: true),
            Error = err,
            OpenStdIn = () => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? "")),
            OutIsTerminal = false,
            Time = Judge.Clock,
        };
        var code = JifangCli.Run(args, console);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), err.ToString());
    }

    /// <summary>The built jifang.dll of the same configuration as the tests.</summary>
    public static string Dll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Repo.Root, "src", "Jifang", "bin", config, "net10.0", "jifang.dll");
        }
    }

    /// <summary>Runs jifang as its own process, the way users and the conformance script do.</summary>
    public static (int Code, string Out, string Err) Process(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(60_000), "jifang 未在 60 秒内结束");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
