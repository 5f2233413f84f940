using System.Collections.Concurrent;
using System.Data.Common;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Jifang.Data;

/// <summary>
/// Counts that every page view would otherwise recompute over the whole jurisdiction — the dashboard, the totals of the
/// site list — kept per scope and filter until the registry changes.
/// <para>
/// Each entry belongs to the partition of its scope: everything, a division prefix, or a unit. A change of one site
/// (<see cref="Invalidate(IEnumerable{string}, IEnumerable{Guid})"/>, called by the compliance service after it commits an
/// edit and its re-judgement) starts a new generation of the partitions that can see the site — everything, every prefix
/// of its division, its unit — and of no other; any other committed write of this process (<see cref="CountsCacheInvalidator"/>:
/// SaveChanges, a statement run for its row count, a transaction's commit) starts a new generation of all of them. An entry
/// of an older generation is never answered, so a user sees a change at once. Writes of other processes (jifang import, a
/// second instance) are not seen: an entry also expires <c>Database:CountsCacheSeconds</c> after it was computed (0: no cache).
/// </para>
/// </summary>
public sealed class CountsCache(IOptions<DatabaseOptions> options, TimeProvider time)
{
    /// <summary>Beyond this many entries (scopes × filters) the cache starts over, so user-typed filters cannot grow it without end.</summary>
    public const int MaxEntries = 10_000;

    private const string Everything = "*";

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _partitions = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>After any committed write whose reach is not known: nothing computed before it is answered again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>After a committed change of sites in these divisions (old and new) and of these units: only the scopes that can see them.</summary>
    public void Invalidate(IEnumerable<string> divisions, IEnumerable<Guid> units)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(units);
        Bump(Everything);
        foreach (var division in divisions.Distinct(StringComparer.Ordinal))
        {
            for (var length = 1; length <= division.Length; length++)
            {
                Bump(Partition(division[..length]));
            }
        }
        foreach (var unit in units.Distinct())
        {
            Bump(Partition(unit));
        }
    }

    /// <summary>
    /// The value for this key in this scope if it was computed since the last change the scope can see, and recently enough;
    /// else computes it. Requests that miss the same entry at the same time share one computation. An entry that is only
    /// old (no change of this process since it was computed) keeps being answered while one request recomputes it, so
    /// that the expiry for other processes' writes costs one request its wait, not every request that comes meanwhile.
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(Scope scope, string key, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var seconds = options.Value.CountsCacheSeconds;
        if (seconds <= 0)
        {
            return await compute();
        }
        var partition = scope.Everything ? Everything : scope.DivisionPrefix is { } p ? Partition(p) : scope.UnitId is { } u ? Partition(u) : "none";
        key = $"{partition}|{key}";
        // The generations are read before the database: a change committed while computing makes this entry stale at once.
        var generation = (Interlocked.Read(ref _generation), _partitions.GetValueOrDefault(partition));
        var now = time.GetTimestamp();
        if (_slots.Count >= MaxEntries)
        {
            _slots.Clear();
        }
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        TaskCompletionSource<object?>? mine = null;
        Task<object?> shared;
        lock (slot)
        {
            if (slot.HasValue && slot.Generation == generation && slot.Value is T value
                && (time.GetElapsedTime(slot.At, now) < TimeSpan.FromSeconds(seconds) || (slot.Pending is not null && slot.PendingGeneration == generation)))
            {
                return value;
            }
            if (slot.Pending is not null && slot.PendingGeneration == generation)
            {
                shared = slot.Pending;
            }
            else
            {
                mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
                slot.Pending = shared = mine.Task;
                slot.PendingGeneration = generation;
            }
        }
        if (mine is null)
        {
            try
            {
                return (T)(await shared)!;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The request that computed it failed or was cancelled (its client went away): compute for this one.
                return await compute();
            }
        }
        try
        {
            var value = await compute();
            lock (slot)
            {
                if (ReferenceEquals(slot.Pending, mine.Task))
                {
                    slot.Pending = null;
                }
                // Generations only grow: never put a value computed before a change over one computed after it.
                if (!slot.HasValue || (generation.Item1 >= slot.Generation.All && generation.Item2 >= slot.Generation.Partition))
                {
                    (slot.HasValue, slot.Generation, slot.At, slot.Value) = (true, generation, now, value);
                }
            }
            mine.SetResult(value);
            return value;
        }
        catch (Exception e)
        {
            lock (slot)
            {
                if (ReferenceEquals(slot.Pending, mine.Task))
                {
                    slot.Pending = null;
                }
            }
            mine.SetException(e);
            // Nobody else may be waiting: observe the exception so that it is not reported as unobserved.
            _ = mine.Task.Exception;
            throw;
        }
    }

    private void Bump(string partition) => _partitions.AddOrUpdate(partition, 1, (_, g) => g + 1);

    private static string Partition(string prefix) => "division:" + prefix;

    private static string Partition(Guid unit) => "unit:" + unit.ToString("N");

    /// <summary>One key's last value (of a generation, computed at a time) and the computation under way, if any. Guarded by its own lock.</summary>
    private sealed class Slot
    {
        public bool HasValue;
        public (long All, long Partition) Generation;
        public long At;
        public object? Value;
        public Task<object?>? Pending;
        public (long All, long Partition) PendingGeneration;
    }
}

/// <summary>
/// Starts a new generation of every partition of the <see cref="CountsCache"/> after every SaveChanges, every statement
/// run for its row count (ExecuteDelete, ExecuteUpdate, raw SQL) and every committed transaction — except while the
/// compliance service saves one site's change, which invalidates the partitions of that site itself after its commit, and
/// while identity writes tables that nothing counts (failed sign-ins, ended sessions), which would otherwise let anyone
/// flush every dashboard with a wrong password.
/// </summary>
public sealed class CountsCacheInvalidator(CountsCache cache) : IDbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    private void Invalidate(DbContext? context)
    {
        if (context is not JifangDbContext { CountsInvalidatedBySite: true } and not JifangDbContext { WritesNoCounts: true })
        {
            cache.Invalidate();
        }
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Invalidate(eventData?.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Invalidate(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    // After a SaveChanges inside a transaction nothing is visible to others yet; the commit below invalidates again.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Invalidate(eventData?.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Invalidate(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Invalidate(eventData?.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Invalidate(eventData?.Context);
        return Task.CompletedTask;
    }
}
