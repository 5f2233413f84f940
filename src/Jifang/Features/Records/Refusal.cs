using System.Security.Claims;
using Jifang.Features.Compliance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jifang.Features.Records;

/// <summary>所引用的条款：写明的引文、所指的条文，以及该条的页面地址</summary>
public sealed record CitedProvision(string Cite, string Text, string Words, string? Href);

/// <summary>拒绝的一项理由：条例判定（或平台）发现的问题，以及所依据的条款</summary>
/// <param name="PackId">判定该项的条例（一个场所依几部条例判定时，每项写明依哪一部）；平台自身的理由为空</param>
public sealed record RefusalReason(string? Rule, string Message, IReadOnlyList<CitedProvision> Citations, string? PackId = null);

/// <summary>
/// A refusal the platform shows: what was refused, why, under which regulation and provisions (each with its words and a link
/// to the article), and the audit entry that logged it. The API answers it as a 409 ProblemDetails with these fields.
/// </summary>
public sealed record Refusal(string Title, string PackId, string RegulationTitle, IReadOnlyList<RefusalReason> Reasons, long? AuditIndex = null, string? AuditLeafHash = null)
{
    public string Message => string.Join("；", Reasons.Select(r => r.Message));

    public IEnumerable<CitedProvision> Citations => Reasons.SelectMany(r => r.Citations).DistinctBy(c => c.Cite);

    public ProblemHttpResult ToProblem(int status = StatusCodes.Status409Conflict) => TypedResults.Problem(
        statusCode: status,
        title: Title,
        detail: Message,
        extensions: new Dictionary<string, object?>
        {
            ["packId"] = PackId,
            ["regulation"] = RegulationTitle,
            ["reasons"] = Reasons,
            ["citations"] = Citations.ToList(),
            ["auditIndex"] = AuditIndex,
            ["auditLeafHash"] = AuditLeafHash,
        });

    public static CitedProvision Provision(string packId, CitationDto c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CitedProvision(c.Cite, c.Text, c.Words, new Jifang.Pages.CitationView(packId, c).Href);
    }
}

/// <summary>Who is acting, as the audit log and the registrations name them.</summary>
public static class Actor
{
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "anonymous";
    }

    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("jifang:name")?.Value is { Length: > 0 } name ? name : Of(user);
    }
}
