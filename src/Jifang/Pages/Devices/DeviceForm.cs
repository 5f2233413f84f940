using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Devices;

#pragma warning disable CA1002, CA2227 // the form binds a posted checkbox list

public sealed class DeviceForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? SystemId { get; set; }
    public List<string> Captures { get; set; } = [];
    public string? Zone { get; set; } = "public";

    public DeviceRequest ToRequest(Guid? systemId) =>
        new(Name, Kind, systemId, Captures.Distinct(StringComparer.Ordinal).ToList(), string.IsNullOrEmpty(Zone) ? null : Zone);

    public static DeviceForm From(DeviceDto d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new() { Name = d.Name, Kind = d.Kind, SystemId = d.SystemId?.ToString(), Captures = [.. d.Captures], Zone = d.Zone };
    }
}

/// <summary>What the create and edit pages of a device share: the form, the site, the systems it may belong to.</summary>
public abstract class DeviceFormPage(
    JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time) : SignedInPageModel
{
    [BindProperty]
    public DeviceForm Input { get; set; } = new();

    public SiteDto Site { get; private set; } = null!;

    public IReadOnlyList<Choice> Systems { get; private set; } = [];

    public static IReadOnlyList<Choice> Captures { get; } = Labels.Options(Vocab.Captures);

    public static IReadOnlyList<Choice> Zones { get; } = Labels.Options(Vocab.Zones);

    public abstract string SubmitLabel { get; }

    protected JifangDbContext Db => db;
    protected IValidator<DeviceRequest> Validator => validator;
    protected ComplianceService Compliance => compliance;
    protected TimeProvider Time => time;

    /// <summary>The form's request, or null when a field could not be read (the error is on the form).</summary>
    protected DeviceRequest? ReadForm()
    {
        ModelState.ReplaceBindingErrors();
        var systemId = ModelState.ParseId("Input.SystemId", Input.SystemId);
        return ModelState.IsValid ? Input.ToRequest(systemId) : null;
    }

    /// <summary>Copies a handler's refusal onto the form; returns the redirect to the site's devices when it succeeded.</summary>
    protected IActionResult? Handle(IResult result, string done, string what) =>
        FormOutcome.Of<DeviceDto>(this, result, x => $"已{done}设备「{x.Name}」，场所已重新评判。", x => $"/Sites/Details/{x.SiteId}#devices", what);

    /// <summary>The site through the API's own read (scope applies), with its systems; false when it is not there, archived or out of scope.</summary>
    protected async Task<bool> LoadSiteAsync(Guid siteId, CancellationToken ct)
    {
        if ((await SitesApi.Get(siteId, db, compliance, presenter, ct)).Result is not Ok<SiteDetailDto> ok || ok.Value!.Site.Archived)
        {
            return false;
        }
        Site = ok.Value.Site;
        Systems = ok.Value.Systems.Select(s => new Choice(s.Id.ToString(), s.Name)).ToList();
        return true;
    }
}
