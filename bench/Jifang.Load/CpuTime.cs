using System.Globalization;

namespace Jifang.Load;

/// <summary>
/// CPU time (user + system) spent by processes and their children, read from /proc: what a request costs whatever else
/// runs on the machine, for a machine whose cores are shared. For each given process: its own time, the time of its
/// living children (PostgreSQL's backends are children of the postmaster) and of its waited-for dead children.
/// </summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public static TimeSpan Of(IReadOnlyCollection<int> pids)
    {
        if (pids.Count == 0 || !Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }
            if (pids.Contains(pid))
            {
                ticks += stat.Own + stat.DeadChildren;
            }
            else if (pids.Contains(stat.Parent))
            {
                ticks += stat.Own;
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, double Own, double DeadChildren)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            double F(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture);
            return ((int)F(4), F(14) + F(15), F(16) + F(17));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
