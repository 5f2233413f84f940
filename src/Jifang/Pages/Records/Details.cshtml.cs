using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Jifang.Infrastructure;

namespace Jifang.Pages.Records;

/// <summary>One record: its metadata, its minimum retention and what it rests on, holds, refused deletions; the deletion form.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(
    JifangDbContext db, RetentionPolicy retention, ComplianceService compliance, PackSet packs, AuditTrail audit, TimeProvider time,
    IAuthorizationService authorization) : SignedInPageModel
{
    public RecordDetailDto Detail { get; private set; } = null!;

    public bool CanDelete { get; private set; }

    public Refusal? Refusal { get; private set; }

    [BindProperty]
    [Text(500, MultiLine = true)]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该记录");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RecordsDelete)).Succeeded)
        {
            return Lacking(Policies.RecordsDelete);
        }
        var result = await RecordsApi.Delete(id, new DeleteRecordRequest(Reason), User, db, retention, compliance, audit, time, HttpContext.RequestAborted);
        switch (result.Result)
        {
            case Ok<RecordDto>:
                TempData["Notice"] = "记录已标记删除（登记保留，删除人和时间已记录）。";
                return Redirect($"/Records/Details/{id}");
            case ValidationProblem invalid:
                foreach (var (key, messages) in invalid.ProblemDetails.Errors)
                {
                    foreach (var m in messages)
                    {
                        ModelState.AddModelError(key == "reason" ? nameof(Reason) : "", m);
                    }
                }
                break;
            case ProblemHttpResult problem when problem.ProblemDetails.Extensions.ContainsKey("reasons"):
                Refusal = ToRefusal(problem);
                break;
            case ProblemHttpResult problem:
                ModelState.AddModelError("", $"{problem.ProblemDetails.Title}：{problem.ProblemDetails.Detail}");
                break;
            default:
                return FormErrors.NotFoundPage("该记录");
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该记录");
    }

    /// <summary>The refusal the handler answered, as the page shows it.</summary>
    public static Refusal ToRefusal(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var x = problem.ProblemDetails.Extensions;
        return new Refusal(problem.ProblemDetails.Title ?? "", x["packId"] as string ?? "", x["regulation"] as string ?? "",
            (IReadOnlyList<RefusalReason>)x["reasons"]!, x["auditIndex"] as long?, x["auditLeafHash"] as string);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await RecordsApi.Get(id, db, retention, packs, time, ct)).Result is not Ok<RecordDetailDto> ok)
        {
            return false;
        }
        Detail = ok.Value!;
        CanDelete = !Detail.Record.Deleted && (await authorization.AuthorizeAsync(User, Policies.RecordsDelete)).Succeeded;
        return true;
    }

    public string Who => User.FindFirstValue("jifang:name") ?? "";
}
