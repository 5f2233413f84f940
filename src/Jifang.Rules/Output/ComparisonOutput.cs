using System.Text.Json;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Output;

/// <summary>A comparison of two regulations for people (Chinese text, also used by the page) and as a JSON document.</summary>
public static class ComparisonOutput
{
    public static string VerdictCode(Verdict v) => v switch
    {
        Verdict.Found => "found",
        Verdict.NotFound => "not-found",
        Verdict.NoRule => "no-rule",
        Verdict.NotJudged => "not-judged",
        _ => "not-in-force",
    };

    /// <summary>The row in one phrase: 两部条例均认定, 仅依《…》认定, 依《…》准许、依《…》不准许, 《…》未评判.</summary>
    public static string Headline(ComparisonRow row, Pack first, Pack second)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (row.Lawful is var (a, b) && a != b)
        {
            return $"依《{first.Title}》{(a ? "准许" : "不准许")}，依《{second.Title}》{(b ? "准许" : "不准许")}";
        }
        return (row.First.Verdict, row.Second.Verdict) switch
        {
            (Verdict.Found, Verdict.Found) => "两部条例均认定",
            (Verdict.Found, _) => $"仅依《{first.Title}》认定",
            (_, Verdict.Found) => $"仅依《{second.Title}》认定",
            (Verdict.NotJudged, Verdict.NotJudged) => "两部条例均未评判",
            (Verdict.NotJudged, _) => $"《{first.Title}》未评判",
            (_, Verdict.NotJudged) => $"《{second.Title}》未评判",
            _ => "两部条例均未认定",
        };
    }

    /// <summary>What one regulation says in the row, in a few words.</summary>
    public static string SideLabel(Side side, Subject subject)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(subject);
        var request = subject.Kind == SubjectKind.Request;
        return side.Verdict switch
        {
            Verdict.Found => request ? "不准许（认定违反规定）" : "认定",
            Verdict.NotFound => request ? "准许（未发现问题）" : "已评判，未认定此问题",
            Verdict.NoRule => "本条例无此项规定",
            Verdict.NotJudged => $"未评判：{side.NotJudged!.Message}",
            _ => "在评判日期未施行",
        };
    }

    public static void WriteText(Comparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);
        var (a, b) = (comparison.First.Pack, comparison.Second.Pack);
        output.WriteLine($"比较：《{a.Title}》（{a.Id}）与《{b.Title}》（{b.Id}）");
        output.WriteLine($"评判日期：{comparison.AsOf:yyyy-MM-dd}");
        foreach (var j in new[] { comparison.First, comparison.Second }.Where(j => j.NotInForce is not null))
        {
            output.WriteLine($"注意：{j.NotInForce}。");
        }
        var agree = comparison.Agreeing.Count();
        output.WriteLine(comparison.Rows.Count == 0
            ? "两部条例均未发现问题。"
            : $"共 {comparison.Rows.Count} 项：一致 {agree} 项，不同 {comparison.Rows.Count - agree} 项。");
        var n = 0;
        foreach (var row in comparison.Rows)
        {
            n++;
            output.WriteLine();
            var title = row.First.RuleTitle ?? row.Second.RuleTitle;
            output.WriteLine(row.Rule is null
                ? $"{n}. {row.Subject.Describe()}：{Headline(row, a, b)}"
                : $"{n}. {row.Subject.Describe()} —— {title}（{row.Rule}）：{Headline(row, a, b)}");
            WriteSide(a, row.First, row.Subject, output);
            WriteSide(b, row.Second, row.Subject, output);
            if (row.First.Verdict == Verdict.Found && row.Second.Verdict == Verdict.Found)
            {
                output.WriteLine(row.SamePenalty ? "   罚款：两部条例相同。" : "   罚款：两部条例不同（见上）。");
            }
        }
        if (comparison.Articles.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("逐条对照：");
            foreach (var x in comparison.Articles)
            {
                output.WriteLine($"  - {x.FirstTitle ?? x.SecondTitle}（{x.Rule}）");
                output.WriteLine($"    《{a.Title}》：{Articles(x.FirstBreaches, x.FirstBasis)}");
                output.WriteLine($"    《{b.Title}》：{Articles(x.SecondBreaches, x.SecondBasis)}");
                output.WriteLine($"    两部均认定 {x.Both} 项，仅《{a.Title}》{x.OnlyFirst} 项，仅《{b.Title}》{x.OnlySecond} 项");
            }
        }
    }

    /// <summary>第九条第二款第（三）项，罚则第二十二条第一款; "未认定" when empty.</summary>
    public static string Articles(IReadOnlyList<Citation> breaches, Citation? basis)
    {
        ArgumentNullException.ThrowIfNull(breaches);
        if (breaches.Count == 0)
        {
            return "未认定";
        }
        var cited = string.Join("、", breaches.Select(c => c.ToChinese()));
        return basis is { } p ? $"{cited}；罚则 {p.ToChinese()}" : $"{cited}；无罚则";
    }

    private static void WriteSide(Pack pack, Side side, Subject subject, TextWriter output)
    {
        output.WriteLine($"   《{pack.Title}》：{SideLabel(side, subject)}");
        foreach (var f in side.Findings)
        {
            output.WriteLine($"     {f.Message}");
            foreach (var c in f.Breaches)
            {
                output.WriteLine($"     违反：{pack.Cite(c)}");
                output.WriteLine($"       “{pack.TextOf(c)}”");
            }
            TextReport.WriteConsequence(pack, f.Consequence, output, "     ");
        }
    }

    /// <summary>
    /// <c>{"asOf", "first": {"regulation", "notInForce"}, "second": {…}, "agree", "differ",
    /// "rows": [{"rule", "subject", "agree", "samePenalty", "lawful", "first": {"verdict", "findings", "notJudged"}, "second": {…}}],
    /// "articles": [{"rule", "first": {"title", "breaches", "basis"}, "second": {…}, "both", "onlyFirst", "onlySecond"}]}</c>.
    /// </summary>
    public static void WriteJson(Comparison comparison, Stream output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var w = FindingsJson.Writer(output);
        w.WriteStartObject();
        w.WriteString("asOf", FindingsJson.Date(comparison.AsOf));
        foreach (var (name, j) in new[] { ("first", comparison.First), ("second", comparison.Second) })
        {
            w.WriteStartObject(name);
            FindingsJson.WriteRegulation(w, j.Pack);
            w.WriteString("notInForce", j.NotInForce);
            w.WriteEndObject();
        }
        var agree = comparison.Agreeing.Count();
        w.WriteNumber("agree", agree);
        w.WriteNumber("differ", comparison.Rows.Count - agree);
        w.WriteStartArray("rows");
        foreach (var row in comparison.Rows)
        {
            w.WriteStartObject();
            w.WriteString("rule", row.Rule);
            FindingsJson.WriteSubject(w, row.Subject);
            w.WriteBoolean("agree", row.Agree);
            w.WriteBoolean("samePenalty", row.SamePenalty);
            if (row.Lawful is var (a, b))
            {
                w.WriteStartObject("lawful");
                w.WriteBoolean("first", a);
                w.WriteBoolean("second", b);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("lawful");
            }
            WriteSide(w, "first", row.First);
            WriteSide(w, "second", row.Second);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("articles");
        foreach (var x in comparison.Articles)
        {
            w.WriteStartObject();
            w.WriteString("rule", x.Rule);
            WriteArticles(w, "first", x.FirstTitle, x.FirstBreaches, x.FirstBasis);
            WriteArticles(w, "second", x.SecondTitle, x.SecondBreaches, x.SecondBasis);
            w.WriteNumber("both", x.Both);
            w.WriteNumber("onlyFirst", x.OnlyFirst);
            w.WriteNumber("onlySecond", x.OnlySecond);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteSide(Utf8JsonWriter w, string name, Side side)
    {
        w.WriteStartObject(name);
        w.WriteString("verdict", VerdictCode(side.Verdict));
        w.WriteStartArray("findings");
        foreach (var f in side.Findings)
        {
            FindingsJson.WriteFinding(w, f);
        }
        w.WriteEndArray();
        if (side.NotJudged is { } n)
        {
            w.WritePropertyName("notJudged");
            FindingsJson.WriteNotJudged(w, n);
        }
        else
        {
            w.WriteNull("notJudged");
        }
        w.WriteEndObject();
    }

    private static void WriteArticles(Utf8JsonWriter w, string name, string? title, IReadOnlyList<Citation> breaches, Citation? basis)
    {
        w.WriteStartObject(name);
        w.WriteString("title", title);
        w.WriteStartArray("breaches");
        foreach (var c in breaches)
        {
            FindingsJson.WriteCitation(w, c);
        }
        w.WriteEndArray();
        if (basis is { } p)
        {
            w.WritePropertyName("basis");
            FindingsJson.WriteCitation(w, p);
        }
        else
        {
            w.WriteNull("basis");
        }
        w.WriteEndObject();
    }
}
