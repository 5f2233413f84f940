using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Reports;

/// <summary>
/// A 举报 (national regulation 第二十四条第二款): anyone who finds image-capture equipment installed contrary to 第七条第三款,
/// 第八条第一款 or 第九条第一款 reports it to the police of the county, who handle it: 受理, then 已处理 with a written answer, or
/// 不予受理 with a reason. The reporter holds the receipt number, which is the only way to look it up.
/// </summary>
public sealed class CitizenReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The receipt number (回执号): unguessable, the reporter's only key to the report.</summary>
    public string Number { get; set; } = "";
    /// <summary>The county (GB/T 2260) of the place: its police receive the report.</summary>
    public string DivisionCode { get; set; } = "";
    public string Place { get; set; } = "";
    /// <summary>What was installed where (设备及安装位置).</summary>
    public string Installed { get; set; } = "";
    /// <summary>The provision it is said to breach, in pack notation: 7.3, 8.1 or 9.1 (<see cref="ReportProvisions"/>).</summary>
    public string Provision { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Contact { get; set; }
    public string State { get; set; } = ReportStates.Submitted;
    public DateTime SubmittedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The police's written answer (已处理) or their reason (不予受理).</summary>
    public string? Answer { get; set; }
}

/// <summary>A report's states, in the order they come.</summary>
public static class ReportStates
{
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Handled = "handled";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Submitted, Accepted, Handled, Rejected];

    public static string Label(string state) => state switch
    {
        Submitted => "待受理",
        Accepted => "已受理",
        Handled => "已处理",
        Rejected => "不予受理",
        _ => state,
    };
}

public sealed class CitizenReportConfiguration : IEntityTypeConfiguration<CitizenReport>
{
    public void Configure(EntityTypeBuilder<CitizenReport> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("citizen_reports");
        builder.Property(x => x.Number).HasMaxLength(40).IsRequired();
        builder.Property(x => x.DivisionCode).HasMaxLength(6).IsRequired();
        builder.Property(x => x.Place).HasMaxLength(ReportLimits.Place).IsRequired();
        builder.Property(x => x.Installed).HasMaxLength(ReportLimits.Installed).IsRequired();
        builder.Property(x => x.Provision).HasMaxLength(10).IsRequired();
        builder.Property(x => x.Description).HasMaxLength(ReportLimits.Description).IsRequired();
        builder.Property(x => x.Contact).HasMaxLength(ReportLimits.Contact);
        builder.Property(x => x.State).HasMaxLength(20).IsRequired();
        builder.Property(x => x.AcceptedBy).HasMaxLength(256);
        builder.Property(x => x.ClosedBy).HasMaxLength(256);
        builder.Property(x => x.Answer).HasMaxLength(ReportLimits.Answer);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasIndex(x => new { x.DivisionCode, x.State, x.SubmittedAt });
    }
}

/// <summary>The longest text of each field (characters), for the columns, the forms' maxlength and the text rule.</summary>
public static class ReportLimits
{
    public const int Place = 200;
    public const int Installed = 200;
    public const int Description = 2000;
    public const int Contact = 100;
    public const int Answer = 2000;
}
