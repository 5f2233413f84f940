#pragma warning disable CA1002, CA2227, CA1056 // YAML data transfer objects: mutable lists by design

namespace Jifang.Rules.Packs;

// The shape of packs/*.yaml as written. PackLoader turns these into the validated model.

internal sealed class PackYaml
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public JurisdictionYaml? Jurisdiction { get; set; }
    public string? Effective { get; set; }
    public string? Until { get; set; }
    public List<RepealYaml>? Repeals { get; set; }
    public string? Source { get; set; }
    public PublicAreaYaml? PublicArea { get; set; }
    public string? Referral { get; set; }
    public List<SiteClassYaml>? SiteClasses { get; set; }
    public LifecycleYaml? Lifecycle { get; set; }
    public List<ArticleYaml>? Articles { get; set; }
}

internal sealed class LifecycleYaml
{
    public string? Basis { get; set; }
    public string? Grading { get; set; }
    public string? Confidentiality { get; set; }
    public List<LifecycleGateYaml>? Gates { get; set; }
}

internal sealed class LifecycleGateYaml
{
    public string? Gate { get; set; }
    public string? Cite { get; set; }
    public GateOrganizerYaml? Organizer { get; set; }
    public List<string>? Participants { get; set; }
    /// <summary>Design-review: always | where-required.</summary>
    public string? Required { get; set; }
    /// <summary>Inspection: qualified-testing-agency.</summary>
    public string? By { get; set; }
    /// <summary>Acceptance: decided on the testing agency's report.</summary>
    public bool? OnReport { get; set; }
    /// <summary>In-service: the article whose penalty a premature putting into service incurs.</summary>
    public string? Penalty { get; set; }
}

internal sealed class GateOrganizerYaml
{
    public string? PublicArea { get; set; }
    public string? Other { get; set; }
}

internal sealed class JurisdictionYaml
{
    public string? Name { get; set; }
    public string? DivisionPrefix { get; set; }
    /// <summary>The regulation applies everywhere (a State Council regulation), beside the regional one of the place.</summary>
    public bool? Nationwide { get; set; }
}

internal sealed class RepealYaml
{
    public string? Title { get; set; }
    public string? IssuedBy { get; set; }
    public string? Issued { get; set; }
}

internal sealed class PublicAreaYaml
{
    public string? Cite { get; set; }
    public List<string>? Categories { get; set; }
    public string? Flag { get; set; }
}

internal sealed class SiteClassYaml
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public List<RequirementYaml>? Any { get; set; }
    public List<string>? UnlessFlags { get; set; }
}

internal sealed class TransitionalYaml
{
    public string? InUseBefore { get; set; }
    public string? Deadline { get; set; }
}

internal sealed class ArticleYaml
{
    public int? Number { get; set; }
    public List<ParagraphYaml>? Paragraphs { get; set; }
    public List<RuleYaml>? Rules { get; set; }
}

internal sealed class ParagraphYaml
{
    /// <summary>A paragraph without items.</summary>
    public string? Text { get; set; }
    /// <summary>The words before the first item of a paragraph with items.</summary>
    public string? Lead { get; set; }
    public List<string>? Items { get; set; }
    public string? Tail { get; set; }
}

internal sealed class ValidityYaml
{
    public string? From { get; set; }
    public string? To { get; set; }
}

internal sealed class ConsequenceYaml
{
    public string? Basis { get; set; }
    public string? Authority { get; set; }
    public List<string>? Orders { get; set; }
    public List<FineYaml>? Fines { get; set; }
    public List<string>? Other { get; set; }
}

internal sealed class FineYaml
{
    public string? Payer { get; set; }
    public long? Min { get; set; }
    public long? Max { get; set; }
    public string? When { get; set; }
    public string? PayerText { get; set; }
}

internal sealed class RuleYaml
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Check { get; set; }
    public ValidityYaml? Valid { get; set; }
    public string? Note { get; set; }
    public ConsequenceYaml? Consequence { get; set; }

    // Parameters; which ones a rule may use depends on its check kind.
    public List<RequirementYaml>? Requirements { get; set; }
    public List<ZoneGroupYaml>? Zones { get; set; }
    public List<string>? Captures { get; set; }
    public string? Cite { get; set; }
    public bool? Required { get; set; }
    public OrganizersYaml? Organizers { get; set; }
    public string? NewConstructionCite { get; set; }
    public string? Field { get; set; }
    public List<string>? WhenSubsystems { get; set; }
    public int? MinDays { get; set; }
    public List<string>? Require { get; set; }
    public List<string>? Roles { get; set; }
    public List<ProhibitionYaml>? Prohibitions { get; set; }
    public string? Requester { get; set; }
    public List<ConditionYaml>? Conditions { get; set; }
    public bool? MustPass { get; set; }
    public bool? WhenRequired { get; set; }
    public string? ProjectsFrom { get; set; }
    public int? DaysFromInService { get; set; }
    public TransitionalYaml? Transitional { get; set; }
    public List<string>? Sites { get; set; }
    public List<string>? ExceptSites { get; set; }
}

internal sealed class RequirementYaml
{
    public string? Cite { get; set; }
    public List<string>? Categories { get; set; }
    public List<string>? Flags { get; set; }
    public List<string>? Parts { get; set; }
}

internal sealed class ZoneGroupYaml
{
    public string? Cite { get; set; }
    public List<string>? Zones { get; set; }
}

internal sealed class OrganizersYaml
{
    public List<string>? PublicArea { get; set; }
    public List<string>? Other { get; set; }
}

internal sealed class ProhibitionYaml
{
    public List<string>? Kinds { get; set; }
    public string? Cite { get; set; }
    public bool? UnlessAuthorized { get; set; }
    public List<string>? Actors { get; set; }
    public List<string>? ExemptActors { get; set; }
    public List<string>? Sites { get; set; }
    public List<string>? ExceptSites { get; set; }
}

internal sealed class ConditionYaml
{
    public string? Require { get; set; }
    public string? Cite { get; set; }
    public List<string>? Actions { get; set; }
}
