using Scalar.AspNetCore;

namespace Jifang.Infrastructure;

/// <summary>
/// Security headers on every response: no sniffing, no framing, a strict content policy; and no caching (Cache-Control:
/// no-store) of anything but the style sheet and scripts, since every page and API answer shows data of a scope. The
/// server does not name itself (Kestrel's Server header is off, <see cref="PlatformHost"/>).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
        {
            headers.CacheControl = "no-store";
        }
        if (!context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        }
        else
        {
            // The reference page: its inline start-up script runs by the nonce Scalar emits (ApiDocument.ConfigureReference),
            // its components style themselves inline; nothing may be fetched, connected to or loaded from another host.
            context.Response.OnStarting(() =>
            {
                var nonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                var scripts = nonce is null ? "'self'" : $"'self' 'nonce-{nonce}'";
                headers["Content-Security-Policy"] = $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
                return Task.CompletedTask;
            });
        }
        await next();

    });
}
