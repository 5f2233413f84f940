namespace Jifang.Features.Identity;

/// <summary>
/// Signing in and sessions (section "Security"); see docs/operations.md and docs/decisions/0007-sign-in-throttling.md.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Sign-in attempts (posts of the form or of /api/auth/token) per client address and minute, whatever their outcome.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins with one user name (known or not) before each further failure is followed by a delay.</summary>
    public int AccountFailuresBeforeDelay { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (any names) before each further failure is followed by a delay.</summary>
    public int AddressFailuresBeforeDelay { get; set; } = 20;

    /// <summary>The first delay; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay of a user name: a stranger can hold an account up for this long at a time, no longer.</summary>
    public TimeSpan AccountMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest delay of a client address.</summary>
    public TimeSpan AddressMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten when none followed for this long (a success forgets a name's failures at once).</summary>
    public TimeSpan ForgetFailuresAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long this process may answer from memory whether a session still holds (the user's security stamp and lock, and
    /// whether the session was ended) when the change was made by another process; changes of this process count at once.
    /// 0: read the database on every authenticated request.
    /// </summary>
    public int SessionCacheSeconds { get; set; } = 10;
}
