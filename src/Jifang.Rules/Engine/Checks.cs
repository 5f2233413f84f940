using Jifang.Rules.Facts;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Engine;

/// <summary>What a check found: the provisions breached and a sentence saying how.</summary>
internal readonly record struct Hit(Citation[] Breaches, string Message);

internal delegate Hit? SiteCheck(SiteFacts site);

internal delegate Hit? SystemCheck(SiteFacts site, SystemFacts system, DateOnly asOf);

internal delegate Hit? DeviceCheck(SiteFacts site, DeviceFacts device);

/// <summary>Judges an act; <paramref name="applies"/> says whether any provision of the rule covers it at all.</summary>
/// <param name="site">The site the act names, as far as the facts show it (null: none named).</param>
internal delegate Hit? ActCheck(ActFacts act, SiteFacts? site, out bool applies);

/// <param name="site">The site the request names, as far as the facts show it (null: none named).</param>
internal delegate Hit? RequestCheck(AccessRequestFacts request, SiteFacts? site, out bool applies);

/// <summary>Turns each check kind and its pack parameters into a plain delegate, once, at load.</summary>
internal static class Checks
{
    public static SiteCheck MandatoryInstallation(MandatoryInstallationSpec spec)
    {
        var requirements = spec.Requirements.ToArray();
        return site =>
        {
            List<Citation>? cites = null;
            List<string>? messages = null;
            var covered = 0;
            foreach (var system in site.Systems)
            {
                covered |= system.Covers;
            }
            foreach (var q in requirements)
            {
                if ((q.Categories != UInt128.Zero && (site.Categories & q.Categories) == UInt128.Zero) || (site.Flags & q.Flags) != q.Flags)
                {
                    continue;
                }
                var required = q.Parts & site.Parts;
                var met = required == 0 ? site.Systems.Count > 0 : (required & ~covered) == 0;
                if (met)
                {
                    continue;
                }
                cites ??= [];
                messages ??= [];
                if (!cites.Contains(q.Cite))
                {
                    cites.Add(q.Cite);
                }
                var owners = q.Categories != UInt128.Zero
                    ? Vocab.SiteCategories.Values.Where(c => (site.Categories & q.Categories & CategoryBits.Of(c)) != UInt128.Zero).Select(Vocab.SiteCategories.ShortLabel).ToList()
                    : Vocab.SiteFlags.Values.Where(f => f != SiteFlag.None && (q.Flags & f) != 0).Select(Vocab.SiteFlags.Label).ToList();
                messages.Add(required == 0
                    ? $"{string.Join("、", owners)}属于应当安装技防产品或者技防系统的场所，但未安装任何技防系统"
                    : $"{PartsOf(owners, PartLabels(required & ~covered))}应当安装技防系统，但未被任何技防系统覆盖");
            }
            return cites is null ? null : new Hit(Sorted(cites), string.Join("；", messages!.Distinct()));
        };
    }

    public static DeviceCheck PrivacyZone(PrivacyZoneSpec spec)
    {
        var byZone = new Dictionary<Zone, Citation>();
        foreach (var g in spec.Groups)
        {
            foreach (var z in g.Zones)
            {
                byZone[z] = g.Cite;
            }
        }
        var captures = spec.Captures;
        return (site, device) =>
        {
            var hit = device.Captures & captures;
            if (hit == Capture.None || !byZone.TryGetValue(device.Zone, out var cite))
            {
                return null;
            }
            var kind = hit == (Capture.Video | Capture.Audio) ? "音视频" : hit == Capture.Video ? "视频" : "音频";
            return new Hit([cite], $"{Vocab.Zones.ShortLabel(device.Zone)}内安装了具有{kind}采集功能的设备");
        };
    }

    public static SystemCheck DesignReview(DesignReviewSpec spec, Pack pack)
    {
        var cite = spec.Cite;
        var effective = pack.Effective;
        return (site, system, _) =>
        {
            var review = system.DesignReview;
            // An undated step is placed by the next dated one: a review comes before inspection and acceptance.
            var reference = (review.Held ? review.Date : null) ?? system.Inspection.Date ?? system.Acceptance.Date;
            if (reference < effective)
            {
                return null;
            }
            // A system neither inspected, accepted nor in service is still being designed or built (a build project before its
            // review, or returned from it to be corrected): the review comes before construction, and nothing shows yet that
            // the system was built without one (docs/decisions/0013).
            if (!system.InService && !system.Inspection.Held && !system.Acceptance.Held)
            {
                return null;
            }
            if (!review.Held)
            {
                return spec.Required ? new Hit([cite], "技防系统的设计方案未经可行性论证") : null;
            }
            if (spec.MustPass && review.Passed == false)
            {
                return new Hit([cite], "技防系统的设计方案未通过可行性论证");
            }
            var isPublic = IsPublicArea(pack, site);
            var allowed = isPublic && spec.PublicAreaOrganizers is { } p ? p : spec.Organizers;
            if (review.Organizer is { } organizer && !allowed.Contains(organizer))
            {
                var where = isPublic && spec.PublicAreaOrganizers is not null ? "公共区域的设计方案" : "设计方案";
                return new Hit([cite], $"{where}论证由{Vocab.Organizers.Label(organizer)}组织，依规定应由{string.Join("或者", allowed.Select(Vocab.Organizers.Label))}组织");
            }
            if (review.Date is { } d && (system.Inspection.Held && system.Inspection.Date < d || system.Acceptance.Held && system.Acceptance.Date < d))
            {
                return new Hit([cite], $"设计方案论证（{d:yyyy-MM-dd}）晚于系统检测或验收，未在建设前通过论证");
            }
            return null;
        };
    }

