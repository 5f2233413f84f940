using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Identity;

/// <summary>
/// A session (one sign-in: a cookie or a bearer token, named by the claim <see cref="SessionGuard.SessionClaim"/>) that has
/// ended: signed out, or found with a changed security stamp, locked or deleted. Only ended sessions are stored, and only
/// until every cookie or token of theirs would have expired anyway (<see cref="ExpiresAt"/>): a sign-in writes nothing.
/// </summary>
public sealed class EndedSession
{
    public string SessionId { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTime EndedAt { get; set; }

    /// <summary>After this no cookie or token of the session is accepted anyway: the row may go.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary><c>signed-out</c> or <c>ended</c> (stamp changed, locked, deleted).</summary>
    public string Reason { get; set; } = "";
}

public sealed class EndedSessionConfiguration : IEntityTypeConfiguration<EndedSession>
{
    public void Configure(EntityTypeBuilder<EndedSession> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ended_sessions");
        builder.HasKey(x => x.SessionId);
        builder.Property(x => x.SessionId).HasMaxLength(32);
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.Reason).HasMaxLength(16);
        builder.HasIndex(x => x.ExpiresAt);
    }
}
