using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;

namespace Jifang.Features.Identity;

/// <summary>
/// Which permission a refused page asked for, so that the access-denied page can say it rather than only "your role may
/// not": the policy a page handler checked itself (<see cref="Record"/>, before it forbids), else the first policy of the
/// page's own <c>[Authorize(Policy = …)]</c> that the user does not meet. It travels to /Account/Denied as <c>need=</c>,
/// which the page shows only when it names a policy of <see cref="Policies"/>.
/// </summary>
public static class DeniedPermission
{
    public const string Parameter = "need";

    private const string ItemKey = "jifang:denied-policy";

    /// <summary>The Chinese name of each policy, as the access-denied page shows it.</summary>
    public static string? Label(string? policy) => policy switch
    {
        Policies.RegistryRead => "查看登记信息（场所、单位、技防系统、信息资料）",
        Policies.RegistryWrite => "填报和修改登记信息",
        Policies.Supervise => "监督管理（单位备案、产品与从业单位名录、审计日志）",
        Policies.Admin => "平台管理",
        Policies.AlarmsHandle => "处置报警（确认或排除）",
        Policies.AlarmsAcknowledge => "签收上报的报警",
        Policies.RecordsRegister => "登记信息资料",
        Policies.RecordsDelete => "删除信息资料",
        Policies.RecordsHold => "证据保全",
        Policies.AccessOfficial => "以国家机关工作人员身份查阅、复制、调取（发起、会签、批准）",
        Policies.AccessUnit => "以使用单位身份办理查阅申请（登记、答复）",
        Policies.ProjectsRead => "查看建设项目和检测机构名录",
        Policies.ExpertsRead => "查看专家库",
        _ => null,
    };

    /// <summary>Notes the policy a handler found the user lacking, before it forbids.</summary>
    public static void Record(HttpContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = policy;
    }

    /// <summary>The access-denied redirect with <c>need=</c> added when the lacking policy is known.</summary>
    public static async Task<string> RedirectAsync(HttpContext context, string redirectUri)
    {
        ArgumentNullException.ThrowIfNull(context);
        var need = context.Items[ItemKey] as string ?? await FirstFailingAsync(context);
        return need is null ? redirectUri : QueryHelpers.AddQueryString(redirectUri, Parameter, need);
    }

    private static async Task<string?> FirstFailingAsync(HttpContext context)
    {
        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(p => p.Length > 0).Distinct() ?? [];
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        foreach (var policy in policies)
        {
            if (!(await authorization.AuthorizeAsync(context.User, policy)).Succeeded)
            {
                return policy;
            }
        }
        return null;
    }

    /// <summary>The roles a policy admits (its role requirements), for the access-denied page.</summary>
    public static async Task<IReadOnlyList<string>> RolesAsync(IAuthorizationPolicyProvider provider, string policy)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var found = await provider.GetPolicyAsync(policy);
        return found is null ? [] : found.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct().ToList();
    }
}
