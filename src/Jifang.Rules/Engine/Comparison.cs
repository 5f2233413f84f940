using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Engine;

/// <summary>What one regulation says about one row of a comparison.</summary>
public enum Verdict
{
    /// <summary>The regulation finds the conduct (its findings are on the side).</summary>
    Found,
    /// <summary>The regulation judged the subject and found nothing here (a request: lawful under it).</summary>
    NotFound,
    /// <summary>The regulation has no rule of this id: it does not regulate the conduct.</summary>
    NoRule,
    /// <summary>The subject was not judged by it (dated before it was in force, or no rule applies).</summary>
    NotJudged,
    /// <summary>The regulation is not in force on the as-of date.</summary>
    NotInForce,
}

/// <summary>One regulation's side of a row.</summary>
public sealed record Side(Verdict Verdict, IReadOnlyList<Finding> Findings, NotJudged? NotJudged)
{
    public string? RuleTitle => Findings.Count > 0 ? Findings[0].RuleTitle : null;

    /// <summary>Every provision cited by the findings, in order, each once.</summary>
    public IReadOnlyList<Citation> Breaches => Findings.SelectMany(f => f.Breaches).Distinct().Order().ToList();

    public Consequence? Consequence => Findings.Select(f => f.Consequence).FirstOrDefault(c => c is not null);
}

/// <summary>
/// One conduct of one subject (a finding's rule id and subject: the same conduct has the same id in every pack),
/// or a subject one regulation did not judge, with what each regulation says.
/// </summary>
/// <param name="Rule">Null for a row about a subject that is not judged under one regulation and found under neither.</param>
public sealed record ComparisonRow(string? Rule, Subject Subject, Side First, Side Second)
{
    /// <summary>Both found it, or both left it unjudged: the regulations agree.</summary>
    public bool Agree => First.Verdict == Second.Verdict;

    /// <summary>Both found it and attach the same fines (amounts and when they apply).</summary>
    public bool SamePenalty => First.Verdict == Verdict.Found && Second.Verdict == Verdict.Found
        && Fines(First.Consequence).SequenceEqual(Fines(Second.Consequence));

    /// <summary>For an access request: null when it is not one or a side did not judge it; else whether each regulation allows it.</summary>
    public (bool First, bool Second)? Lawful => Subject.Kind == SubjectKind.Request
        && First.Verdict is Verdict.Found or Verdict.NotFound && Second.Verdict is Verdict.Found or Verdict.NotFound
            ? (First.Verdict == Verdict.NotFound, Second.Verdict == Verdict.NotFound)
            : null;

    private static IEnumerable<Fine> Fines(Consequence? c) => c?.Fines ?? [];
}

/// <summary>One conduct (rule id) across all subjects: the articles each regulation cites for it and how often each finds it.</summary>
public sealed record ArticleRow(
    string Rule,
    string? FirstTitle, IReadOnlyList<Citation> FirstBreaches, Citation? FirstBasis,
    string? SecondTitle, IReadOnlyList<Citation> SecondBreaches, Citation? SecondBasis,
    int Both, int OnlyFirst, int OnlySecond);

/// <summary>
/// The same facts judged under two regulations, finding by finding (matched by rule id and subject) and
/// article by article: what both find, what only one finds, requests one allows and the other refuses,
/// subjects one of them does not judge. Pure: built from the two judgements.
/// </summary>
public sealed class Comparison
{
    private Comparison(RegulationJudgement first, RegulationJudgement second, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<ArticleRow> articles)
    {
        First = first;
        Second = second;
        Rows = rows;
        Articles = articles;
    }

    public RegulationJudgement First { get; }
    public RegulationJudgement Second { get; }
    public DateOnly AsOf => First.AsOf;
    public IReadOnlyList<ComparisonRow> Rows { get; }
    public IReadOnlyList<ArticleRow> Articles { get; }

    public IEnumerable<ComparisonRow> Agreeing => Rows.Where(r => r.Agree);

    public IEnumerable<ComparisonRow> Differing => Rows.Where(r => !r.Agree);

