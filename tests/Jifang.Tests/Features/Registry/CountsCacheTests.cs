using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Tests.Features.Registry;

/// <summary>The counts kept in memory: one computation for simultaneous misses, old values answered while one request refreshes them.</summary>
public sealed class CountsCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly CountsCache _cache;
    private static readonly Scope Province = new(Roles.PoliceProvince, "15", null, false);

    public CountsCacheTests() => _cache = new CountsCache(Options.Create(new DatabaseOptions { CountsCacheSeconds = 10 }), _time);

    [Fact]
    public async Task Requests_that_miss_together_share_one_computation()
    {
        var calls = 0;
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Compute()
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        }
        var first = _cache.GetOrComputeAsync(Province, "dashboard|", Compute);
        var second = _cache.GetOrComputeAsync(Province, "dashboard|", Compute);
        var other = _cache.GetOrComputeAsync(Scope.All, "dashboard|", () => Task.FromResult(7));
        Assert.Equal(7, await other);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        gate.SetResult(42);
        Assert.Equal(42, await first);
        Assert.Equal(42, await second);
        Assert.Equal(1, calls);
        Assert.Equal(42, await _cache.GetOrComputeAsync(Province, "dashboard|", () => Task.FromResult(-1)));
    }

    [Fact]
    public async Task An_expired_value_is_answered_while_one_request_recomputes_it_but_a_change_is_never_answered_with_it()
    {
        Assert.Equal(1, await _cache.GetOrComputeAsync(Province, "sites|", () => Task.FromResult(1)));
        _time.Advance(TimeSpan.FromSeconds(11));
        var refresh = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshing = _cache.GetOrComputeAsync(Province, "sites|", () => refresh.Task);
        Assert.False(refreshing.IsCompleted);
        // Meanwhile: the old value, without a computation of its own.
        Assert.Equal(1, await _cache.GetOrComputeAsync<int>(Province, "sites|", () => throw new InvalidOperationException("computed twice")));
        refresh.SetResult(2);
        Assert.Equal(2, await refreshing);
        Assert.Equal(2, await _cache.GetOrComputeAsync<int>(Province, "sites|", () => throw new InvalidOperationException("not cached")));

        // A change in the province: the next request computes, and the others wait for it rather than see the old count.
        _time.Advance(TimeSpan.FromSeconds(11));
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = _cache.GetOrComputeAsync(Province, "sites|", () => slow.Task);
        _cache.Invalidate(["150102"], []);
        var afterChange = _cache.GetOrComputeAsync(Province, "sites|", () => Task.FromResult(3));
        Assert.Equal(3, await afterChange);
        slow.SetResult(2);
        Assert.Equal(2, await stale);
        Assert.Equal(3, await _cache.GetOrComputeAsync<int>(Province, "sites|", () => throw new InvalidOperationException("not cached")));
    }

    [Fact]
    public async Task When_the_computing_request_fails_the_waiting_one_computes_for_itself()
    {
        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _cache.GetOrComputeAsync(Province, "dashboard|", () => failing.Task);
        var second = _cache.GetOrComputeAsync(Province, "dashboard|", () => Task.FromResult(5));
        failing.SetException(new OperationCanceledException("the client went away"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(5, await second);
        Assert.Equal(6, await _cache.GetOrComputeAsync(Province, "dashboard|", () => Task.FromResult(6)));
    }
}
