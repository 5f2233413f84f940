using System.Security.Cryptography;
using System.Text;
using Jifang.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Identity;

/// <summary>
/// Growing delays after failed sign-ins, per user name and per client address, instead of Identity's lockout (which any
/// stranger who knew a name could trigger, for fifteen minutes, and which only known names had, so that it told them
/// apart). After Security:AccountFailuresBeforeDelay failures of a name (AddressFailuresBeforeDelay of an address), each
/// further failure blocks the key for Security:FirstDelay, doubled with every failure up to AccountMaxDelay
/// (AddressMaxDelay); an attempt while a key is blocked is not checked at all (429 with Retry-After). Names are counted
/// whether they exist or not, so the answers of a known and an unknown name follow the same sequence. Counted on the
/// injected clock, in the database (table sign_in_attempts), so that instances and restarts share the counts. One
/// instance per sign-in (scoped): <see cref="CheckAsync"/> first, then <see cref="FailedAsync"/> or <see cref="SucceededAsync"/>.
/// See docs/decisions/0007-sign-in-throttling.md.
/// </summary>
public sealed class SignInThrottle(JifangDbContext db, TimeProvider time, IOptions<SecurityOptions> options)
{
    private string _account = "";
    private string _address = "";
    private bool _accountCounted;

    /// <summary>The key of a user name: its SHA-256 after Identity's normalization (so "Admin" and "admin" count together).</summary>
    public static string AccountKey(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return "name:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userName.Normalize().ToUpperInvariant())));
    }

    public static string AddressKey(string partition) => "address:" + partition;

    /// <summary>How long the name or the address must still wait (the longer of the two), or null when neither is blocked.</summary>
    public async Task<TimeSpan?> CheckAsync(string userName, string address, CancellationToken ct = default)
    {
        (_account, _address) = (AccountKey(userName), AddressKey(address));
        var rows = await db.SignInAttempts.AsNoTracking().Where(a => a.Key == _account || a.Key == _address).ToListAsync(ct);
        _accountCounted = rows.Any(r => r.Key == _account);
        var now = time.GetUtcNow().UtcDateTime;
        var until = rows.Count == 0 ? now : rows.Max(r => r.BlockedUntil);
        return until > now ? until - now : null;
    }

    /// <summary>Counts a failure against the name and the address, and blocks whichever is over its number of free failures.</summary>
    public async Task FailedAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await Writing(async () =>
        {
            await CountAsync(_account, o.AccountFailuresBeforeDelay, o.AccountMaxDelay, now, ct);
            await CountAsync(_address, o.AddressFailuresBeforeDelay, o.AddressMaxDelay, now, ct);
            // Rows nobody failed with for ForgetFailuresAfter mean nothing any more (an index range, usually empty).
            var forgotten = now - o.ForgetFailuresAfter;
            await db.SignInAttempts.Where(a => a.LastFailureAt <= forgotten).ExecuteDeleteAsync(ct);
        });
    }

    /// <summary>A success forgets the name's failures (not the address's: one's own account must not reset a guesser's count).</summary>
    public async Task SucceededAsync(CancellationToken ct = default)
    {
        if (_accountCounted)
        {
            await Writing(() => db.SignInAttempts.Where(a => a.Key == _account).ExecuteDeleteAsync(ct));
        }
    }

    /// <summary>The delay after the n-th failure beyond the free ones: FirstDelay × 2^(n−1), at most <paramref name="max"/>.</summary>
    public static TimeSpan Delay(TimeSpan first, int beyond, TimeSpan max)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Min(beyond - 1, 40));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    private async Task CountAsync(string key, int free, TimeSpan max, DateTime now, CancellationToken ct)
    {
        var forgotten = now - options.Value.ForgetFailuresAfter;
        // Atomic in the database, so that concurrent failures are all counted (two instances, two requests).
        for (var tries = 0; tries < 2; tries++)
        {
            var counted = await db.SignInAttempts.Where(a => a.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Failures, a => a.LastFailureAt <= forgotten ? 1 : a.Failures + 1)
                .SetProperty(a => a.LastFailureAt, now), ct);
            if (counted > 0 || await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO sign_in_attempts ("Key", "Failures", "LastFailureAt", "BlockedUntil") VALUES ({key}, 1, {now}, {now}) ON CONFLICT ("Key") DO NOTHING""", ct) > 0)
            {
                break;
            }
        }
        var failures = await db.SignInAttempts.Where(a => a.Key == key).Select(a => a.Failures).SingleAsync(ct);
        if (failures > free)
        {
            var until = now + Delay(options.Value.FirstDelay, failures - free, max);
            await db.SignInAttempts.Where(a => a.Key == key && a.BlockedUntil < until).ExecuteUpdateAsync(s => s.SetProperty(a => a.BlockedUntil, until), ct);
        }
    }

    /// <summary>These rows are counted by no dashboard: writing them leaves the counts cache alone.</summary>
    private async Task Writing(Func<Task> write)
    {
        db.WritesNoCounts = true;
        try
        {
            await write();
        }
        finally
        {
            db.WritesNoCounts = false;
        }
    }
}
