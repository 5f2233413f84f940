using System.CommandLine;
using Jifang.Features.Demo;
using Jifang.Infrastructure;

namespace Jifang.Cli;

/// <summary><c>jifang serve</c> (the default): the web platform. Unrecognised options go to ASP.NET configuration (--urls, --Database:Provider=postgres…).</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("serve", "启动技防监管平台（Web 界面与 REST API），默认 http://127.0.0.1:5080，数据库默认为 ./data/ 下的 SQLite。\n其余参数按 ASP.NET 配置传入，例如 --urls http://0.0.0.0:8080 --Database:Provider=postgres --Database:ConnectionString=...")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(console, [.. parse.UnmatchedTokens], ct));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, string[] args, CancellationToken ct)
    {
        var app = PlatformHost.Build(args);
        await PlatformHost.InitializeAsync(app.Services, ct);
        // First start of an empty platform: demo data and the demo accounts (setting Demo:Seed).
        await DemoSeeder.SeedIfEmptyAsync(app.Services, console.Out, ct);
        console.Out.Flush();
        try
        {
            await app.RunAsync(ct);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            console.Error.WriteLine($"无法监听：地址已被占用（{ex.Message}）。请用 --urls 指定其他地址，例如 --urls http://127.0.0.1:5090");
            return JifangCli.Usage;
        }
        return 0;
    }
}
