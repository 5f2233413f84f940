using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Jifang.Data;

/// <summary>
/// Counts that every page view would otherwise recompute over the whole jurisdiction — the dashboard, the totals of the
/// site list — kept per scope and filter until the registry changes. Every committed write of this process
/// (<see cref="CountsCacheInvalidator"/>: any SaveChanges, any transaction's commit) starts a new generation, and an entry of an
/// older generation is never answered, so a user sees their own change at once. Writes of other processes (jifang import, a
/// second instance) are not seen by the interceptor: an entry also expires <c>Database:CountsCacheSeconds</c> after it was
/// computed (0 turns the cache off).
/// </summary>
public sealed class CountsCache(IOptions<DatabaseOptions> options, TimeProvider time)
{
    /// <summary>Beyond this many entries (scopes × filters) the cache starts over, so user-typed filters cannot grow it without end.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Called after every committed write: nothing computed before it is answered again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The value for this key if it was computed in the current generation and recently enough, else computes it.</summary>
    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var seconds = options.Value.CountsCacheSeconds;
        if (seconds <= 0)
        {
            return await compute();
        }
        // The generation is read before the database: a write committed while computing makes this entry stale at once.
        var generation = Generation;
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation
            && time.GetElapsedTime(entry.At, now) < TimeSpan.FromSeconds(seconds) && entry.Value is T hit)
        {
            return hit;
        }
        var value = await compute();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(generation, now, value);
        return value;
    }

    private sealed record Entry(long Generation, long At, object? Value);
}

/// <summary>
/// Starts a new generation of the <see cref="CountsCache"/> after every SaveChanges, every statement run for its row count
/// (ExecuteDelete, ExecuteUpdate, raw SQL) and every committed transaction.
/// </summary>
public sealed class CountsCacheInvalidator(CountsCache cache) : IDbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        cache.Invalidate();
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        cache.Invalidate();
        return ValueTask.FromResult(result);
    }

    // After a SaveChanges inside a transaction nothing is visible to others yet; the commit below invalidates again.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        cache.Invalidate();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        cache.Invalidate();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => cache.Invalidate();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        cache.Invalidate();
        return Task.CompletedTask;
    }
}
