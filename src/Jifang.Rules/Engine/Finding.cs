using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Engine;

/// <summary>What a finding is about: a site, a system or device of a site, an act or an access request.</summary>
/// <param name="Site">The site a system or device belongs to (system and device ids are unique only within their site).</param>
public sealed record Subject(SubjectKind Kind, string Id, string? Site = null)
{
    /// <summary>Orders by kind code, then id, then site (ordinal).</summary>
    public static int Compare(Subject a, Subject b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = string.CompareOrdinal(Vocab.SubjectKinds.Code(a.Kind), Vocab.SubjectKinds.Code(b.Kind));
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.Id, b.Id);
        return c != 0 ? c : string.CompareOrdinal(a.Site, b.Site);
    }

    public string Describe() => Kind switch
    {
        SubjectKind.Site => $"场所 {Id}",
        SubjectKind.System => $"技防系统 {Id}" + (Site is null ? "" : $"（场所 {Site}）"),
        SubjectKind.Device => $"设备 {Id}" + (Site is null ? "" : $"（场所 {Site}）"),
        SubjectKind.Act => $"行为 {Id}",
        _ => $"查阅申请 {Id}",
    };
}

/// <summary>One rule's judgement that a subject fails a provision, with the consequence the regulation attaches.</summary>
public sealed record Finding(string Rule, string RuleTitle, Subject Subject, IReadOnlyList<Citation> Breaches, string Message, Consequence? Consequence);

/// <summary>Why a subject was not judged: the regulation was not in force on its date, no rule of it applies, or it is dated after the as-of date.</summary>
/// <param name="Reason">A code of <see cref="Vocab.NotJudgedReasons"/>.</param>
public sealed record NotJudged(Subject Subject, string Reason, string Message)
{
    public const string NotInForce = "not-in-force";
    public const string NoRule = "no-rule";
    /// <summary>Dated after the as-of date: as of that day it has not happened, so it is not judged as having happened.</summary>
    public const string AfterAsOf = "after-as-of";

    /// <summary>The reason in Chinese: 不在施行期内, 无适用规定, 晚于评判日期，尚未发生.</summary>
    public string ReasonLabel => Vocab.NotJudgedReasons.TryParse(Reason, out var r) ? Vocab.NotJudgedReasons.Label(r) : Reason;
}

/// <summary>The outcome of judging one facts file against one pack.</summary>
public sealed class Judgement
{
    public required Pack Pack { get; init; }
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }
    public required IReadOnlyList<NotJudged> NotJudged { get; init; }

    /// <summary>The contract's order: subject kind, subject id, then first breach.</summary>
    public static int Order(Finding a, Finding b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = Subject.Compare(a.Subject, b.Subject);
        if (c != 0)
        {
            return c;
        }
        c = a.Breaches[0].CompareTo(b.Breaches[0]);
        return c != 0 ? c : string.CompareOrdinal(a.Rule, b.Rule);
    }
}