    public static SystemCheck Inspection(InspectionSpec spec, Pack pack)
    {
        var cite = spec.Cite;
        var effective = pack.Effective;
        return (site, system, _) =>
        {
            var inspection = system.Inspection;
            var acceptance = system.Acceptance;
            if (!acceptance.Held && !system.InService)
            {
                return null;
            }
            var reference = (inspection.Held ? inspection.Date : null) ?? acceptance.Date;
            if (reference < effective)
            {
                return null;
            }
            var next = acceptance.Held ? "验收" : "投入使用";
            string? problem = null;
            if (!inspection.Held)
            {
                problem = $"技防系统未经专业检测机构检测即{next}";
            }
            else if (!inspection.AgencyQualified)
            {
                problem = "承担检测的机构不具备相应资质";
            }
            else if (acceptance.Held && !inspection.Passed)
            {
                problem = "系统检测未通过即组织验收";
            }
            else if (acceptance.Held && inspection.Date is { } i && acceptance.Date is { } a && a < i)
            {
                problem = $"验收（{a:yyyy-MM-dd}）早于检测（{i:yyyy-MM-dd}），验收未依据检测报告";
            }
            return problem is null ? null : new Hit([cite], problem);
        };
    }

    public static SystemCheck Acceptance(AcceptanceSpec spec, Pack pack)
    {
        var cite = spec.Cite;
        var effective = pack.Effective;
        return (site, system, _) =>
        {
            var acceptance = system.Acceptance;
            if (!acceptance.Held || acceptance.Date < effective || acceptance.PoliceParticipated)
            {
                return null;
            }
            return new Hit([cite], "竣工验收未由建设单位会同公安机关组织");
        };
    }

    /// <param name="mustInstall">Whether the pack requires the site to have a system: the new-construction
    /// provisions (province 第十条第一款, nmg 第十三条第二款) bind only projects that must install one.</param>
    public static SystemCheck InService(InServiceSpec spec, Pack pack, Func<SiteFacts, bool> mustInstall)
    {
        Citation[] plain = [spec.Cite];
        var withNew = spec.NewConstructionCite is { } n ? Sorted([spec.Cite, n]) : plain;
        var effective = pack.Effective;
        return (site, system, _) =>
        {
            if (!system.InService || system.Acceptance is { Held: true, Passed: true })
            {
                return null;
            }
            var message = system.Acceptance.Held ? "技防系统验收不合格仍投入使用" : "技防系统未经验收即投入使用";
            var newProject = system.NewConstruction && !(ProjectDate(system) < effective) && mustInstall(site);
            return new Hit(newProject ? withNew : plain, message);
        };
    }

    /// <summary>The date of a system's project: its first dated lifecycle step (design review, inspection, acceptance), or null.</summary>
    internal static DateOnly? ProjectDate(SystemFacts system) =>
        system.DesignReview.Date ?? system.Inspection.Date ?? system.Acceptance.Date;

    /// <summary>Whether any installation requirement of these rules applies to a site (its categories and flags), covered or not.</summary>
    public static Func<SiteFacts, bool> MustInstall(IEnumerable<MandatoryInstallationSpec> specs)
    {
        var requirements = specs.SelectMany(s => s.Requirements).ToArray();
        return site => requirements.Any(q =>
            (q.Categories == UInt128.Zero || (site.Categories & q.Categories) != UInt128.Zero) && (site.Flags & q.Flags) == q.Flags);
    }

