using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Jifang.Data;
using Jifang.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Identity;

/// <summary>
/// Whether a signed-in request's session still holds, asked for every cookie and every bearer token (SessionChecks): the
/// session was not ended (signed out, table ended_sessions), the user still exists, is not locked (on the platform's clock)
/// and has the security stamp the session was issued with (a password change or <c>UpdateSecurityStampAsync</c> changes
/// it). A session found failing one of these is ended then and there, once (a row and the audit entry auth.session-ended).
/// <para>
/// Cost per request: what was read of a user and of a session is remembered for Security:SessionCacheSeconds of the clock;
/// this process's own changes (<see cref="JifangUserManager"/>, sign-outs) count at once; another process's (a second
/// instance, a database administrator) within that time. A miss costs one primary-key read of the user and one of
/// ended_sessions.
/// </para>
/// </summary>
public sealed class SessionGuard(TimeProvider time, IOptions<SecurityOptions> security, IOptions<IdentityOptions> identity)
{
    public const string SessionClaim = "jifang:session";

    /// <summary>Beyond this many remembered users and sessions the memory starts over.</summary>
    private const int MaxEntries = 100_000;

    /// <summary>How long a cookie or token of a session can be accepted after it was last issued (the cookie's 8 hours).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private sealed record UserState(string? Stamp, DateTimeOffset? LockedUntil, long At);

    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _live = new(StringComparer.Ordinal);
    private long _userChanges;

    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>After this process changed or deleted a user: what was remembered of it is not answered again.</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _userChanges);
        _users.TryRemove(userId, out _);
    }

    /// <summary>Whether the principal's session holds; if it no longer does, ends it (once) and says why in the audit log.</summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(services);
        var claims = identity.Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        var session = principal.FindFirstValue(SessionClaim);
        if (userId is null || stamp is null || session is null)
        {
            // Issued before sessions were named (or not by this platform): sign in again.
            return false;
        }
        var db = services.GetRequiredService<JifangDbContext>();
        if (await IsEndedAsync(db, session, ct))
        {
            return false;
        }
        var user = await UserAsync(db, userId, ct);
        var why = user.Stamp is null ? "用户已删除"
            : user.Stamp != stamp ? "安全戳已变更（密码修改或管理员操作）"
            : user.LockedUntil is { } until && until > time.GetUtcNow() ? "账户已被锁定"
            : null;
        if (why is null)
        {
            return true;
        }
        await EndAsync(principal, services, "ended", "auth.session-ended", $"会话结束：{why}", ct);
        return false;
    }

    /// <summary>Signing out: ends this session only (the user's other sign-ins go on), and logs it.</summary>
    public Task SignOutAsync(ClaimsPrincipal principal, IServiceProvider services, string channel, string address, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return EndAsync(principal, services, "signed-out", "auth.signed-out", $"通道：{channel}；地址：{address}", ct);
    }

    /// <summary>Ends a session (a row of ended_sessions) and logs it, in one transaction with the log's entry (the audit outbox).</summary>
    private async Task EndAsync(ClaimsPrincipal principal, IServiceProvider services, string reason, string action, string detail, CancellationToken ct)
    {
        var session = principal.FindFirstValue(SessionClaim);
        var userId = principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (session is null || userId is null)
        {
            return;
        }
        var db = services.GetRequiredService<JifangDbContext>();
        var audit = services.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + Lifetime;
        int recorded;
        db.WritesNoCounts = true;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Once: of two requests that find the same session ended, one records it and logs it.
            recorded = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO ended_sessions ("SessionId", "UserId", "EndedAt", "ExpiresAt", "Reason") VALUES ({session}, {userId}, {now}, {expires}, {reason}) ON CONFLICT ("SessionId") DO NOTHING""", ct);
            await db.EndedSessions.Where(e => e.ExpiresAt < now).ExecuteDeleteAsync(ct);
            if (recorded > 0)
            {
                var name = principal.Identity?.Name ?? userId;
                Guid? unit = Guid.TryParse(principal.FindFirstValue(Scope.UnitClaim), out var u) ? u : null;
                audit.Add(new AuditEvent(action, name, $"user:{name}", principal.FindFirstValue(Scope.DivisionClaim), unit, null, $"{detail}；会话：{session}"));
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.WritesNoCounts = false;
        }
        _live.TryRemove(session, out _);
        _ended[session] = time.GetTimestamp();
        if (recorded > 0)
        {
            await audit.FlushAsync();
        }
    }

    private async Task<bool> IsEndedAsync(JifangDbContext db, string session, CancellationToken ct)
    {
        if (_ended.ContainsKey(session))
        {
            return true;
        }
        if (_live.TryGetValue(session, out var at) && Fresh(at))
        {
            return false;
        }
        if (await db.EndedSessions.AsNoTracking().AnyAsync(e => e.SessionId == session, ct))
        {
            _ended[session] = time.GetTimestamp();
            return true;
        }
        Remember(_live, session, time.GetTimestamp());
        return false;
    }

    private async Task<UserState> UserAsync(JifangDbContext db, string userId, CancellationToken ct)
    {
        if (_users.TryGetValue(userId, out var known) && Fresh(known.At))
        {
            return known;
        }
        var changes = Interlocked.Read(ref _userChanges);
        var row = await db.Users.AsNoTracking().Where(x => x.Id == userId)
            .Select(x => new { x.SecurityStamp, x.LockoutEnabled, x.LockoutEnd }).FirstOrDefaultAsync(ct);
        var state = new UserState(row is null ? null : row.SecurityStamp ?? "", row is { LockoutEnabled: true } ? row.LockoutEnd : null, time.GetTimestamp());
        // A change of this process while reading may have been missed by the read: then the state is used once, not kept.
        if (Interlocked.Read(ref _userChanges) == changes)
        {
            Remember(_users, userId, state);
        }
        return state;
    }

    private bool Fresh(long at) => time.GetElapsedTime(at) < TimeSpan.FromSeconds(security.Value.SessionCacheSeconds);

    private void Remember<T>(ConcurrentDictionary<string, T> entries, string key, T value)
    {
        if (security.Value.SessionCacheSeconds <= 0)
        {
            return;
        }
        if (_users.Count + _live.Count + _ended.Count >= MaxEntries)
        {
            // Ended sessions are in the database too: forgetting costs reads, never a wrong answer.
            _users.Clear();
            _live.Clear();
            _ended.Clear();
        }
        entries[key] = value;
    }
}
