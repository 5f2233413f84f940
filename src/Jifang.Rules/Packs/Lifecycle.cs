using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Packs;

/// <summary>
/// A build project's (建设项目) gates as the regulation states them (the pack's <c>lifecycle</c>): who acts at each gate and
/// what each gate cites. The gates are "design-review" (方案论证), "inspection" (检测), "acceptance" (验收) and
/// "in-service" (投入使用), listed in <see cref="Gates"/> in that order; a pack states only the gates its text has.
/// </summary>
/// <param name="Basis">The article that makes the system a part of the project (综合设计、同步施工、独立验收).</param>
/// <param name="Grading">The article on graded management (分级管理 by risk level and investment), if the text has one.</param>
/// <param name="Confidentiality">The article on keeping the design drawings and records confidential, if any.</param>
public sealed record LifecycleRules(Citation Basis, IReadOnlyList<LifecycleGate> Gates, Citation? Grading, Citation? Confidentiality)
{
    public static readonly IReadOnlyList<string> GateNames = ["design-review", "inspection", "acceptance", "in-service"];

    /// <summary>The gate of this name, or null when the pack does not state that gate.</summary>
    public LifecycleGate? Gate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Gates.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
    }
}

/// <summary>One gate of a build project.</summary>
/// <param name="Name">One of <see cref="LifecycleRules.GateNames"/>.</param>
/// <param name="Cite">The provision that sets the gate.</param>
/// <param name="PublicAreaOrganizer">Who organizes the gate for a public-area design (null: the same as <paramref name="Organizer"/>).</param>
/// <param name="Organizer">Who organizes otherwise (design-review, acceptance); null for inspection and in-service.</param>
/// <param name="Participants">Who takes part besides the organizers: "designer" (设计单位), "builder" (施工单位), "experts" (技术专家).</param>
/// <param name="ByQualifiedAgency">Inspection: only a qualified testing agency (具有资质/检验资格的检测机构) files the report.</param>
/// <param name="OnReport">Acceptance: decided on the testing agency's report (after the inspection passed).</param>
/// <param name="RequiredAlways">Design-review: always required (应当通过); false: only where national rules or the grade require it.</param>
/// <param name="Penalty">In-service: the article whose penalty putting the system into service before it passed acceptance incurs.</param>
public sealed record LifecycleGate(
    string Name,
    Citation Cite,
    Organizer? PublicAreaOrganizer,
    Organizer? Organizer,
    IReadOnlyList<string> Participants,
    bool ByQualifiedAgency,
    bool OnReport,
    bool RequiredAlways,
    Citation? Penalty)
{
    /// <summary>Who organizes the gate for a design in a public area (<paramref name="publicArea"/>) or elsewhere.</summary>
    public Organizer? OrganizerFor(bool publicArea) => publicArea ? PublicAreaOrganizer ?? Organizer : Organizer;
}
