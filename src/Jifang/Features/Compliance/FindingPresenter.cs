using Jifang.Rules.Output;
using Jifang.Rules.Packs;

namespace Jifang.Features.Compliance;

public sealed record CitationDto(string Cite, string Text, string Words);

/// <param name="PayerLabel">受罚对象，用处罚条文自己的措辞（如“直接负责的主管人员和其他责任人员”）</param>
/// <param name="WhenLabel">罚款条件：逾期不改正的、造成严重后果的、责令改正，并处罚款；条文未先责令的为“直接处以罚款”</param>
/// <param name="Sentence">按条文写法的整句罚则，如“逾期不改正的，对单位处3000元以上1万元以下罚款”</param>
public sealed record FineDto(string Payer, string PayerLabel, long Min, long Max, string When, string WhenLabel, string Sentence);

public sealed record ConsequenceDto(CitationDto Basis, string? Authority, IReadOnlyList<string> Orders, IReadOnlyList<FineDto> Fines, IReadOnlyList<string> Other);

public sealed record FindingDto(
    Guid Id, Guid SiteId, string PackId, string RegulationTitle, string Rule, string RuleTitle, string SubjectKind, string SubjectId,
    IReadOnlyList<CitationDto> Breaches, string Message, ConsequenceDto? Consequence, DateOnly AsOf);

/// <summary>Shows a stored finding the way people read it: each citation written out with the words it points at, and the penalty range.</summary>
public sealed class FindingPresenter(PackSet packs)
{
    public FindingDto Present(StoredFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var pack = packs.TryGet(f.PackId, out var compiled) ? compiled.Pack : null;
        var rule = pack?.Rules.FirstOrDefault(r => r.Id == f.Rule && r.Valid.Covers(f.AsOf));
        return new FindingDto(
            f.Id, f.SiteId, f.PackId, pack?.Title ?? f.PackId, f.Rule, f.RuleTitle, f.SubjectKind, f.SubjectId,
            f.Breaches.Select(b => Cite(pack, b)).ToList(), f.Message,
            rule?.Consequence is { } c && pack is not null ? Consequence(pack, c) : null, f.AsOf);
    }

    public static CitationDto Cite(Pack? pack, string cite)
    {
        if (pack is null || !Citation.TryParse(cite, out var c) || !pack.Contains(c))
        {
            return new CitationDto(cite, cite, "");
        }
        return new CitationDto(cite, pack.Cite(c), pack.TextOf(c));
    }

    public static ConsequenceDto Consequence(Pack pack, Consequence c)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(c);
        return new ConsequenceDto(
            Cite(pack, c.Basis.ToString()), c.Authority, c.Orders,
            c.Fines.Select(x => new FineDto(
                Rules.Vocabulary.Vocab.Payers.Code(x.Payer), ConsequenceWording.Payer(x), x.Min, x.Max,
                Rules.Vocabulary.Vocab.FineConditions.Code(x.When), ConsequenceWording.When(c, x), ConsequenceWording.Sentence(c, x))).ToList(),
            c.Other);
    }

    /// <summary>The article of a regulation that sends a breach it attaches no penalty to to other laws (province-2012 第二十八条), or null.</summary>
    public CitationDto? ReferralOf(string packId) => Referral(packs, packId);

    /// <inheritdoc cref="ReferralOf"/>
    public static CitationDto? Referral(PackSet packs, string packId)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return packs.TryGet(packId, out var compiled) && compiled.Pack.Referral is { } r ? Cite(compiled.Pack, r.ToString()) : null;
    }
}
