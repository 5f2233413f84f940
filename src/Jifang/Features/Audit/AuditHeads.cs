using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Audit;

/// <summary>
/// A signed checkpoint, written in the same transaction as the group-commit batch it closes: the tree of
/// <see cref="TreeSize"/> entries (grown from <see cref="PreviousSize"/> by that batch) has root <see cref="RootHash"/>.
/// Every committed entry is covered by one, so an edit to the entries, even with the leaf hash recomputed, breaks the
/// signature chain at the batch that holds it. Not scoped: a checkpoint shows sizes and hashes, nothing of an entry.
/// </summary>
public sealed class AuditCheckpoint
{
    public long TreeSize { get; set; }
    public long PreviousSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public DateTime At { get; set; }
    public byte[] Signature { get; set; } = [];

    public byte[] Statement() => AuditStatements.Checkpoint(PreviousSize, TreeSize, RootHash, At);
}

/// <summary>A signed tree head, published at a fixed interval when the log grew; what police or a higher level keep (export).</summary>
public sealed class AuditTreeHead
{
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public DateTime At { get; set; }
    public byte[] Signature { get; set; } = [];
    public string KeyId { get; set; } = "";

    public byte[] Statement() => AuditStatements.TreeHead(TreeSize, RootHash, At);
}

public sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_checkpoints");
        builder.HasKey(x => x.TreeSize);
        builder.Property(x => x.TreeSize).ValueGeneratedNever();
        builder.Property(x => x.RootHash).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Signature).HasMaxLength(64).IsRequired();
    }
}

public sealed class AuditTreeHeadConfiguration : IEntityTypeConfiguration<AuditTreeHead>
{
    public void Configure(EntityTypeBuilder<AuditTreeHead> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_tree_heads");
        builder.HasKey(x => x.TreeSize);
        builder.Property(x => x.TreeSize).ValueGeneratedNever();
        builder.Property(x => x.RootHash).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Signature).HasMaxLength(64).IsRequired();
        builder.Property(x => x.KeyId).HasMaxLength(16).IsRequired();
        builder.HasIndex(x => x.At);
    }
}
