namespace Jifang.Infrastructure;

/// <summary>
/// Every ProblemDetails the platform writes is in Chinese: a title the framework filled in by default ("One or more
/// validation errors occurred.", "Bad Request", "Not Found"…) is replaced by the Chinese for its status; titles the
/// features chose are kept.
/// </summary>
public static class ChineseProblems
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Title is null || problem.Title.All(c => c < '\u0080'))
        {
            problem.Title = Title(problem.Status ?? context.HttpContext.Response.StatusCode);
        }
        if (problem.Detail is { } detail && detail.All(c => c < '\u0080') && detail.Length > 0)
        {
            // A framework's English detail (a status page's, a binding's) says nothing a Chinese user can read.
            problem.Detail = null;
        }
    }

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求内容有误",
        StatusCodes.Status401Unauthorized => "未登录或登录已失效",
        StatusCodes.Status403Forbidden => "无权执行此操作",
        StatusCodes.Status404NotFound => "未找到",
        StatusCodes.Status405MethodNotAllowed => "不支持此请求方法",
        StatusCodes.Status409Conflict => "与当前状态冲突",
        StatusCodes.Status413PayloadTooLarge => "请求体过大",
        StatusCodes.Status415UnsupportedMediaType => "不支持的请求体格式",
        StatusCodes.Status423Locked => "已锁定",
        StatusCodes.Status429TooManyRequests => "请求过于频繁",
        StatusCodes.Status503ServiceUnavailable => "服务暂不可用",
        >= 500 => "服务器内部错误",
        _ => "请求未能完成",
    };
}
