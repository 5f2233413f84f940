namespace Jifang.Cli;

/// <summary>Where a command reads and writes: the process's standard streams, or buffers in tests.</summary>
internal sealed class CliConsole
{
    public required Stream StdOut { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required Func<Stream> OpenStdIn { get; init; }
    public bool OutIsTerminal { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliConsole System()
    {
        var stdout = Console.OpenStandardOutput();
        var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return new CliConsole
        {
            StdOut = stdout,
            Out = new StreamWriter(stdout, utf8, 1 << 16) { AutoFlush = false },
            Error = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true },
            OpenStdIn = Console.OpenStandardInput,
            OutIsTerminal = !Console.IsOutputRedirected,
        };
    }
}
