using System.Text.RegularExpressions;
using Jifang.Rules.Output;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Engine;

/// <summary>
/// Issue 11, legal fidelity: an independent review found the text output citing 第二十二条第一款 for an article of one
/// paragraph, naming 其他直接责任人员 where province 第二十四、二十五条 say 其他责任人员, writing "（并处）" where nmg 第二十四条
/// imposes no earlier measure, and saying nothing of province 第二十八条 where the regulation attaches no penalty. These
/// tests hold every rule of every pack (the next pack too) to the words of the text it cites.
/// </summary>
public sealed partial class LegalWordingTests
{
    [GeneratedRegex(@"第([一二三四五六七八九十百零]+)条第一款")]
    private static partial Regex FirstParagraph();

    public static TheoryData<string> PackIds() => new(Judge.RealPacks.Value.Ids);

    private static Pack Pack(string id) => Judge.RealPacks.Value.Get(id).Pack;

    [Theory]
    [MemberData(nameof(PackIds))]
    public void Every_consequence_speaks_the_words_of_its_basis(string id)
    {
        var pack = Pack(id);
        var problems = new List<string>();
        foreach (var rule in pack.Rules.Where(r => r.Consequence is not null))
        {
            var c = rule.Consequence!;
            var text = pack.TextOf(c.Basis);
            void Need(string words, string what)
            {
                if (!text.Contains(words, StringComparison.Ordinal))
                {
                    problems.Add($"{rule.Id}：{what}“{words}”不见于 {pack.Cite(c.Basis)}：{text}");
                }
            }
            if (c.Authority is { } authority)
            {
                Need(authority, "处罚机关");
            }
            foreach (var order in c.Orders)
            {
                Need(order, "责令");
            }
            foreach (var clause in c.Other.SelectMany(o => o.Split('，', StringSplitOptions.RemoveEmptyEntries)))
            {
                Need(clause, "其他后果");
            }
            foreach (var fine in c.Fines)
            {
                if (fine.Payer != Payer.Offender || fine.PayerText is not null)
                {
                    Need(ConsequenceWording.Payer(fine), "受罚对象");
                }
                if (!text.Contains(ConsequenceWording.Amount(fine.Min, fine.Max), StringComparison.Ordinal)
                    && !text.Contains($"{Chinese(fine.Min)}以上{Chinese(fine.Max)}以下", StringComparison.Ordinal))
                {
                    problems.Add($"{rule.Id}：罚款幅度 {fine.Min}–{fine.Max} 元不见于 {pack.Cite(c.Basis)}");
                }
                switch (fine.When)
                {
                    case FineCondition.IfNotCorrected: Need(c.NotCorrectedWords, "条件"); break;
                    case FineCondition.IfSeriousConsequences: Need("严重后果", "条件"); break;
                    default:
                        // A fine imposed at once follows an order only where the text orders something first (责令改正，并处).
                        if (c.Orders.Count == 0 && text.Contains("责令", StringComparison.Ordinal))
                        {
                            problems.Add($"{rule.Id}：{pack.Cite(c.Basis)} 有责令，consequence 却没有 orders");
                        }
                        break;
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(PackIds))]
    public void The_text_output_cites_an_article_of_one_paragraph_without_its_paragraph(string id)
    {
        var pack = Pack(id);
        using var output = new StringWriter();
        // Every rule's breaches and consequence, as `jifang rules show` and `jifang check --format text` write them.
        foreach (var rule in pack.Rules)
        {
            output.WriteLine(string.Join("、", rule.Breaches.Select(pack.Cite)));
            TextReport.WriteConsequence(pack, rule.Consequence, output, "");
        }
        if (pack.InForceOn(new DateOnly(2024, 5, 1)))
        {
            var outcome = Judge.Run(FindingTextTests.Facts(id));
            TextReport.Write(outcome.Judgement!, output);
        }
        var text = output.ToString();
        var wrong = FirstParagraph().Matches(text)
            .Select(m => (Cite: m.Value, Article: ChineseNumerals.TryParse(m.Groups[1].Value, out var n) ? n : 0))
            .Where(x => pack.Article(x.Article) is not { Paragraphs.Count: > 1 })
            .Select(x => x.Cite).Distinct().ToList();
        Assert.True(wrong.Count == 0, $"{id}: 只有一款的条文引作第一款：{string.Join("、", wrong)}");
        Assert.DoesNotContain("（并处）", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackIds))]
    public void A_fine_imposed_at_once_says_并_only_after_an_order(string id)
    {
        var pack = Pack(id);
        foreach (var c in pack.Rules.Select(r => r.Consequence).OfType<Consequence>())
        {
            foreach (var fine in c.Fines.Where(f => f.When == FineCondition.Immediately))
            {
                var sentence = ConsequenceWording.Sentence(c, fine);
                Assert.Equal(c.Orders.Count > 0, sentence.StartsWith('并'));
                Assert.Equal(c.Orders.Count > 0, ConsequenceWording.When(c, fine).Contains("并处", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(PackIds))]
    public void A_breach_without_penalty_names_the_article_that_refers_to_other_law_where_there_is_one(string id)
    {
        var pack = Pack(id);
        using var output = new StringWriter();
        TextReport.WriteConsequence(pack, null, output, "");
        var text = output.ToString();
        Assert.Contains("本条例对此未规定罚则", text, StringComparison.Ordinal);
        if (pack.Referral is { } r)
        {
            Assert.Contains(pack.Cite(r), text, StringComparison.Ordinal);
            Assert.Contains(pack.TextOf(r), text, StringComparison.Ordinal);
        }
        // Every article that refers breaches to other laws in the words province 第二十八条 uses is the pack's referral.
        var referring = pack.Articles.Where(a => a.Paragraphs.Any(p => p.Text.Contains("已有法律责任规定的，从其规定", StringComparison.Ordinal))).ToList();
        Assert.Equal(referring.Select(a => a.Number), pack.Referral is { } x ? [x.Article] : []);
    }

    [Fact]
    public void Province_and_nmg_read_as_their_texts()
    {
        var province = Pack("province-2012");
        var nmg = Pack("nmg-2007");
        Assert.Equal("《省安全技术防范条例》第二十八条", province.Cite(province.Referral!.Value));
        Assert.Null(nmg.Referral);
        Assert.Equal("第二十二条", nmg.Place(new Citation(22, 1, null)));
        Assert.Equal("第八条第（八）项", nmg.Place(new Citation(8, 1, 8)));
        Assert.Equal("第九条第二款第（三）项", nmg.Place(new Citation(9, 2, 3)));
        Assert.Equal("第十三条第一款", nmg.Place(new Citation(13, 1, null)));

        var art24 = nmg.Rules.First(r => r.Id == "secrets-leaked").Consequence!;
        Assert.Equal(["对单位处5000元以上2万元以下罚款", "对个人处1000元以上5000元以下罚款"], art24.Fines.Select(f => ConsequenceWording.Sentence(art24, f)));
        var art22 = nmg.Rules.First(r => r.Id == "privacy-zone-capture").Consequence!;
        Assert.Equal("并处1万元以上3万元以下罚款", ConsequenceWording.Sentence(art22, Assert.Single(art22.Fines)));
        var art23 = nmg.Rules.First(r => r.Id == "in-service-without-acceptance").Consequence!;
        Assert.Equal("并对建设单位处5000元以上1万元以下罚款", ConsequenceWording.Sentence(art23, Assert.Single(art23.Fines)));
        var art25 = province.Rules.First(r => r.Id == "in-service-without-acceptance").Consequence!;
        Assert.Equal(
            ["逾期不改正的，对单位处3000元以上1万元以下罚款", "逾期不改正的，对直接负责的主管人员和其他责任人员处1000元以上3000元以下罚款"],
            art25.Fines.Select(f => ConsequenceWording.Sentence(art25, f)));

        using var output = new StringWriter();
        TextReport.WriteConsequence(province, null, output, "");
        Assert.Equal("法律责任：本条例对此未规定罚则；依《省安全技术防范条例》第二十八条：“违反本条例规定，法律、行政法规已有法律责任规定的，从其规定。”\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_act_after_the_as_of_date_is_reported_as_not_yet_happened_in_both_outputs()
    {
        var outcome = Judge.Run("""
            {"regulation": "nmg-2007", "asOf": "2024-05-01",
             "acts": [{"id": "A1", "kind": "records-deleted", "date": "2024-05-02", "actor": "unit"}],
             "accessRequests": [{"id": "R1", "date": "2024-06-01", "requester": "official", "persons": 1}]}
            """);
        Assert.Equal(Rules.Engine.CheckStatus.NoFindings, outcome.Status);
        Assert.All(outcome.Judgement!.NotJudged, n => Assert.Equal("after-as-of", n.Reason));
        using var text = new StringWriter();
        TextReport.Write(outcome.Judgement, text);
        Assert.Contains("行为 A1（晚于评判日期，尚未发生）：行为日期为 2024-05-02，晚于评判日期 2024-05-01", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("查阅申请 R1（晚于评判日期，尚未发生）", text.ToString(), StringComparison.Ordinal);
        using var json = new MemoryStream();
        FindingsJson.Write(outcome.Judgement, json);
        Assert.Contains("\"reason\": \"after-as-of\"", System.Text.Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
        // Every reason the engine gives has its code and Chinese label in the product's vocabulary.
        Assert.Equal([Rules.Engine.NotJudged.NotInForce, Rules.Engine.NotJudged.NoRule, Rules.Engine.NotJudged.AfterAsOf], Vocab.NotJudgedReasons.Codes);
    }

    /// <summary>An amount as the province text writes it: 三千元, 一万元, 五万元.</summary>
    private static string Chinese(long yuan) =>
        yuan % 10_000 == 0 ? ChineseNumerals.Format((int)(yuan / 10_000)) + "万元"
        : yuan < 10_000 && yuan % 1000 == 0 ? ChineseNumerals.Format((int)(yuan / 1000)) + "千元"
        : yuan + "元";
}
