#pragma warning disable CA2227, CA1002 // options bound from configuration: settable collections by design
using System.Globalization;

namespace Jifang.Features.Projects;

/// <summary>
/// The settings of build projects (section <c>Projects</c>): where documents are kept, panel size and deadlines, and per
/// jurisdiction (keyed by a division-code prefix, the longest wins) the grading table, the panel's conclusion rule, the
/// conflict rule and the document checklists. The texts (province-2012 第十六条, nmg-2007 第十四条) defer grading to national
/// rules and give no numbers: the defaults below are the platform's, shown as such, for a jurisdiction to replace.
/// </summary>
public sealed class ProjectOptions
{
    public const string Section = "Projects";

    /// <summary>Where project documents are stored, by SHA-256 (relative paths from the working directory).</summary>
    public string DocumentsFolder { get; set; } = "data/project-documents";

    /// <summary>The largest document accepted, in bytes (default 20 MB).</summary>
    public long MaxDocumentBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The file types accepted (by extension); null: <see cref="DefaultExtensions"/>.</summary>
    public List<string>? DocumentExtensions { get; set; }

    public static readonly IReadOnlyList<string> DefaultExtensions = [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".dwg", ".zip"];

    public IReadOnlyList<string> Extensions => DocumentExtensions is { Count: > 0 } e ? e : DefaultExtensions;

    /// <summary>How many experts a panel has (default 3).</summary>
    public int PanelSize { get; set; } = 3;

    /// <summary>Days an expert has to file an opinion (default 7).</summary>
    public int OpinionDays { get; set; } = 7;

    /// <summary>How many digits of the project's division the pool shares (default 4: the experts of the city).</summary>
    public int PoolPrefixLength { get; set; } = 4;

    /// <summary>Days each gate may stay open before it is overdue (by state); null: <see cref="DefaultGateDays"/>.</summary>
    public Dictionary<string, int>? GateDays { get; set; }

    public static readonly IReadOnlyDictionary<string, int> DefaultGateDays = new Dictionary<string, int>
    {
        [ProjectStates.DesignReview] = 30,
        [ProjectStates.Construction] = 365,
        [ProjectStates.Inspection] = 30,
        [ProjectStates.Acceptance] = 30,
    };

    public int DaysFor(string state) =>
        GateDays is { } g && g.TryGetValue(state, out var d) ? d : DefaultGateDays.TryGetValue(state, out var x) ? x : 0;

    /// <summary>Rules per jurisdiction, keyed by a division-code prefix (2 to 6 digits).</summary>
    public Dictionary<string, JurisdictionProjectRules> Jurisdictions { get; set; } = [];

    /// <summary>The rules of a place: each part from the longest prefix that sets it, else the platform's default.</summary>
    public EffectiveProjectRules For(string divisionCode)
    {
        ArgumentNullException.ThrowIfNull(divisionCode);
        var matching = Jurisdictions.Where(kv => divisionCode.StartsWith(kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length).Select(kv => kv.Value).ToList();
        var grading = matching.Select(m => m.Grading).FirstOrDefault(g => g is not null);
        return new EffectiveProjectRules(
            grading is null ? GradingTable.Default : grading with { IsDefault = false },
            matching.Select(m => m.PanelRule).FirstOrDefault(r => r is not null) ?? PanelRules.Majority,
            matching.Select(m => m.Conflicts).FirstOrDefault(c => c is { Count: > 0 }) ?? ConflictRules.Default,
            matching.Select(m => m.Checklists).FirstOrDefault(c => c is { Count: > 0 }) is { } lists
                ? lists.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ChecklistItem>)kv.Value)
                : Checklists.Default);
    }
}

/// <summary>What a jurisdiction sets; whatever it leaves out is the platform's default.</summary>
public sealed class JurisdictionProjectRules
{
    public GradingTable? Grading { get; set; }
    /// <summary>majority or unanimous.</summary>
    public string? PanelRule { get; set; }
    /// <summary>Who may not sit on a panel: police, testing-agency, project-contractors, owner.</summary>
    public List<string>? Conflicts { get; set; }
    /// <summary>Per gate entered (design-review, construction, inspection, acceptance, in-service): the documents it needs.</summary>
    public Dictionary<string, List<ChecklistItem>>? Checklists { get; set; }
}

/// <summary>The rules in force for one project's place.</summary>
public sealed record EffectiveProjectRules(
    GradingTable Grading, string PanelRule, IReadOnlyList<string> Conflicts, IReadOnlyDictionary<string, IReadOnlyList<ChecklistItem>> Checklists)
{
    public IReadOnlyList<ChecklistItem> ChecklistFor(string gate) => Checklists.TryGetValue(gate, out var list) ? list : [];
}

