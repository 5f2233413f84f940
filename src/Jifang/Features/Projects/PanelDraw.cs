namespace Jifang.Features.Projects;

/// <summary>
/// The random draw of a review panel, and its conflict rule. The draw is reproducible: the candidates (eligible experts,
/// ordered by id) and a seed are recorded, and <see cref="Draw"/> of the same candidates and seed gives the same panel, so
/// that anyone can re-check a panel (GET …/panels/{round}/verify). The seed itself comes from a cryptographic generator.
/// </summary>
public static class PanelDraw
{
    /// <summary>Picks <paramref name="size"/> of the candidates: a Fisher–Yates shuffle driven by the seed, first <c>size</c> taken.</summary>
    public static IReadOnlyList<Guid> Draw(IReadOnlyList<Guid> candidates, int seed, int size)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var order = candidates.ToArray();
        // System.Random with a seed is the documented, stable sequence for a given seed.
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(Math.Min(size, order.Length)).ToList();
    }

    public static int NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>Why an expert may not sit on a project's panel under the conflict rule, or null when they may.</summary>
    public static string? Conflict(Expert expert, IReadOnlyList<string> rule, BuildProject project)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(project);
        if (rule.Contains(ConflictRules.Police) && expert.EmployerKind == ExpertEmployers.Police)
        {
            return "受聘于公安机关";
        }
        if (rule.Contains(ConflictRules.TestingAgency) && expert.EmployerKind == ExpertEmployers.TestingAgency)
        {
            return "受聘于检测机构";
        }
        if (rule.Contains(ConflictRules.ProjectContractors) && expert.EmployerKind == ExpertEmployers.Contractor
            && project.Contractors.FirstOrDefault(c => c.ContractorId == expert.EmployerId) is { } c)
        {
            return $"受聘于本项目的{ContractorRoles.Label(c.Role)}";
        }
        if (rule.Contains(ConflictRules.Owner) && expert.EmployerKind == ExpertEmployers.Unit
            && (expert.EmployerId == project.OwnerUnitId || expert.EmployerId == project.SiteUnitId))
        {
            return "受聘于本项目的建设单位或使用单位";
        }
        return null;
    }

    /// <summary>
    /// The panel's conclusion by the rule, from the opinions filed (null: not yet concluded). Majority: pass once more than
    /// half the panel passed (with or without conditions), fail once more than half failed; unanimous: fail on any fail,
    /// pass when all passed. A pass with any condition among the passing opinions is a pass with conditions.
    /// </summary>
    public static string? Conclusion(IReadOnlyList<string?> opinions, string rule)
    {
        ArgumentNullException.ThrowIfNull(opinions);
        var size = opinions.Count;
        var fails = opinions.Count(o => o == Opinions.Fail);
        var passes = opinions.Count(o => o is Opinions.Pass or Opinions.PassWithConditions);
        var conditions = opinions.Any(o => o == Opinions.PassWithConditions);
        var all = fails + passes == size;
        if (rule == PanelRules.Unanimous)
        {
            return fails > 0 ? Opinions.Fail : all ? (conditions ? Opinions.PassWithConditions : Opinions.Pass) : null;
        }
        if (fails * 2 > size)
        {
            return Opinions.Fail;
        }
        if (passes * 2 > size)
        {
            return conditions ? Opinions.PassWithConditions : Opinions.Pass;
        }
        // Every opinion in and no majority (an even panel split in half): not passed.
        return all ? Opinions.Fail : null;
    }
}
