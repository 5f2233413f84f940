using Jifang.Data;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

/// <summary>
/// A system's products and contractors are references to the registry (issue 10): this class reads the entries a system
/// refers to, and turns what a request names into entries, finding the registered one or registering a new one.
/// </summary>
public static class RegistryLinks
{
    /// <summary>
    /// Fills <see cref="ProductEntry.Product"/> and <see cref="ContractorEntry.Contractor"/> of <paramref name="systems"/> (not
    /// tracked). Read past the scope: a system a caller sees is judged and shown by what it uses wherever that is registered.
    /// </summary>
    public static async Task FillAsync(JifangDbContext db, IEnumerable<SecuritySystem> systems, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = systems.ToList();
        var productIds = list.SelectMany(s => s.Products).Where(p => p.Product is null).Select(p => p.ProductId).Distinct().ToList();
        var contractorIds = list.SelectMany(s => s.Contractors).Where(c => c.Contractor is null).Select(c => c.ContractorId).Distinct().ToList();
        var products = productIds.Count == 0 ? [] : await db.Products.IgnoreQueryFilters().AsNoTracking()
            .Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var contractors = contractorIds.Count == 0 ? [] : await db.Contractors.IgnoreQueryFilters().AsNoTracking()
            .Where(c => contractorIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var s in list)
        {
            // The database returns a system's rows in no particular order: in the system's.
            s.Products.Sort((a, b) => a.Position.CompareTo(b.Position));
            s.Contractors.Sort((a, b) => a.Position.CompareTo(b.Position));
            foreach (var p in s.Products.Where(p => p.Product is null))
            {
                p.Product = products[p.ProductId];
            }
            foreach (var c in s.Contractors.Where(c => c.Contractor is null))
            {
                c.Contractor = contractors[c.ContractorId];
            }
        }
    }

    /// <summary>How many systems the caller sees (not archived) use each of these products (a page of a list: one count each).</summary>
    public static async Task<Dictionary<Guid, int>> ProductUseAsync(JifangDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = new Dictionary<Guid, int>();
        foreach (var id in ids)
        {
            counts[id] = await db.Systems.CountAsync(s => !s.Archived && s.Products.Any(p => p.ProductId == id), ct);
        }
        return counts;
    }

    /// <summary>How many systems the caller sees (not archived) have each of these contractors, in any role.</summary>
    public static async Task<Dictionary<Guid, int>> ContractorUseAsync(JifangDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = new Dictionary<Guid, int>();
        foreach (var id in ids)
        {
            counts[id] = await db.Systems.CountAsync(s => !s.Archived && s.Contractors.Any(c => c.ContractorId == id), ct);
        }
        return counts;
    }

    /// <summary>The request's view of a product entry: its id, and the catalogue's model, manufacturer and flags.</summary>
    public static ProductRequest ToRequest(ProductEntry p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var product = p.Product ?? throw new InvalidOperationException("RegistryLinks.FillAsync was not called");
        return new(product.Model, product.Manufacturer, product.InCatalog, product.MeetsStandard, p.ProductId);
    }

    /// <summary>The request's view of a contractor entry: its id, the registry's name and qualification, the role.</summary>
    public static ContractorRequest ToRequest(ContractorEntry c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var contractor = c.Contractor ?? throw new InvalidOperationException("RegistryLinks.FillAsync was not called");
        return new(contractor.Name, c.Role, contractor.Qualified, c.ContractorId);
    }
}

/// <summary>
/// Resolves the products and contractors a system request names into registry entries, for one request (the API and
/// the pages) or a whole import: by id (it must be registered, not archived; a contractor in the caller's scope or one
/// the system already uses), else by what is written (the registered entry with the same model, manufacturer and flags,
/// or name and qualification), else a new entry — registered in the division of the site for a contractor. New entries
/// are in <see cref="NewProducts"/> and <see cref="NewContractors"/>, for the caller to add and audit.
/// </summary>
public sealed class RegistryResolver(JifangDbContext db, DateTime now)
{
    private readonly Dictionary<(string, string, bool, bool), Product> _products = [];
    private readonly Dictionary<(string, bool, string), Contractor> _contractors = [];

    public List<Product> NewProducts { get; } = [];
    public List<Contractor> NewContractors { get; } = [];

