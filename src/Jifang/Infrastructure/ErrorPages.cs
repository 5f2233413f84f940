namespace Jifang.Infrastructure;

/// <summary>
/// How an error is answered, by who asks: the API (<c>/api</c>) and the OpenAPI document (<c>/openapi</c>) answer ProblemDetails
/// (JSON, in Chinese: <see cref="ChineseProblems"/>, <see cref="ProblemDetailsExceptionHandler"/>); everything else is a page
/// someone reads, so a status without a body (404, 403, 405…) and an exception are re-executed as the Chinese error page
/// <c>/Error</c> (<c>Pages/Error.cshtml</c>), in the site's layout, with a way back and without the exception's details.
/// </summary>
public static class ErrorPages
{
    public const string Path = "/Error";

    /// <summary>Requests answered with ProblemDetails rather than a page.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    public static IApplicationBuilder UseJifangErrors(this IApplicationBuilder app)
    {
        // The exception handler first asks ProblemDetailsExceptionHandler, which answers the API's failures (and declines a
        // page's); a page's is re-executed as /Error. A client's bad request is answered, not logged as a server error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = Path,
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseWhen(c => IsApi(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c.Request.Path), pages => pages.UseStatusCodePagesWithReExecute(Path + "/{0}"));
        return app;
    }
}
