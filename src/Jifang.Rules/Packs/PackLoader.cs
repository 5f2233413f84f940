using System.Globalization;
using Jifang.Rules.Vocabulary;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Jifang.Rules.Packs;

/// <summary>A pack that failed validation; it is not loaded at all.</summary>
public sealed class PackValidationException(IReadOnlyList<string> errors)
    : Exception("条例数据包校验失败：\n" + string.Join("\n", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Reads a pack from YAML and validates every part of it; a pack with any error is refused whole.</summary>
public static class PackLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static Pack LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    public static Pack Load(TextReader yaml, string origin)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        PackYaml? raw;
        try
        {
            raw = Deserializer.Deserialize<PackYaml>(new MergingParser(new Parser(yaml)));
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is { } i && i is not YamlException ? "：" + i.Message : "";
            throw new PackValidationException([$"{origin}:{ex.Start.Line}:{ex.Start.Column}: YAML 无法读取：{ex.Message}{inner}"]);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some syntax errors (an unclosed flow sequence) this way.
            throw new PackValidationException([$"{origin}: YAML 无法读取：{ex.Message}"]);
        }
        if (raw is null)
        {
            throw new PackValidationException([$"{origin}: 文件为空"]);
        }
        var v = new PackValidator(origin);
        var pack = v.Build(raw);
        if (v.Errors.Count > 0 || pack is null)
        {
            throw new PackValidationException(v.Errors);
        }
        return pack;
    }
}

internal sealed class PackValidator(string origin)
{
    private static readonly Dictionary<string, string[]> ParametersByCheck = new(StringComparer.Ordinal)
    {
        ["mandatory-installation"] = ["requirements"],
        ["privacy-zone"] = ["zones", "captures"],
        ["design-review"] = ["cite", "required", "organizers", "mustPass"],
        ["inspection"] = ["cite"],
        ["acceptance"] = ["cite"],
        ["in-service-without-acceptance"] = ["cite", "newConstructionCite"],
        ["system-flag"] = ["field", "cite", "whenSubsystems"],
        ["retention"] = ["cite", "minDays", "whenSubsystems"],
        ["filing-deadline"] = ["cite", "daysFromInService", "transitional", "whenSubsystems"],
        ["products"] = ["cite", "require", "whenRequired"],
        ["contractors"] = ["cite", "roles", "projectsFrom"],
        ["act"] = ["prohibitions"],
        ["access-request"] = ["requester", "conditions"],
    };

    private Pack? _partial;
    private bool _hasPublicArea;
    private readonly Dictionary<string, SiteClass> _classes = new(StringComparer.Ordinal);

    public List<string> Errors { get; } = [];

    private void Error(string place, string message) => Errors.Add($"{origin}: {place}: {message}");

