using System.Threading.RateLimiting;

namespace Jifang.Infrastructure;

/// <summary>
/// A fixed-window rate limiter that counts on the injected <see cref="TimeProvider"/>: at most <c>permits</c> leases per
/// <c>window</c>, the window starting with the first lease after the last one ended; no queue. The framework's
/// <see cref="FixedWindowRateLimiter"/> counts on the machine's stopwatch and cannot be given a clock, so under a fake
/// clock whether a request was refused depended on how fast the machine ran (a test that signed in again after each
/// step of the fake clock was refused on a slow machine). A refused lease carries <see cref="MetadataName.RetryAfter"/>:
/// the time until the window ends.
/// </summary>
public sealed class ClockWindowLimiter(TimeProvider time, int permits, TimeSpan window) : RateLimiter
{
    private readonly Lock _lock = new();
    private long _windowStart;
    private bool _open;
    private int _used;
    private long _successful;
    private long _failed;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                // Idle once its window is over (forgetting it then loses nothing): the partitioned limiter drops it.
                var elapsed = time.GetElapsedTime(_windowStart);
                return !_open ? TimeSpan.Zero : elapsed >= window ? elapsed - window : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Current() ? permits - _used : permits,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_lock)
        {
            if (!Current())
            {
                (_open, _windowStart, _used) = (true, time.GetTimestamp(), 0);
            }
            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                _successful++;
                return Lease.Acquired;
            }
            _failed++;
            return new Lease(false, window - time.GetElapsedTime(_windowStart));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Whether a window is open now (under the lock).</summary>
    private bool Current() => _open && time.GetElapsedTime(_windowStart) < window;

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name ? after : null;
            return metadata is not null;
        }
    }
}
