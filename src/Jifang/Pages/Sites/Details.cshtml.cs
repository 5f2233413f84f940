using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

/// <summary>One site: its data, systems, devices and acts, and its findings with citations and penalties.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(
    JifangDbContext db, ComplianceService compliance, FindingPresenter presenter, PackSet packs, IAuthorizationService authorization) : SignedInPageModel
{
    public SiteDetailDto Detail { get; private set; } = null!;

    public SiteDto Site => Detail.Site;

    public bool CanWrite { get; private set; }

    /// <summary>The regulations the site is judged under today (national, then regional), id and title.</summary>
    public IReadOnlyList<(string Id, string Title)> Regulations { get; private set; } = [];

    /// <summary>The findings grouped by the regulation they come from, in the order of <see cref="Regulations"/> (then any other).</summary>
    public IReadOnlyList<(string PackId, string Title, IReadOnlyList<FindingDto> Findings)> ByRegulation { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await SitesApi.Get(id, db, compliance, presenter, ct);
        if (result.Result is not Ok<SiteDetailDto> ok)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        Detail = ok.Value!;
        Regulations = Site.PackIds.Select(id => (id, packs.TryGet(id, out var p) ? p.Pack.Title : id)).ToList();
        var order = Site.PackIds.ToList();
        ByRegulation = Detail.Findings.GroupBy(f => f.PackId)
            .OrderBy(g => order.IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().RegulationTitle, (IReadOnlyList<FindingDto>)g.ToList())).ToList();
        CanWrite = !Site.Archived && (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
        return Page();
    }

    public string SystemName(Guid? id) =>
        id is { } x ? Detail.Systems.FirstOrDefault(s => s.Id == x)?.Name ?? "（已归档的系统）" : "—";

    /// <summary>What a finding is about: the site, or which of its systems, devices or acts.</summary>
    public string SubjectOf(FindingDto f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var id = Guid.TryParse(f.SubjectId, out var g) ? g : Guid.Empty;
        return f.SubjectKind switch
        {
            "site" => "场所：" + Site.Name,
            "system" => "技防系统：" + (Detail.Systems.FirstOrDefault(s => s.Id == id)?.Name ?? f.SubjectId),
            "device" => "设备：" + (Detail.Devices.FirstOrDefault(d => d.Id == id)?.Name ?? f.SubjectId),
            "act" => "行为：" + (Detail.Acts.FirstOrDefault(a => a.Id == id) is { } act ? RegistryText.Act(act) : f.SubjectId),
            _ => Labels.Of(Vocab.SubjectKinds, f.SubjectKind) + "：" + f.SubjectId,
        };
    }

    public IEnumerable<string> FlagLabels()
    {
        if (Site.PublicArea) { yield return Vocab.SiteFlags.Label(SiteFlag.PublicArea); }
        if (Site.Large) { yield return Vocab.SiteFlags.Label(SiteFlag.Large); }
        if (Site.Urban) { yield return Vocab.SiteFlags.Label(SiteFlag.Urban); }
        if (Site.InvolvesStateSecrets) { yield return Vocab.SiteFlags.Label(SiteFlag.InvolvesStateSecrets); }
        if (Site.HoldsImportantItems) { yield return Vocab.SiteFlags.Label(SiteFlag.HoldsImportantItems); }
        if (Site.NonPublicPlace) { yield return Vocab.SiteFlags.Label(SiteFlag.NonPublicPlace) + "（《公共安全视频图像信息系统管理条例》第三十三条）"; }
    }
}
