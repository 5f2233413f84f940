using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Jifang.Pages;

/// <summary>One bar of a chart, with its geometry already worked out (the SVG is drawn on the server).</summary>
public sealed record BarRow(string Label, string ShortLabel, int Value, string? Href, int Y, int Width);

/// <summary>
/// A horizontal bar chart drawn as inline SVG on the server: labels on the left (linked where there is a
/// page behind them), bars scaled to the largest value, the number after each bar. Only presentation
/// attributes and classes, no style attributes (the CSP forbids inline styles).
/// </summary>
public sealed class BarChart
{
    public const int Width = 860;
    public const int LabelWidth = 250;
    public const int RowHeight = 28;
    public const int BarHeight = 18;
    /// <summary>Room to the right of the longest bar for its number.</summary>
    private const int ValueRoom = 50;
    private const int MaxLabelChars = 17;

    public BarChart(string title, IEnumerable<(string Label, int Value, string? Href)> data, int maxRows = 12)
    {
        ArgumentNullException.ThrowIfNull(data);
        Title = title;
        var items = data.Take(maxRows).ToList();
        var max = Math.Max(1, items.Count == 0 ? 1 : items.Max(i => i.Value));
        const int barArea = Width - LabelWidth - ValueRoom;
        Rows = items.Select((item, i) => new BarRow(
            item.Label,
            item.Label.Length > MaxLabelChars ? item.Label[..(MaxLabelChars - 1)] + "…" : item.Label,
            item.Value,
            item.Href,
            i * RowHeight,
            Math.Max(2, (int)Math.Round((double)item.Value / max * barArea)))).ToList();
    }

    public string Title { get; }

    public IReadOnlyList<BarRow> Rows { get; }

    public int Height => Math.Max(1, Rows.Count) * RowHeight;

    /// <summary>The chart as an SVG element, every text HTML-encoded.</summary>
    public IHtmlContent ToSvg()
    {
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        const int barTop = (RowHeight - BarHeight) / 2;
        const int baseline = (RowHeight / 2) + 5;
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{e.Encode(Title)}\">");
        foreach (var row in Rows)
        {
            sb.Append(inv, $"<g transform=\"translate(0,{row.Y})\"><title>{e.Encode(row.Label)}：{row.Value}</title>");
            var label = $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{baseline}\" text-anchor=\"end\">{e.Encode(row.ShortLabel)}</text>";
            sb.Append(row.Href is { } href ? $"<a href=\"{e.Encode(href)}\">{label}</a>" : label);
            sb.Append(inv, $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{barTop}\" width=\"{row.Width}\" height=\"{BarHeight}\"></rect>");
            sb.Append(inv, $"<text class=\"value\" x=\"{LabelWidth + row.Width + 6}\" y=\"{baseline}\">{row.Value}</text></g>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
