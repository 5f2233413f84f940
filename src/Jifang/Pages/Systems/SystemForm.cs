using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Systems;

#pragma warning disable CA1002, CA2227 // the form binds posted lists and rows

/// <summary>One step of the build lifecycle as the form posts it (论证, 检测, 验收); the date as yyyy-MM-dd text.</summary>
public sealed class StepForm
{
    public bool Held { get; set; }
    public string? Organizer { get; set; }
    public bool AgencyQualified { get; set; }
    public bool Passed { get; set; }
    public bool PoliceParticipated { get; set; }
    public string? Date { get; set; }

    public static StepForm From(StepRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Held = s.Held, Organizer = s.Organizer, AgencyQualified = s.AgencyQualified, Passed = s.Passed, PoliceParticipated = s.PoliceParticipated, Date = Labels.Date(s.Date) };
    }
}

public sealed class ProductForm
{
    /// <summary>The registered product chosen (its id), or empty for the model written in the row.</summary>
    public string? ProductId { get; set; }
    public string? Model { get; set; }
    public string? Manufacturer { get; set; }
    public bool InCatalog { get; set; }
    public bool MeetsStandard { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(ProductId) && string.IsNullOrWhiteSpace(Model) && string.IsNullOrWhiteSpace(Manufacturer) && !InCatalog && !MeetsStandard;
}

public sealed class ContractorForm
{
    /// <summary>The registered contractor chosen (its id), or empty for the name written in the row.</summary>
    public string? ContractorId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public bool Qualified { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(ContractorId) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && !Qualified;
}

/// <summary>What the system form posts; turned into the API's <see cref="SystemRequest"/>.</summary>
public sealed partial class SystemForm
{
    /// <summary>Empty rows offered for products and contractors (no script adds rows).</summary>
    public const int SpareRows = 3;

    public string? Name { get; set; }
    public List<string> Subsystems { get; set; } = [];
    public List<string> Covers { get; set; } = [];
    public bool NewConstruction { get; set; }
    public StepForm DesignReview { get; set; } = new();
    public StepForm Inspection { get; set; } = new();
    public StepForm Acceptance { get; set; } = new();
    public bool InService { get; set; }
    public string? InServiceSince { get; set; }
    public bool InterfaceReserved { get; set; }
    public bool AlarmNetworked { get; set; }
    public string? RetentionDays { get; set; }
    public bool PersonnelTrained { get; set; }
    public bool SignagePosted { get; set; }
    public List<ProductForm> Products { get; set; } = [];
    public List<ContractorForm> Contractors { get; set; } = [];

    public static SystemForm From(SystemDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Name = s.Name, Subsystems = [.. s.Subsystems], Covers = [.. s.Covers], NewConstruction = s.NewConstruction,
            DesignReview = StepForm.From(s.DesignReview), Inspection = StepForm.From(s.Inspection), Acceptance = StepForm.From(s.Acceptance),
            InService = s.InService, InServiceSince = s.InServiceSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            InterfaceReserved = s.InterfaceReserved, AlarmNetworked = s.AlarmNetworked,
            RetentionDays = s.RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture), PersonnelTrained = s.PersonnelTrained,
            SignagePosted = s.SignagePosted,
            Products = s.Products.Select(p => new ProductForm
            {
                ProductId = p.ProductId?.ToString(), Model = p.Model, Manufacturer = p.Manufacturer, InCatalog = p.InCatalog, MeetsStandard = p.MeetsStandard,
            }).ToList(),
            Contractors = s.Contractors.Select(c => new ContractorForm { ContractorId = c.ContractorId?.ToString(), Name = c.Name, Role = c.Role, Qualified = c.Qualified }).ToList(),
        };
    }

    /// <summary>Pads the product and contractor rows with empty ones to fill in.</summary>
    public void AddSpareRows()
    {
        for (var i = 0; i < SpareRows; i++)
        {
            Products.Add(new ProductForm());
            Contractors.Add(new ContractorForm());
        }
    }

