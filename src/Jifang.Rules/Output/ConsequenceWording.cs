using System.Globalization;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Output;

/// <summary>
/// A penalty provision in the words the texts use, shared by the command line, the pages and the exports so that
/// they cannot drift apart: who pays (in the basis text's words), on what condition, and what the regulation says
/// where it attaches no penalty.
/// </summary>
public static class ConsequenceWording
{
    /// <summary>The payer as the basis text names it: 单位, 建设单位, 直接负责的主管人员和其他责任人员 ….</summary>
    public static string Payer(Fine fine)
    {
        ArgumentNullException.ThrowIfNull(fine);
        return fine.PayerText ?? Vocab.Payers.ShortLabel(fine.Payer);
    }

    /// <summary>
    /// The condition as a label: 逾期不改正的 (拒不改正的 where the basis says so), 造成严重后果的; a fine imposed at once is 并处 only where the provision
    /// first imposes an order (nmg 第二十二条 责令改正，并处), and imposed directly where it imposes none (nmg 第二十四条).
    /// </summary>
    public static string When(Consequence consequence, Fine fine)
    {
        ArgumentNullException.ThrowIfNull(consequence);
        ArgumentNullException.ThrowIfNull(fine);
        return fine.When switch
        {
            FineCondition.IfNotCorrected => consequence.NotCorrectedWords + "的",
            FineCondition.IfSeriousConsequences => "造成严重后果的",
            _ => consequence.Orders.Count > 0 ? $"{string.Join("、", consequence.Orders)}，并处罚款" : "直接处以罚款",
        };
    }

    /// <summary>
    /// The fine as one sentence in the texts' manner: 逾期不改正的，对单位处3000元以上1万元以下罚款; 并对建设单位处5000元以上1万元以下罚款;
    /// 并处1万元以上3万元以下罚款 (payer <c>offender</c>: the text names none); 对单位处5000元以上2万元以下罚款.
    /// </summary>
    public static string Sentence(Consequence consequence, Fine fine)
    {
        ArgumentNullException.ThrowIfNull(consequence);
        ArgumentNullException.ThrowIfNull(fine);
        var condition = fine.When switch
        {
            FineCondition.IfNotCorrected => consequence.NotCorrectedWords + "的，",
            FineCondition.IfSeriousConsequences => "造成严重后果的，",
            _ => consequence.Orders.Count > 0 ? "并" : "",
        };
        var whom = fine.Payer == Vocabulary.Payer.Offender && fine.PayerText is null ? "" : $"对{Payer(fine)}";
        return $"{condition}{whom}处{Amount(fine.Min, fine.Max)}罚款";
    }

    /// <summary>3000元以上1万元以下; 1万元以下 (no minimum); 5000元 (a fixed amount).</summary>
    public static string Amount(long min, long max) =>
        min == max ? Yuan(max)
        : min <= 0 ? $"{Yuan(max)}以下"
        : $"{Yuan(min)}以上{Yuan(max)}以下";

    /// <summary>Amounts as the statutes write them: 3000元, 1万元, 1.5万元.</summary>
    public static string Yuan(long amount) =>
        amount >= 10_000 && amount % 1000 == 0
            ? (amount / 10_000m).ToString("0.#", CultureInfo.InvariantCulture) + "万元"
            : amount.ToString(CultureInfo.InvariantCulture) + "元";

    /// <summary>
    /// What the regulation says where it attaches no penalty to a breach: that it has none, and the article that sends the
    /// breach to other laws where it has one (province-2012 第二十八条).
    /// </summary>
    public static string NoPenalty(Pack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.Referral is { } r
            ? $"本条例对此未规定罚则；依{pack.Cite(r)}：“{pack.TextOf(r)}”"
            : "本条例对此未规定罚则。";
    }
}