    public static Comparison Of(RegulationJudgement first, RegulationJudgement second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var keys = new SortedSet<(string Rule, Subject Subject)>(Comparer<(string Rule, Subject Subject)>.Create(CompareKeys));
        foreach (var f in Findings(first).Concat(Findings(second)))
        {
            keys.Add((f.Rule, f.Subject));
        }
        var rows = keys.Select(k => new ComparisonRow(k.Rule, k.Subject, SideOf(first, k.Rule, k.Subject), SideOf(second, k.Rule, k.Subject))).ToList();
        // A subject one regulation did not judge, with no finding row to say so: a row of its own.
        var covered = new HashSet<Subject>(rows.Select(r => r.Subject));
        var unjudged = NotJudged(first).Concat(NotJudged(second)).Select(n => n.Subject)
            .Where(covered.Add).Order(Comparer<Subject>.Create(Subject.Compare)).ToList();
        rows.AddRange(unjudged.Select(s => new ComparisonRow(null, s, SideOf(first, null, s), SideOf(second, null, s))));
        return new Comparison(first, second, rows, ArticlesOf(first, second, rows));
    }

    private static int CompareKeys((string Rule, Subject Subject) a, (string Rule, Subject Subject) b)
    {
        var c = Subject.Compare(a.Subject, b.Subject);
        return c != 0 ? c : string.CompareOrdinal(a.Rule, b.Rule);
    }

    private static IEnumerable<Finding> Findings(RegulationJudgement j) => j.Judgement?.Findings ?? [];

    private static IEnumerable<NotJudged> NotJudged(RegulationJudgement j) => j.Judgement?.NotJudged ?? [];

    private static Side SideOf(RegulationJudgement j, string? rule, Subject subject)
    {
        if (j.Judgement is not { } judgement)
        {
            return new Side(Verdict.NotInForce, [], null);
        }
        var found = rule is null ? [] : judgement.Findings.Where(f => f.Rule == rule && f.Subject == subject).ToList();
        if (found.Count > 0)
        {
            return new Side(Verdict.Found, found, null);
        }
        if (judgement.NotJudged.FirstOrDefault(n => n.Subject == subject) is { } notJudged)
        {
            return new Side(Verdict.NotJudged, [], notJudged);
        }
        return rule is not null && judgement.Pack.Rules.All(r => r.Id != rule)
            ? new Side(Verdict.NoRule, [], null)
            : new Side(Verdict.NotFound, [], null);
    }

    private static List<ArticleRow> ArticlesOf(RegulationJudgement first, RegulationJudgement second, List<ComparisonRow> rows) =>
        rows.Where(r => r.Rule is not null)
            .GroupBy(r => r.Rule!, StringComparer.Ordinal)
            .Select(g =>
            {
                var a = g.Where(r => r.First.Verdict == Verdict.Found).SelectMany(r => r.First.Findings).ToList();
                var b = g.Where(r => r.Second.Verdict == Verdict.Found).SelectMany(r => r.Second.Findings).ToList();
                return new ArticleRow(
                    g.Key,
                    a.FirstOrDefault()?.RuleTitle ?? RuleTitle(first, g.Key), Cited(a), a.Select(f => f.Consequence?.Basis).FirstOrDefault(x => x is not null),
                    b.FirstOrDefault()?.RuleTitle ?? RuleTitle(second, g.Key), Cited(b), b.Select(f => f.Consequence?.Basis).FirstOrDefault(x => x is not null),
                    g.Count(r => r.First.Verdict == Verdict.Found && r.Second.Verdict == Verdict.Found),
                    g.Count(r => r.First.Verdict == Verdict.Found && r.Second.Verdict != Verdict.Found),
                    g.Count(r => r.First.Verdict != Verdict.Found && r.Second.Verdict == Verdict.Found));
            })
            .OrderBy(a => a.FirstBreaches.Count > 0 ? a.FirstBreaches[0] : a.SecondBreaches.Count > 0 ? a.SecondBreaches[0] : default)
            .ThenBy(a => a.Rule, StringComparer.Ordinal)
            .ToList();

    private static List<Citation> Cited(IEnumerable<Finding> findings) => findings.SelectMany(f => f.Breaches).Distinct().Order().ToList();

    private static string? RuleTitle(RegulationJudgement j, string rule) => j.Pack.Rules.FirstOrDefault(r => r.Id == rule)?.Title;
}
