using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Units;

/// <summary>归档单位 (police and administrators): asks once, then posts to the same handler as POST /api/units/{id}/archive.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class ArchiveModel(JifangDbContext db, TimeProvider time) : SignedInPageModel
{
    public UnitDto Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if ((await UnitsApi.Get(id, db, ct)).Result is not Ok<UnitDto> ok || ok.Value!.Archived)
        {
            return FormErrors.NotFoundPage("该单位");
        }
        Unit = ok.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var audit = HttpContext.RequestServices.GetRequiredService<Jifang.Features.Audit.AuditTrail>();
        if ((await UnitsApi.Archive(id, db, time, audit, ct)).Result is not NoContent)
        {
            return FormErrors.NotFoundPage("该单位");
        }
        TempData["Notice"] = "单位已归档，不再出现在单位列表中。";
        return Redirect("/Units");
    }
}