    public Pack? Build(PackYaml raw)
    {
        if (string.IsNullOrWhiteSpace(raw.Id) || !IsKebab(raw.Id))
        {
            Error("id", $"条例标识必须是小写字母、数字和连字符，实际为 \"{raw.Id}\"");
        }
        if (string.IsNullOrWhiteSpace(raw.Title))
        {
            Error("title", "缺少条例名称");
        }
        if (raw.Jurisdiction?.Name is not { Length: > 0 })
        {
            Error("jurisdiction.name", "缺少适用地域名称");
        }
        if (raw.Jurisdiction?.DivisionPrefix is { } prefix && (prefix.Length is < 2 or > 6 || !prefix.All(char.IsAsciiDigit)))
        {
            Error("jurisdiction.divisionPrefix", $"行政区划代码前缀应为 2 至 6 位数字，实际为 \"{prefix}\"");
        }
        if (raw.Jurisdiction?.Nationwide == true && raw.Jurisdiction.DivisionPrefix is not null)
        {
            Error("jurisdiction.nationwide", "全国适用的条例不应再有行政区划代码前缀");
        }
        var effective = Date(raw.Effective, "effective", required: true);
        var until = Date(raw.Until, "until", required: false);
        if (effective is { } e && until is { } u && u <= e)
        {
            Error("until", $"失效日期 {u:yyyy-MM-dd} 不晚于施行日期 {e:yyyy-MM-dd}");
        }
        var repeals = (raw.Repeals ?? []).Select((r, i) =>
        {
            if (string.IsNullOrWhiteSpace(r.Title))
            {
                Error($"repeals[{i}].title", "缺少被废止文件的名称");
            }
            return new Repeal(r.Title ?? "", r.IssuedBy, Date(r.Issued, $"repeals[{i}].issued", required: false));
        }).ToList();

        var articles = BuildArticles(raw.Articles);
        // Citations are checked against the text, so the text is built first.
        _partial = new Pack
        {
            Id = raw.Id ?? "",
            Title = raw.Title ?? "",
            Jurisdiction = new Jurisdiction(raw.Jurisdiction?.Name ?? "", raw.Jurisdiction?.DivisionPrefix, raw.Jurisdiction?.Nationwide == true),
            Effective = effective ?? DateOnly.MinValue,
            Until = until,
            Repeals = repeals,
            Source = raw.Source,
            Articles = articles,
            Rules = [],
            Origin = origin,
        };
        var publicArea = raw.PublicArea is null ? null : BuildPublicArea(raw.PublicArea);
        _hasPublicArea = publicArea is not null;
        var referral = Cite(raw.Referral, "referral", required: false);
        var siteClasses = BuildSiteClasses(raw.SiteClasses);
        var lifecycle = raw.Lifecycle is null ? null : BuildLifecycle(raw.Lifecycle);
        var rules = new List<RuleDefinition>();
        foreach (var (article, a) in (raw.Articles ?? []).Select((a, i) => (a, i)))
        {
            foreach (var (rule, r) in (article.Rules ?? []).Select((r, i) => (r, i)))
            {
                var place = $"articles[{a}](第{article.Number}条).rules[{r}]" + (rule.Id is null ? "" : $"({rule.Id})");
                if (BuildRule(rule, article.Number ?? 0, place, effective ?? DateOnly.MinValue) is { } built)
                {
                    rules.Add(built);
                }
            }
        }
        CheckVersions(rules);
        if (Errors.Count > 0)
        {
            return null;
        }
        return new Pack
        {
            Id = _partial.Id,
            Title = _partial.Title,
            Jurisdiction = _partial.Jurisdiction,
            Effective = _partial.Effective,
            Until = until,
            Repeals = repeals,
            Source = raw.Source,
            PublicArea = publicArea,
            Referral = referral,
            SiteClasses = siteClasses,
            Lifecycle = lifecycle,
            Articles = articles,
            Rules = rules,
            Origin = origin,
        };
    }

    private static bool IsKebab(string s) =>
        s.Length <= 64 && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !s.StartsWith('-') && !s.EndsWith('-');

    private DateOnly? Date(string? text, string place, bool required)
    {
        if (text is null)
        {
            if (required)
            {
                Error(place, "缺少日期");
            }
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Error(place, $"日期应为 YYYY-MM-DD，实际为 \"{text}\"");
        return null;
    }

    private List<Article> BuildArticles(List<ArticleYaml>? raw)
    {
        var articles = new List<Article>();
        if (raw is null || raw.Count == 0)
        {
            Error("articles", "条例没有任何条文");
            return articles;
        }
        var seen = new HashSet<int>();
        for (var a = 0; a < raw.Count; a++)
        {
            var article = raw[a];
            var place = $"articles[{a}]";
            if (article.Number is not { } number || number < 1)
            {
                Error(place + ".number", "缺少条号或条号不是正整数");
                continue;
            }
            place += $"(第{number}条)";
            if (!seen.Add(number))
            {
                Error(place + ".number", $"条号重复：第{number}条");
                continue;
            }
            if (number != articles.Count + 1)
            {
                Error(place + ".number", $"条号不连续：第{articles.Count}条之后应为第{articles.Count + 1}条");
            }
            var paragraphs = new List<Paragraph>();
            if (article.Paragraphs is null || article.Paragraphs.Count == 0)
            {
                Error(place + ".paragraphs", "条文没有任何款");
            }
            foreach (var (p, i) in (article.Paragraphs ?? []).Select((p, i) => (p, i)))
            {
                var pPlace = $"{place}.paragraphs[{i}]";
                if (p.Text is not null && (p.Lead is not null || p.Items is not null || p.Tail is not null))
                {
                    Error(pPlace, "一款要么只有 text，要么有 lead 和 items，不能兼有");
                }
                else if (p.Text is not null)
                {
                    if (p.Text.Length == 0)
                    {
                        Error(pPlace + ".text", "款的文字为空");
                    }
                    paragraphs.Add(new Paragraph { Lead = p.Text, Items = [] });
                }
                else if (p.Items is { Count: > 0 } items)
                {
                    for (var k = 0; k < items.Count; k++)
                    {
                        if (string.IsNullOrEmpty(items[k]))
                        {
                            Error($"{pPlace}.items[{k}]", "项的文字为空");
                        }
                    }
                    paragraphs.Add(new Paragraph { Lead = p.Lead ?? "", Items = items.Select(x => x ?? "").ToList(), Tail = p.Tail ?? "" });
                }
                else
                {
                    Error(pPlace, "款既没有 text，也没有 items");
                }
            }
            articles.Add(new Article { Number = number, Paragraphs = paragraphs });
        }
        return articles;
    }

    private Citation? Cite(string? text, string place, bool required = true)
    {
        if (text is null)
        {
            if (required)
            {
                Error(place, "缺少引用条文（格式：条.款 或 条.款.项，如 9.2.3）");
            }
            return null;
        }
        if (!Citation.TryParse(text, out var c))
        {
            Error(place, $"引用格式应为 条.款 或 条.款.项（如 9.2.3），实际为 \"{text}\"");
            return null;
        }
        if (_partial is not null && !_partial.Contains(c))
        {
            var article = _partial.Article(c.Article);
            var why = article is null ? $"本条例没有第{c.Article}条"
                : c.Paragraph > article.Paragraphs.Count ? $"第{c.Article}条只有{article.Paragraphs.Count}款"
                : $"第{c.Article}条第{c.Paragraph}款只有{article.Paragraphs[c.Paragraph - 1].Items.Count}项";
            Error(place, $"引用 {c} 不存在：{why}");
            return null;
        }
        return c;
    }

    private List<T> Codes<T>(List<string>? codes, VocabTable<T> table, string place, bool required = true) where T : struct, Enum
    {
        var result = new List<T>();
        if (codes is null || codes.Count == 0)
        {
            if (required)
            {
                Error(place, $"缺少{table.Noun}列表");
            }
            return result;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is { } code && table.TryParse(code, out var value))
            {
                if (result.Contains(value))
                {
                    Error($"{place}[{i}]", $"{table.Noun} \"{code}\" 重复");
                }
                result.Add(value);
            }
            else
            {
                var hint = codes[i] is { } c && table.Suggest(c) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                Error($"{place}[{i}]", $"未知的{table.Noun} \"{codes[i]}\"{hint}");
            }
        }
        return result;
    }

