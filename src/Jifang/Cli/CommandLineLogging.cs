namespace Jifang.Cli;

/// <summary>
/// Logging for the commands that build the platform's host (import, admin, audit): standard output is the command's own
/// output, so the host logs to standard error only, from <c>minimum</c> up, and never EF Core's statements: a failed
/// statement is reported by the command in one line, where EF Core would log it with its parameters (4 MB of them for a
/// 32,700-row import) on standard output.
/// </summary>
internal static class CommandLineLogging
{
    public static Action<WebApplicationBuilder> To(LogLevel minimum) => builder =>
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(minimum);
        builder.Logging.AddFilter("Microsoft", minimum > LogLevel.Warning ? minimum : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
    };
}
