using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Jifang.Rules.Output;
using Jifang.Rules.Packs;

namespace Jifang.Cli;

/// <summary><c>jifang rules list</c> and <c>jifang rules show ID [ARTICLE]</c>.</summary>
internal static class RulesCommands
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static Command Create(CliConsole console)
    {
        var rules = new Command("rules", "查看条例数据包：条例清单、条文（款、项编号）及引用各条的规则。");

        var listFormat = FormatOption();
        var listPacks = PackOptions.Create();
        var list = new Command("list", "列出所有条例：标识、名称、适用地域、施行日期。") { listFormat, listPacks };
        list.SetAction(parse => List(console, parse.GetValue(listFormat) ?? "text", parse.GetValue(listPacks)));
        rules.Add(list);

        var id = new Argument<string>("ID") { Description = "条例标识，如 province-2012、nmg-2007" };
        var article = new Argument<string?>("ARTICLE") { Description = "条号：9、九 或 第九条（省略则显示全文）", Arity = ArgumentArity.ZeroOrOne };
        var showFormat = FormatOption();
        var showPacks = PackOptions.Create();
        var show = new Command("show", "显示条例全文或某一条：各款、各项编号，以及引用该条的规则和罚则。") { id, article, showFormat, showPacks };
        show.SetAction(parse => Show(console, parse.GetValue(id)!, parse.GetValue(article), parse.GetValue(showFormat) ?? "text", parse.GetValue(showPacks)));
        rules.Add(show);
        return rules;
    }

    private static Option<string?> FormatOption()
    {
        var format = new Option<string?>("--format") { Description = "输出格式：text（默认）或 json", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("json", "text");
        return format;
    }

    private static int List(CliConsole console, string format, string? packsDirectory)
    {
        if (PackOptions.Load(packsDirectory, console.Error) is not { } packs)
        {
            return JifangCli.Usage;
        }
        if (format == "json")
        {
            console.Out.Flush();
            using var w = new Utf8JsonWriter(console.StdOut, JsonOptions);
            w.WriteStartArray();
            foreach (var p in packs.Packs)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("title", p.Title);
                w.WriteStartObject("jurisdiction");
                w.WriteString("name", p.Jurisdiction.Name);
                w.WriteString("divisionPrefix", p.Jurisdiction.DivisionPrefix);
                w.WriteEndObject();
                w.WriteString("effective", Iso(p.Effective));
                w.WriteString("until", p.Until is { } u ? Iso(u) : null);
                w.WriteNumber("articles", p.Articles.Count);
                w.WriteNumber("rules", p.Rules.Count);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Flush();
            console.StdOut.Write("\n"u8);
            return 0;
        }
        foreach (var p in packs.Packs)
        {
            var until = p.Until is { } t ? $"，{Iso(t)} 失效" : "";
            var prefix = p.Jurisdiction.DivisionPrefix is { } d ? $"（区划代码 {d}）" : "";
            console.Out.WriteLine($"{p.Id}\t《{p.Title}》\t{p.Jurisdiction.Name}{prefix}\t{Iso(p.Effective)} 起施行{until}\t{p.Articles.Count} 条，{p.Rules.Count} 条规则");
        }
        return 0;
    }

    private static int Show(CliConsole console, string id, string? articleText, string format, string? packsDirectory)
    {
        if (PackOptions.Load(packsDirectory, console.Error) is not { } packs)
        {
            return JifangCli.Usage;
        }
        if (!packs.TryGet(id, out var compiled))
        {
            var hint = packs.Suggest(id) is { } s ? $"（是否应为 \"{s}\"？）" : "";
            console.Error.WriteLine($"ID: 未知的条例 \"{id}\"{hint}；可用：{string.Join("、", packs.Ids)}");
            return JifangCli.Usage;
        }
        var pack = compiled.Pack;
        IReadOnlyList<Article> articles = pack.Articles;
        if (articleText is not null)
        {
            var trimmed = articleText.Trim();
            if (trimmed.StartsWith('第') && trimmed.EndsWith('条'))
            {
                trimmed = trimmed[1..^1];
            }
            if (!ChineseNumerals.TryParse(trimmed, out var number))
            {
                console.Error.WriteLine($"ARTICLE: 条号应为数字或中文数字（如 9、九、第九条），实际为 \"{articleText}\"");
                return JifangCli.Usage;
            }
            if (pack.Article(number) is not { } found)
            {
                console.Error.WriteLine($"ARTICLE: 《{pack.Title}》没有第{number}条（共 {pack.Articles.Count} 条）");
                return JifangCli.Usage;
            }
            articles = [found];
        }
        if (format == "json")
        {
            WriteJson(console, pack, articles);
            return 0;
        }
        var o = console.Out;
        if (articleText is null)
        {
            o.WriteLine($"《{pack.Title}》（{pack.Id}）");
            o.WriteLine($"适用地域：{pack.Jurisdiction.Name}；{Iso(pack.Effective)} 起施行");
            foreach (var r in pack.Repeals)
            {
                o.WriteLine($"废止：{r.IssuedBy}{(r.Issued is { } d ? Iso(d) : "")}颁布的《{r.Title}》");
            }
            o.WriteLine();
        }
        foreach (var a in articles)
        {
            o.WriteLine($"{a.Heading}");
            for (var p = 0; p < a.Paragraphs.Count; p++)
            {
                var para = a.Paragraphs[p];
                o.WriteLine($"  第{ChineseNumerals.Format(p + 1)}款　{para.Lead}");
                for (var i = 0; i < para.Items.Count; i++)
                {
                    o.WriteLine($"    {Paragraph.ItemMarker(i + 1)}{para.Items[i]}");
                }
                if (para.Tail.Length > 0)
                {
                    o.WriteLine($"    {para.Tail}");
                }
            }
            var citing = RulesCiting(pack, a.Number).ToList();
            if (citing.Count > 0)
            {
                o.WriteLine("  引用本条的规则：");
                foreach (var rule in citing)
                {
                    var cites = string.Join("、", rule.Breaches.Select(pack.Place));
                    o.WriteLine($"    {rule.Id}：{rule.Title}（违反 {cites}）");
                    if (rule.Sites is { } sites)
                    {
                        o.WriteLine($"      适用场所：{sites.Describe()}");
                    }
                    if (rule.Check is ActSpec acts)
                    {
                        foreach (var (cite, where) in acts.Prohibitions.Where(p => p.Sites is not null).Select(p => (p.Cite.ToChinese(), p.Sites!.Describe())).Distinct())
                        {
                            o.WriteLine($"      {cite}：{where}");
                        }
                    }
                    TextReport.WriteConsequence(pack, rule.Consequence, o, "      ");
                }
            }
            o.WriteLine();
        }
        return 0;
    }

    /// <summary>Rules that cite an article, as the provision breached or as the penalty basis.</summary>
    private static IEnumerable<RuleDefinition> RulesCiting(Pack pack, int article) =>
        pack.Rules.Where(r => r.Breaches.Any(b => b.Article == article) || r.Consequence?.Basis.Article == article);

    private static void WriteJson(CliConsole console, Pack pack, IReadOnlyList<Article> articles)
    {
        console.Out.Flush();
        using var w = new Utf8JsonWriter(console.StdOut, JsonOptions);
        w.WriteStartObject();
        w.WriteString("id", pack.Id);
        w.WriteString("title", pack.Title);
        w.WriteString("effective", Iso(pack.Effective));
        w.WriteStartArray("articles");
        foreach (var a in articles)
        {
            w.WriteStartObject();
            w.WriteNumber("number", a.Number);
            w.WriteString("heading", a.Heading);
            w.WriteString("text", a.Text);
            w.WriteStartArray("paragraphs");
            for (var p = 0; p < a.Paragraphs.Count; p++)
            {
                var para = a.Paragraphs[p];
                w.WriteStartObject();
                w.WriteNumber("number", p + 1);
                w.WriteString("text", para.Text);
                w.WriteStartArray("items");
                for (var i = 0; i < para.Items.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("number", i + 1);
                    w.WriteString("text", para.Items[i]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rules");
            foreach (var r in RulesCiting(pack, a.Number))
            {
                w.WriteStringValue(r.Id);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        console.StdOut.Write("\n"u8);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
