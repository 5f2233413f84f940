using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Projects;

public sealed class BuildProjectConfiguration : IEntityTypeConfiguration<BuildProject>
{
    public void Configure(EntityTypeBuilder<BuildProject> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("build_projects");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasMaxLength(20).IsRequired();
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.PackId).HasMaxLength(40).IsRequired();
        b.Property(x => x.Investment).HasPrecision(14, 2);
        b.Property(x => x.PoliceLevel).HasMaxLength(10).IsRequired();
        b.Property(x => x.State).HasMaxLength(20).IsRequired();
        b.Property(x => x.ReturnedFrom).HasMaxLength(20);
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.Property(x => x.ReviewConclusion).HasMaxLength(30);
        b.Property(x => x.ReviewOrganizer).HasMaxLength(40);
        b.Property(x => x.ReviewOwnerSigned).HasMaxLength(256);
        b.Property(x => x.ReviewPoliceSigned).HasMaxLength(256);
        b.Property(x => x.AcceptanceConclusion).HasMaxLength(30);
        b.Property(x => x.AcceptanceNote).HasMaxLength(1000);
        b.Property(x => x.AcceptanceRecordedBy).HasMaxLength(256);
        b.Property(x => x.AcceptanceSignedBy).HasMaxLength(256);
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.OwnerUnit).WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TestingAgency>().WithMany().HasForeignKey(x => x.TestingAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Contractors).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.DivisionCode, x.State });
        b.HasIndex(x => x.SiteId);
        b.HasIndex(x => x.OwnerUnitId);
        b.HasIndex(x => x.SiteUnitId);
        b.HasIndex(x => x.TestingAgencyId);
        b.HasIndex(x => new { x.State, x.DueOn });
    }
}

public sealed class ProjectContractorConfiguration : IEntityTypeConfiguration<ProjectContractor>
{
    public void Configure(EntityTypeBuilder<ProjectContractor> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("build_project_contractors");
        builder.HasKey(x => new { x.ProjectId, x.Role, x.ContractorId });
        builder.Property(x => x.Role).HasMaxLength(20);
        builder.HasOne(x => x.Contractor).WithMany().HasForeignKey(x => x.ContractorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.ContractorId);
    }
}

public sealed class ProjectStepConfiguration : IEntityTypeConfiguration<ProjectStep>
{
    public void Configure(EntityTypeBuilder<ProjectStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("build_project_steps");
        builder.Property(x => x.Action).HasMaxLength(30).IsRequired();
        builder.Property(x => x.FromState).HasMaxLength(20).IsRequired();
        builder.Property(x => x.ToState).HasMaxLength(20).IsRequired();
        builder.Property(x => x.By).HasMaxLength(256).IsRequired();
        builder.Property(x => x.ByName).HasMaxLength(256);
        builder.Property(x => x.Role).HasMaxLength(40).IsRequired();
        builder.Property(x => x.Party).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.Property(x => x.Citation).HasMaxLength(60);
        builder.HasIndex(x => new { x.ProjectId, x.At });
    }
}

public sealed class TestingAgencyConfiguration : IEntityTypeConfiguration<TestingAgency>
{
    public void Configure(EntityTypeBuilder<TestingAgency> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("testing_agencies");
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.CreditCode).HasMaxLength(18);
        builder.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        builder.Property(x => x.CertificateNumber).HasMaxLength(60).IsRequired();
        builder.HasIndex(x => new { x.DivisionCode, x.Name });
    }
}

public sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("experts");
        builder.Property(x => x.Name).HasMaxLength(50).IsRequired();
        builder.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        builder.Property(x => x.Specialty).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Employer).HasMaxLength(200).IsRequired();
        builder.Property(x => x.EmployerKind).HasMaxLength(20).IsRequired();
        builder.HasIndex(x => new { x.DivisionCode, x.Name });
    }
}

public sealed class ReviewPanelConfiguration : IEntityTypeConfiguration<ReviewPanel>
{
    public void Configure(EntityTypeBuilder<ReviewPanel> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("review_panels");
        builder.Property(x => x.DrawnBy).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Conclusion).HasMaxLength(30);
        builder.HasOne<BuildProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(x => x.Active);
        builder.HasIndex(x => new { x.ProjectId, x.Round }).IsUnique();
    }
}

public sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("review_panel_members");
        builder.Property(x => x.Opinion).HasMaxLength(30);
        builder.Property(x => x.Reasons).HasMaxLength(2000);
        builder.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PanelId, x.ExpertId }).IsUnique();
        builder.HasIndex(x => x.ExpertId);
    }
}

public sealed class CorrectionItemConfiguration : IEntityTypeConfiguration<CorrectionItem>
{
    public void Configure(EntityTypeBuilder<CorrectionItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("build_project_corrections");
        builder.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        builder.Property(x => x.Answer).HasMaxLength(2000);
        builder.Property(x => x.AnsweredBy).HasMaxLength(256);
        builder.HasOne<BuildProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ProjectId, x.Round, x.Position });
    }
}

public sealed class InspectionReportConfiguration : IEntityTypeConfiguration<InspectionReport>
{
    public void Configure(EntityTypeBuilder<InspectionReport> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("inspection_reports");
        builder.Property(x => x.Number).HasMaxLength(60).IsRequired();
        builder.Property(x => x.Conclusion).HasMaxLength(10).IsRequired();
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.Property(x => x.FiledBy).HasMaxLength(256).IsRequired();
        builder.OwnsMany(x => x.Items, i => i.ToJson());
        builder.HasOne<BuildProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TestingAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ProjectId, x.FiledAt });
    }
}

public sealed class ProjectDocumentConfiguration : IEntityTypeConfiguration<ProjectDocument>
{
    public void Configure(EntityTypeBuilder<ProjectDocument> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("build_project_documents");
        builder.Property(x => x.Type).HasMaxLength(30).IsRequired();
        builder.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(x => x.UploadedBy).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Party).HasMaxLength(20).IsRequired();
        builder.HasOne<BuildProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ProjectId, x.Type });
    }
}
