using Jifang.Features.Identity;

namespace Jifang.Features.Access;

/// <summary>
/// A citizen's identity number (居民身份证号码), which the portal records with every request (nmg-2007 第二十条第一款: the
/// identity is registered). Only the police who handle the request need it whole: the county police of the site's division,
/// who approve copies and retrievals and may have to establish who asked. The using unit consents to a view and registers it,
/// which the name and the masked number serve (they match the card the citizen shows); supervisors above the county and the
/// platform administrator do not handle the request. Everyone else, and everything that leaves the platform (slips, packages,
/// the audit log), sees it masked by the one function here: the first six characters (the issuing division) and the last four.
/// </summary>
public static class IdentityNumbers
{
    /// <summary>110105********002X; a value too short to keep anything of is masked whole.</summary>
    public static string? Mask(string? id) => id switch
    {
        null => null,
        { Length: >= 10 } => id[..6] + new string('*', id.Length - 10) + id[^4..],
        _ => new string('*', id.Length),
    };

    /// <summary>Whether this viewer sees the number whole: the county police of the site's division.</summary>
    public static bool ShownWhole(Scope viewer, string? siteDivision)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == Roles.PoliceCounty && viewer.Division is { } division && division == siteDivision;
    }

    /// <summary>The request's identity number as this viewer may see it.</summary>
    public static string? For(Scope viewer, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ShownWhole(viewer, request.Site?.DivisionCode) ? request.CitizenIdNumber : Mask(request.CitizenIdNumber);
    }
}
