using System.CommandLine;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Demo;
using Microsoft.Data.Sqlite;
using Jifang.Infrastructure;

namespace Jifang.Cli;

/// <summary><c>jifang serve</c> (the default): the web platform. Unrecognised options go to ASP.NET configuration (--urls, --Database:Provider=postgres…).</summary>
internal static class ServeCommand
{
    /// <param name="implied">Whether no command was given (bare <c>jifang</c>), read when the command runs.</param>
    public static Command Create(CliConsole console, Func<bool> implied)
    {
        var command = new Command("serve", "启动技防监管平台（Web 界面与 REST API），默认 http://127.0.0.1:5080，数据库默认为 ./data/ 下的 SQLite。\n其余参数按 ASP.NET 配置传入，例如 --urls http://0.0.0.0:8080 --Database:Provider=postgres --Database:ConnectionString=...")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(console, [.. parse.UnmatchedTokens], implied(), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, string[] args, bool implied, CancellationToken ct)
    {
        // Said before anything is created: bare `jifang` started a server and made ./data wherever it was run, silently.
        var app = PlatformHost.Build(args, b => Announce(console, b.Configuration, implied));
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

    /// <summary>What is about to start, where it listens and where it keeps its data (created now if missing).</summary>
    public static void Announce(CliConsole console, IConfiguration config, bool implied)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(config);
        if (implied)
        {
            console.Out.WriteLine("未指定命令：启动技防监管平台（即 jifang serve；全部命令见 jifang --help）。");
        }
        var url = config["urls"] ?? "http://127.0.0.1:5080";
        var database = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        string where;
        if (database.Provider == "sqlite")
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(database.EffectiveConnectionString).DataSource);
            var folder = Path.GetDirectoryName(file) ?? ".";
            where = $"数据库为 SQLite 文件 {file}" + (Directory.Exists(folder) ? "" : $"（目录 {folder} 尚不存在，现在创建）");
        }
        else
        {
            where = "数据库为 PostgreSQL（Database:ConnectionString）";
        }
        var key = Path.GetFullPath(config["Audit:KeyFile"] is { Length: > 0 } k ? k : new AuditOptions().KeyFile);
        console.Out.WriteLine($"技防监管平台启动中：地址 {url}；{where}；审计签名密钥 {key}。按 Ctrl+C 停止。");
        console.Out.Flush();
    }
}
