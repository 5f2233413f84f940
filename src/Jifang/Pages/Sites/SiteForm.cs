using Jifang.Data;
using Jifang.Features.Registry;
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

    public SiteRequest ToRequest(Guid? unitId) => new(
        unitId, Name, DivisionCode?.Trim(), Address, Categories.Distinct(StringComparer.Ordinal).ToList(), Parts.Distinct(StringComparer.Ordinal).ToList(),
        PublicArea, Large, Urban, InvolvesStateSecrets, HoldsImportantItems, ContactPhone);

    public static SiteForm From(SiteDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            UnitId = s.UnitId.ToString(), Name = s.Name, DivisionCode = s.DivisionCode, Address = s.Address, ContactPhone = s.ContactPhone,
            Categories = [.. s.Categories], Parts = [.. s.Parts],
            PublicArea = s.PublicArea, Large = s.Large, Urban = s.Urban, InvolvesStateSecrets = s.InvolvesStateSecrets, HoldsImportantItems = s.HoldsImportantItems,
        };
    }
}

/// <summary>What the create and edit pages of a site share: the form, and the units the user may choose from.</summary>
public abstract class SiteFormPage(JifangDbContext db) : SignedInPageModel
{
    /// <summary>More units than this are not offered in one select.</summary>
    private const int MaxUnits = 1000;

    [BindProperty]
    public SiteForm Input { get; set; } = new();

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public bool UnitsTruncated { get; private set; }

    public static IReadOnlyList<Choice> Categories { get; } = Labels.Options(Vocab.SiteCategories);

    public static IReadOnlyList<Choice> Parts { get; } = Labels.Options(Vocab.Parts);

    public static IReadOnlyList<(string Field, string Label)> Flags { get; } =
    [
        (nameof(SiteForm.PublicArea), "公共区域（广场、公园、城市主要道路和路口、地下通道、过街天桥、隧道、大型桥梁等）"),
        (nameof(SiteForm.Large), "大型（如大型商贸中心、大型文化体育场所、大型能源动力设施）"),
        (nameof(SiteForm.Urban), "位于城镇（省条例第九条第（八）项：城镇学校）"),
        (nameof(SiteForm.InvolvesStateSecrets), "涉及国家秘密"),
        (nameof(SiteForm.HoldsImportantItems), "存放有重要物品（如纪念馆、展览馆）"),
    ];

    public abstract string SubmitLabel { get; }

    protected JifangDbContext Db => db;

    /// <summary>Loads the units in the user's scope (the API's list, page by page) for the unit select.</summary>
    protected async Task LoadUnitsAsync(Guid? current, string? currentName, CancellationToken ct)
    {
        var units = new List<Choice>();
        for (var page = 1; units.Count < MaxUnits; page++)
        {
            var result = (await UnitsApi.List(db, search: null, division: null, archived: false, page, 200, ct)).Value!;
            units.AddRange(result.Items.Select(u => new Choice(u.Id.ToString(), $"{u.Name}（{u.DivisionCode}）")));
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
    }
}
