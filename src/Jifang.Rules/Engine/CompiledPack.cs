using Jifang.Rules.Facts;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Engine;

/// <summary>A pack whose rules are compiled into delegates; judging a subject runs them without interpreting the pack.</summary>
public sealed class CompiledPack
{
    private readonly CompiledRule[] _rules;
    private readonly Dictionary<DateOnly, RulesOnDate> _byDate = [];
    private readonly Lock _lock = new();

    private CompiledPack(Pack pack, CompiledRule[] rules)
    {
        Pack = pack;
        _rules = rules;
    }

    public Pack Pack { get; }

    public static CompiledPack Compile(Pack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var mustInstall = Checks.MustInstall(pack.Rules.Select(r => r.Check).OfType<MandatoryInstallationSpec>());
        var rules = pack.Rules.Select(r => new CompiledRule(r, pack, mustInstall)).ToArray();
        return new CompiledPack(pack, rules);
    }

    /// <summary>The rules in force on a date, grouped by subject kind (cached per date).</summary>
    internal RulesOnDate On(DateOnly date)
    {
        lock (_lock)
        {
            if (!_byDate.TryGetValue(date, out var set))
            {
                var valid = _rules.Where(r => r.Definition.Valid.Covers(date)).ToArray();
                set = new RulesOnDate(
                    valid.Where(r => r.Site is not null).ToArray(),
                    valid.Where(r => r.System is not null).ToArray(),
                    valid.Where(r => r.Device is not null).ToArray(),
                    valid.Where(r => r.Act is not null).ToArray(),
                    valid.Where(r => r.Request is not null).ToArray());
                if (_byDate.Count > 4096)
                {
                    _byDate.Clear();
                }
                _byDate[date] = set;
            }
            return set;
        }
    }

    /// <summary>Judges one site with its systems and devices as of a date; findings are appended.</summary>
    public void JudgeSite(SiteFacts site, DateOnly asOf, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(findings);
        var rules = On(asOf);
        foreach (var rule in rules.Sites)
        {
            if (rule.Site!(site) is { } hit)
            {
                findings.Add(rule.Finding(new Subject(SubjectKind.Site, site.Id), hit));
            }
        }
        foreach (var held in site.Systems)
        {
            var system = AsOf(held, asOf);
            Subject? subject = null;
            foreach (var rule in rules.Systems)
            {
                if (rule.System!(site, system, asOf) is { } hit)
                {
                    subject ??= new Subject(SubjectKind.System, system.Id, site.Id);
                    findings.Add(rule.Finding(subject, hit));
                }
            }
        }
        foreach (var device in site.Devices)
        {
            foreach (var rule in rules.Devices)
            {
                if (rule.Device!(site, device) is { } hit)
                {
                    findings.Add(rule.Finding(new Subject(SubjectKind.Device, device.Id, site.Id), hit));
                }
            }
        }
    }

    /// <summary>
    /// A system as it stood on the as-of date: a lifecycle step (design review, inspection, acceptance) dated after it
    /// had not happened yet, so it counts as not held; a filing (备案) dated after it had not been made.
    /// </summary>
    internal static SystemFacts AsOf(SystemFacts system, DateOnly asOf)
    {
        var review = system.DesignReview is { Held: true, Date: { } r } && r > asOf;
        var inspection = system.Inspection is { Held: true, Date: { } i } && i > asOf;
        var acceptance = system.Acceptance is { Held: true, Date: { } a } && a > asOf;
        var filing = system.Filing is { Filed: true, Date: { } f } && f > asOf;
        if (!review && !inspection && !acceptance && !filing)
        {
            return system;
        }
        return system with
        {
            DesignReview = review ? DesignReviewFacts.None : system.DesignReview,
            Inspection = inspection ? InspectionFacts.None : system.Inspection,
            Acceptance = acceptance ? AcceptanceFacts.None : system.Acceptance,
            Filing = filing ? FilingFacts.None : system.Filing,
        };
    }

