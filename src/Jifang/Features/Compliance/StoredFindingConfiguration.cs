using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Compliance;

public sealed class StoredFindingConfiguration : IEntityTypeConfiguration<StoredFinding>
{
    public void Configure(EntityTypeBuilder<StoredFinding> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("findings");
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.PackId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Rule).HasMaxLength(64).IsRequired();
        b.Property(x => x.RuleTitle).HasMaxLength(200);
        b.Property(x => x.SubjectKind).HasMaxLength(16).IsRequired();
        b.Property(x => x.SubjectId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Message).HasMaxLength(2000);
        b.Property(x => x.Basis).HasMaxLength(16);
        b.Property(x => x.Category).HasMaxLength(60);
        b.HasIndex(x => x.SiteId);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => new { x.DivisionCode, x.Article });
        b.HasIndex(x => new { x.DivisionCode, x.Category });
        b.HasIndex(x => new { x.DivisionCode, x.RaisedAt });
    }
}
