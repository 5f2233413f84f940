using System.Security.Claims;
using Jifang.Features.Audit;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Features.Identity;

/// <summary>What became of a sign-in: signed in, failed (401), throttled (429 after <c>RetryAfter</c>), locked by an administrator (423).</summary>
public enum SignInStatus
{
    SignedIn,
    Failed,
    Throttled,
    LockedOut,
}

public sealed record SignInOutcome(SignInStatus Status, TimeSpan RetryAfter = default);

/// <summary>
/// Signing in with a password, logged. The throttle is asked first (<see cref="SignInThrottle"/>); then the password is
/// verified exactly once whether the name exists or not (an unknown name, or an account without a password, against a
/// dummy hash made by the same hasher), so that a known and an unknown name cost the same work and get the same answer.
/// Only a right password learns that the account is locked by an administrator. The outcome (signed in, failed,
/// throttled, locked out) is appended to the audit log, and only then is the token or cookie issued, so a sign-in is
/// never acknowledged before its entry is durable. The entry names the user name given, the channel and the client
/// address; never the password or the token. Identity's own failure count and lockout are not used.
/// </summary>
public sealed class AuditedSignIn(SignInManager<JifangUser> signIn, AuditTrail audit, SignInThrottle throttle, DummyPassword dummy, TimeProvider time)
{
    public async Task<SignInOutcome> PasswordSignInAsync(string userName, string password, string channel, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(http);
        var users = signIn.UserManager;
        var address = ClientPartition.Of(http);
        var where = $"通道：{channel}；地址：{address}";
        var user = await users.FindByNameAsync(userName);
        AuditEvent Entry(string action, string why) =>
            new(action, user?.UserName ?? userName, $"user:{user?.UserName ?? userName}", user?.DivisionCode, user?.UnitId, null, where + why);

        if (await throttle.CheckAsync(userName, address) is { } wait)
        {
            await audit.RecordAsync(Entry("auth.throttled", $"；尝试过于频繁，需等待 {RateLimits.Seconds(wait)} 秒"));
            return new SignInOutcome(SignInStatus.Throttled, wait);
        }
        bool verified;
        if (user?.PasswordHash is not null)
        {
            verified = await users.CheckPasswordAsync(user, password);
        }
        else
        {
            users.PasswordHasher.VerifyHashedPassword(new JifangUser(), dummy.Hash(users.PasswordHasher), password);
            verified = false;
        }
        if (!verified || user is null)
        {
            await throttle.FailedAsync();
            await audit.RecordAsync(Entry("auth.sign-in-failed", user is null ? "；用户名不存在" : "；密码错误"));
            return new SignInOutcome(SignInStatus.Failed);
        }
        if (IsLocked(user, time.GetUtcNow()))
        {
            await audit.RecordAsync(Entry("auth.locked-out", "；账户已被管理员锁定，拒绝登录"));
            return new SignInOutcome(SignInStatus.LockedOut);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            await audit.RecordAsync(Entry("auth.sign-in-failed", "；账户不允许登录"));
            return new SignInOutcome(SignInStatus.Failed);
        }
        await throttle.SucceededAsync();
        // The session's name travels in the cookie or token: signing out ends this one (SessionGuard).
        var session = SessionGuard.NewSessionId();
        await audit.RecordAsync(Entry("auth.signed-in", $"；会话：{session}"));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionGuard.SessionClaim, session)]);
        return new SignInOutcome(SignInStatus.SignedIn);
    }

    /// <summary>Locked by an administrator until a time still to come, on the platform's clock (Identity's own check reads the wall clock).</summary>
    public static bool IsLocked(JifangUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnabled && user.LockoutEnd is { } end && end > now;
    }
}

/// <summary>
/// The hash an unknown name's password is verified against: made once per process by the platform's own hasher (same
/// algorithm and iterations as real hashes, hence the same work), of a random password nobody knows.
/// </summary>
public sealed class DummyPassword
{
    private string? _hash;

    public string Hash(IPasswordHasher<JifangUser> hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return _hash ??= hasher.HashPassword(new JifangUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }
}
