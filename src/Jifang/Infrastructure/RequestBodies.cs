using System.Collections;
using System.Reflection;

namespace Jifang.Infrastructure;

/// <summary>
/// What no JSON body of the API may hold, refused before any handler reads it, as a ValidationProblem naming the JSON path:
/// a NUL in a string (PostgreSQL cannot store it; see <see cref="TextInput"/>) and a null element of a list
/// (<c>{"records":[null]}</c>: no handler or validator has to remember that a list may hold nothing in a place, which one
/// forgot and answered 500). Walks the request records of the features (Jifang.Features.*), nothing else among the
/// handler's arguments.
/// </summary>
public static class RequestBodies
{
    public const string NullElementMessage = "列表中不能有空元素（null）";

    public static RouteGroupBuilder RefuseBadBodies(this RouteGroupBuilder group)
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
                    errors[path] = [TextInput.NulMessage];
                }
                return;
            case IEnumerable items when depth < 8:
                var i = 0;
                foreach (var item in items)
                {
                    var at = $"{path}[{i++}]";
                    if (item is null)
                    {
                        errors[at] = [NullElementMessage];
                    }
                    Walk(item, at, errors, depth + 1);
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
