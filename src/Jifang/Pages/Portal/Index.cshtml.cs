using Jifang.Features.Access;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jifang.Pages.Portal;

/// <summary>
/// 公民查看申请 (nmg-2007 第二十条): open to everyone, with or without an account (a citizen harmed seldom has one); forms carry
/// antiforgery tokens and the portal is rate-limited per client. Filing gives a request number and an access code.
/// </summary>
[EnableRateLimiting(PlatformHost.PortalLimiter)]
public sealed class IndexModel(PortalService portal) : PageModel
{
    [BindProperty] public PortalInput Input { get; set; } = new();

    public string? Number { get; private set; }

    public string? Code { get; private set; }

    public Features.Records.Refusal? Refusal { get; private set; }

    public void OnGet(string? division, string? site)
    {
        Input.DivisionCode = division;
        Input.SiteName = site;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await portal.FileAsync(Input, ct);
        if (result.Errors is { } errors)
        {
            foreach (var (key, messages) in errors)
            {
                foreach (var m in messages)
                {
                    ModelState.AddModelError(FormErrors.FormKey(key), m);
                }
            }
            return Page();
        }
        Refusal = result.Refusal;
        Number = result.Request?.Number;
        Code = result.Code;
        return Page();
    }
}