    /// <summary>Builds the request (empty rows left out); dates and the number of days are checked here, the rest by the API's validator.</summary>
    public SystemRequest ToRequest(ModelStateDictionary modelState, out Func<string, string> rename)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var productRows = Products.Select((p, i) => (p, i)).Where(x => !x.p.IsEmpty).Select(x => x.i).ToArray();
        var contractorRows = Contractors.Select((c, i) => (c, i)).Where(x => !x.c.IsEmpty).Select(x => x.i).ToArray();
        rename = key => RowIndex().Replace(key, m =>
        {
            var rows = m.Groups[1].Value.Equals("products", StringComparison.OrdinalIgnoreCase) ? productRows : contractorRows;
            var j = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return $"{m.Groups[1].Value}[{(j < rows.Length ? rows[j] : j)}]";
        });
        StepRequest Step(StepForm s, string field) => new(s.Held, string.IsNullOrEmpty(s.Organizer) ? null : s.Organizer, s.AgencyQualified, s.Passed, s.PoliceParticipated,
            modelState.ParseDate($"Input.{field}.Date", s.Date));
        return new SystemRequest(
            Name, Subsystems.Distinct(StringComparer.Ordinal).ToList(), Covers.Distinct(StringComparer.Ordinal).ToList(), NewConstruction,
            Step(DesignReview, nameof(DesignReview)), Step(Inspection, nameof(Inspection)), Step(Acceptance, nameof(Acceptance)),
            InService, InterfaceReserved, AlarmNetworked, modelState.ParseInt("Input.RetentionDays", RetentionDays), PersonnelTrained,
            productRows.Select(i => new ProductRequest(Products[i].Model?.Trim(), UnitsApi.NullIfEmpty(Products[i].Manufacturer), Products[i].InCatalog,
                Products[i].MeetsStandard, modelState.ParseId($"Input.Products[{i}].ProductId", Products[i].ProductId))).ToList(),
            contractorRows.Select(i => new ContractorRequest(Contractors[i].Name?.Trim(), string.IsNullOrEmpty(Contractors[i].Role) ? null : Contractors[i].Role,
                Contractors[i].Qualified, modelState.ParseId($"Input.Contractors[{i}].ContractorId", Contractors[i].ContractorId))).ToList(),
            modelState.ParseDate("Input.InServiceSince", InServiceSince),
            SignagePosted);
    }

    [GeneratedRegex(@"^(products|contractors)\[(\d+)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RowIndex();
}

/// <summary>What the create and edit pages of a system share: the form and the site it belongs to.</summary>
public abstract class SystemFormPage(JifangDbContext db, ComplianceService compliance, FindingPresenter presenter) : SignedInPageModel
{
    [BindProperty]
    public SystemForm Input { get; set; } = new();

    public SiteDto Site { get; private set; } = null!;

    public static IReadOnlyList<Choice> Subsystems { get; } = Labels.Options(Vocab.Subsystems);

    public static IReadOnlyList<Choice> Organizers { get; } = Labels.Options(Vocab.Organizers);

    /// <summary>The parts a system of this site may cover: the site's own.</summary>
    public IReadOnlyList<Choice> SiteParts => Site.Parts.Select(p => new Choice(p, Labels.Full(Vocab.Parts, p))).ToList();

    public abstract string SubmitLabel { get; }

    protected JifangDbContext Db => db;

    protected ComplianceService Compliance => compliance;

    /// <summary>The request's audit trail: registry entries a system's rows register are logged as through the API.</summary>
    protected Features.Audit.AuditTrail Audit => HttpContext.RequestServices.GetRequiredService<Features.Audit.AuditTrail>();

    /// <summary>The site through the API's own read (scope applies); null when it is not there, archived or out of scope.</summary>
    protected async Task<SiteDto?> LoadSiteAsync(Guid siteId, CancellationToken ct)
    {
        var result = await SitesApi.Get(siteId, db, compliance, presenter, ct);
        if (result.Result is not Ok<SiteDetailDto> ok || ok.Value!.Site.Archived)
        {
            return null;
        }
        Site = ok.Value.Site;
        // The registry entries to choose from: the catalogue, and the contractors in the caller's scope (the rows keep those
        // already chosen); the most recently registered ChoiceLimit of each, listed by name.
        ProductChoices = (await db.Products.AsNoTracking().Where(p => !p.Archived).OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Take(ChoiceLimit)
            .Select(p => new { p.Id, p.Model, p.Manufacturer }).ToListAsync(ct))
            .OrderBy(p => p.Model, StringComparer.Ordinal).Select(p => new Choice(p.Id.ToString(), p.Manufacturer == "" ? p.Model : $"{p.Model}（{p.Manufacturer}）")).ToList();
        ContractorChoices = (await db.Contractors.AsNoTracking().Where(c => !c.Archived).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(ChoiceLimit)
            .Select(c => new { c.Id, c.Name, c.Qualified }).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new Choice(c.Id.ToString(), c.Qualified ? c.Name : $"{c.Name}（无资质）")).ToList();
        return Site;
    }

    /// <summary>The most registry entries a row's list offers.</summary>
    public const int ChoiceLimit = 500;

    /// <summary>Registered products a row may choose.</summary>
    public IReadOnlyList<Choice> ProductChoices { get; private set; } = [];

    /// <summary>Registered contractors in the caller's scope a row may choose.</summary>
    public IReadOnlyList<Choice> ContractorChoices { get; private set; } = [];

    /// <summary>
    /// The build project whose workflow gives the system its lifecycle facts (new construction, review, inspection,
    /// acceptance, service): the form shows them read-only and the handler keeps them; null for facts the unit declares.
    /// </summary>
    public ProjectLink? Project { get; protected set; }
}

/// <summary>A build project a system's lifecycle facts come from: its id and name, for the link to it.</summary>
public sealed record ProjectLink(Guid Id, string Name);
