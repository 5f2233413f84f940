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
public sealed record InstallRequirement(Citation Cite, ulong Categories, SiteFlag Flags, int Parts);

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

public sealed record RetentionSpec(Citation Cite, int MinDays) : CheckSpec
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
public sealed record Prohibition(IReadOnlyList<ActKind> Kinds, Citation Cite, bool UnlessAuthorized, IReadOnlyList<ActorKind>? Actors, IReadOnlyList<ActorKind> ExemptActors);

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
