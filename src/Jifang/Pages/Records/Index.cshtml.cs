using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jifang.Pages.Records;

/// <summary>信息资料登记: the records of the sites in the user's scope, searched by site, system, kind, time and state.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db) : SignedInPageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid? System { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? From { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? To { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool? Deleted { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Sha256 { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<RecordDto> Records { get; private set; } = new([], 0, 1, Paging.DefaultSize);

    public string? Problem { get; private set; }

    public int PageCount => Math.Max(1, (Records.Total + Records.PageSize - 1) / Records.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await RecordsApi.List(db, Site, System, null, Unit, string.IsNullOrEmpty(Kind) ? null : Kind,
            RecordText.Parse(From), RecordText.Parse(To), Deleted, Sha256, PageNumber, 50, ct);
        if (result.Result is Ok<Page<RecordDto>> ok)
        {
            Records = ok.Value!;
        }
        else if (result.Result is ValidationProblem invalid)
        {
            Problem = string.Join("；", invalid.ProblemDetails.Errors.SelectMany(e => e.Value));
        }
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Records", new Dictionary<string, string?>
        {
            ["unit"] = Unit?.ToString() ?? "", ["site"] = Site?.ToString() ?? "", ["system"] = System?.ToString() ?? "",
            ["kind"] = Kind ?? "", ["from"] = From ?? "", ["to"] = To ?? "", ["deleted"] = Deleted?.ToString() ?? "",
            ["sha256"] = Sha256 ?? "", ["p"] = page.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
        });
}
