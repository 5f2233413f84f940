using Jifang.Rules.Facts;
using Jifang.Rules.Packs;

namespace Jifang.Rules.Engine;

/// <summary>How a check ended, in the contract's exit statuses.</summary>
public enum CheckStatus
{
    NoFindings = 0,
    Findings = 1,
    BadInput = 2,
    NotInForce = 3,
}

/// <param name="AsOf">The date judged (set when the regulation was resolved and the date settled, also when it is not in force then).</param>
public sealed record CheckOutcome(CheckStatus Status, Judgement? Judgement, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, DateOnly? AsOf = null);

/// <summary>
/// Judges a facts stream against a pack: sites are judged as they arrive when the regulation and
/// the as-of date are already known, otherwise held until they are.
/// </summary>
public sealed class Evaluation : IFactsSink
{
    private readonly PackSet _packs;
    private readonly string? _regulationOverride;
    private readonly DateOnly? _asOfOverride;
    private readonly DateOnly _today;
    private readonly FactsProblems _problems = new();
    private readonly List<Finding> _findings = [];
    private readonly List<NotJudged> _notJudged = [];
    private readonly List<object> _pending = [];
    /// <summary>Each site's categories and flags (without systems and devices), for the acts and requests that name it.</summary>
    private readonly Dictionary<string, SiteFacts> _sites = new(StringComparer.Ordinal);
    private string? _regulation;
    private DateOnly? _asOf;
    private bool _asOfSeen;
    private bool _regulationSeen;
    private CompiledPack? _pack;
    private bool _notInForce;

    private Evaluation(PackSet packs, string? regulation, DateOnly? asOf, DateOnly today)
    {
        _packs = packs;
        _regulationOverride = regulation;
        _asOfOverride = asOf;
        _today = today;
    }

    /// <summary>Judges the facts in <paramref name="facts"/>. Never throws for bad input: it is reported in the outcome.</summary>
    /// <param name="regulation">Overrides the file's regulation.</param>
    /// <param name="asOf">Overrides the file's asOf.</param>
    /// <param name="time">Gives "today" when neither the file nor the caller names an as-of date.</param>
    public static CheckOutcome Check(Stream facts, PackSet packs, string? regulation, DateOnly? asOf, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var evaluation = new Evaluation(packs, regulation, asOf, today);
        if (regulation is not null)
        {
            evaluation.Resolve(regulation, "--regulation");
        }
        new FactsReader(evaluation, evaluation._problems).Read(facts);
        return evaluation.Finish();
    }

    void IFactsSink.Regulation(string id)
    {
        _regulationSeen = true;
        if (_regulationOverride is null)
        {
            _regulation = id;
            Resolve(id, "regulation");
        }
    }

    void IFactsSink.AsOf(DateOnly value)
    {
        _asOfSeen = true;
        _asOf = value;
        TryStart();
    }

    void IFactsSink.Site(SiteFacts site)
    {
        _sites[site.Id] = new SiteFacts { Id = site.Id, Categories = site.Categories, Flags = site.Flags };
        if (Ready)
        {
            _pack!.JudgeSite(site, AsOf, _findings);
        }
        else
        {
            _pending.Add(site);
        }
    }

    void IFactsSink.Act(ActFacts act)
    {
        if (Ready && SiteKnown(act.SiteId))
        {
            _pack!.JudgeAct(act, AsOf, _findings, _notJudged, SiteOf(act.SiteId));
        }
        else
        {
            _pending.Add(act);
        }
    }

    void IFactsSink.Request(AccessRequestFacts request)
    {
        if (Ready && SiteKnown(request.SiteId))
        {
            _pack!.JudgeRequest(request, AsOf, _findings, _notJudged, SiteOf(request.SiteId));
        }
        else
        {
            _pending.Add(request);
        }
    }

    /// <summary>An act or request naming a site later in the file waits for it (its site may select the rules).</summary>
    private bool SiteKnown(string? siteId) => siteId is null || _sites.ContainsKey(siteId);

    private SiteFacts? SiteOf(string? siteId) => siteId is not null && _sites.TryGetValue(siteId, out var site) ? site : null;

    private DateOnly AsOf => _asOfOverride ?? _asOf ?? _today;

    /// <summary>Ready to judge as facts arrive: the pack is known, the as-of date is settled and in force.</summary>
    private bool Ready => _pack is not null && !_notInForce && (_asOfOverride is not null || _asOfSeen) && !_problems.HasErrors;

    private void Resolve(string id, string path)
    {
        if (_packs.TryGet(id, out var pack))
        {
            _pack = pack;
            TryStart();
        }
        else
        {
            var hint = _packs.Suggest(id) is { } s ? $"（是否应为 \"{s}\"？）" : "";
            _problems.Error(path, $"未知的条例 \"{id}\"{hint}；可用：{string.Join("、", _packs.Ids)}");
        }
    }

    private void TryStart()
    {
        if (_pack is not null && (_asOfOverride is not null || _asOfSeen) && !_pack.Pack.InForceOn(AsOf))
        {
            _notInForce = true;
        }
    }

    private CheckOutcome Finish()
    {
        if (_pack is null && !_problems.HasErrors && _regulationOverride is null && !_regulationSeen)
        {
            _problems.Error("regulation", $"缺少条例标识（在文件中写 \"regulation\"，或使用 --regulation）；可用：{string.Join("、", _packs.Ids)}");
        }
        if (_problems.HasErrors)
        {
            var errors = _problems.Errors.ToList();
            if (_problems.Truncated)
            {
                errors.Add($"……问题超过 {FactsProblems.MaxErrors} 处，其余未列出");
            }
            return new CheckOutcome(CheckStatus.BadInput, null, errors, _problems.Warnings);
        }
        var pack = _pack!;
        if (!pack.Pack.InForceOn(AsOf))
        {
            return new CheckOutcome(CheckStatus.NotInForce, null, [MultiCheck.NotInForceReason(pack.Pack, AsOf)], _problems.Warnings, AsOf);
        }
        foreach (var item in _pending)
        {
            switch (item)
            {
                case SiteFacts site: pack.JudgeSite(site, AsOf, _findings); break;
                case ActFacts act: pack.JudgeAct(act, AsOf, _findings, _notJudged, SiteOf(act.SiteId)); break;
                case AccessRequestFacts request: pack.JudgeRequest(request, AsOf, _findings, _notJudged, SiteOf(request.SiteId)); break;
                default: break;
            }
        }
        _pending.Clear();
        _findings.Sort(Judgement.Order);
        _notJudged.Sort((a, b) => Subject.Compare(a.Subject, b.Subject));
        var judgement = new Judgement { Pack = pack.Pack, AsOf = AsOf, Findings = _findings, NotJudged = _notJudged };
        return new CheckOutcome(_findings.Count > 0 ? CheckStatus.Findings : CheckStatus.NoFindings, judgement, [], _problems.Warnings, AsOf);
    }
}
