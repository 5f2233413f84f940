using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Infrastructure;

/// <summary>
/// Text that a database cannot hold is refused at the door, the same on either provider: PostgreSQL rejects U+0000 in
/// text (SQLite would store it), so a NUL in a query parameter, a form field or a JSON string is the client's error
/// (400), not a 500 from deep inside a query.
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

    /// <summary>
    /// Refuses a JSON body with a NUL in any string, as a ValidationProblem naming the field ("products[0].model").
    /// Walks the request records of the features (Jifang.Features.*), nothing else among the handler's arguments.
    /// </summary>
    public static RouteGroupBuilder RefuseNulInBodies(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var argument in context.Arguments)
            {
                if (argument is not null && IsRequest(argument.GetType()))
                {
                    Walk(argument, "", errors, 0);
                }
            }
            return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
        });
        return group;
    }

    private static bool IsRequest(Type type) => type.Namespace?.StartsWith("Jifang.Features", StringComparison.Ordinal) == true && type.IsClass;

    private static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                if (s.Contains('\0', StringComparison.Ordinal))
                {
                    errors[path] = [NulMessage];
                }
                return;
            case IEnumerable items when depth < 8:
                var i = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{i++}]", errors, depth + 1);
                }
                return;
        }
        if (depth < 8 && IsRequest(value.GetType()))
        {
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                Walk(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
            }
        }
    }
}
