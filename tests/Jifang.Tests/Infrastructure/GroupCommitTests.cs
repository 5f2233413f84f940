using System.Threading.Channels;
using Jifang.Infrastructure;

namespace Jifang.Tests.Infrastructure;

/// <summary>How the writers of alarms and of the audit log form their groups.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_group_smaller_than_the_last_waits_for_the_senders_still_on_their_way()
    {
        var queue = Channel.CreateUnbounded<int>();
        await queue.Writer.WriteAsync(1);
        var group = new List<int>();
        GroupCommit.Drain(queue.Reader, group, 10);
        Assert.Equal([1], group);
        var gathering = GroupCommit.GatherAsync(queue.Reader, group, wanted: 3, max: 10, TimeSpan.FromSeconds(30), CancellationToken.None);
        await queue.Writer.WriteAsync(2);
        await queue.Writer.WriteAsync(3);
        await gathering; // returns once three are in, long before the window ends
        Assert.Equal([1, 2, 3], group);
    }

    [Fact]
    public async Task The_window_ends_the_wait_and_the_group_never_exceeds_its_maximum()
    {
        var queue = Channel.CreateUnbounded<int>();
        var group = new List<int> { 1 };
        await GroupCommit.GatherAsync(queue.Reader, group, wanted: 5, max: 10, TimeSpan.FromMilliseconds(20), CancellationToken.None);
        Assert.Equal([1], group);

        for (var i = 2; i <= 20; i++)
        {
            await queue.Writer.WriteAsync(i);
        }
        GroupCommit.Drain(queue.Reader, group, 4);
        Assert.Equal([1, 2, 3, 4], group);
        await GroupCommit.GatherAsync(queue.Reader, group, wanted: 50, max: 6, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal([1, 2, 3, 4, 5, 6], group);
    }

    [Fact]
    public async Task Nothing_waits_without_a_window_or_once_the_group_is_as_large_as_the_last()
    {
        var queue = Channel.CreateUnbounded<int>();
        var group = new List<int> { 1, 2 };
        // Neither call may wait for items that never come: a 30 s window would time the test out if it did.
        await GroupCommit.GatherAsync(queue.Reader, group, wanted: 2, max: 10, TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await GroupCommit.GatherAsync(queue.Reader, group, wanted: 9, max: 10, TimeSpan.Zero, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2], group);
        // Stopping ends a wait as a cancellation.
        using var stop = new CancellationTokenSource();
        var waiting = GroupCommit.GatherAsync(queue.Reader, group, wanted: 9, max: 10, TimeSpan.FromSeconds(30), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
