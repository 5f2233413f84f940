using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>
/// Waiting for the page a step leads to, and when it does not come, saying where the browser is instead: its address, the
/// page's text and the server's last lines. A browser step that failed once without a trace (the form shown again? an
/// error page? the sign-in page?) is then diagnosed from the failure message alone.
/// </summary>
public static class Waits
{
    public static async Task ForUrlAsync(this IPage page, Func<string, bool> arrived, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.WaitForURLAsync(arrived);
        }
        catch (TimeoutException e)
        {
            var text = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 5_000 });
            var server = PlatformServer.Running?.Output ?? "";
            var tail = string.Join('\n', server.Split('\n').TakeLast(40));
            throw new Xunit.Sdk.XunitException(
                $"{step}: the browser stayed at {page.Url}\n—— page ——\n{(text.Length > 3000 ? text[..3000] : text)}\n—— server ——\n{tail}", e);
        }
    }
}