    public static SystemCheck SystemFlag(SystemFlagSpec spec)
    {
        Citation[] cites = [spec.Cite];
        var message = spec.Field switch
        {
            Vocabulary.SystemFlag.InterfaceReserved => "技防系统不具备同公安机关联网的条件，未预留接口",
            Vocabulary.SystemFlag.AlarmNetworked => "安装报警装置的单位未与当地公安机关或者保卫部门联网",
            Vocabulary.SystemFlag.PersonnelTrained => "设计、施工、维修和操作技防系统的人员未经过专业培训",
            Vocabulary.SystemFlag.SignagePosted => "公共安全视频系统未设置显著的提示标识",
            _ => $"技防系统不满足要求：{Vocab.SystemFlags.Label(spec.Field)}",
        };
        return (site, system, _) =>
        {
            if (spec.WhenSubsystems != Subsystem.None && (system.Subsystems & spec.WhenSubsystems) == 0)
            {
                return null;
            }
            return system.Flag(spec.Field) ? null : new Hit(cites, message);
        };
    }

    public static SystemCheck Retention(RetentionSpec spec)
    {
        Citation[] cites = [spec.Cite];
        return (site, system, _) => system.RetentionDays is { } days && days < spec.MinDays
            && (spec.WhenSubsystems == Subsystem.None || (system.Subsystems & spec.WhenSubsystems) != 0)
            ? new Hit(cites, $"信息资料保存时限为 {days} 日，少于 {spec.MinDays} 日")
            : null;
    }

    /// <summary>
    /// A system put into use must be filed by its deadline: the in-service day plus the days the text gives, or the
    /// transitional deadline for a system in use before the text's day (a missing in-service date counts as before it).
    /// Not filed once the deadline has passed, or filed after it, is a breach; a filing without a date is taken as in time.
    /// </summary>
    public static SystemCheck FilingDeadline(FilingDeadlineSpec spec)
    {
        Citation[] cites = [spec.Cite];
        return (site, system, asOf) =>
        {
            if (spec.WhenSubsystems != Subsystem.None && (system.Subsystems & spec.WhenSubsystems) == 0)
            {
                return null;
            }
            var inUse = system.InServiceDate is { } started ? started <= asOf : system.InService;
            if (!inUse || spec.Deadline(system.InServiceDate) is not { } deadline)
            {
                return null;
            }
            var since = system.InServiceDate is { } d
                ? $"系统于 {d:yyyy-MM-dd} 投入使用"
                : $"系统在 {spec.Transitional!.InUseBefore:yyyy-MM-dd} 以前已经启用";
            if (system.Filing is { Filed: true } filing)
            {
                return filing.Date is { } on && on > deadline
                    ? new Hit(cites, $"{since}，备案期限至 {deadline:yyyy-MM-dd} 届满，{on:yyyy-MM-dd} 方才备案，逾期 {on.DayNumber - deadline.DayNumber} 日")
                    : null;
            }
            return asOf > deadline
                ? new Hit(cites, $"{since}，备案期限至 {deadline:yyyy-MM-dd} 届满，至 {asOf:yyyy-MM-dd} 仍未向公安机关备案")
                : null;
        };
    }

    /// <param name="mustInstall">With <see cref="ProductsSpec.WhenRequired"/>: whether the pack requires the site to have a system.</param>
    public static SystemCheck Products(ProductsSpec spec, Func<SiteFacts, bool> mustInstall)
    {
        Citation[] cites = [spec.Cite];
        var catalog = spec.Require.Contains(ProductRequirement.InCatalog);
        var standard = spec.Require.Contains(ProductRequirement.MeetsStandard);
        return (site, system, _) =>
        {
            if (spec.WhenRequired && !mustInstall(site))
            {
                return null;
            }
            List<string>? problems = null;
            foreach (var p in system.Products)
            {
                var name = p.Model is null ? "产品" : $"产品 {p.Model}";
                if (catalog && !p.InCatalog)
                {
                    (problems ??= []).Add($"{name}未列入《安全技术防范产品目录》");
                }
                if (standard && !p.MeetsStandard)
                {
                    (problems ??= []).Add($"{name}不符合产品质量标准");
                }
            }
            return problems is null ? null : new Hit(cites, "技防系统使用的" + string.Join("；", problems));
        };
    }

    public static SystemCheck Contractors(ContractorsSpec spec)
    {
        Citation[] cites = [spec.Cite];
        var roles = spec.Roles.ToHashSet(StringComparer.Ordinal);
        return (site, system, _) =>
        {
            if (spec.ProjectsFrom is { } from && ProjectDate(system) < from)
            {
                return null;
            }
            var bad = system.Contractors.Where(c => !c.Qualified && roles.Contains(c.Role)).Select(c => RoleName(c.Role)).Distinct().ToList();
            return bad.Count == 0 ? null : new Hit(cites, $"技防系统工程发包给不符合国家规定条件的{string.Join("、", bad)}单位");
        };
    }

