using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Identity;

/// <summary>
/// The failed sign-ins counted against one key: a user name (known or not, by its SHA-256) or a client address
/// (<see cref="Infrastructure.ClientPartition"/>). Kept in the database so that every instance of the platform and every
/// restart counts the same failures.
/// </summary>
public sealed class SignInAttempt
{
    /// <summary><c>name:</c> and the SHA-256 of the normalized user name, or <c>address:</c> and the client partition.</summary>
    public string Key { get; set; } = "";

    /// <summary>Consecutive failures (forgotten after Security:ForgetFailuresAfter without one, or a success of the name).</summary>
    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>No attempt with this key is checked before this time (UTC).</summary>
    public DateTime BlockedUntil { get; set; }
}

public sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("sign_in_attempts");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(100);
        // The purge of forgotten rows reads this index.
        builder.HasIndex(x => x.LastFailureAt);
    }
}
