using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Filing;

public sealed class VideoFilingConfiguration : IEntityTypeConfiguration<VideoFiling>
{
    public void Configure(EntityTypeBuilder<VideoFiling> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("video_filings");
        b.Property(x => x.Kind).HasMaxLength(20).IsRequired();
        b.Property(x => x.State).HasMaxLength(20).IsRequired();
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.UnitName).HasMaxLength(200).IsRequired();
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.SiteName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Address).HasMaxLength(300).IsRequired();
        b.Property(x => x.SystemName).HasMaxLength(200).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.SubmittedByName).HasMaxLength(256);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.Property(x => x.DecidedByName).HasMaxLength(256);
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.Property(x => x.Number).HasMaxLength(40);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Registry.SecuritySystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SystemId, x.SubmittedAt });
        b.HasIndex(x => new { x.DivisionCode, x.State });
        b.HasIndex(x => x.UnitId);
        // Every re-judgement of a site reads its systems' filings (ComplianceService, the engine's filing fact).
        b.HasIndex(x => x.SiteId);
        // One number per county and year: the counter gives them, the index makes a second holder impossible.
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.DivisionCode, x.NumberYear, x.NumberSequence }).IsUnique();
    }
}

public sealed class FilingStepConfiguration : IEntityTypeConfiguration<FilingStep>
{
    public void Configure(EntityTypeBuilder<FilingStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("video_filing_steps");
        builder.Property(x => x.Action).HasMaxLength(20).IsRequired();
        builder.Property(x => x.By).HasMaxLength(256).IsRequired();
        builder.Property(x => x.ByName).HasMaxLength(256);
        builder.Property(x => x.Role).HasMaxLength(40);
        builder.Property(x => x.Note).HasMaxLength(1000);
        builder.HasIndex(x => new { x.FilingId, x.At });
    }
}

public sealed class FilingCounterConfiguration : IEntityTypeConfiguration<FilingCounter>
{
    public void Configure(EntityTypeBuilder<FilingCounter> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("filing_counters");
        builder.HasKey(x => new { x.DivisionCode, x.Year });
        builder.Property(x => x.DivisionCode).HasMaxLength(6);
    }
}
