using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jifang.E2E;

/// <summary>
/// The real platform as a user starts it: `jifang serve` in an empty folder (so it creates
/// ./data/jifang.db with the demo data) on a free loopback port. Stopped and removed at the end.
/// </summary>
public sealed class PlatformServer : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    private string _folder = "";

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A platform administrator created with `jifang admin create-user` before the server starts.</summary>
    public const string AdminUser = "e2e-admin";
    public const string AdminPassword = "E2e-Admin-Passw0rd";

    /// <summary>The demo's Inner Mongolia alarm key (Demo:AlarmKey), so that the tests can post alarms as its system does.</summary>
    public const string DemoAlarmKey = "jfk_0197a1b2c3d47e5f8a9b0c1d2e3f4a5b_E2eDemoAlarmKeyForBrowserTests0123456789abc";

    /// <summary>How long an alarm waits at a police level before it escalates, in this server (seconds).</summary>
    public const int EscalateAfterSeconds = 6;

    /// <summary>Settings of the server beyond the defaults: the demo key, a short escalation, ticks every second, room for many sign-ins.</summary>
    private static readonly string[] Settings =
    [
        $"--Demo:AlarmKey={DemoAlarmKey}",
        $"--Alarms:AcknowledgeWithin=00:00:{EscalateAfterSeconds:D2}",
        "--Alarms:TickInterval=00:00:01",
        // Every browser of these tests signs in from 127.0.0.1, several people a test and one test after another: the default
        // of 10 attempts a minute per address (which the HTTP tests check) would refuse the later ones with 429.
        "--Security:SignInAttemptsPerMinute=120",
    ];

    /// <summary>The server of the browser tests while it runs (for the failure messages of page steps, <see cref="Pages.Waits"/>).</summary>
    public static PlatformServer? Running { get; private set; }

    public async Task InitializeAsync()
    {
        Running = this;
        _folder = Directory.CreateTempSubdirectory("jifang-e2e-").FullName;
        await CreateAdminAsync();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var setting in Settings)
        {
            info.ArgumentList.Add(setting);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("无法启动 jifang");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"jifang serve 已退出（{_process.ExitCode}）：\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"jifang serve 未在 120 秒内就绪：\n{Output}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private async Task CreateAdminAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Dll, "admin", "create-user", "--user", AdminUser, "--role", "platform-admin", "--name", "端到端测试管理员" })
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info) ?? throw new InvalidOperationException("无法运行 jifang admin create-user");
        await p.StandardInput.WriteLineAsync(AdminPassword);
        p.StandardInput.Close();
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"jifang admin create-user 失败（{p.ExitCode}）：{output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jifang.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("找不到仓库根目录（Jifang.slnx）");
        }
    }

    public static string Dll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "Jifang", "bin", config, "net10.0", "jifang.dll");
        }
    }
}
