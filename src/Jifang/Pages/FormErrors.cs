using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Jifang.Pages;

/// <summary>
/// Carries the API handlers' answers into a form: validation errors (Chinese, as the validators give
/// them) onto the fields they name, a scope refusal (403) onto the field it names.
/// </summary>
public static class FormErrors
{
    /// <summary>Copies a ValidationProblem's errors to the form fields: "categories[0]" → "Input.Categories",
    /// "designReview.organizer" → "Input.DesignReview.Organizer", "products[1].model" → "Input.Products[1].Model".</summary>
    public static void AddApiErrors(this ModelStateDictionary modelState, ValidationProblem problem, Func<string, string>? rename = null, Func<string, string>? reword = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problem);
        foreach (var (key, messages) in problem.ProblemDetails.Errors)
        {
            var field = FormKey(rename?.Invoke(key) ?? key);
            foreach (var message in messages)
            {
                modelState.AddModelError(field, reword?.Invoke(message) ?? message);
            }
        }
    }

    /// <summary>Shows a refusal of the handler (403 outside the user's jurisdiction or unit) as a form error in Chinese.</summary>
    public static void AddProblem(this ModelStateDictionary modelState, ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problem);
        var details = problem.ProblemDetails;
        var field = details.Extensions.TryGetValue("field", out var f) && f?.ToString() is { Length: > 0 } name ? name : null;
        var detail = details.Detail ?? "";
        if (field is not null && detail.StartsWith(field + ": ", StringComparison.Ordinal))
        {
            detail = detail[(field.Length + 2)..];
        }
        var message = $"{details.Title ?? (details.Status == StatusCodes.Status403Forbidden ? "超出您的范围" : "无法完成")}：{detail}";
        modelState.AddModelError(field is null ? "" : FormKey(field), message);
    }

    /// <summary>Binding errors (a value that is not a number, a date…) come in English from MVC; say them in Chinese.</summary>
    public static void ReplaceBindingErrors(this ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var (key, entry) in modelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            modelState.AddModelError(key, "填写的值无效");
        }
    }

    /// <summary>Parses an optional yyyy-MM-dd date from a form field; records a Chinese error when it is malformed.</summary>
    public static DateOnly? ParseDate(this ModelStateDictionary modelState, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        modelState.AddModelError(field, "日期应写作 年-月-日，例如 2024-03-01");
        return null;
    }

    /// <summary>Parses an optional whole number from a form field; records a Chinese error when it is not one.</summary>
    public static int? ParseInt(this ModelStateDictionary modelState, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        modelState.AddModelError(field, "应填写整数");
        return null;
    }

    /// <summary>Parses an optional id chosen in a select; records a Chinese error when it is not an id.</summary>
    public static Guid? ParseId(this ModelStateDictionary modelState, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }
        modelState.AddModelError(field, "所选项目无效");
        return null;
    }

    /// <summary>"categories[0]" → "Input.Categories" (a checkbox list shows its errors once);
    /// "products[1].model" → "Input.Products[1].Model".</summary>
    public static string FormKey(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (apiKey.Length == 0)
        {
            return "";
        }
        var segments = apiKey.Split('.').Select(Pascal).ToArray();
        var last = segments[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0)
        {
            segments[^1] = last[..bracket];
        }
        return "Input." + string.Join('.', segments);
    }

    private static string Pascal(string segment) =>
        segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];

    /// <summary>The 404 page of the site, in Chinese, with the status code 404.</summary>
    public static IActionResult NotFoundPage(string what = "所请求的内容") =>
        new ViewResult
        {
            ViewName = "NotFound",
            StatusCode = StatusCodes.Status404NotFound,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { ["What"] = what, ["Title"] = "未找到" },
        };
}
