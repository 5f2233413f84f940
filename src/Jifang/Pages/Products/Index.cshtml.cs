using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Products;

/// <summary>产品: the shared catalogue of technology-prevention products, searched by model, manufacturer or certificate.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(JifangDbContext db, IAuthorizationService authorization) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<ProductDto> Products { get; private set; } = null!;

    public bool CanWrite { get; private set; }

    /// <summary>How many systems (that the user sees) use each product of the page.</summary>
    public IReadOnlyDictionary<Guid, int> Systems { get; private set; } = new Dictionary<Guid, int>();

    public int PageCount => Math.Max(1, (Products.Total + Products.PageSize - 1) / Products.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Products = (await ProductsApi.List(db, Search?.Trim(), inCatalog: null, meetsStandard: null, archived: false, PageNumber, Paging.DefaultSize, ct)).Value!;
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
        Systems = await RegistryLinks.ProductUseAsync(db, Products.Items.Select(p => p.Id), ct);
    }

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Products", new Dictionary<string, string?>
        {
            ["search"] = Search ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
