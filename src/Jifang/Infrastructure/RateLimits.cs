using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Infrastructure;

/// <summary>
/// The rate limits of the platform's endpoints and how a refusal is answered: 429 with <c>Retry-After</c> (whole seconds,
/// from the refused lease) and a Chinese ProblemDetails body. Limits count on the injected <see cref="TimeProvider"/>
/// (<see cref="ClockWindowLimiter"/>). The sign-in limit is the identity module's (IdentityModule); the portal's is here.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddJifangRateLimits(this IServiceCollection s, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var portal = config.GetValue("Portal:RequestsPerMinute", 30);
        if (portal < 1)
        {
            throw new InvalidOperationException($"配置项 Portal:RequestsPerMinute 必须是正整数（现为 {portal}）。");
        }
        return s.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                return new ValueTask(WriteTooManyAsync(context.HttpContext, after, "请求过于频繁", "请求过于频繁"));
            };
            // The citizens' portal is open without an account: Portal:RequestsPerMinute (30) requests a minute per client.
            o.AddPolicy(PlatformHost.PortalLimiter, c => PerMinute(c, ClientPartition.Of(c), portal));
        });
    }

    /// <summary>A partition of <paramref name="permits"/> a minute of the platform's clock.</summary>
    public static RateLimitPartition<string> PerMinute(HttpContext context, string partition, int permits)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(partition, _ => new ClockWindowLimiter(time, permits, TimeSpan.FromMinutes(1)));
    }

    /// <summary>Whole seconds to wait, at least one: what <c>Retry-After</c> says.</summary>
    public static int Seconds(TimeSpan after) => Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));

    /// <summary>Answers 429 with Retry-After and a ProblemDetails body: "{what}，请 N 秒后再试。".</summary>
    public static async Task WriteTooManyAsync(HttpContext context, TimeSpan after, string title, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Seconds(after);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = title, Detail = $"{what}，请 {seconds} 秒后再试。" };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // A client that accepts no JSON still gets the problem, as JSON.
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
