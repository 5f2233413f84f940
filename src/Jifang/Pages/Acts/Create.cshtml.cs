using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Jifang.Infrastructure;

namespace Jifang.Pages.Acts;

public sealed class ActForm
{
    public string? Kind { get; set; }
    public string? Date { get; set; }
    public string? Actor { get; set; }
    public bool Authorized { get; set; }
    public bool SeriousConsequences { get; set; }
    public string? SystemId { get; set; }
    [Text(2000, MultiLine = true)]
    public string? Description { get; set; }
}

/// <summary>登记行为 (/Acts/Create?siteId=…): conduct such as shutting a system down; posts to the handler of POST /api/sites/{siteId}/acts.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class CreateModel(
    JifangDbContext db, IValidator<ActRequest> validator, ComplianceService compliance, FindingPresenter presenter, TimeProvider time) : SignedInPageModel
{
    [BindProperty]
    public ActForm Input { get; set; } = new();

    public SiteDto Site { get; private set; } = null!;

    public IReadOnlyList<Choice> Systems { get; private set; } = [];

    public static IReadOnlyList<Choice> Kinds { get; } = Labels.Options(Vocab.ActKinds);

    public static IReadOnlyList<Choice> Actors { get; } = Labels.Options(Vocab.ActorKinds);

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct)
    {
        if (!await LoadAsync(siteId, ct))
        {
            return FormErrors.NotFoundPage("该场所");
        }
        Input.Date = Labels.Date(compliance.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid siteId, CancellationToken ct)
    {
        if (!await LoadAsync(siteId, ct))
        {
            return FormErrors.NotFoundPage("该场所");
        }
        ModelState.ReplaceBindingErrors();
        var systemId = ModelState.ParseId("Input.SystemId", Input.SystemId);
        var date = ModelState.ParseDate("Input.Date", Input.Date);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var request = new ActRequest(string.IsNullOrEmpty(Input.Kind) ? null : Input.Kind, date, string.IsNullOrEmpty(Input.Actor) ? null : Input.Actor,
            Input.Authorized, Input.SeriousConsequences, systemId, Input.Description);
        var result = await ActsApi.Create(siteId, request, db, validator, compliance, time, ct);
        switch (result.Result)
        {
            case Created<ActDto> created:
                TempData["Notice"] = $"已登记行为「{Labels.Of(Vocab.ActKinds, created.Value!.Kind)}」，场所已重新评判。";
                return Redirect($"/Sites/Details/{siteId}");
            case ValidationProblem invalid:
                ModelState.AddApiErrors(invalid);
                return Page();
            default:
                return FormErrors.NotFoundPage("该场所");
        }
    }

    private async Task<bool> LoadAsync(Guid siteId, CancellationToken ct)
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