    private T? Code<T>(string? code, VocabTable<T> table, string place) where T : struct, Enum
    {
        if (code is null)
        {
            Error(place, $"缺少{table.Noun}");
            return null;
        }
        if (table.TryParse(code, out var value))
        {
            return value;
        }
        var hint = table.Suggest(code) is { } s ? $"（是否应为 \"{s}\"？）" : "";
        Error(place, $"未知的{table.Noun} \"{code}\"{hint}");
        return null;
    }

    private PublicAreaDefinition? BuildPublicArea(PublicAreaYaml raw)
    {
        var cite = Cite(raw.Cite, "publicArea.cite");
        var categories = Codes(raw.Categories, Vocab.SiteCategories, "publicArea.categories");
        var flag = raw.Flag is null ? SiteFlag.None : Code(raw.Flag, Vocab.SiteFlags, "publicArea.flag") ?? SiteFlag.None;
        return cite is { } c ? new PublicAreaDefinition(c, CategoryMask(categories), flag) : null;
    }

    internal static UInt128 CategoryMask(IEnumerable<SiteCategory> categories) => CategoryBits.Of(categories);

    private List<SiteClass> BuildSiteClasses(List<SiteClassYaml>? raw)
    {
        var list = new List<SiteClass>();
        foreach (var (c, i) in (raw ?? []).Select((c, i) => (c, i)))
        {
            var place = $"siteClasses[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name) || !IsKebab(c.Name))
            {
                Error(place + ".name", $"场所类别组名称必须是小写字母、数字和连字符，实际为 \"{c.Name}\"");
                continue;
            }
            place += $"({c.Name})";
            var members = new List<SiteClassMember>();
            foreach (var (m, k) in (c.Any ?? []).Select((m, k) => (m, k)))
            {
                var mp = $"{place}.any[{k}]";
                var cite = Cite(m.Cite, mp + ".cite", required: false);
                var cats = Codes(m.Categories, Vocab.SiteCategories, mp + ".categories", required: false);
                var flags = Codes(m.Flags, Vocab.SiteFlags, mp + ".flags", required: false);
                if (m.Parts is not null)
                {
                    Error(mp + ".parts", "场所类别组按场所类别和标志划分，不使用部位");
                }
                if (cats.Count == 0 && flags.Count == 0)
                {
                    Error(mp, "必须指明场所类别或场所标志");
                }
                members.Add(new SiteClassMember(cite, CategoryMask(cats), flags.Aggregate(SiteFlag.None, (a, f) => a | f)));
            }
            var unless = Codes(c.UnlessFlags, Vocab.SiteFlags, place + ".unlessFlags", required: false).Aggregate(SiteFlag.None, (a, f) => a | f);
            if (members.Count == 0 && unless == SiteFlag.None)
            {
                Error(place, "场所类别组既没有 any 也没有 unlessFlags，等于所有场所");
            }
            var built = new SiteClass(c.Name, c.Title, members, unless);
            if (!_classes.TryAdd(c.Name, built))
            {
                Error(place + ".name", $"场所类别组 \"{c.Name}\" 重复");
                continue;
            }
            list.Add(built);
        }
        return list;
    }

