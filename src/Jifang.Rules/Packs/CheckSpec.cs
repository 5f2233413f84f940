using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Packs;

/// <summary>
/// What a rule checks: one of a fixed set of check kinds, each with parameters from the pack.
/// The kinds are the shapes the two regulations' obligations take; the parameters (which
/// categories, which zones, which conditions, which citation) are data.
/// </summary>
public abstract record CheckSpec
{
    public abstract string Kind { get; }
    public abstract SubjectKind Subject { get; }
    public abstract IEnumerable<Citation> Citations { get; }
}

/// <summary>A site of these categories (with these flags) must have a system covering these parts.</summary>
/// <param name="Categories">Bit set of <see cref="SiteCategory"/>; 0 means any category.</param>
/// <param name="Flags">Flags that must all be true for the requirement to apply.</param>
/// <param name="Parts">Bit set of <see cref="Part"/> to cover; 0 means the site as a whole.</param>
public sealed record InstallRequirement(Citation Cite, UInt128 Categories, SiteFlag Flags, int Parts);

public sealed record MandatoryInstallationSpec(IReadOnlyList<InstallRequirement> Requirements) : CheckSpec
{
    public override string Kind => "mandatory-installation";
    public override SubjectKind Subject => SubjectKind.Site;
    public override IEnumerable<Citation> Citations => Requirements.Select(r => r.Cite).Distinct();
}

public sealed record ZoneGroup(Citation Cite, IReadOnlyList<Zone> Zones);

public sealed record PrivacyZoneSpec(IReadOnlyList<ZoneGroup> Groups, Capture Captures) : CheckSpec
{
    public override string Kind => "privacy-zone";
    public override SubjectKind Subject => SubjectKind.Device;
    public override IEnumerable<Citation> Citations => Groups.Select(g => g.Cite).Distinct();
}

/// <param name="Required">Whether every system's design must be reviewed; when false only a held review is judged.</param>
/// <param name="PublicAreaOrganizers">Who may organize the review for a public-area system; null: same as others.</param>
/// <param name="MustPass">The text requires the review to pass (province 第十一条第一款 通过): a held review with <c>passed: false</c> is a breach.</param>
public sealed record DesignReviewSpec(Citation Cite, bool Required, IReadOnlyList<Organizer>? PublicAreaOrganizers, IReadOnlyList<Organizer> Organizers, bool MustPass = false) : CheckSpec
{
    public override string Kind => "design-review";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <summary>A completed system was inspected by a qualified agency, and accepted only after it passed.</summary>
public sealed record InspectionSpec(Citation Cite) : CheckSpec
{
    public override string Kind => "inspection";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <summary>Acceptance was organized together with the police.</summary>
public sealed record AcceptanceSpec(Citation Cite) : CheckSpec
{
    public override string Kind => "acceptance";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <summary>A system in service must have passed acceptance.</summary>
public sealed record InServiceSpec(Citation Cite, Citation? NewConstructionCite) : CheckSpec
{
    public override string Kind => "in-service-without-acceptance";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => NewConstructionCite is { } n ? [Cite, n] : [Cite];
}

/// <summary>A boolean of the system must be true (when it has one of <paramref name="WhenSubsystems"/>, if set).</summary>
public sealed record SystemFlagSpec(SystemFlag Field, Citation Cite, Subsystem WhenSubsystems) : CheckSpec
{
    public override string Kind => "system-flag";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <param name="WhenSubsystems">Only systems with one of these subsystems keep records under this rule (None: every system).</param>
public sealed record RetentionSpec(Citation Cite, int MinDays, Subsystem WhenSubsystems = Subsystem.None) : CheckSpec
{
    public override string Kind => "retention";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <param name="WhenRequired">Only systems the regulation requires are bound (a site where a mandatory-installation requirement applies: nmg 第十三条第一款 依照本条例规定，需要安装技防系统的).</param>
public sealed record ProductsSpec(Citation Cite, IReadOnlyList<ProductRequirement> Require, bool WhenRequired = false) : CheckSpec
{
    public override string Kind => "products";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <param name="ProjectsFrom">A project dated before this day (its first dated lifecycle step: design review, inspection, acceptance) is not judged; null: every project.</param>
public sealed record ContractorsSpec(Citation Cite, IReadOnlyList<string> Roles, DateOnly? ProjectsFrom = null) : CheckSpec
{
    public override string Kind => "contractors";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];
}

/// <param name="Actors">Only these actors are bound (null: everyone).</param>
/// <param name="ExemptActors">Actors the provision does not bind.</param>
/// <param name="Sites">Only acts at sites this selects (null: any site, or none named).</param>
public sealed record Prohibition(IReadOnlyList<ActKind> Kinds, Citation Cite, bool UnlessAuthorized, IReadOnlyList<ActorKind>? Actors, IReadOnlyList<ActorKind> ExemptActors, SiteSelector? Sites = null);

public sealed record ActSpec(IReadOnlyList<Prohibition> Prohibitions) : CheckSpec
{
    public override string Kind => "act";
    public override SubjectKind Subject => SubjectKind.Act;
    public override IEnumerable<Citation> Citations => Prohibitions.Select(p => p.Cite).Distinct();
}

/// <param name="Actions">The actions the condition applies to (null: all).</param>
public sealed record AccessRequirement(AccessCondition Require, Citation Cite, IReadOnlyList<AccessAction>? Actions);

public sealed record AccessSpec(RequesterKind Requester, IReadOnlyList<AccessRequirement> Conditions) : CheckSpec
{
    public override string Kind => "access-request";
    public override SubjectKind Subject => SubjectKind.Request;
    public override IEnumerable<Citation> Citations => Conditions.Select(c => c.Cite).Distinct();
}

/// <summary>
/// A system put into use must be filed (备案) within a number of days; one in use before a day named by the text
/// has a fixed deadline instead (national-2025 第十四条第一款).
/// </summary>
/// <param name="DaysFromInService">The filing is due on the in-service day plus this many days (the first day is not counted).</param>
/// <param name="Transitional">For systems in use before <see cref="TransitionalFiling.InUseBefore"/>: the deadline.</param>
/// <param name="WhenSubsystems">Only systems with one of these subsystems (None: every system).</param>
public sealed record FilingDeadlineSpec(Citation Cite, int DaysFromInService, TransitionalFiling? Transitional, Subsystem WhenSubsystems) : CheckSpec
{
    public override string Kind => "filing-deadline";
    public override SubjectKind Subject => SubjectKind.System;
    public override IEnumerable<Citation> Citations => [Cite];

