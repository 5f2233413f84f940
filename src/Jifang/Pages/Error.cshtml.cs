using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jifang.Pages;

/// <summary>
/// 出错页: what a page answers when it has no answer of its own — an address that does not exist (404), a refusal without a page
/// (403), a failure (500) — in Chinese, in the site's layout, with a way back. The status-code pages and the exception handler
/// re-execute the request here for every path but the API's (<see cref="ErrorPages"/>); the API keeps its ProblemDetails.
/// Nothing of an exception but what the platform itself says to users (the audit log's unavailability, the text rule) is shown.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>The address that was asked for (a missing page's), or null.</summary>
    public string? Requested { get; private set; }

    /// <summary>
    /// Runs for every method (the re-executed request keeps the original's: a failed POST is shown too) without being a
    /// handler, so that the page has no form handler of its own.
    /// </summary>
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var code = RouteData.Values["code"] is string s && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        (Status, Message) = failure?.Error switch
        {
            AuditUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message + "请稍后再试。"),
            StoredTextException text => (StatusCodes.Status400BadRequest, $"无法保存：{text.Message}。请返回上一页修改后重新提交。"),
            BadHttpRequestException bad => (bad.StatusCode, "请求无法读取，请返回上一页重试。"),
            not null => (StatusCodes.Status500InternalServerError, "请求未能完成，错误已记录。请稍后再试；如仍不能完成，请联系平台管理员。"),
            null => (code is >= 400 and <= 599 ? code.Value : StatusCodes.Status404NotFound, ""),
        };
        if (Message.Length == 0)
        {
            Message = Status switch
            {
                StatusCodes.Status404NotFound => "您访问的页面不存在，可能是地址有误，或该内容已删除、已归档。",
                StatusCodes.Status403Forbidden => "您无权访问此页面或执行此操作。",
                StatusCodes.Status405MethodNotAllowed => "此页面不接受这种请求方式。",
                StatusCodes.Status400BadRequest => "提交的请求无法处理（例如表单已过期）。请返回上一页，刷新后重新提交。",
                >= 500 => "请求未能完成。请稍后再试；如仍不能完成，请联系平台管理员。",
                _ => "请求未能完成。",
            };
        }
        Heading = Status == StatusCodes.Status404NotFound ? "页面不存在" : ChineseProblems.Title(Status);
        Requested = Status == StatusCodes.Status404NotFound ? reExecuted?.OriginalPath : null;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
        Response.StatusCode = Status;
    }
}
