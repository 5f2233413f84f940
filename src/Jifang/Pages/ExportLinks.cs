using Microsoft.AspNetCore.WebUtilities;

namespace Jifang.Pages;

/// <summary>
/// The "导出：Excel（.xlsx） · CSV" line of a list page (Shared/_ExportLinks): the export of <see cref="Path"/> carrying the
/// page's current filters, the empty ones left out.
/// </summary>
public sealed record ExportLinks(string Path, IReadOnlyDictionary<string, string?> Filters)
{
    public string Href(string format)
    {
        var query = Filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => KeyValuePair.Create(f.Key, (string?)f.Value!.Trim()))
            .Prepend(KeyValuePair.Create("format", (string?)format));
        return QueryHelpers.AddQueryString(Path, query);
    }
}
