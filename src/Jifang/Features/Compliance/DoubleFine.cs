using Jifang.Rules.Packs;

namespace Jifang.Features.Compliance;

/// <summary>
/// One conduct breaching several regulations (一事不二罚): the same rule id finding the same subject under two or more packs,
/// e.g. a camera in a hotel guest room under nmg-2007 第九条第二款第（一）项 and the national 第八条第一款第（一）项. A fine is
/// imposed once, under the provision with the higher fine (《中华人民共和国行政处罚法》第二十九条). Pure: the enforcement work
/// builds on it.
/// </summary>
public static class DoubleFine
{
    /// <summary>The law that says a fine is imposed once.</summary>
    public const string LawTitle = "中华人民共和国行政处罚法";

    /// <summary>《中华人民共和国行政处罚法》（2021年修订）第二十九条, verbatim (shared/seeds/procedure/xingzheng-chufa-fa-2021.txt).</summary>
    public const string Article29 = "对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。";

    public const string Citation = "《" + LawTitle + "》第二十九条";

    /// <summary>A finding as the comparison needs it: who found what, and the fines of its penalty provision (none: no fine).</summary>
    public sealed record Candidate(Guid Id, string PackId, string Rule, string SubjectKind, string SubjectId, IReadOnlyList<Fine> Fines);

    /// <summary>
    /// The findings of one conduct under several packs, the one with the higher fine range first. <see cref="HigherId"/> is null
    /// when their ranges are equal (the fine is still imposed once).
    /// </summary>
    public sealed record Concurrence(IReadOnlyList<Candidate> Findings, Guid? HigherId);

    /// <summary>
    /// Every finding that shares its conduct (rule id and subject) with a finding of another pack, mapped to the group it
    /// belongs to. Findings of one pack alone are not in the map.
    /// </summary>
    public static IReadOnlyDictionary<Guid, Concurrence> Find(IEnumerable<Candidate> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var result = new Dictionary<Guid, Concurrence>();
        foreach (var group in findings.GroupBy(f => (f.Rule, f.SubjectKind, f.SubjectId)))
        {
            // One finding per pack: two breaches of one pack by the same conduct are that pack's own matter.
            var byPack = group.GroupBy(f => f.PackId, StringComparer.Ordinal).Select(g => g.OrderBy(f => f.Id).First()).ToList();
            if (byPack.Count < 2)
            {
                continue;
            }
            var ordered = byPack.OrderByDescending(f => f.Fines, Comparer<IReadOnlyList<Fine>>.Create(Compare))
                .ThenBy(f => f.PackId, StringComparer.Ordinal).ToList();
            var higher = Compare(ordered[0].Fines, ordered[1].Fines) > 0 ? ordered[0].Id : (Guid?)null;
            var concurrence = new Concurrence(ordered, higher);
            foreach (var f in group)
            {
                result[f.Id] = concurrence;
            }
        }
        return result;
    }

    /// <summary>
    /// Which of two penalty provisions fines more: the one whose highest fine is higher; equal, the one whose minimum (of that
    /// highest fine) is higher. A provision with no fine is lowest. Positive when <paramref name="a"/> is higher.
    /// </summary>
    public static int Compare(IReadOnlyList<Fine>? a, IReadOnlyList<Fine>? b)
    {
        var x = Top(a);
        var y = Top(b);
        var byMax = x.Max.CompareTo(y.Max);
        return byMax != 0 ? byMax : x.Min.CompareTo(y.Min);
    }

    private static (long Max, long Min) Top(IReadOnlyList<Fine>? fines) =>
        fines is null || fines.Count == 0 ? (-1, -1) : fines.Select(f => (f.Max, f.Min)).Max();

    /// <summary>The sentence the finding shows: which regulations, which range is higher, and that the fine is imposed once.</summary>
    public static string Note(IReadOnlyList<string> regulations, string? higherRegulation)
    {
        ArgumentNullException.ThrowIfNull(regulations);
        var all = string.Join("、", regulations.Select(r => $"《{r}》"));
        var once = higherRegulation is null
            ? "两者的罚款幅度相同，只处一次罚款"
            : $"只处一次罚款，按罚款数额高的《{higherRegulation}》的规定处罚";
        return $"同一违法行为同时违反{all}：{once}（{Citation}）。";
    }
}
