using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jifang.Infrastructure;

/// <summary>
/// Shows each text field's rule (<see cref="TextAttribute"/>) in the OpenAPI document: <c>maxLength</c> on the string (on
/// the items of a list of strings), and <c>x-multiline: true</c> where line breaks are allowed. A client learns the limits
/// there, and the bad-input test reads them to try every string field of every write operation.
/// </summary>
public static class TextSchema
{
    public const string MultiLineExtension = "x-multiline";

    public static OpenApiOptions AddTextRules(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(TextAttribute), true).OfType<TextAttribute>().FirstOrDefault() is { } rule)
            {
                var target = schema.Items is OpenApiSchema items ? items : schema;
                target.MaxLength = rule.MaxLength;
                if (rule.MultiLine)
                {
                    target.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    target.Extensions[MultiLineExtension] = new JsonNodeExtension(JsonValue.Create(true));
                }
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
