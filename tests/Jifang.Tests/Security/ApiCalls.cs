using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Security;

/// <summary>How the bad-input tests call any endpoint: a concrete URL on world A, and a caller the endpoint lets through.</summary>
public static class ApiCalls
{
    /// <summary>A concrete URL for a route pattern: the route values of world A.</summary>
    public static string Url(PlatformFixture fx, string pattern)
    {
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(pattern);
        var a = fx.A;
        var url = pattern
            .Replace("{siteId:guid}", a.SiteId.ToString(), StringComparison.Ordinal)
            .Replace("{systemId:guid}", a.SystemId.ToString(), StringComparison.Ordinal)
            .Replace("{unitId:guid}", a.UnitId.ToString(), StringComparison.Ordinal)
            .Replace("{packId}", "nmg-2007", StringComparison.Ordinal)
            .Replace("{number:int}", "9", StringComparison.Ordinal)
            .Replace("{systemId:guid}", a.SystemId.ToString(), StringComparison.Ordinal);
        // A project's sub-records (a correction, a document, a review round): bad input is refused before any is looked up.
        url = System.Text.RegularExpressions.Regex.Replace(url, "\\{(correctionId|documentId)(:guid)?\\}", Guid.Empty.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, "\\{round(:int)?\\}", "1");
        var id = url.StartsWith("/api/units", StringComparison.Ordinal) ? a.UnitId
            : url.StartsWith("/api/sites", StringComparison.Ordinal) ? a.SiteId
            : url.StartsWith("/api/systems", StringComparison.Ordinal) ? a.SystemId
            : url.StartsWith("/api/products", StringComparison.Ordinal) ? a.ProductId
            : url.StartsWith("/api/contractors", StringComparison.Ordinal) ? a.ContractorId
            : url.StartsWith("/api/personnel", StringComparison.Ordinal) ? a.PersonId
            : url.StartsWith("/api/testing-agencies", StringComparison.Ordinal) ? a.AgencyId
            : url.StartsWith("/api/experts", StringComparison.Ordinal) ? a.ExpertId
            : a.DeviceId;
        return url.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>
    /// Who may call an endpoint at all (the body is judged only after authorization): the platform administrator, except for
    /// the access requests, which only officers (open, co-sign, approve) or the using unit (register, consent) may call, and
    /// 处警反馈 (outcome), which only the police may send.
    /// </summary>
    public static Caller CallerFor(string pattern) =>
        pattern.EndsWith("/outcome", StringComparison.Ordinal) ? Callers.PoliceCounty // 处警反馈: only the police
        // 备案: the unit administrator files and resubmits, the county police accept and return.
        // 建设项目: the platform administrator reads but takes no step; the unit administrator opens projects and acts as owner.
        : pattern.StartsWith("/api/projects", StringComparison.Ordinal) ? Callers.UnitAdminA
        : pattern.StartsWith("/api/filings", StringComparison.Ordinal)
            ? (pattern.EndsWith("/accept", StringComparison.Ordinal) || pattern.EndsWith("/return", StringComparison.Ordinal) ? Callers.PoliceCounty : Callers.UnitAdminA)
        : !pattern.StartsWith("/api/access-requests", StringComparison.Ordinal) ? Callers.PlatformAdmin
        : pattern.EndsWith("/register", StringComparison.Ordinal) || pattern.EndsWith("/consent", StringComparison.Ordinal) ? Callers.UnitAdminA
        : Callers.PoliceCounty;
}
