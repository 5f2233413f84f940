using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages;

/// <summary>
/// The base of every page behind sign-in. The platform's default scheme answers challenges the API's
/// way (a bare 401/403 from the bearer handler); naming the cookie scheme here makes a page send a
/// visitor who is not signed in to /Account/Login, and one whose role may not see it to /Account/Denied.
/// </summary>
[Authorize(AuthenticationSchemes = CookieScheme)]
public abstract class SignedInPageModel : PageModel
{
    /// <summary>IdentityConstants.ApplicationScheme (a static field, so not usable in an attribute).</summary>
    public const string CookieScheme = "Identity.Application";

    /// <summary>
    /// Refuses a handler whose policy the user lacks, as <c>Forbid</c> does (to /Account/Denied), naming the policy there
    /// (<see cref="Features.Identity.DeniedPermission"/>).
    /// </summary>
    [NonHandler]
    public ForbidResult Lacking(string policy)
    {
        Features.Identity.DeniedPermission.Record(HttpContext, policy);
        return Forbid(CookieScheme);
    }

    /// <summary>A POST to a page that only reads would render it without loading anything: refuse it.</summary>
    /// <remarks>
    /// Not a handler: Razor Pages takes a public method named On{Verb}{Name} of the page model for one, and this override would
    /// otherwise be the handler "HandlerExecuting" of a request method "PAGE", whose context no request can bind (a 500).
    /// </remarks>
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }
}
