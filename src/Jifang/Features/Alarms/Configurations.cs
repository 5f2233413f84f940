using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Alarms;

public sealed class AlarmCredentialConfiguration : IEntityTypeConfiguration<AlarmCredential>
{
    public void Configure(EntityTypeBuilder<AlarmCredential> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("alarm_credentials");
        b.Property(x => x.Label).HasMaxLength(100).IsRequired();
        b.Property(x => x.SecretHash).HasMaxLength(32).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.RotatedBy).HasMaxLength(256);
        b.Property(x => x.RevokedBy).HasMaxLength(256);
        b.HasOne(x => x.System).WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.SystemId);
    }
}

public sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("alarms");
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Device).HasMaxLength(128).IsRequired();
        b.Property(x => x.Type).HasMaxLength(32).IsRequired();
        b.Property(x => x.Priority).HasMaxLength(16).IsRequired();
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Status).HasMaxLength(16).IsRequired();
        b.Property(x => x.HandledBy).HasMaxLength(256);
        b.Property(x => x.DismissReason).HasMaxLength(500);
        b.Property(x => x.PoliceLevel).HasMaxLength(16);
        b.Property(x => x.PoliceReason).HasMaxLength(16);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.Property(x => x.AcknowledgedLevel).HasMaxLength(16);
        b.Property(x => x.Outcome).HasMaxLength(16);
        b.Property(x => x.OutcomeNote).HasMaxLength(500);
        b.Property(x => x.OutcomeBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        // The idempotency key: one alarm per system and id, whatever retries and crashes happen. The id leads, so that
        // the writer's look-up of a group's ids reads a few index entries, not every alarm of the group's systems.
        b.HasIndex(x => new { x.ExternalId, x.SystemId }).IsUnique();
        // A system's alarms, and its latest (the reference for out-of-order alarms).
        b.HasIndex(x => new { x.SystemId, x.OccurredAt });
        b.HasIndex(x => new { x.UnitId, x.ReceivedAt });
        b.HasIndex(x => new { x.DivisionCode, x.ReceivedAt });
        // The escalation's work lists: new alarms by age, and the police track not yet acknowledged.
        b.HasIndex(x => new { x.Status, x.ReceivedAt });
        b.HasIndex(x => new { x.PoliceLevel, x.AcknowledgedAt, x.LevelSince });
    }
}

public sealed class AlarmStepConfiguration : IEntityTypeConfiguration<AlarmStep>
{
    public void Configure(EntityTypeBuilder<AlarmStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("alarm_steps");
        b.Property(x => x.Kind).HasMaxLength(16).IsRequired();
        b.Property(x => x.Level).HasMaxLength(16).IsRequired();
        b.Property(x => x.PoliceDivision).HasMaxLength(6);
        b.Property(x => x.Actor).HasMaxLength(256).IsRequired();
        b.Property(x => x.ActorName).HasMaxLength(256);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.Citation).HasMaxLength(64);
        b.Property(x => x.AuditLeafHash).HasMaxLength(64);
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.HasOne(x => x.Alarm).WithMany().HasForeignKey(x => x.AlarmId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.AlarmId, x.At });
        b.HasIndex(x => x.AuditIndex);
    }
}

public sealed class AlarmAlertConfiguration : IEntityTypeConfiguration<AlarmAlert>
{
    public void Configure(EntityTypeBuilder<AlarmAlert> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("alarm_alerts");
        b.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        b.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        b.Property(x => x.Message).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Citation).HasMaxLength(64);
        b.Property(x => x.AuditLeafHash).HasMaxLength(64);
        b.HasIndex(x => new { x.UnitId, x.At });
        b.HasIndex(x => new { x.DivisionCode, x.At });
        b.HasIndex(x => new { x.SystemId, x.At });
    }
}

public sealed class SystemWatchConfiguration : IEntityTypeConfiguration<SystemWatch>
{
    public void Configure(EntityTypeBuilder<SystemWatch> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("system_watch");
        b.HasKey(x => x.SystemId);
        b.Property(x => x.State).HasMaxLength(16).IsRequired();
        b.HasOne(x => x.System).WithOne().HasForeignKey<SystemWatch>(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.State);
    }
}

public sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var b = builder;
        b.ToTable("maintenance_windows");
        b.Property(x => x.Reason).HasMaxLength(500).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.HasOne(x => x.System).WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SystemId, x.Until });
    }
}

public sealed class WatchClockConfiguration : IEntityTypeConfiguration<WatchClock>
{
    public void Configure(EntityTypeBuilder<WatchClock> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("watch_clock");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
    }
}
