using Microsoft.Playwright;

namespace Jifang.E2E.Pages;

/// <summary>
/// What a page's layout must not do at a width, measured in the browser: overflow the viewport sideways, break a link's or a
/// button's text over more than two lines, squeeze a table cell's text to one character a line, or (on a desktop) put the
/// signed-in user under the menu. Each problem is named with the element's text, so a failure says where it is.
/// </summary>
public sealed class LayoutProbe(IPage page)
{
    /// <summary>The two widths of the issue: a desktop of 1,400 px and a phone of 390 px.</summary>
    public const int Desktop = 1400;
    public const int Phone = 390;

    private const string Measure =
        """
        desktop => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) {
            const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
              .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
            problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a viewport of ${width} px: ${wide.join(', ')}`);
          }
          const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const text = e => e.innerText.trim().replace(/\s+/g, ' ');
          for (const e of document.querySelectorAll('header a, header button, main a, main button, main .button')) {
            if (!visible(e) || text(e).length < 2) continue;
            const style = getComputedStyle(e);
            const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6;
            const lines = style.display === 'inline'
              ? new Set([...e.getClientRects()].map(r => Math.round(r.top))).size
              : Math.round((e.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / line);
            if (lines > 2) problems.push(`"${text(e)}" takes ${lines} lines`);
          }
          for (const cell of document.querySelectorAll('main td, main th')) {
            if (!visible(cell) || text(cell).length < 2) continue;
            const style = getComputedStyle(cell);
            const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            if (inner < 2 * parseFloat(style.fontSize)) problems.push(`the cell "${text(cell).slice(0, 20)}" is ${Math.round(inner)} px wide: one character a line`);
          }
          if (desktop) {
            const who = document.querySelector('header .who .name'), nav = document.querySelector('header nav.main');
            if (!who || !nav) problems.push('no user name or no menu in the header');
            else {
              const w = who.getBoundingClientRect(), n = nav.getBoundingClientRect();
              const line = parseFloat(getComputedStyle(who).lineHeight) || 24;
              if (w.height > 1.5 * line) problems.push(`the user name takes ${Math.round(w.height)} px: more than one line`);
              if (w.top >= n.bottom || w.bottom <= n.top) problems.push('the user name is not on the line of the menu');
            }
          }
          return problems;
        }
        """;

    /// <summary>Sets the viewport to <paramref name="width"/>, opens <paramref name="path"/> and answers what is wrong with its layout there.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAtAsync(int width, string path)
    {
        await page.SetViewportSizeAsync(width, width == Phone ? 844 : 900);
        await page.GotoAsync(path);
        await ShootAsync(width, path);
        var problems = await page.EvaluateAsync<string[]>(Measure, width >= Desktop);
        return problems.Select(p => $"{path} at {width} px: {p}").ToList();
    }

    /// <summary>With JIFANG_E2E_SCREENSHOTS set to a folder, the whole page as a PNG there, to look at.</summary>
    private async Task ShootAsync(int width, string path)
    {
        if (Environment.GetEnvironmentVariable("JIFANG_E2E_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        var name = string.Concat(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name[..Math.Min(name.Length, 40)]}-{width}.png"), FullPage = true });
    }
}
