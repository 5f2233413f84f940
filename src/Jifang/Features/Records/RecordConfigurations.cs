using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Records;

public sealed class MediaRecordConfiguration : IEntityTypeConfiguration<MediaRecord>
{
    public void Configure(EntityTypeBuilder<MediaRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("records");
        b.Property(x => x.Kind).HasMaxLength(20).IsRequired();
        b.Property(x => x.StorageLocation).HasMaxLength(500).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(x => x.RegisteredBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.DeletedBy).HasMaxLength(256);
        b.Property(x => x.DeletionReason).HasMaxLength(500);
        b.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.System).WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Device).WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SiteId, x.StartsAt });
        b.HasIndex(x => new { x.SystemId, x.StartsAt });
        b.HasIndex(x => x.Sha256);
    }
}

public sealed class DeletionAttemptConfiguration : IEntityTypeConfiguration<DeletionAttempt>
{
    public void Configure(EntityTypeBuilder<DeletionAttempt> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("record_deletion_attempts");
        b.Property(x => x.Actor).HasMaxLength(256).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Cause).HasMaxLength(20).IsRequired();
        b.Property(x => x.PackId).HasMaxLength(40).IsRequired();
        b.Property(x => x.Message).HasMaxLength(1000).IsRequired();
        b.Property(x => x.AuditLeafHash).HasMaxLength(64);
        b.HasOne(x => x.Record).WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RecordId, x.At });
        b.HasIndex(x => x.At);
    }
}

public sealed class EvidenceHoldConfiguration : IEntityTypeConfiguration<EvidenceHold>
{
    public void Configure(EntityTypeBuilder<EvidenceHold> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("evidence_holds");
        b.Property(x => x.CaseNumber).HasMaxLength(100).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        b.Property(x => x.State).HasMaxLength(20).IsRequired();
        b.Property(x => x.ProposedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.PlacedByRole).HasMaxLength(40);
        b.Property(x => x.PlacedByDivision).HasMaxLength(6);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Property(x => x.ReleaseProposedBy).HasMaxLength(256);
        b.Property(x => x.ReleaseReason).HasMaxLength(1000);
        b.Property(x => x.ReleasedBy).HasMaxLength(256);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Records).WithOne().HasForeignKey(x => x.HoldId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UnitId, x.State });
    }
}

public sealed class EvidenceHoldRecordConfiguration : IEntityTypeConfiguration<EvidenceHoldRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceHoldRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("evidence_hold_records");
        builder.HasKey(x => new { x.HoldId, x.RecordId });
        builder.HasOne(x => x.Record).WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.RecordId);
    }
}
