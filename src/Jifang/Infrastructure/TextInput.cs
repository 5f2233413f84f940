using Microsoft.AspNetCore.Mvc;

namespace Jifang.Infrastructure;

/// <summary>
/// Text that a database cannot hold is refused at the door, the same on either provider: PostgreSQL rejects U+0000 in
/// text (SQLite would store it), so a NUL in a query parameter, a form field or a JSON string is the client's error
/// (400), not a 500 from deep inside a query. JSON bodies are walked by <see cref="RequestBodies"/>.
/// </summary>
public static class TextInput
{
    public const string NulMessage = "文本不能包含 NUL 字符（U+0000）";

    /// <summary>
    /// Answers 400 to a request whose query string holds a NUL (%00), or whose form cannot be read (the form reader
    /// itself refuses a NUL, with an exception that would otherwise be a 500).
    /// </summary>
    public static IApplicationBuilder UseNoNulInQueryOrForm(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HasNul(context.Request.Query))
        {
            await RefuseAsync(context, NulMessage);
            return;
        }
        if (context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                await RefuseAsync(context, "表单无法读取：" + (e.InnerException is InvalidOperationException ? NulMessage : e.Message));
                return;
            }
        }
        await next();
    });

    private static async Task RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "请求格式错误", Detail = detail },
        });
    }

    private static bool HasNul(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)));
}
