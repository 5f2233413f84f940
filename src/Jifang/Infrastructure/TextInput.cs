using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Infrastructure;

/// <summary>
/// Text that a database cannot hold is refused at the door, the same on either provider: PostgreSQL rejects U+0000 in
/// text (SQLite would store it), so a NUL in a query parameter, a form field or a JSON string is the client's error
/// (400), not a 500 from deep inside a query. JSON bodies are walked by <see cref="RefuseBadText"/>.
/// </summary>
public static class TextInput
{
    public const string NulMessage = Jifang.Rules.Text.PlainText.NulMessage;

    /// <summary>The longest value of a query parameter or of an API form field.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>
    /// Answers 400 (a ValidationProblem naming the parameter) to a request whose query string breaks the text rule
    /// (<see cref="TextRule"/>: one line, no control character or lone surrogate, at most <see cref="MaxQueryLength"/>
    /// characters), or whose form cannot be read (the form reader itself refuses a NUL, with an exception that would
    /// otherwise be a 500); the fields of an API form are one-line text too. A page's form fields are checked against
    /// the form's own declarations by <see cref="TextPageFilter"/>.
    /// </summary>
    public static IApplicationBuilder UseNoNulInQueryOrForm(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var errors = new Dictionary<string, string[]>();
        CheckPairs(context.Request.Query, errors);
        if (errors.Count == 0 && context.Request.HasFormContentType)
        {
            // A page's form (url-encoded) is kept, so that a field the form reader refuses can be named; an upload is not.
            var urlEncoded = context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
            if (urlEncoded)
            {
                context.Request.EnableBuffering();
            }
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    CheckPairs(form, errors);
                }
            }
            catch (InvalidDataException e)
            {
                if (urlEncoded && await NulFieldAsync(context.Request) is { } field)
                {
                    errors[field] = [NulMessage];
                }
                else
                {
                    await RefuseAsync(context, "表单无法读取：" + (e.InnerException is InvalidOperationException ? NulMessage : e.Message));
                    return;
                }
            }
        }
        if (errors.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "请求参数有误" },
            });
            return;
        }
        await next();
    });

    /// <summary>The field of a url-encoded form whose name or value holds a NUL (the form reader refuses it without saying which).</summary>
    private static async Task<string?> NulFieldAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        foreach (var pair in body.Split('&'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(at < 0 ? pair : pair[..at]);
            var value = at < 0 ? "" : Decode(pair[(at + 1)..]);
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                return TextRule.Problem(name, false, 200) is null ? name : "(参数名)";
            }
        }
        return null;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    private static void CheckPairs(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs, Dictionary<string, string[]> errors)
    {
        foreach (var (key, values) in pairs)
        {
            if (TextRule.Problem(key, false, 200) is { } bad)
            {
                errors["(参数名)"] = ["参数名" + bad];
                continue;
            }
            if (values.Select(v => TextRule.Problem(v, false, MaxQueryLength)).FirstOrDefault(p => p is not null) is { } problem)
            {
                errors[key] = [problem];
            }
        }
    }

    private static async Task RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "请求格式错误", Detail = detail },
        });
    }

    /// <summary>
    /// Refuses a JSON body (or a string bound from the query or a form) that breaks the text rule, as a ValidationProblem
    /// naming each field by its JSON path ("products[0].model"), before the handler runs: the request records' strings are
    /// checked against their <see cref="TextAttribute"/> (or one line of <see cref="TextRule.DefaultMaxLength"/>).
    /// </summary>
    public static RouteGroupBuilder RefuseBadText(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var parameters = factory.MethodInfo.GetParameters();
            return async context =>
            {
                var errors = new Dictionary<string, string[]>();
                for (var i = 0; i < context.Arguments.Count && i < parameters.Length; i++)
                {
                    var argument = context.Arguments[i];
                    if (argument is string s)
                    {
                        TextRule.Check(s, parameters[i].Name ?? "", errors, parameters[i].GetCustomAttribute<TextAttribute>() ?? new TextAttribute(MaxQueryLength));
                    }
                    else if (argument is not null && TextRule.IsRequestRecord(argument.GetType()))
                    {
                        TextRule.Check(argument, "", errors);
                    }
                }
                return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "请求内容有误") : await next(context);
            };
        });
        return group;
    }
}