    /// <summary>The last day to file for a system put into use on <paramref name="inService"/> (null: before the transitional day, or any day when there is none).</summary>
    public DateOnly? Deadline(DateOnly? inService) =>
        inService is not { } d ? Transitional?.Deadline
        : Transitional is { } t && d < t.InUseBefore ? t.Deadline
        : d.AddDays(DaysFromInService);
}

/// <param name="InUseBefore">Systems in use before this day (a missing in-service date counts as before it).</param>
/// <param name="Deadline">The last day on which they may file.</param>
public sealed record TransitionalFiling(DateOnly InUseBefore, DateOnly Deadline);

/// <summary>
/// A named class of sites defined by the pack (national-2025: the places of 第七条), by categories and flags as data.
/// A site belongs when it matches one of <see cref="Members"/> (every site when there are none) and has none of <see cref="UnlessFlags"/>.
/// </summary>
public sealed record SiteClass(string Name, string? Title, IReadOnlyList<SiteClassMember> Members, SiteFlag UnlessFlags)
{
    public bool Contains(UInt128 categories, SiteFlag flags) =>
        (flags & UnlessFlags) == SiteFlag.None
        && (Members.Count == 0 || Members.Any(m => m.Matches(categories, flags)));
}

/// <summary>A site of one of <see cref="Categories"/> (any category when empty) with all of <see cref="Flags"/>.</summary>
public sealed record SiteClassMember(Citation? Cite, UInt128 Categories, SiteFlag Flags)
{
    public bool Matches(UInt128 categories, SiteFlag flags) =>
        (Categories == UInt128.Zero || (categories & Categories) != UInt128.Zero) && (flags & Flags) == Flags;
}

/// <summary>Which sites a rule or prohibition binds: those in every class of <see cref="In"/> and in none of <see cref="NotIn"/>.</summary>
public sealed record SiteSelector(IReadOnlyList<SiteClass> In, IReadOnlyList<SiteClass> NotIn)
{
    public bool Matches(UInt128 categories, SiteFlag flags) =>
        In.All(c => c.Contains(categories, flags)) && !NotIn.Any(c => c.Contains(categories, flags));

    /// <summary>For people: 公共场所、第七条规定的公共场所，不含…….</summary>
    public string Describe()
    {
        static string Name(SiteClass c) => c.Title ?? c.Name;
        var text = string.Join("、", In.Select(Name));
        if (NotIn.Count > 0)
        {
            text += (text.Length == 0 ? "" : "，") + "不含" + string.Join("、", NotIn.Select(Name));
        }
        return text;
    }

    /// <summary>An act or request naming no site (or a site not in the file) is judged as at a site with no categories and no flags.</summary>
    public bool Matches(Facts.SiteFacts? site) => site is null ? Matches(UInt128.Zero, SiteFlag.None) : Matches(site.Categories, site.Flags);
}
