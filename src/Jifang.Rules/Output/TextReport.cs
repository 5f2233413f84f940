using Jifang.Rules.Engine;
using Jifang.Rules.Packs;

namespace Jifang.Rules.Output;

/// <summary>The findings for people, in Chinese: each with its citation, the cited words and the penalty range.</summary>
public static class TextReport
{
    public static void Write(Judgement judgement, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        ArgumentNullException.ThrowIfNull(output);
        var pack = judgement.Pack;
        output.WriteLine($"《{pack.Title}》（{pack.Id}，{pack.Effective:yyyy-MM-dd} 起施行）");
        output.WriteLine($"评判日期：{judgement.AsOf:yyyy-MM-dd}");
        output.WriteLine(judgement.Findings.Count == 0 ? "未发现问题。" : $"发现 {judgement.Findings.Count} 项问题：");
        var n = 0;
        foreach (var f in judgement.Findings)
        {
            n++;
            output.WriteLine();
            output.WriteLine($"{n}. {f.Subject.Describe()} —— {f.RuleTitle}（{f.Rule}）");
            output.WriteLine($"   {f.Message}");
            foreach (var b in f.Breaches)
            {
                output.WriteLine($"   违反：{pack.Cite(b)}");
                output.WriteLine($"     “{pack.TextOf(b)}”");
            }
            WriteConsequence(pack, f.Consequence, output, "   ");
        }
        if (judgement.NotJudged.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"未评判 {judgement.NotJudged.Count} 项：");
            foreach (var x in judgement.NotJudged)
            {
                output.WriteLine($"  - {x.Subject.Describe()}（{x.ReasonLabel}）：{x.Message}");
            }
        }
    }

    /// <summary>One section per regulation, in the order given; a regulation not in force on the date says so.</summary>
    public static void WriteSeveral(IReadOnlyList<RegulationJudgement> judgements, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < judgements.Count; i++)
        {
            var j = judgements[i];
            if (i > 0)
            {
                output.WriteLine();
            }
            output.WriteLine($"══ {ChineseNumerals.Format(i + 1)}、《{j.Pack.Title}》（{j.Pack.Id}） ══");
            if (j.Judgement is { } judgement)
            {
                Write(judgement, output);
            }
            else
            {
                output.WriteLine($"评判日期：{j.AsOf:yyyy-MM-dd}");
                output.WriteLine($"未评判：{j.NotInForce}。");
            }
        }
    }

    public static void WriteConsequence(Pack pack, Consequence? c, TextWriter output, string indent)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(output);
        if (c is null)
        {
            output.WriteLine($"{indent}法律责任：{ConsequenceWording.NoPenalty(pack)}");
            return;
        }
        output.WriteLine($"{indent}处罚依据：{pack.Cite(c.Basis)}");
        output.WriteLine($"{indent}  “{pack.TextOf(c.Basis)}”");
        if (c.Authority is not null || c.Orders.Count > 0)
        {
            output.WriteLine($"{indent}  {c.Authority}{string.Join("；", c.Orders)}");
        }
        var basisText = pack.TextOf(c.Basis);
        foreach (var fine in c.Fines)
        {
            output.WriteLine($"{indent}  罚款：{ConsequenceWording.Sentence(c, fine)}");
        }
        foreach (var other in c.Other)
        {
            output.WriteLine($"{indent}  其他：{other}");
        }
    }

    /// <summary>Amounts as the statutes write them: 3000元, 1万元, 1.5万元.</summary>
    public static string Yuan(long amount) => ConsequenceWording.Yuan(amount);
}
