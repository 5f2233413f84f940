using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Registry;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("units");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.ContactPhone).HasMaxLength(40);
        b.HasIndex(x => x.DivisionCode);
        b.HasIndex(x => x.Name);
    }
}

public sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("sites");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.ContactPhone).HasMaxLength(SiteRequestValidator.PhoneMaxLength);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Systems).WithOne(x => x.Site).HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Devices).WithOne(x => x.Site).HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Acts).WithOne(x => x.Site).HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        // The site list: a county's sites in the list's order (DivisionCode = county, ORDER BY Name, Id), a prefix's by range;
        // everyone's in order of (Name, Id), the list's order, so that a page is read without sorting the jurisdiction.
        b.HasIndex(x => new { x.DivisionCode, x.Name, x.Id });
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => new { x.Name, x.Id });
    }
}

public sealed class SecuritySystemConfiguration : IEntityTypeConfiguration<SecuritySystem>
{
    public void Configure(EntityTypeBuilder<SecuritySystem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("systems");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.DesignReviewOrganizer).HasMaxLength(40);
        b.Property(x => x.LifecycleSource).HasMaxLength(20).IsRequired().HasDefaultValue(LifecycleSources.Declared);
        // No foreign key to build_projects: on SQLite adding one to the existing systems table rebuilds it, which the rows that
        // refer to systems (devices, credentials, filings…) make fail on a database that has them. The workflow alone sets it.
        b.HasIndex(x => x.BuildProjectId);
        // What a system uses refers to the registry (issue 10): rows of their own, with foreign keys to products and contractors.
        b.OwnsMany(x => x.Products, p =>
        {
            p.ToTable("system_products");
            p.WithOwner().HasForeignKey("SystemId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.Ignore(x => x.Product);
            p.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => x.ProductId);
        });
        b.OwnsMany(x => x.Contractors, c =>
        {
            c.ToTable("system_contractors");
            c.WithOwner().HasForeignKey("SystemId");
            c.Property<int>("Id");
            c.HasKey("Id");
            c.Ignore(x => x.Contractor);
            c.Property(x => x.Role).HasMaxLength(40).IsRequired();
            c.HasOne<Contractor>().WithMany().HasForeignKey(x => x.ContractorId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => x.ContractorId);
        });
        b.HasIndex(x => x.SiteId);
    }
}

public sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("devices");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasMaxLength(100);
        b.Property(x => x.Zone).HasMaxLength(60).IsRequired();
        b.HasIndex(x => x.SiteId);
    }
}

public sealed class RegisteredActConfiguration : IEntityTypeConfiguration<RegisteredAct>
{
    public void Configure(EntityTypeBuilder<RegisteredAct> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("acts");
        b.Property(x => x.Kind).HasMaxLength(60).IsRequired();
        b.Property(x => x.Actor).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => x.SiteId);
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("products");
        b.Property(x => x.Model).HasMaxLength(200).IsRequired();
        b.Property(x => x.Manufacturer).HasMaxLength(200).IsRequired();
        b.Property(x => x.CertificateNumber).HasMaxLength(100);
        b.HasIndex(x => x.Model);
    }
}

public sealed class ContractorConfiguration : IEntityTypeConfiguration<Contractor>
{
    public void Configure(EntityTypeBuilder<Contractor> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("contractors");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.QualificationLevel).HasMaxLength(40);
        b.HasIndex(x => x.DivisionCode);
        b.HasIndex(x => x.Name);
    }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("personnel");
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Job).HasMaxLength(40).IsRequired();
        b.Property(x => x.TrainingCertificate).HasMaxLength(100);
        b.HasOne(x => x.EmployerUnit).WithMany().HasForeignKey(x => x.EmployerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.EmployerContractor).WithMany().HasForeignKey(x => x.EmployerContractorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.EmployerUnitId);
        b.HasIndex(x => x.EmployerContractorId);
        b.HasIndex(x => x.Name);
    }
}
