using Jifang.Features.Access;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Pages.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Jifang.Infrastructure;

namespace Jifang.Pages.Access;

/// <summary>
/// One request: what it asks, what the regulation requires and what it still lacks, the registrations made; and the step the
/// user may take (co-sign as a second officer, register as the using unit, consent or decline, approve as the county police).
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class DetailsModel(AccessService access, PortalService portal, IAuthorizationService authorization) : SignedInPageModel
{
    public AccessRequestDetailDto Detail { get; private set; } = null!;

    public Refusal? Refusal { get; private set; }

    [BindProperty] public string? CredentialNumber { get; set; }
    [BindProperty] public bool CredentialsChecked { get; set; }
    [BindProperty] public bool CertificateChecked { get; set; }
    [BindProperty, Text(500, MultiLine = true)] public string? Note { get; set; }

    public bool IsPolice => Roles.Police.Any(User.IsInRole);

    public bool IsUnit => Roles.UnitRoles.Any(User.IsInRole);

    public bool IsCountyPoliceOfSite => User.IsInRole(Roles.PoliceCounty) && Scope.From(User).DivisionPrefix == Detail.Request.DivisionCode;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该申请");

    public Task<IActionResult> OnPostCosignAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Policies.AccessOfficial, async () => (await AccessApi.Cosign(id, new CosignInput(CredentialNumber), User, access, ct)).Result, "已会签，待使用单位登记。", ct);

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AccessUnit)).Succeeded)
        {
            return Lacking(Policies.AccessUnit);
        }
        var result = (await AccessApi.Register(id, new RegisterInput(CredentialsChecked, CertificateChecked), User, access, ct)).Result;
        if (result is Ok<AccessRegistrationDto> ok)
        {
            TempData["Notice"] = $"已登记办理（{ok.Value!.ActionLabel}），审计日志第 {ok.Value.AuditIndex} 条。";
            return Redirect($"/Access/Registration/{ok.Value.Id}");
        }
        return await ShowAsync(id, result, ct);
    }

    public Task<IActionResult> OnPostConsentAsync(Guid id, bool consent, CancellationToken ct) =>
        StepAsync(id, Policies.AccessUnit, async () => (await AccessApi.Consent(id, new ConsentInput(consent, Note), User, access, portal, ct)).Result,
            consent ? "已同意查看并登记。" : "已答复不同意。", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, bool approve, CancellationToken ct) =>
        StepAsync(id, Policies.AccessOfficial, async () => (await AccessApi.Approve(id, new ApprovalInput(approve, Note), User, access, ct)).Result,
            approve ? "已批准复制、调取。" : "已答复不批准。", ct);

    private async Task<IActionResult> StepAsync(Guid id, string policy, Func<Task<IResult>> step, string notice, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Lacking(policy);
        }
        var result = await step();
        if (result is Ok<AccessRequestDetailDto>)
        {
            TempData["Notice"] = notice;
            return Redirect($"/Access/Details/{id}");
        }
        return await ShowAsync(id, result, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, IResult result, CancellationToken ct)
    {
        switch (result)
        {
            case ValidationProblem invalid:
                foreach (var m in invalid.ProblemDetails.Errors.SelectMany(e => e.Value))
                {
                    ModelState.AddModelError("", m);
                }
                break;
            case ProblemHttpResult problem when problem.ProblemDetails.Extensions.ContainsKey("reasons"):
                Refusal = Records.DetailsModel.ToRefusal(problem);
                break;
            case ProblemHttpResult problem:
                ModelState.AddModelError("", $"{problem.ProblemDetails.Title}：{problem.ProblemDetails.Detail}");
                break;
            default:
                return FormErrors.NotFoundPage("该申请");
        }
        return await LoadAsync(id, ct) ? Page() : FormErrors.NotFoundPage("该申请");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await AccessApi.Get(id, access, ct)).Result is not Ok<AccessRequestDetailDto> ok)
        {
            return false;
        }
        Detail = ok.Value!;
        return true;
    }

    public static string Time(DateTime? t) => RecordText.Time(t);
}