    public static ActCheck Acts(ActSpec spec)
    {
        var prohibitions = spec.Prohibitions.ToArray();
        return (ActFacts act, SiteFacts? site, out bool applies) =>
        {
            applies = false;
            List<Citation>? cites = null;
            var unauthorizedMatters = false;
            foreach (var p in prohibitions)
            {
                if (!p.Kinds.Contains(act.Kind))
                {
                    continue;
                }
                if (p.Actors is { } bound && (act.Actor is not { } a || !bound.Contains(a)))
                {
                    continue;
                }
                if (p.Sites is { } selector && !selector.Matches(site))
                {
                    continue;
                }
                applies = true;
                if (act.Actor is { } actor && p.ExemptActors.Contains(actor))
                {
                    continue;
                }
                if (p.UnlessAuthorized && act.Authorized)
                {
                    continue;
                }
                unauthorizedMatters |= p.UnlessAuthorized;
                cites ??= [];
                if (!cites.Contains(p.Cite))
                {
                    cites.Add(p.Cite);
                }
            }
            if (cites is null)
            {
                return null;
            }
            var who = act.Actor is { } k ? Vocab.ActorKinds.Label(k) : "行为人";
            var how = unauthorizedMatters ? "未经授权" : "";
            var serious = act.SeriousConsequences ? "，造成严重后果" : "";
            return new Hit(Sorted(cites), $"{who}于 {act.Date:yyyy-MM-dd} {how}{Vocab.ActKinds.ShortLabel(act.Kind)}{serious}");
        };
    }

    public static RequestCheck Access(AccessSpec spec)
    {
        var conditions = spec.Conditions.ToArray();
        return (AccessRequestFacts request, SiteFacts? site, out bool applies) =>
        {
            applies = request.Requester == spec.Requester;
            if (!applies)
            {
                return null;
            }
            List<Citation>? cites = null;
            List<string>? missing = null;
            foreach (var c in conditions)
            {
                if (c.Actions is { } actions && !actions.Contains(request.Action))
                {
                    continue;
                }
                if (request.Meets(c.Require))
                {
                    continue;
                }
                cites ??= [];
                if (!cites.Contains(c.Cite))
                {
                    cites.Add(c.Cite);
                }
                (missing ??= []).Add(Vocab.AccessConditions.Label(c.Require));
            }
            if (cites is null)
            {
                return null;
            }
            var who = Vocab.RequesterKinds.ShortLabel(request.Requester);
            var what = Vocab.AccessActions.ShortLabel(request.Action);
            return new Hit(Sorted(cites), $"{who}于 {request.Date:yyyy-MM-dd} 申请{what}技防系统信息资料，不符合条件：{string.Join("；", missing!)}");
        };
    }

    public static bool IsPublicArea(Pack pack, SiteFacts site) =>
        pack.PublicArea is { } def && ((site.Categories & def.Categories) != UInt128.Zero || (def.Flag != SiteFlag.None && (site.Flags & def.Flag) != 0));

    private static List<string> PartLabels(int mask) =>
        Vocab.Parts.Values.Where(p => (mask & (1 << (int)p)) != 0).Select(Vocab.Parts.ShortLabel).ToList();

    /// <summary>
    /// "{owners}的{parts}", without naming a part twice where an owner is that part: the business hall (营业场所) of 金融机构的营业场所
    /// is the premises themselves, so the finding reads 金融机构的营业场所 (it read 金融机构的营业场所的营业场所), and with other parts
    /// 金融机构的营业场所及其重要部位. A part is compared without its explanation in brackets (公共区域（单位或住宅区内的公共部分）).
    /// </summary>
    internal static string PartsOf(IReadOnlyList<string> owners, IReadOnlyList<string> parts)
    {
        static string Bare(string part) => part.IndexOf('（', StringComparison.Ordinal) is var i and > 0 ? part[..i] : part;
        var selves = parts.Where(p => owners.Any(o => o.EndsWith(Bare(p), StringComparison.Ordinal))).ToList();
        var others = string.Join("、", parts.Except(selves));
        var all = string.Join("、", owners);
        if (selves.Count == 0)
        {
            return $"{all}的{others}";
        }
        var selfOwners = owners.Where(o => selves.Any(p => o.EndsWith(Bare(p), StringComparison.Ordinal))).ToList();
        var self = string.Join("、", selfOwners);
        if (others.Length == 0)
        {
            return self;
        }
        return selfOwners.Count == owners.Count ? $"{self}及其{others}" : $"{self}，以及{all}的{others}";
    }

    private static string RoleName(string role) => role switch
    {
        "design" => "设计",
        "construction" => "施工",
        "installation" => "安装",
        "supervision" => "监理",
        "maintenance" => "维修",
        "operation" => "运营",
        "inspection" => "检测",
        _ => role,
    };

    private static Citation[] Sorted(List<Citation> cites)
    {
        var array = cites.ToArray();
        Array.Sort(array);
        return array;
    }
}
