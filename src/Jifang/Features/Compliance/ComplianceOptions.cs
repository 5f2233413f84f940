#pragma warning disable CA2227

namespace Jifang.Features.Compliance;

/// <summary>Which pack judges which jurisdiction (section "Compliance").</summary>
public sealed class ComplianceOptions
{
    public const string Section = "Compliance";

    /// <summary>GB/T 2260 division-code prefix → pack id, e.g. "15" → "nmg-2007". The longest prefix wins;
    /// a pack's own jurisdiction prefix applies where nothing is configured.</summary>
    public Dictionary<string, string> Jurisdictions { get; set; } = [];
}
