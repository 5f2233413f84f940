#pragma warning disable CA1002, CA2227

namespace Jifang.Features.Compliance;

/// <summary>A finding of the rules engine, kept current for its site: replaced whenever the site is re-judged.</summary>
public sealed class StoredFinding
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    /// <summary>Denormalized from the site so the dashboard can count by jurisdiction without a join.</summary>
    public string DivisionCode { get; set; } = "";
    /// <summary>The site's unit when it was judged, likewise: a unit user's findings and dashboard without a join to the sites.</summary>
    public Guid UnitId { get; set; }
    public string PackId { get; set; } = "";
    public string Rule { get; set; } = "";
    public string RuleTitle { get; set; } = "";
    public string SubjectKind { get; set; } = "";
    /// <summary>The registry id of the subject (site, system, device or act).</summary>
    public string SubjectId { get; set; } = "";
    /// <summary>Citations breached, in pack notation ("9.2.3").</summary>
    public List<string> Breaches { get; set; } = [];
    /// <summary>The article of the first breach, for counting by article.</summary>
    public int Article { get; set; }
    public string Message { get; set; } = "";
    /// <summary>The penalty provision ("22.1"), or null when the regulation attaches none.</summary>
    public string? Basis { get; set; }
    /// <summary>The site's first category, for counting by category.</summary>
    public string Category { get; set; } = "";
    public DateOnly AsOf { get; set; }
    public DateTime JudgedAt { get; set; }
    /// <summary>
    /// When the platform first found it (UTC): kept across re-judgements while the same rule finds the same breach of the same
    /// subject, so that a finding left open shows its age (the dashboard's oldest open findings).
    /// </summary>
    public DateTime RaisedAt { get; set; }
}
