using Jifang.Features.Identity;
using Microsoft.AspNetCore.Identity;

namespace Jifang.Tests.Infrastructure;

/// <summary>
/// Identity's own password hasher (PBKDF2, the same settings), counting how often it verified a password: the test host
/// registers it in place of the default, so that a test can see that a sign-in did the hashing work without timing it.
/// </summary>
public sealed class CountingPasswordHasher : PasswordHasher<JifangUser>
{
    private long _verifications;

    public long Verifications => Interlocked.Read(ref _verifications);

    public override PasswordVerificationResult VerifyHashedPassword(JifangUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