    /// <summary>
    /// The entries of <paramref name="request"/>, in order, or the errors (keyed as the API names fields: products[0].productId).
    /// <paramref name="current"/>: the system as it is, whose entries stay valid even if outside the caller's scope.
    /// </summary>
    public async Task<(List<ProductEntry> Products, List<ContractorEntry> Contractors, Dictionary<string, string[]> Errors)> ResolveAsync(
        SystemRequest request, string divisionCode, SecuritySystem? current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var products = new List<ProductEntry>();
        var contractors = new List<ContractorEntry>();
        foreach (var (p, i) in (request.Products ?? []).Select((p, i) => (p, i)))
        {
            if (p is null)
            {
                continue;
            }
            var product = p.ProductId is { } id ? await ProductByIdAsync(id, current, ct) : await ProductByTextAsync(p, ct);
            if (product is null)
            {
                errors[$"products[{i}].productId"] = [$"没有标识为 {p.ProductId} 的产品，或该产品已归档"];
                continue;
            }
            products.Add(new ProductEntry { ProductId = product.Id, Product = product, Position = products.Count });
        }
        foreach (var (c, i) in (request.Contractors ?? []).Select((c, i) => (c, i)))
        {
            if (c is null)
            {
                continue;
            }
            var contractor = c.ContractorId is { } id ? await ContractorByIdAsync(id, current, ct) : await ContractorByTextAsync(c, divisionCode, ct);
            if (contractor is null)
            {
                errors[$"contractors[{i}].contractorId"] = [$"没有标识为 {c.ContractorId} 的从业单位，或该单位已归档、不在您的范围内"];
                continue;
            }
            contractors.Add(new ContractorEntry { ContractorId = contractor.Id, Role = c.Role ?? "", Contractor = contractor, Position = contractors.Count });
        }
        return (products, contractors, errors);
    }

    private async Task<Product?> ProductByIdAsync(Guid id, SecuritySystem? current, CancellationToken ct)
    {
        var kept = current?.Products.Any(p => p.ProductId == id) ?? false;
        return await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && (kept || !p.Archived), ct);
    }

    private async Task<Contractor?> ContractorByIdAsync(Guid id, SecuritySystem? current, CancellationToken ct)
    {
        if (current?.Contractors.Any(c => c.ContractorId == id) ?? false)
        {
            return await db.Contractors.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        }
        return await db.Contractors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && !c.Archived, ct);
    }

    private async Task<Product> ProductByTextAsync(ProductRequest p, CancellationToken ct)
    {
        var key = (p.Model!.Trim(), p.Manufacturer?.Trim() ?? "", p.InCatalog, p.MeetsStandard);
        if (_products.TryGetValue(key, out var known))
        {
            return known;
        }
        var (model, maker, inCatalog, meets) = key;
        var product = await db.Products.AsNoTracking()
            .Where(x => !x.Archived && x.Model == model && x.Manufacturer == maker && x.InCatalog == inCatalog && x.MeetsStandard == meets)
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (product is null)
        {
            product = new Product { Model = model, Manufacturer = maker, InCatalog = inCatalog, MeetsStandard = meets, CreatedAt = now, UpdatedAt = now };
            NewProducts.Add(product);
        }
        return _products[key] = product;
    }

    private async Task<Contractor> ContractorByTextAsync(ContractorRequest c, string divisionCode, CancellationToken ct)
    {
        var key = (c.Name!.Trim(), c.Qualified, divisionCode);
        if (_contractors.TryGetValue(key, out var known))
        {
            return known;
        }
        var (name, qualified, _) = key;
        // Past the scope: a contractor registered elsewhere is the same contractor, not a second entry of the same name;
        // the one registered in the site's division first.
        var contractor = await db.Contractors.IgnoreQueryFilters().AsNoTracking()
            .Where(x => !x.Archived && x.Name == name && x.Qualified == qualified)
            .OrderBy(x => x.DivisionCode == divisionCode ? 0 : 1).ThenBy(x => x.CreatedAt).ThenBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (contractor is null)
        {
            contractor = new Contractor { Name = name, DivisionCode = divisionCode, Qualified = qualified, CreatedAt = now, UpdatedAt = now };
            NewContractors.Add(contractor);
        }
        return _contractors[key] = contractor;
    }

    /// <summary>Adds the new entries to the context and their registration to the audit trail (before the caller saves).</summary>
    public void AddNew(Audit.AuditTrail audit, string via)
    {
        ArgumentNullException.ThrowIfNull(audit);
        foreach (var p in NewProducts)
        {
            db.Products.Add(p);
            audit.Add("product.created", $"product:{p.Id}", null, null, $"型号：{p.Model}；{via}");
        }
        foreach (var c in NewContractors)
        {
            db.Contractors.Add(c);
            audit.Add("contractor.created", $"contractor:{c.Id}", c.DivisionCode, null, $"名称：{c.Name}；{via}");
        }
    }
}
