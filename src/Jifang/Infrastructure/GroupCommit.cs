using System.Diagnostics;
using System.Threading.Channels;

namespace Jifang.Infrastructure;

/// <summary>
/// Forming the groups of a group commit (the alarm writer, the audit log's writer) from a queue of requests.
/// </summary>
public static class GroupCommit
{
    /// <summary>Takes what has queued, up to <paramref name="max"/> in the group.</summary>
    public static void Drain<T>(ChannelReader<T> queue, List<T> group, int max)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(group);
        while (group.Count < max && queue.TryRead(out var item))
        {
            group.Add(item);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="window"/> (wall-clock time: this is about the machine's fsync, not the platform's clock)
    /// for the group to reach <paramref name="wanted"/>, the size of the previous group. Without it, a commit that answers N
    /// waiting senders at once is followed by a commit of only the first few of their next requests, and the group size
    /// settles at about half the number of senders, with twice the commits. Returns at once when nothing waits for more.
    /// </summary>
    public static async Task GatherAsync<T>(ChannelReader<T> queue, List<T> group, int wanted, int max, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(group);
        wanted = Math.Min(wanted, max);
        if (window <= TimeSpan.Zero || group.Count >= wanted)
        {
            return;
        }
        var until = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        while (group.Count < wanted)
        {
            var left = until - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            try
            {
                if (!await queue.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return;
            }
            Drain(queue, group, max);
        }
    }
}
