using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages;

/// <summary>How a form page answers after it called an API handler: what the create, edit and archive pages of the registry share.</summary>
public static class FormOutcome
{
    /// <summary>The confirmation box of an archive form.</summary>
    public const string ConfirmField = "ConfirmArchive";

    /// <summary>
    /// The handler's answer on the page: a record saved (201 or 200 with <typeparamref name="T"/>) is the notice and the
    /// redirect; a validation problem or a refusal (403) goes onto the form, for the page to show again (null); anything
    /// else (404) is the not-found page naming <paramref name="what"/>.
    /// </summary>
    public static IActionResult? Of<T>(PageModel page, IResult result, Func<T, string> notice, Func<T, string> redirect, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(redirect);
        switch (result)
        {
            case Created<T> { Value: { } created }:
                page.TempData["Notice"] = notice(created);
                return new RedirectResult(redirect(created));
            case Ok<T> { Value: { } saved }:
                page.TempData["Notice"] = notice(saved);
                return new RedirectResult(redirect(saved));
            case ValidationProblem invalid:
                page.ModelState.AddApiErrors(invalid);
                return null;
            case ProblemHttpResult refused:
                page.ModelState.AddProblem(refused);
                return null;
            default:
                return FormErrors.NotFoundPage(what);
        }
    }

    /// <summary>
    /// An archive form posted without its confirmation box ticked: clears the form's state and says so on it (true), for
    /// the page to show the form again; false when it was ticked.
    /// </summary>
    public static bool Unconfirmed(this ModelStateDictionary modelState, bool confirmed)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (confirmed)
        {
            return false;
        }
        modelState.Clear();
        modelState.AddModelError(ConfirmField, "请先勾选“确认归档”");
        return true;
    }
}
