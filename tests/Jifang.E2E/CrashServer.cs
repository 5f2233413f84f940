using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jifang.E2E;

/// <summary>
/// The real binary in a folder of its own, started and killed (SIGKILL) at will: the crash test's server. Its database
/// (SQLite in the folder, or a PostgreSQL database) outlives the process, as it would a crash.
/// </summary>
public sealed class CrashServer(string provider, string? connection) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jifang-crash-").FullName;
    private readonly int _port = FreePort();
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

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

    public async Task StartAsync(params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { PlatformServer.Dll, "serve", "--urls", BaseAddress.ToString().TrimEnd('/'), $"--Database:Provider={provider}" })
        {
            info.ArgumentList.Add(a);
        }
        if (connection is not null)
        {
            info.ArgumentList.Add($"--Database:ConnectionString={connection}");
        }
        foreach (var s in settings)
        {
            info.ArgumentList.Add(s);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("无法启动 jifang");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
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
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"jifang serve 未在 180 秒内就绪：\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the process does on its way out.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
