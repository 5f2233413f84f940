using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Sites;

/// <summary>归档场所: asks once, then posts to the same handler as POST /api/sites/{id}/archive.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class ArchiveModel(JifangDbContext db, ComplianceService compliance, FindingPresenter presenter, TimeProvider time) : SignedInPageModel
{
    public SiteDto Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await SitesApi.Get(id, db, compliance, presenter, ct);
        if (result.Result is not Ok<SiteDetailDto> ok || ok.Value!.Site.Archived)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        Site = ok.Value.Site;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await SitesApi.Archive(id, db, compliance, time, ct);
        if (result.Result is not NoContent)
        {
            return FormErrors.NotFoundPage("该场所");
        }
        TempData["Notice"] = "场所已归档，其问题不再计入概览。";
        return Redirect("/Sites");
    }
}
