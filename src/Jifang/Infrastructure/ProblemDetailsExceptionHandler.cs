using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Infrastructure;

/// <summary>
/// The one exception handler of the API: malformed request bodies are 400 naming the problem; nothing else leaks a stack trace.
/// A page's failure is declined here and shown as the Chinese error page (<see cref="ErrorPages"/>).
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The middleware has already set the path to /Error for the re-execution; the request's own path is in the feature.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!ErrorPages.IsApi(path))
        {
            // The middleware logs it (unless it is a client's bad request) and re-executes the request as /Error.
            return false;
        }
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            // Thrown in every environment (RouteHandlerOptions.ThrowOnBadRequest): the field it concerns is named, in Chinese.
            httpContext.Response.StatusCode = bad.StatusCode;
            var (field, message, detail) = JsonErrors.Describe(bad);
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = "请求格式错误",
                Detail = detail,
            };
        }
        else if (exception is Data.StoredTextException text)
        {
            // What the request's own checks let through, refused before the save (nothing saved): the client's error.
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [text.Field] = [text.Problem] })
            {
                Status = 400, Title = "请求内容有误", Detail = $"无法保存：{text.Message}",
            };
        }
        else if (exception is Features.Audit.AuditUnavailableException unavailable)
        {
            // The change was rolled back with its entries (or, after its commit, waits in the outbox): say which, plainly.
            AuditUnavailable(log, exception, path);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "30";
            problem = new ProblemDetails { Status = 503, Title = "审计日志暂不可用", Detail = unavailable.Message };
        }
        else
        {
            Unhandled(log, exception, path);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "请求未能完成，已记录错误。" };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "审计日志不可用，请求未执行：{Path}")]
    private static partial void AuditUnavailable(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "未处理的异常：{Path}")]
    private static partial void Unhandled(ILogger logger, Exception exception, PathString path);
}