/// <summary>A document a gate needs; <c>When</c> "corrections": only when the review left conditions to answer.</summary>
public sealed record ChecklistItem
{
    public string Type { get; init; } = "";
    public string? When { get; init; }
}

public static class Checklists
{
    /// <summary>
    /// The platform's default checklists (docs/decisions/0013): drawings and the risk-level letter to open the review; the
    /// signed review opinion to conclude it; the correction pledge when conditions were set; the test report with the
    /// inspection; the acceptance report to go into service.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<ChecklistItem>> Default = new Dictionary<string, IReadOnlyList<ChecklistItem>>
    {
        [ProjectStates.DesignReview] = [new() { Type = DocumentTypes.RiskLetter }, new() { Type = DocumentTypes.Drawings }],
        [ProjectStates.Construction] = [new() { Type = DocumentTypes.ReviewOpinion }],
        [ProjectStates.Inspection] = [new() { Type = DocumentTypes.CorrectionPledge, When = "corrections" }],
        [ProjectStates.Acceptance] = [new() { Type = DocumentTypes.TestReport }],
        [ProjectStates.InService] = [new() { Type = DocumentTypes.AcceptanceReport }],
    };
}

public static class PanelRules
{
    public const string Majority = "majority";
    public const string Unanimous = "unanimous";
    public static readonly IReadOnlyList<string> All = [Majority, Unanimous];

    public static string Label(string rule) => rule == Unanimous ? "一致通过（任一专家不通过即不通过）" : "多数意见（过半数专家不通过即不通过）";
}

public static class ConflictRules
{
    public const string Police = "police";
    public const string TestingAgency = "testing-agency";
    public const string ProjectContractors = "project-contractors";
    public const string Owner = "owner";
    public static readonly IReadOnlyList<string> All = [Police, TestingAgency, ProjectContractors, Owner];
    public static readonly IReadOnlyList<string> Default = All;
}

/// <summary>
/// A grading table: the grade (1 highest) is the higher of the risk level's and the investment band's; each grade says which
/// police level takes part and whether a review is required where the text leaves it to national rules.
/// </summary>
public sealed record GradingTable
{
    /// <summary>Investment bands in 万元, highest first: from this amount up, this grade.</summary>
    public List<InvestmentBand> Bands { get; init; } = [];
    /// <summary>Per grade ("1", "2", "3"): police level and whether the review is required.</summary>
    public Dictionary<string, GradeRule> Grades { get; init; } = [];
    /// <summary>Where the table comes from, in words (shown with every grade).</summary>
    public string Source { get; init; } = "";
    /// <summary>True for the platform's default table: never shown as law.</summary>
    public bool IsDefault { get; init; }

    public static readonly GradingTable Default = new()
    {
        Bands = [new() { From = 500m, Grade = 1 }, new() { From = 100m, Grade = 2 }, new() { From = 0m, Grade = 3 }],
        Grades = new()
        {
            ["1"] = new() { PoliceLevel = "city", ReviewRequired = true },
            ["2"] = new() { PoliceLevel = "county", ReviewRequired = true },
            ["3"] = new() { PoliceLevel = "county", ReviewRequired = false },
        },
        Source = "平台默认分级表（条例未规定具体标准，第十六条/第十四条交由国家有关规定；本表不是法定标准，由各地在配置中替换）",
        IsDefault = true,
    };

    /// <summary>The grade of a risk level (1–3) and an investment (万元): the higher (smaller number) of the two.</summary>
    public int GradeOf(int riskLevel, decimal investment)
    {
        var band = Bands.OrderByDescending(b => b.From).FirstOrDefault(b => investment >= b.From)?.Grade ?? 3;
        return Math.Clamp(Math.Min(riskLevel, band), 1, 3);
    }

    public GradeRule RuleOf(int grade) =>
        Grades.TryGetValue(grade.ToString(CultureInfo.InvariantCulture), out var r) ? r : new GradeRule { PoliceLevel = "county", ReviewRequired = true };
}

public sealed record InvestmentBand
{
    public decimal From { get; init; }
    public int Grade { get; init; }
}

public sealed record GradeRule
{
    /// <summary>"city" or "county": which police level organizes and takes part.</summary>
    public string PoliceLevel { get; init; } = "county";
    public bool ReviewRequired { get; init; } = true;
}

public static class Grades
{
    public static string Label(int grade) => grade switch { 1 => "一级", 2 => "二级", 3 => "三级", _ => grade.ToString(CultureInfo.InvariantCulture) };

    public static string PoliceLevelLabel(string level) => level == "city" ? "设区的市（盟市）级公安机关" : "县（旗县）级公安机关";
}
