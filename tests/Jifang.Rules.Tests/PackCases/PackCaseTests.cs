using System.Text;
using System.Text.Json.Nodes;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Rules.Tests.PackCases;

/// <summary>Runs every case under packs/tests through the engine and compares the findings exactly.</summary>
public sealed class PackCaseTests
{
    private static readonly Lazy<PackSet> Packs = new(() => PackSet.Load(Repo.Packs));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in PackCase.All(Repo.PackTests))
        {
            data.Add(c.ToString());
        }
        return data;
    }

    private static readonly Lazy<Dictionary<string, PackCase>> ByName = new(() =>
        PackCase.All(Repo.PackTests).ToDictionary(c => c.ToString(), StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var c = ByName.Value[name];
        var outcome = Run(c);
        var problems = Compare(c, outcome);
        Assert.True(problems.Count == 0, $"{c}\n  " + string.Join("\n  ", problems) + "\n  实际结果：\n" + Describe(outcome));
    }

    [Fact]
    public void Case_names_are_unique_and_every_pack_has_at_least_40_cases()
    {
        var all = PackCase.All(Repo.PackTests).ToList();
        Assert.Equal(all.Count, all.Select(c => c.ToString()).Distinct().Count());
        foreach (var pack in Packs.Value.Packs)
        {
            var count = all.Count(c => c.Pack == pack.Id);
            Assert.True(count >= 40, $"{pack.Id} 只有 {count} 个测试用例（至少 40 个）");
        }
    }

    [Fact]
    public void Every_rule_and_every_breach_it_can_cite_has_a_case_that_finds_it()
    {
        var all = PackCase.All(Repo.PackTests).ToList();
        var missing = new List<string>();
        foreach (var pack in Packs.Value.Packs)
        {
            var expected = all.Where(c => c.Pack == pack.Id)
                .SelectMany(c => c.Expect["findings"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(f => (Rule: f["rule"]!.GetValue<string>(), Breaches: (f["breaches"] as JsonArray ?? []).Select(b => b!.ToString()).ToList()))
                .ToList();
            foreach (var rule in pack.Rules)
            {
                foreach (var cite in rule.Breaches)
                {
                    if (!expected.Any(e => e.Rule == rule.Id && e.Breaches.Contains(cite.ToString())))
                    {
                        missing.Add($"{pack.Id} {rule.Id} {cite}");
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, "没有测试用例覆盖：\n" + string.Join("\n", missing));
    }

    internal static CheckOutcome Run(PackCase c)
    {
        var bytes = Encoding.UTF8.GetBytes(c.Facts.ToJsonString());
        using var stream = new MemoryStream(bytes);
        return Evaluation.Check(stream, Packs.Value, null, null, new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private static List<string> Compare(PackCase c, CheckOutcome outcome)
    {
        var problems = new List<string>();
        var e = c.Expect;
        var expectedFindings = (e["findings"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var exit = e["exit"]?.GetValue<long>() ?? (expectedFindings.Count > 0 ? 1 : 0);
        if ((int)outcome.Status != exit)
        {
            problems.Add($"退出码 {(int)outcome.Status}，应为 {exit}");
        }
        if (e["errors"] is JsonArray errors)
        {
            foreach (var want in errors.Select(x => x!.GetValue<string>()))
            {
                if (!outcome.Errors.Any(x => x.Contains(want, StringComparison.Ordinal)))
                {
                    problems.Add($"错误信息中没有 \"{want}\"");
                }
            }
        }
        var actual = outcome.Judgement?.Findings.ToList() ?? [];
        foreach (var want in expectedFindings)
        {
            var match = actual.FirstOrDefault(f => Matches(want, f) is null);
            if (match is null)
            {
                var near = actual.Where(f => f.Rule == want["rule"]?.GetValue<string>() && SubjectText(f.Subject) == want["subject"]?.GetValue<string>())
                    .Select(f => Matches(want, f)).FirstOrDefault();
                problems.Add($"缺少发现：{want.ToJsonString()}" + (near is null ? "" : $"（同规则同对象的发现不符：{near}）"));
            }
            else
            {
                actual.Remove(match);
            }
        }
        foreach (var extra in actual)
        {
            problems.Add($"多出的发现：{extra.Rule} {SubjectText(extra.Subject)} [{string.Join(", ", extra.Breaches)}]");
        }
        if (e["notJudged"] is JsonArray notJudged)
        {
            var got = outcome.Judgement?.NotJudged.Select(n => $"{SubjectText(n.Subject)} {n.Reason}").Order().ToList() ?? [];
            var want = notJudged.OfType<JsonObject>().Select(n => $"{n["subject"]} {n["reason"]}").Order().ToList();
            if (!got.SequenceEqual(want))
            {
                problems.Add($"未评判项为 [{string.Join("; ", got)}]，应为 [{string.Join("; ", want)}]");
            }
        }
        return problems;
    }

    /// <summary>Null when the finding satisfies the expectation, else why not.</summary>
    private static string? Matches(JsonObject want, Finding f)
    {
        if (want["rule"]?.GetValue<string>() != f.Rule)
        {
            return "规则不同";
        }
        if (want["subject"]?.GetValue<string>() != SubjectText(f.Subject))
        {
            return "对象不同";
        }
        var breaches = (want["breaches"] as JsonArray ?? []).Select(b => b!.ToString()).Order().ToList();
        var got = f.Breaches.Select(b => b.ToString()).Order().ToList();
        if (!breaches.SequenceEqual(got))
        {
            return $"违反条款为 [{string.Join(", ", got)}]，应为 [{string.Join(", ", breaches)}]";
        }
        if (want.ContainsKey("basis"))
        {
            var basis = want["basis"]?.ToString();
            var actual = f.Consequence?.Basis.ToString();
            if (basis != actual)
            {
                return $"罚则依据为 {actual ?? "null"}，应为 {basis ?? "null"}";
            }
        }
        if (want["fines"] is JsonArray fines)
        {
            var wantFines = fines.Select(x => x!.GetValue<string>()).Order().ToList();
            var gotFines = (f.Consequence?.Fines ?? []).Select(FineText).Order().ToList();
            if (!wantFines.SequenceEqual(gotFines))
            {
                return $"罚款为 [{string.Join("; ", gotFines)}]，应为 [{string.Join("; ", wantFines)}]";
            }
        }
        return null;
    }

    internal static string SubjectText(Subject s) => $"{Vocab.SubjectKinds.Code(s.Kind)}/{s.Id}";

    internal static string FineText(Fine f) => $"{Vocab.Payers.Code(f.Payer)} {f.Min} {f.Max} {Vocab.FineConditions.Code(f.When)}";

    private static string Describe(CheckOutcome outcome)
    {
        var sb = new StringBuilder();
        sb.Append("    exit ").Append((int)outcome.Status).AppendLine();
        foreach (var err in outcome.Errors)
        {
            sb.Append("    error ").AppendLine(err);
        }
        foreach (var f in outcome.Judgement?.Findings ?? [])
        {
            sb.Append("    - rule: ").Append(f.Rule).Append(", subject: ").Append(SubjectText(f.Subject))
                .Append(", breaches: [").Append(string.Join(", ", f.Breaches)).Append("], basis: ")
                .Append(f.Consequence?.Basis.ToString() ?? "null")
                .Append(", fines: [").Append(string.Join("; ", (f.Consequence?.Fines ?? []).Select(FineText))).Append("]  # ")
                .AppendLine(f.Message);
        }
        foreach (var n in outcome.Judgement?.NotJudged ?? [])
        {
            sb.Append("    notJudged ").Append(SubjectText(n.Subject)).Append(' ').AppendLine(n.Reason);
        }
        return sb.ToString();
    }
}
