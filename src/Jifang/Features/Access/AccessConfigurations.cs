using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Access;

public sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("access_requests");
        b.Property(x => x.Number).HasMaxLength(40).IsRequired();
        b.Property(x => x.Requester).HasMaxLength(20).IsRequired();
        b.Property(x => x.Action).HasMaxLength(20).IsRequired();
        b.Property(x => x.CaseNumber).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        b.Property(x => x.State).HasMaxLength(20).IsRequired();
        foreach (var p in new[] { nameof(AccessRequest.OpenedBy), nameof(AccessRequest.CosignedBy), nameof(AccessRequest.RegisteredBy), nameof(AccessRequest.ConsentBy), nameof(AccessRequest.ApprovedBy), nameof(AccessRequest.OpenedByName), nameof(AccessRequest.CosignedByName) })
        {
            b.Property(p).HasMaxLength(256);
        }
        foreach (var p in new[] { nameof(AccessRequest.OpenedRole), nameof(AccessRequest.CosignedRole) })
        {
            b.Property(p).HasMaxLength(40);
        }
        b.Property(x => x.OpenedDivision).HasMaxLength(6);
        b.Property(x => x.CosignedDivision).HasMaxLength(6);
        b.Property(x => x.OpenerCredential).HasMaxLength(60);
        b.Property(x => x.CosignerCredential).HasMaxLength(60);
        b.Property(x => x.UnitCertificate).HasMaxLength(100);
        b.Property(x => x.CitizenName).HasMaxLength(100);
        b.Property(x => x.CitizenIdNumber).HasMaxLength(18);
        b.Property(x => x.CitizenPhone).HasMaxLength(40);
        b.Property(x => x.RequesterRelation).HasMaxLength(20);
        b.Property(x => x.AccessCodeHash).HasMaxLength(64);
        b.Property(x => x.ConsentNote).HasMaxLength(500);
        b.Property(x => x.ApprovalNote).HasMaxLength(500);
        b.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Records).WithOne().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.SiteId, x.CreatedAt });
    }
}

public sealed class AccessRequestRecordConfiguration : IEntityTypeConfiguration<AccessRequestRecord>
{
    public void Configure(EntityTypeBuilder<AccessRequestRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("access_request_records");
        builder.HasKey(x => new { x.RequestId, x.RecordId });
        builder.HasOne(x => x.Record).WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.RecordId);
    }
}

public sealed class AccessRegistrationConfiguration : IEntityTypeConfiguration<AccessRegistration>
{
    public void Configure(EntityTypeBuilder<AccessRegistration> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("access_registrations");
        b.Property(x => x.Action).HasMaxLength(20).IsRequired();
        b.Property(x => x.RegisteredBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.Persons).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        b.Property(x => x.AuditLeafHash).HasMaxLength(64);
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.PackageSha256).HasMaxLength(64);
        b.HasOne(x => x.Request).WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RequestId);
        b.HasIndex(x => x.PackageSha256);
    }
}
