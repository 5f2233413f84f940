using System.Net.Http.Json;
using System.Text.Json;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Security;

/// <summary>
/// One row of the authorization matrix: an endpoint of the app ("METHOD route pattern", as its EndpointDataSource names
/// it), how to call it for a caller on a world, and the status every caller must get, written out per caller.
/// </summary>
/// <remarks>
/// The table has one line per caller (<see cref="Callers.All"/>), and one column per world for scoped endpoints
/// (A: unit A in 150102, B: unit B in 150203, P: unit P in 990101) or one column "-" for unscoped ones.
/// A cell is a status code; "200+" means 200 and the world's record is in the answer, "200-" means 200 and it is not
/// (lists filter by scope instead of refusing; for a page or a file, "in the answer" is checked on its text).
/// Pages (keys "* …") are called with the caller's sign-in cookie (<see cref="PlatformFixture.PageClientAsync"/>); a page
/// that refuses redirects, written "302L" (to the sign-in page: not signed in), "302D" (to the access-denied page: the
/// role lacks the page's policy) or "302G" (to the guide).
/// The pages' form handlers have rows of their own (<see cref="MatrixHandler"/>, keys "* POST /Page/Path?handler=Name"), posted
/// with an antiforgery token; their cells add "+" when the handler did its work (the change checked in the database), and a cell
/// without "+" asserts that nothing changed: "302+" (redirected after the change), "200+" (answered with it), "302L+" (signed
/// out), "200" (the form again, saying why), "302" (redirected to a notice saying why), "404" (outside the caller's scope).
/// </remarks>
public sealed record MatrixEndpoint(
    string Key,
    bool Scoped,
    Func<MatrixCall, Task<HttpRequestMessage>> Request,
    string Table,
    Func<JsonElement, World, bool>? Contains = null)
{
    public override string ToString() => Key;

    /// <summary>A Razor page: authenticated by the sign-in cookie, not by a bearer token.</summary>
    public bool IsPage => Key.StartsWith("* ", StringComparison.Ordinal);

    /// <summary>The parsed table: caller key → one expected cell per column.</summary>
    public IReadOnlyDictionary<string, string[]> Expectations { get; } = Parse(Key, Scoped, Table);

    /// <summary>Reads a table of the matrix's notation: one line per caller of <see cref="Callers.All"/>, three cells (A, B, P) when scoped, else one.</summary>
    internal static Dictionary<string, string[]> Parse(string key, bool scoped, string table)
    {
        var columns = scoped ? 3 : 1;
        var rows = new Dictionary<string, string[]>();
        foreach (var line in table.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells[0] == "caller")
            {
                continue; // the header line
            }
            if (cells.Length != columns + 1)
            {
                throw new InvalidOperationException($"{key}: \"{line}\" should have {columns} cell(s)");
            }
            if (!rows.TryAdd(cells[0], cells[1..]))
            {
                throw new InvalidOperationException($"{key}: caller {cells[0]} twice");
            }
        }
        var missing = Callers.All.Select(c => c.Key).Except(rows.Keys).ToList();
        var unknown = rows.Keys.Except(Callers.All.Select(c => c.Key)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException($"{key}: the table must have exactly one line per caller; missing {string.Join(", ", missing)}; unknown {string.Join(", ", unknown)}");
        }
        return rows;
    }
}

/// <summary>A call of one endpoint by one caller on one world (null for unscoped endpoints).</summary>
public sealed class MatrixCall(PlatformFixture fixture, Caller caller, World? world)
{
    public PlatformFixture Fixture => fixture;

    public Caller Caller => caller;

    public World W => world ?? throw new InvalidOperationException("an unscoped endpoint has no world");

    public static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    public static HttpRequestMessage Post(string url, object? body = null) =>
        new(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body, options: Http.Json) };

    public static HttpRequestMessage Put(string url, object body) =>
        new(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Http.Json) };

    private HttpClient Admin => fixture.Client(Callers.PlatformAdmin);

    /// <summary>A unit of its own in the world's division, for a call that archives it.</summary>
    public async Task<Guid> FreshUnitAsync() =>
        (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fixture.Unique("矩阵归档单位"), W.Division)).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    /// <summary>A site of its own under the world's unit.</summary>
    public async Task<Guid> FreshSiteAsync() =>
        (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(W.UnitId, fixture.Unique("矩阵归档场所"), W.Division)).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    public async Task<Guid> FreshSystemAsync() =>
        (await Admin.PostJsonAsync($"/api/sites/{W.SiteId}/systems", Bodies.System(fixture.Unique("矩阵归档系统"), "main-entrance")).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    public async Task<Guid> FreshDeviceAsync() =>
        (await Admin.PostJsonAsync($"/api/sites/{W.SiteId}/devices", Bodies.Device(fixture.Unique("矩阵归档设备"), "public")).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    public async Task<Guid> FreshProductAsync() =>
        (await Admin.PostJsonAsync("/api/products", Bodies.Product(fixture.Unique("矩阵产品"))).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    public async Task<Guid> FreshContractorAsync() =>
        (await Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fixture.Unique("矩阵归档从业单位"), W.Division)).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    /// <summary>A person of the world's unit.</summary>
    public async Task<Guid> FreshPersonAsync() =>
        (await Admin.PostJsonAsync("/api/personnel", Bodies.Person(fixture.Unique("矩阵归档人员"), W.UnitId, null)).ExpectAsync(System.Net.HttpStatusCode.Created)).Id();

    public string Unique(string prefix) => fixture.Unique(prefix);
}
