using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

#pragma warning disable CA1002, CA2227 // the form binds posted checkbox lists

/// <summary>What the site form posts; turned into the API's <see cref="SiteRequest"/>.</summary>
public sealed class SiteForm
{
    public string? UnitId { get; set; }
    public string? Name { get; set; }
    public string? DivisionCode { get; set; }
    public string? Address { get; set; }
    public string? ContactPhone { get; set; }
    public List<string> Categories { get; set; } = [];
    public List<string> Parts { get; set; } = [];
    public bool PublicArea { get; set; }
    public bool Large { get; set; }
    public bool Urban { get; set; }
    public bool InvolvesStateSecrets { get; set; }
    public bool HoldsImportantItems { get; set; }
    public bool NonPublicPlace { get; set; }

    public SiteRequest ToRequest(Guid? unitId) => new(
        unitId, Name, DivisionCode?.Trim(), Address, Categories.Distinct(StringComparer.Ordinal).ToList(), Parts.Distinct(StringComparer.Ordinal).ToList(),
        PublicArea, Large, Urban, InvolvesStateSecrets, HoldsImportantItems, ContactPhone, NonPublicPlace);

    public static SiteForm From(SiteDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            UnitId = s.UnitId.ToString(), Name = s.Name, DivisionCode = s.DivisionCode, Address = s.Address, ContactPhone = s.ContactPhone,
            Categories = [.. s.Categories], Parts = [.. s.Parts],
            PublicArea = s.PublicArea, Large = s.Large, Urban = s.Urban, InvolvesStateSecrets = s.InvolvesStateSecrets, HoldsImportantItems = s.HoldsImportantItems,
            NonPublicPlace = s.NonPublicPlace,
        };
    }
}

/// <summary>A site flag's checkbox: its field, its label, and which provisions of the regulations in question it matters to.</summary>
public sealed record FlagChoice(string Field, string Label, string? Hint);

/// <summary>
/// What the create and edit pages of a site share: the form, the units the user may choose from, and the flags' hints, which
/// name the provisions of the regulation that applies (the site's, or those of the units offered): an nmg site's form named
/// 省条例第九条第（八）项.
/// </summary>
public abstract class SiteFormPage(JifangDbContext db, ComplianceService compliance) : SignedInPageModel
{
    /// <summary>More units than this are not offered in one select.</summary>
    private const int MaxUnits = 1000;

    [BindProperty]
    public SiteForm Input { get; set; } = new();

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public bool UnitsTruncated { get; private set; }

    public static IReadOnlyList<Choice> Categories { get; } = Labels.Options(Vocab.SiteCategories);

    public static IReadOnlyList<Choice> Parts { get; } = Labels.Options(Vocab.Parts);

    /// <summary>The flags, labelled without naming a regulation: which one applies follows the site's division.</summary>
    private static readonly (string Field, SiteFlag Flag, string Label)[] FlagFields =
    [
        (nameof(SiteForm.PublicArea), SiteFlag.PublicArea, "公共区域（广场、公园、城市主要道路和路口、地下通道、过街天桥、隧道、大型桥梁等）"),
        (nameof(SiteForm.Large), SiteFlag.Large, "大型（如大型商贸中心、大型文化体育场所、大型能源动力设施）"),
        (nameof(SiteForm.Urban), SiteFlag.Urban, "位于城镇"),
        (nameof(SiteForm.InvolvesStateSecrets), SiteFlag.InvolvesStateSecrets, "涉及国家秘密"),
        (nameof(SiteForm.HoldsImportantItems), SiteFlag.HoldsImportantItems, "存放有重要物品（如纪念馆、展览馆）"),
        (nameof(SiteForm.NonPublicPlace), SiteFlag.NonPublicPlace,
            "非公共场所（《公共安全视频图像信息系统管理条例》第三十三条：在非公共场所安装的视频图像采集设备只适用该条；不勾选即按公共场所判定）"),
    ];

    /// <summary>The flags' checkboxes, with the provisions of the regulations in question (set by <see cref="LoadUnitsAsync"/>).</summary>
    public IReadOnlyList<FlagChoice> Flags { get; private set; } = FlagChoices([]);

    public FlagChoice Flag(string field) => Flags.Single(f => f.Field == field);

    /// <summary>
    /// Each flag with the installation requirements of these regulations that depend on it (《title》第九条第一款第（八）项：学校),
    /// or no hint where none does.
    /// </summary>
    public static IReadOnlyList<FlagChoice> FlagChoices(IEnumerable<Pack> packs)
    {
        var list = packs.Distinct().ToList();
        return FlagFields.Select(f => new FlagChoice(f.Field, f.Label, Hint(list, f.Flag))).ToList();
    }

    private static string? Hint(IReadOnlyList<Pack> packs, SiteFlag flag)
    {
        var provisions = packs.SelectMany(pack => pack.Rules.Select(r => r.Check).OfType<MandatoryInstallationSpec>()
                .SelectMany(spec => spec.Requirements).Where(q => (q.Flags & flag) != 0)
                .GroupBy(q => q.Cite)
                .Select(g =>
                {
                    var categories = Vocab.SiteCategories.Values.Where(c => g.Any(q => (q.Categories & CategoryBits.Of(c)) != UInt128.Zero))
                        .Select(Vocab.SiteCategories.ShortLabel).ToList();
                    return pack.Cite(g.Key) + (categories.Count == 0 ? "" : "：" + string.Join("、", categories));
                }))
            .Distinct(StringComparer.Ordinal).ToList();
        return provisions.Count == 0 ? null : "据此须安装技防系统：" + string.Join("；", provisions);
    }

    public abstract string SubmitLabel { get; }

    protected JifangDbContext Db => db;

    protected ComplianceService Compliance => compliance;

    /// <summary>
    /// Loads the units in the user's scope (the API's list, page by page) for the unit select, and the flags' hints from the
    /// regulations in force at the site's division (<paramref name="siteDivision"/>, when editing) or else at those of the units offered.
    /// </summary>
    protected async Task LoadUnitsAsync(Guid? current, string? currentName, string? siteDivision, CancellationToken ct)
    {
        var divisions = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<Choice>();
        for (var page = 1; units.Count < MaxUnits; page++)
        {
            var result = (await UnitsApi.List(db, search: null, division: null, archived: false, page, 200, ct)).Value!;
            units.AddRange(result.Items.Select(u => new Choice(u.Id.ToString(), $"{u.Name}（{u.DivisionCode}）")));
            divisions.UnionWith(result.Items.Select(u => u.DivisionCode));
            if (page * result.PageSize >= result.Total)
            {
                break;
            }
            UnitsTruncated = true;
        }
        UnitsTruncated = UnitsTruncated && units.Count >= MaxUnits;
        if (current is { } id && units.All(u => u.Code != id.ToString()))
        {
            units.Insert(0, new Choice(id.ToString(), $"{currentName ?? "当前单位"}（已归档）"));
        }
        Units = units;
        // Every regulation in force there (the national one beside the regional): a flag's hint cites whichever makes it matter.
        var packs = (siteDivision is null ? divisions : [siteDivision]).SelectMany(d => compliance.PacksInForce(d, compliance.Today)).Select(p => p.Pack);
        Flags = FlagChoices(packs);
    }
}