    private static readonly Dictionary<string, string> GateLabels = new(StringComparer.Ordinal)
    {
        ["design-review"] = "方案论证",
        ["inspection"] = "检测",
        ["acceptance"] = "验收",
        ["in-service"] = "投入使用",
    };

    private static readonly string[] LifecycleParticipants = ["designer", "builder", "experts"];

    private static readonly string[] OrganizedGates = ["design-review", "acceptance"];

    /// <summary>The keys of a gate that only some gates use: the organizers act at design-review and acceptance only.</summary>
    private static readonly (string Key, Func<LifecycleGateYaml, bool> Present, string[] Gates)[] GateKeys =
    [
        ("organizer", g => g.Organizer is not null, OrganizedGates),
        ("participants", g => g.Participants is not null, OrganizedGates),
        ("required", g => g.Required is not null, ["design-review"]),
        ("by", g => g.By is not null, ["inspection"]),
        ("onReport", g => g.OnReport is not null, ["acceptance"]),
        ("penalty", g => g.Penalty is not null, ["in-service"]),
    ];

    private LifecycleRules? BuildLifecycle(LifecycleYaml raw)
    {
        var before = Errors.Count;
        var basis = Cite(raw.Basis, "lifecycle.basis");
        var grading = Cite(raw.Grading, "lifecycle.grading", required: false);
        var confidentiality = Cite(raw.Confidentiality, "lifecycle.confidentiality", required: false);
        if (raw.Gates is not { Count: > 0 })
        {
            Error("lifecycle.gates", $"缺少建设项目的环节（可用：{string.Join("、", LifecycleRules.GateNames)}）");
        }
        var gates = new List<LifecycleGate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (g, i) in (raw.Gates ?? []).Select((g, i) => (g, i)))
        {
            if (g.Gate is { } name && GateLabels.TryGetValue(name, out var label) && !seen.Add(name))
            {
                Error($"lifecycle.gates[{i}].gate", $"环节 \"{name}\"（{label}）重复");
            }
            if (BuildGate(g, $"lifecycle.gates[{i}]") is { } gate)
            {
                gates.Add(gate);
            }
        }
        if (Errors.Count > before || basis is not { } b)
        {
            return null;
        }
        // The model lists the gates in the order a project passes them, whatever order the pack wrote them in.
        var order = LifecycleRules.GateNames.ToList();
        return new LifecycleRules(b, gates.OrderBy(g => order.IndexOf(g.Name)).ToList(), grading, confidentiality);
    }

    private LifecycleGate? BuildGate(LifecycleGateYaml g, string place)
    {
        var before = Errors.Count;
        if (g.Gate is null || !GateLabels.ContainsKey(g.Gate))
        {
            var hint = g.Gate is { } n && NearMiss.Closest(n, LifecycleRules.GateNames) is { } s ? $"（是否应为 \"{s}\"？）" : "";
            Error(place + ".gate", $"{(g.Gate is null ? "缺少环节名称" : $"未知的环节 \"{g.Gate}\"{hint}")}；可用：{string.Join("、", LifecycleRules.GateNames)}");
            return null;
        }
        var name = g.Gate;
        foreach (var (key, present, gates) in GateKeys)
        {
            if (present(g) && !gates.Contains(name))
            {
                Error($"{place}.{key}", $"环节 {name}（{GateLabels[name]}）不使用 {key}；{key} 只用于 {string.Join("、", gates)}");
            }
        }
        var cite = Cite(g.Cite, place + ".cite");
        Organizer? publicArea = null, other = null;
        var organized = OrganizedGates.Contains(name);
        if (g.Organizer is { } o && organized)
        {
            if (o.PublicArea is not null)
            {
                publicArea = Code(o.PublicArea, Vocab.Organizers, place + ".organizer.publicArea");
                if (!_hasPublicArea)
                {
                    Error(place + ".organizer.publicArea", "条例未定义公共区域（publicArea），不能按公共区域区分组织者");
                }
            }
            other = Code(o.Other, Vocab.Organizers, place + ".organizer.other");
        }
        else if (g.Organizer is null && organized)
        {
            Error(place + ".organizer", $"缺少环节 {name}（{GateLabels[name]}）的组织者（organizer.other）");
        }
        var participants = new List<string>();
        foreach (var (p, k) in (g.Participants ?? []).Select((p, k) => (p, k)))
        {
            if (p is null || !LifecycleParticipants.Contains(p))
            {
                var hint = p is not null && NearMiss.Closest(p, LifecycleParticipants) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                Error($"{place}.participants[{k}]", $"未知的参加者 \"{p}\"{hint}；可用：{string.Join("、", LifecycleParticipants)}");
            }
            else if (participants.Contains(p))
            {
                Error($"{place}.participants[{k}]", $"参加者 \"{p}\" 重复");
            }
            else
            {
                participants.Add(p);
            }
        }
        var always = false;
        if (name == "design-review")
        {
            always = g.Required switch
            {
                "always" => true,
                "where-required" => false,
                null => Fail(place + ".required", "缺少论证是否一律必须（always：一律应当论证；where-required：按照国家有关规定应当论证的）"),
                _ => Fail(place + ".required", $"论证是否必须应为 always 或 where-required，实际为 \"{g.Required}\""),
            };
        }
        if (g.By is not null && g.By != "qualified-testing-agency")
        {
            Error(place + ".by", $"检测者应为 qualified-testing-agency（具有资质的检测机构），实际为 \"{g.By}\"");
        }
        var penalty = Cite(g.Penalty, place + ".penalty", required: false);
        if (Errors.Count > before || cite is not { } c)
        {
            return null;
        }
        return new LifecycleGate(name, c, publicArea, other, participants, g.By is not null, g.OnReport ?? false, always, penalty);
    }

    private bool Fail(string place, string message)
    {
        Error(place, message);
        return false;
    }

    /// <summary>The selector of a rule or prohibition: <c>sites</c> (all of these classes) and <c>exceptSites</c> (none of them).</summary>
    private SiteSelector? Selector(List<string>? sites, List<string>? except, string place)
    {
        if (sites is null && except is null)
        {
            return null;
        }
        List<SiteClass> Resolve(List<string>? names, string key)
        {
            var result = new List<SiteClass>();
            foreach (var (name, i) in (names ?? []).Select((n, i) => (n, i)))
            {
                if (name is not null && _classes.TryGetValue(name, out var c))
                {
                    result.Add(c);
                }
                else
                {
                    var hint = name is not null && NearMiss.Closest(name, _classes.Keys) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                    Error($"{place}.{key}[{i}]", $"未定义的场所类别组 \"{name}\"{hint}；可用：{string.Join("、", _classes.Keys)}");
                }
            }
            return result;
        }
        return new SiteSelector(Resolve(sites, "sites"), Resolve(except, "exceptSites"));
    }

    private RuleDefinition? BuildRule(RuleYaml raw, int article, string place, DateOnly effective)
    {
        var before = Errors.Count;
        if (string.IsNullOrWhiteSpace(raw.Id) || !IsKebab(raw.Id))
        {
            Error(place + ".id", $"规则标识必须是小写字母、数字和连字符，实际为 \"{raw.Id}\"");
        }
        if (string.IsNullOrWhiteSpace(raw.Title))
        {
            Error(place + ".title", "缺少规则名称");
        }
        var from = raw.Valid?.From is null ? effective : Date(raw.Valid.From, place + ".valid.from", required: true) ?? effective;
        var to = Date(raw.Valid?.To, place + ".valid.to", required: false);
        if (from < effective)
        {
            Error(place + ".valid.from", $"有效期起始 {from:yyyy-MM-dd} 早于条例施行日期 {effective:yyyy-MM-dd}");
        }
        if (to is { } t && t <= from)
        {
            Error(place + ".valid.to", $"有效期 [{from:yyyy-MM-dd}, {t:yyyy-MM-dd}) 为空");
        }
        if (_partial?.Until is { } until && (to is null || to > until))
        {
            Error(place + ".valid.to", $"规则有效期不能超过条例失效日期 {until:yyyy-MM-dd}");
        }
        CheckSpec? check = null;
        if (raw.Check is null || !ParametersByCheck.TryGetValue(raw.Check, out var allowed))
        {
            var hint = raw.Check is { } k && NearMiss.Closest(k, ParametersByCheck.Keys) is { } s ? $"（是否应为 \"{s}\"？）" : "";
            Error(place + ".check", $"未知的检查类型 \"{raw.Check}\"{hint}；可用：{string.Join("、", ParametersByCheck.Keys)}");
        }
        else
        {
            foreach (var (name, present) in Parameters(raw))
            {
                if (present && !allowed.Contains(name))
                {
                    Error($"{place}.{name}", $"检查类型 {raw.Check} 不使用参数 {name}（可用：{string.Join("、", allowed)}）");
                }
            }
            check = BuildCheck(raw, place);
        }
        var consequence = raw.Consequence is null ? null : BuildConsequence(raw.Consequence, place + ".consequence");
        var sites = Selector(raw.Sites, raw.ExceptSites, place);
        if (Errors.Count > before || check is null)
        {
            return null;
        }
        return new RuleDefinition
        {
            Id = raw.Id!,
            Title = raw.Title!,
            Article = article,
            Valid = new Validity(from, to),
            Check = check,
            Consequence = consequence,
            Note = raw.Note,
            Sites = sites,
        };
    }

    private static IEnumerable<(string, bool)> Parameters(RuleYaml r) =>
    [
        ("requirements", r.Requirements is not null), ("zones", r.Zones is not null), ("captures", r.Captures is not null),
        ("cite", r.Cite is not null), ("required", r.Required is not null), ("organizers", r.Organizers is not null),
        ("newConstructionCite", r.NewConstructionCite is not null), ("field", r.Field is not null),
        ("whenSubsystems", r.WhenSubsystems is not null), ("minDays", r.MinDays is not null), ("require", r.Require is not null),
        ("roles", r.Roles is not null), ("prohibitions", r.Prohibitions is not null), ("requester", r.Requester is not null),
        ("conditions", r.Conditions is not null), ("mustPass", r.MustPass is not null), ("whenRequired", r.WhenRequired is not null),
        ("projectsFrom", r.ProjectsFrom is not null), ("daysFromInService", r.DaysFromInService is not null),
        ("transitional", r.Transitional is not null),
    ];

    private CheckSpec? BuildCheck(RuleYaml r, string place)
    {
        switch (r.Check)
        {
            case "mandatory-installation":
                if (r.Requirements is not { Count: > 0 })
                {
                    Error(place + ".requirements", "缺少安装要求");
                    return null;
                }
                var reqs = new List<InstallRequirement>();
                foreach (var (q, i) in r.Requirements.Select((q, i) => (q, i)))
                {
                    var qp = $"{place}.requirements[{i}]";
                    var cite = Cite(q.Cite, qp + ".cite");
                    var cats = Codes(q.Categories, Vocab.SiteCategories, qp + ".categories", required: false);
                    var flags = Codes(q.Flags, Vocab.SiteFlags, qp + ".flags", required: false);
                    var parts = Codes(q.Parts, Vocab.Parts, qp + ".parts", required: false);
                    if (cats.Count == 0 && flags.Count == 0)
                    {
                        Error(qp, "安装要求必须指明场所类别或场所标志");
                    }
                    if (cite is { } c)
                    {
                        reqs.Add(new InstallRequirement(c, CategoryMask(cats),
                            flags.Aggregate(SiteFlag.None, (m, f) => m | f),
                            parts.Aggregate(0, (m, p) => m | (1 << (int)p))));
                    }
                }
                return new MandatoryInstallationSpec(reqs);
            case "privacy-zone":
                if (r.Zones is not { Count: > 0 })
                {
                    Error(place + ".zones", "缺少隐私区域");
                    return null;
                }
                var groups = new List<ZoneGroup>();
                var allZones = new HashSet<Zone>();
                foreach (var (g, i) in r.Zones.Select((g, i) => (g, i)))
                {
                    var cite = Cite(g.Cite, $"{place}.zones[{i}].cite");
                    var zones = Codes(g.Zones, Vocab.Zones, $"{place}.zones[{i}].zones");
                    foreach (var z in zones.Where(z => !allZones.Add(z)))
                    {
                        Error($"{place}.zones[{i}].zones", $"区域 \"{Vocab.Zones.Code(z)}\" 在多组中重复出现");
                    }
                    if (zones.Contains(Zone.Public))
                    {
                        Error($"{place}.zones[{i}].zones", "非隐私区域 \"public\" 不能列为隐私区域");
                    }
                    if (cite is { } c)
                    {
                        groups.Add(new ZoneGroup(c, zones));
                    }
                }
                var captures = Codes(r.Captures, Vocab.Captures, place + ".captures");
                return new PrivacyZoneSpec(groups, captures.Aggregate(Capture.None, (m, c) => m | c));
            case "design-review":
            {
                var cite = Cite(r.Cite, place + ".cite");
                if (r.Organizers is null || r.Organizers.Other is null)
                {
                    Error(place + ".organizers.other", "缺少可以组织论证的单位");
                    return null;
                }
                var publicArea = r.Organizers.PublicArea is null ? null : Codes(r.Organizers.PublicArea, Vocab.Organizers, place + ".organizers.publicArea");
                if (publicArea is not null && !_hasPublicArea)
                {
                    Error(place + ".organizers.publicArea", "条例未定义公共区域（publicArea），不能按公共区域区分组织者");
                }
                var others = Codes(r.Organizers.Other, Vocab.Organizers, place + ".organizers.other");
                return cite is { } c ? new DesignReviewSpec(c, r.Required ?? false, publicArea, others, r.MustPass ?? false) : null;
            }
            case "inspection":
                return Cite(r.Cite, place + ".cite") is { } ic ? new InspectionSpec(ic) : null;
            case "acceptance":
                return Cite(r.Cite, place + ".cite") is { } ac ? new AcceptanceSpec(ac) : null;
            case "in-service-without-acceptance":
            {
                var cite = Cite(r.Cite, place + ".cite");
                var nc = Cite(r.NewConstructionCite, place + ".newConstructionCite", required: false);
                return cite is { } c ? new InServiceSpec(c, nc) : null;
            }
            case "system-flag":
            {
                var field = Code(r.Field, Vocab.SystemFlags, place + ".field");
                var cite = Cite(r.Cite, place + ".cite");
                var when = Codes(r.WhenSubsystems, Vocab.Subsystems, place + ".whenSubsystems", required: false);
                return field is { } f && cite is { } c ? new SystemFlagSpec(f, c, when.Aggregate(Subsystem.None, (m, s) => m | s)) : null;
            }
            case "retention":
            {
                var cite = Cite(r.Cite, place + ".cite");
                if (r.MinDays is not { } days || days < 1)
                {
                    Error(place + ".minDays", "保存期限必须是正整数天数");
                    return null;
                }
                var when = Codes(r.WhenSubsystems, Vocab.Subsystems, place + ".whenSubsystems", required: false);
                return cite is { } c ? new RetentionSpec(c, days, when.Aggregate(Subsystem.None, (m, s) => m | s)) : null;
            }
            case "filing-deadline":
            {
                var cite = Cite(r.Cite, place + ".cite");
                if (r.DaysFromInService is not { } days || days < 1)
                {
                    Error(place + ".daysFromInService", "备案期限必须是正整数天数（自投入使用之日起）");
                    return null;
                }
                TransitionalFiling? transitional = null;
                if (r.Transitional is { } t)
                {
                    var before = Date(t.InUseBefore, place + ".transitional.inUseBefore", required: true);
                    var deadline = Date(t.Deadline, place + ".transitional.deadline", required: true);
                    if (before is { } b && deadline is { } d)
                    {
                        if (d < b)
                        {
                            Error(place + ".transitional.deadline", $"过渡期备案截止日 {d:yyyy-MM-dd} 早于 {b:yyyy-MM-dd}");
                        }
                        transitional = new TransitionalFiling(b, d);
                    }
                }
                var when = Codes(r.WhenSubsystems, Vocab.Subsystems, place + ".whenSubsystems", required: false);
                return cite is { } c ? new FilingDeadlineSpec(c, days, transitional, when.Aggregate(Subsystem.None, (m, s) => m | s)) : null;
            }
            case "products":
            {
                var cite = Cite(r.Cite, place + ".cite");
                var require = Codes(r.Require, Vocab.ProductRequirements, place + ".require");
                return cite is { } c ? new ProductsSpec(c, require, r.WhenRequired ?? false) : null;
            }
            case "contractors":
            {
                var cite = Cite(r.Cite, place + ".cite");
                if (r.Roles is not { Count: > 0 } roles || roles.Any(string.IsNullOrWhiteSpace))
                {
                    Error(place + ".roles", "缺少承包单位角色");
                    return null;
                }
                var from = Date(r.ProjectsFrom, place + ".projectsFrom", required: false);
                return cite is { } c ? new ContractorsSpec(c, roles, from) : null;
            }
            case "act":
                return BuildActs(r, place);
            case "access-request":
                return BuildAccess(r, place);
            default:
                return null;
        }
    }

    private ActSpec? BuildActs(RuleYaml r, string place)
    {
        if (r.Prohibitions is not { Count: > 0 })
        {
            Error(place + ".prohibitions", "缺少禁止行为");
            return null;
        }
        var list = new List<Prohibition>();
        foreach (var (p, i) in r.Prohibitions.Select((p, i) => (p, i)))
        {
            var pp = $"{place}.prohibitions[{i}]";
            var kinds = Codes(p.Kinds, Vocab.ActKinds, pp + ".kinds");
            var cite = Cite(p.Cite, pp + ".cite");
            var actors = p.Actors is null ? null : Codes(p.Actors, Vocab.ActorKinds, pp + ".actors");
            var exempt = Codes(p.ExemptActors, Vocab.ActorKinds, pp + ".exemptActors", required: false);
            var sites = Selector(p.Sites, p.ExceptSites, pp);
            if (cite is { } c)
            {
                list.Add(new Prohibition(kinds, c, p.UnlessAuthorized ?? false, actors, exempt, sites));
            }
        }
        return new ActSpec(list);
    }

    private AccessSpec? BuildAccess(RuleYaml r, string place)
    {
        var requester = Code(r.Requester, Vocab.RequesterKinds, place + ".requester");
        if (r.Conditions is not { Count: > 0 })
        {
            Error(place + ".conditions", "缺少查阅条件");
            return null;
        }
        var list = new List<AccessRequirement>();
        foreach (var (c, i) in r.Conditions.Select((c, i) => (c, i)))
        {
            var cp = $"{place}.conditions[{i}]";
            var require = Code(c.Require, Vocab.AccessConditions, cp + ".require");
            var cite = Cite(c.Cite, cp + ".cite");
            var actions = c.Actions is null ? null : Codes(c.Actions, Vocab.AccessActions, cp + ".actions");
            if (require is { } q && cite is { } ct)
            {
                list.Add(new AccessRequirement(q, ct, actions));
            }
        }
        return requester is { } rq ? new AccessSpec(rq, list) : null;
    }

    private Consequence? BuildConsequence(ConsequenceYaml raw, string place)
    {
        var basis = Cite(raw.Basis, place + ".basis");
        var fines = new List<Fine>();
        foreach (var (f, i) in (raw.Fines ?? []).Select((f, i) => (f, i)))
        {
            var fp = $"{place}.fines[{i}]";
            var payer = Code(f.Payer, Vocab.Payers, fp + ".payer");
            var when = Code(f.When, Vocab.FineConditions, fp + ".when");
            if (f.Min is not { } min || min < 0)
            {
                Error(fp + ".min", "罚款下限必须是非负整数（元）");
            }
            if (f.Max is not { } max || max < 1)
            {
                Error(fp + ".max", "罚款上限必须是正整数（元）");
            }
            if (f.Min is { } lo && f.Max is { } hi && lo > hi)
            {
                Error(fp, $"罚款下限 {lo} 高于上限 {hi}");
            }
            if (payer is { } p && when is { } w && f.Min is { } a && f.Max is { } b)
            {
                if (fines.Any(x => x.Payer == p && x.When == w))
                {
                    Error(fp, $"同一受罚对象和条件的罚款重复：{Vocab.Payers.Code(p)} / {Vocab.FineConditions.Code(w)}");
                }
                if (f.PayerText is { } words && string.IsNullOrWhiteSpace(words))
                {
                    Error(fp + ".payerText", "受罚对象的条文用语不能为空");
                }
                fines.Add(new Fine(p, a, b, w) { PayerText = f.PayerText });
            }
        }
        if ((raw.Orders ?? []).Any(string.IsNullOrWhiteSpace) || (raw.Other ?? []).Any(string.IsNullOrWhiteSpace))
        {
            Error(place, "orders 或 other 中有空项");
        }
        if (basis is not { } c)
        {
            return null;
        }
        var basisText = _partial is { } pack && pack.Contains(c) ? pack.TextOf(c) : "";
        return new Consequence(c, raw.Authority, raw.Orders ?? [], fines, raw.Other ?? [])
        {
            NotCorrectedWords = !basisText.Contains("逾期不改正", StringComparison.Ordinal) && basisText.Contains("拒不改正", StringComparison.Ordinal) ? "拒不改正" : "逾期不改正",
        };
    }

    /// <summary>Versions of one rule id must follow each other without gap or overlap.</summary>
    private void CheckVersions(List<RuleDefinition> rules)
    {
        foreach (var group in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var versions = group.OrderBy(r => r.Valid.From).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var prev = versions[i - 1].Valid;
                var next = versions[i].Valid;
                if (prev.From == next.From)
                {
                    Error($"rules({group.Key})", $"规则标识重复：第{versions[i - 1].Article}条与第{versions[i].Article}条都有 {group.Key}，且有效期同时从 {next.From:yyyy-MM-dd} 开始");
                }
                else if (prev.To is null || prev.To > next.From)
                {
                    Error($"rules({group.Key})", $"规则 {group.Key} 的有效期重叠：[{prev.From:yyyy-MM-dd}, {prev.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "∞"}) 与 [{next.From:yyyy-MM-dd}, …)");
                }
                else if (prev.To < next.From)
                {
                    Error($"rules({group.Key})", $"规则 {group.Key} 的有效期有空档：{prev.To:yyyy-MM-dd} 至 {next.From:yyyy-MM-dd} 之间没有版本");
                }
            }
        }
    }
}
