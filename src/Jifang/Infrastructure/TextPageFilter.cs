using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Jifang.Infrastructure;

/// <summary>
/// The text rule (<see cref="TextRule"/>) for the pages' forms: before a form handler runs, every string it was bound —
/// the page's bound properties (walked into the form objects) and the handler's arguments — is checked against its
/// <see cref="TextAttribute"/> (or one line of <see cref="TextRule.DefaultMaxLength"/>). A form that breaks it gets a
/// 400 page naming each field, and the handler never runs: nothing changes. A browser's own form cannot produce such a
/// value (inputs are one line and carry maxlength), so this is what a crafted post meets.
/// </summary>
public sealed class TextPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var errors = new Dictionary<string, string[]>();
        foreach (var bound in context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            var property = bound.Property;
            TextRule.Check(property.GetValue(context.HandlerInstance), property.Name, errors, property.GetCustomAttribute<TextAttribute>(), camel: false);
        }
        var parameters = context.HandlerMethod?.MethodInfo.GetParameters() ?? [];
        foreach (var (name, value) in context.HandlerArguments)
        {
            var parameter = parameters.FirstOrDefault(p => p.Name == name);
            TextRule.Check(value, name, errors, parameter?.GetCustomAttribute<TextAttribute>(), camel: false);
        }
        if (errors.Count > 0)
        {
            context.Result = new ViewResult
            {
                ViewName = "BadInput",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { ["Problems"] = errors, ["Title"] = "提交的内容有误" },
            };
            return;
        }
        await next();
    }
}
