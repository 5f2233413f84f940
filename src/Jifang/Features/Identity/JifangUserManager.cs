using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Identity;

/// <summary>
/// Identity's user manager, telling the <see cref="SessionGuard"/> of every change it saves — a password change, a new
/// security stamp, a lock, a deletion — so that this process ends the user's sessions at the next request rather than
/// when what it remembered of the user expires. Every change of a user goes through <c>UpdateUserAsync</c> or
/// <c>DeleteAsync</c>.
/// </summary>
public sealed class JifangUserManager(
    IUserStore<JifangUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<JifangUser> passwordHasher,
    IEnumerable<IUserValidator<JifangUser>> userValidators,
    IEnumerable<IPasswordValidator<JifangUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<JifangUser>> logger,
    SessionGuard sessions)
    : UserManager<JifangUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(JifangUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.UpdateUserAsync(user);
        sessions.ForgetUser(user.Id);
        return result;
    }

    public override async Task<IdentityResult> DeleteAsync(JifangUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.DeleteAsync(user);
        sessions.ForgetUser(user.Id);
        return result;
    }
}
