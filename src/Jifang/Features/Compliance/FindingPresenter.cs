using Jifang.Rules.Output;
using Jifang.Data;
using Jifang.Rules.Packs;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Compliance;

public sealed record CitationDto(string Cite, string Text, string Words);

/// <param name="PayerLabel">受罚对象，用处罚条文自己的措辞（如“直接负责的主管人员和其他责任人员”）</param>
/// <param name="WhenLabel">罚款条件：逾期不改正的、造成严重后果的、责令改正，并处罚款；条文未先责令的为“直接处以罚款”</param>
/// <param name="Sentence">按条文写法的整句罚则，如“逾期不改正的，对单位处3000元以上1万元以下罚款”</param>
public sealed record FineDto(string Payer, string PayerLabel, long Min, long Max, string When, string WhenLabel, string Sentence);

public sealed record ConsequenceDto(CitationDto Basis, string? Authority, IReadOnlyList<string> Orders, IReadOnlyList<FineDto> Fines, IReadOnlyList<string> Other);

/// <summary>同一违法行为在一部条例下的问题（见 <see cref="DoubleFineDto"/>）</summary>
/// <param name="Higher">是否为罚款幅度较高的一部（按最高罚款额，相同时按其最低额比较）</param>
public sealed record ConcurrentFindingDto(Guid Id, string PackId, string RegulationTitle, IReadOnlyList<CitationDto> Breaches, ConsequenceDto? Consequence, bool Higher);

/// <summary>同一违法行为同时违反几部条例：各条例的问题（罚款幅度高的在前），只处一次罚款，按罚款数额高的规定处罚</summary>
/// <param name="Findings">同一行为（同一规则、同一对象）在各条例下的问题，含本条</param>
/// <param name="HigherPackId">罚款幅度较高的条例；幅度相同时为空</param>
/// <param name="Law">《中华人民共和国行政处罚法》第二十九条及其条文</param>
/// <param name="Note">一句话说明</param>
public sealed record DoubleFineDto(IReadOnlyList<ConcurrentFindingDto> Findings, string? HigherPackId, CitationDto Law, string Note);

/// <param name="DoubleFine">同一违法行为也违反其他条例时的说明（一事不二罚）；否则为空</param>
public sealed record FindingDto(
    Guid Id, Guid SiteId, string PackId, string RegulationTitle, string Rule, string RuleTitle, string SubjectKind, string SubjectId,
    IReadOnlyList<CitationDto> Breaches, string Message, ConsequenceDto? Consequence, DateOnly AsOf, DoubleFineDto? DoubleFine = null);

/// <summary>Shows a stored finding the way people read it: each citation written out with the words it points at, and the penalty range.</summary>
public sealed class FindingPresenter(PackSet packs)
{
    /// <summary>One finding alone, without the other regulations the same conduct breaches (see <see cref="PresentAll"/>).</summary>
    public FindingDto Present(StoredFinding f) => Present(f, null);

    /// <summary>
    /// Findings of one or more sites, each with the findings of the same conduct under the other regulations (<see cref="DoubleFine"/>):
    /// <paramref name="all"/> must hold every finding of those sites, not only the ones shown.
    /// </summary>
    public IReadOnlyList<FindingDto> PresentAll(IEnumerable<StoredFinding> shown, IReadOnlyCollection<StoredFinding> all)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(all);
        var concurrences = Concurrences(all);
        return shown.Select(f => Present(f, concurrences.GetValueOrDefault(f.Id))).ToList();
    }

    /// <summary>A page of findings, reading the findings of the same sites under the other regulations from <paramref name="db"/>.</summary>
    public async Task<IReadOnlyList<FindingDto>> PresentAsync(JifangDbContext db, IReadOnlyList<StoredFinding> shown, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(shown);
        var sites = shown.Select(f => f.SiteId).Distinct().ToList();
        var rules = shown.Select(f => f.Rule).Distinct().ToList();
        var all = sites.Count == 0 ? [] : await db.Findings.AsNoTracking().Where(f => sites.Contains(f.SiteId) && rules.Contains(f.Rule)).ToListAsync(ct);
        return PresentAll(shown, all);
    }

    /// <summary>The findings among <paramref name="all"/> whose conduct other regulations find too, with the DTO each shows.</summary>
    public IReadOnlyDictionary<Guid, DoubleFineDto> Concurrences(IEnumerable<StoredFinding> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var list = all.ToList();
        var byId = list.ToDictionary(f => f.Id);
        var groups = DoubleFine.Find(list.Select(f => new DoubleFine.Candidate(f.Id, f.PackId, f.Rule, f.SubjectKind, f.SubjectId,
            RuleOf(f).Rule?.Consequence?.Fines ?? [])));
        var dtos = new Dictionary<Guid, DoubleFineDto>();
        foreach (var (id, c) in groups)
        {
            var higher = c.HigherId is { } h ? byId[h].PackId : null;
            var titles = c.Findings.Select(x => Title(x.PackId)).ToList();
            dtos[id] = new DoubleFineDto(
                c.Findings.Select(x =>
                {
                    var f = byId[x.Id];
                    var (pack, rule) = RuleOf(f);
                    return new ConcurrentFindingDto(f.Id, f.PackId, Title(f.PackId), f.Breaches.Select(b => Cite(pack, b)).ToList(),
                        rule?.Consequence is { } k && pack is not null ? Consequence(pack, k) : null, x.Id == c.HigherId);
                }).ToList(),
                higher, Law, DoubleFine.Note(titles, higher is null ? null : Title(higher)));
        }
        return dtos;
    }

    /// <summary>《中华人民共和国行政处罚法》第二十九条 with its words.</summary>
    public static CitationDto Law { get; } = new("xingzheng-chufa-fa-2021 29", DoubleFine.Citation, DoubleFine.Article29);

    private string Title(string packId) => packs.TryGet(packId, out var p) ? p.Pack.Title : packId;

    private (Pack? Pack, RuleDefinition? Rule) RuleOf(StoredFinding f)
    {
        var pack = packs.TryGet(f.PackId, out var compiled) ? compiled.Pack : null;
        return (pack, pack?.Rules.FirstOrDefault(r => r.Id == f.Rule && r.Valid.Covers(f.AsOf)));
    }

    private FindingDto Present(StoredFinding f, DoubleFineDto? doubleFine)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (pack, rule) = RuleOf(f);
        return new FindingDto(
            f.Id, f.SiteId, f.PackId, pack?.Title ?? f.PackId, f.Rule, f.RuleTitle, f.SubjectKind, f.SubjectId,
            f.Breaches.Select(b => Cite(pack, b)).ToList(), f.Message,
            rule?.Consequence is { } c && pack is not null ? Consequence(pack, c) : null, f.AsOf, doubleFine);
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