    /// <summary>Judges an act by the rules in force on its date; one dated after <paramref name="asOf"/> has not happened as of it and is not judged.</summary>
    /// <param name="site">The site the act names (its categories and flags select rules limited to some sites); null: none named or not known.</param>
    public void JudgeAct(ActFacts act, DateOnly asOf, List<Finding> findings, List<NotJudged> notJudged, SiteFacts? site = null)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(notJudged);
        var subject = new Subject(SubjectKind.Act, act.Id, act.SiteId);
        if (act.Date > asOf)
        {
            notJudged.Add(new NotJudged(subject, NotJudged.AfterAsOf, AfterAsOfMessage(act.Date, asOf, "行为")));
            return;
        }
        if (!Pack.InForceOn(act.Date))
        {
            notJudged.Add(new NotJudged(subject, NotJudged.NotInForce, NotInForceMessage(act.Date, "行为")));
            return;
        }
        var any = false;
        foreach (var rule in On(act.Date).Acts)
        {
            var hit = rule.Act!(act, site, out var applies);
            any |= applies;
            if (hit is { } h)
            {
                findings.Add(rule.Finding(subject, h));
            }
        }
        if (!any)
        {
            notJudged.Add(new NotJudged(subject, NotJudged.NoRule,
                $"《{Pack.Title}》没有适用于{Who(act.Actor)}“{Vocab.ActKinds.ShortLabel(act.Kind)}”的规定"));
        }
    }

    /// <summary>Judges an access request by the rules in force on its date; one dated after <paramref name="asOf"/> is not judged.</summary>
    /// <param name="site">The site the request names; null: none named or not known.</param>
    public void JudgeRequest(AccessRequestFacts request, DateOnly asOf, List<Finding> findings, List<NotJudged> notJudged, SiteFacts? site = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(notJudged);
        var subject = new Subject(SubjectKind.Request, request.Id, request.SiteId);
        if (request.Date > asOf)
        {
            notJudged.Add(new NotJudged(subject, NotJudged.AfterAsOf, AfterAsOfMessage(request.Date, asOf, "申请")));
            return;
        }
        if (!Pack.InForceOn(request.Date))
        {
            notJudged.Add(new NotJudged(subject, NotJudged.NotInForce, NotInForceMessage(request.Date, "申请")));
            return;
        }
        var any = false;
        foreach (var rule in On(request.Date).Requests)
        {
            var hit = rule.Request!(request, site, out var applies);
            any |= applies;
            if (hit is { } h)
            {
                findings.Add(rule.Finding(subject, h));
            }
        }
        if (!any)
        {
            notJudged.Add(new NotJudged(subject, NotJudged.NoRule,
                $"《{Pack.Title}》没有关于{Vocab.RequesterKinds.ShortLabel(request.Requester)}查阅、复制、调取技防系统信息资料的规定"));
        }
    }

    private string NotInForceMessage(DateOnly date, string what) =>
        date < Pack.Effective
            ? $"{what}发生于 {date:yyyy-MM-dd}，早于《{Pack.Title}》施行日期 {Pack.Effective:yyyy-MM-dd}，不适用本条例"
            : $"{what}发生于 {date:yyyy-MM-dd}，《{Pack.Title}》已于 {Pack.Until:yyyy-MM-dd} 失效";

    private static string AfterAsOfMessage(DateOnly date, DateOnly asOf, string what) =>
        $"{what}日期为 {date:yyyy-MM-dd}，晚于评判日期 {asOf:yyyy-MM-dd}：截至评判日期尚未发生，不作评判";

    private static string Who(ActorKind? actor) => actor is { } a ? Vocab.ActorKinds.Label(a) : "";

    internal sealed record RulesOnDate(CompiledRule[] Sites, CompiledRule[] Systems, CompiledRule[] Devices, CompiledRule[] Acts, CompiledRule[] Requests);

    internal sealed class CompiledRule
    {
        public CompiledRule(RuleDefinition definition, Pack pack, Func<SiteFacts, bool> mustInstall)
        {
            Definition = definition;
            SiteCheck? siteCheck = null;
            SystemCheck? systemCheck = null;
            DeviceCheck? deviceCheck = null;
            ActCheck? actCheck = null;
            RequestCheck? requestCheck = null;
            switch (definition.Check)
            {
                case MandatoryInstallationSpec s: siteCheck = Checks.MandatoryInstallation(s); break;
                case PrivacyZoneSpec s: deviceCheck = Checks.PrivacyZone(s); break;
                case DesignReviewSpec s: systemCheck = Checks.DesignReview(s, pack); break;
                case InspectionSpec s: systemCheck = Checks.Inspection(s, pack); break;
                case AcceptanceSpec s: systemCheck = Checks.Acceptance(s, pack); break;
                case InServiceSpec s: systemCheck = Checks.InService(s, pack, mustInstall); break;
                case SystemFlagSpec s: systemCheck = Checks.SystemFlag(s); break;
                case RetentionSpec s: systemCheck = Checks.Retention(s); break;
                case FilingDeadlineSpec s: systemCheck = Checks.FilingDeadline(s); break;
                case ProductsSpec s: systemCheck = Checks.Products(s, mustInstall); break;
                case ContractorsSpec s: systemCheck = Checks.Contractors(s); break;
                case ActSpec s: actCheck = Checks.Acts(s); break;
                case AccessSpec s: requestCheck = Checks.Access(s); break;
                default: throw new NotSupportedException($"未实现的检查类型 {definition.Check.Kind}");
            }
            // A rule limited to some sites (national-2025: public places, the places of 第七条) is silent elsewhere.
            if (definition.Sites is { } sel)
            {
                Site = siteCheck is null ? null : site => sel.Matches(site) ? siteCheck(site) : null;
                System = systemCheck is null ? null : (site, system, asOf) => sel.Matches(site) ? systemCheck(site, system, asOf) : null;
                Device = deviceCheck is null ? null : (site, device) => sel.Matches(site) ? deviceCheck(site, device) : null;
                Act = actCheck is null ? null : (ActFacts act, SiteFacts? site, out bool applies) =>
                {
                    if (!sel.Matches(site))
                    {
                        applies = false;
                        return null;
                    }
                    return actCheck(act, site, out applies);
                };
                Request = requestCheck is null ? null : (AccessRequestFacts request, SiteFacts? site, out bool applies) =>
                {
                    if (!sel.Matches(site))
                    {
                        applies = false;
                        return null;
                    }
                    return requestCheck(request, site, out applies);
                };
            }
            else
            {
                (Site, System, Device, Act, Request) = (siteCheck, systemCheck, deviceCheck, actCheck, requestCheck);
            }
        }

        public RuleDefinition Definition { get; }
        public SiteCheck? Site { get; }
        public SystemCheck? System { get; }
        public DeviceCheck? Device { get; }
        public ActCheck? Act { get; }
        public RequestCheck? Request { get; }

        public Finding Finding(Subject subject, Hit hit) =>
            new(Definition.Id, Definition.Title, subject, hit.Breaches, hit.Message, Definition.Consequence);
    }
}
