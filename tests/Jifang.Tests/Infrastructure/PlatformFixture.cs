using System.Net;
using System.Net.Http.Headers;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Tests.Infrastructure;

/// <summary>The registry records every scoped test can rely on: a unit, its hotel site, a system, a camera and an act.</summary>
public sealed record World(
    string Key, Guid UnitId, string UnitName, string Division, Guid SiteId, string SiteName, Guid SystemId, Guid DeviceId, Guid ActId,
    Guid ProductId, Guid ContractorId, string ContractorName, Guid PersonId, Guid AgencyId, string AgencyName, Guid ExpertId, string ExpertName);

/// <summary>
/// One platform per provider for the whole test run: the real host (<see cref="PlatformHost.Build"/>) on a TestServer,
/// a fresh database, a fake clock, a user of every role and three worlds: unit A in 150102 (the police users' county),
/// unit B in 150203 (another county of another city) and unit P in 990101 (the province of province-2012).
/// Tests of one provider run one after another (one xunit collection); the two providers run side by side.
/// </summary>
public abstract class PlatformFixture : IAsyncLifetime
{
    /// <summary>
    /// The fake clock starts here, at 01:00 UTC: the tests of one provider share it and it only moves forward, by minutes or
    /// hours (<see cref="AdvanceAsync"/> refuses to cross midnight), so that "today" is 2026-06-01 in every test whatever ran
    /// before it. A test that needs days to pass ages its own records instead.
    /// </summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 1, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, HttpClient> _pageClients = [];
    private readonly List<HttpClient> _owned = [];
    private readonly Dictionary<string, IPAddress> _addresses = [];
    private int _nextAddress;
    private DateTimeOffset _signedInAt = Start;
    private int _unique;

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The platform's password hasher: Identity's own, counting its verifications.</summary>
    public CountingPasswordHasher Hasher { get; } = new();

    /// <summary>The audit log's signing key: a file of this run's own in the temporary folder, removed at the end.</summary>
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"jifang-tests-audit-{Guid.NewGuid():N}.key");

    /// <summary>"sqlite" or "postgres": the value of Database:Provider.</summary>
    public abstract string Provider { get; }

    public WebApplication App { get; private set; } = null!;

    public TestServer Server => App.GetTestServer();

    public IReadOnlyDictionary<UnitKey, Guid> Units { get; private set; } = new Dictionary<UnitKey, Guid>();

    public World A { get; private set; } = null!;

    public World B { get; private set; } = null!;

    public World P { get; private set; } = null!;

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var connection = await CreateDatabaseAsync();
        App = PlatformHost.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Provider,
                ["Database:ConnectionString"] = connection,
                ["Database:AutoMigrate"] = "true",
                ["Demo:Seed"] = "false",
                ["Audit:KeyFile"] = KeyFile,
                ["Projects:DocumentsFolder"] = DocumentsFolder,
                ["Packs:Directory"] = Repo.Packs,
                ["Compliance:Jurisdictions:15"] = "nmg-2007",
                ["Compliance:Jurisdictions:99"] = "province-2012",
                // nmg-2007 sets no minimum retention: the jurisdiction's policy (Records:RetentionPolicies) does, 15 days in the tests.
                ["Records:RetentionPolicies:15"] = "15",
                // Alarm networking: the tests call the ticks themselves on the fake clock; the benchmark's no-op endpoint is on, to be tested.
                ["Alarms:RunTimers"] = "false",
                ["Filing:RunTimers"] = "false",
                // Nor does the tree-head signer run on the shared fake clock: a tick that any test's clock advance set off would
                // sign (and recover the outbox) while another test counts entries. Its interval is tested on a clock of its own.
                ["Audit:SignTreeHeads"] = "false",
                ["Alarms:NoopEndpoint"] = "true",
                ["Alarms:ShutDownAfter"] = "00:30:00",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                // Migrating a fresh PostgreSQL database logs its probe of the missing history table as an error;
                // a real failure still shows, as a 500 that NoServerErrors fails and the exception handler logs.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
            });
            b.Services.AddSingleton<TimeProvider>(Time);
            b.Services.AddSingleton<IPasswordHasher<JifangUser>>(Hasher);
            // Keys in memory: the tests leave nothing in the home folder.
            b.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
        await PlatformHost.InitializeAsync(App.Services);
        await App.StartAsync();

        await CreateUserAsync(Callers.PlatformAdmin);
        await SignInAsync(Callers.PlatformAdmin);
        var admin = Client(Callers.PlatformAdmin);
        var units = new Dictionary<UnitKey, Guid>
        {
            [UnitKey.A] = (await admin.PostJsonAsync("/api/units", Bodies.Unit("甲单位", "150102")).ExpectAsync(HttpStatusCode.Created)).Id(),
            [UnitKey.B] = (await admin.PostJsonAsync("/api/units", Bodies.Unit("乙单位", "150203")).ExpectAsync(HttpStatusCode.Created)).Id(),
        };
        Units = units;
        foreach (var caller in Callers.Users.Where(c => c != Callers.PlatformAdmin))
        {
            await CreateUserAsync(caller);
            await SignInAsync(caller);
        }
        var unitP = (await admin.PostJsonAsync("/api/units", Bodies.Unit("丙单位", "990101")).ExpectAsync(HttpStatusCode.Created)).Id();
        A = await CreateWorldAsync("A", units[UnitKey.A], "甲单位", "150102");
        B = await CreateWorldAsync("B", units[UnitKey.B], "乙单位", "150203");
        P = await CreateWorldAsync("P", unitP, "丙单位", "990101");
        // The contractor's and the testing agency's accounts act for world A's contractor and agency (Scope.ContractorId,
        // Scope.AgencyId): signed in again, so that their tokens carry the party.
        await BindPartyAsync(Callers.Contractor, A.ContractorId);
        await BindPartyAsync(Callers.TestingAgency, A.AgencyId);
    }

    private async Task BindPartyAsync(Caller caller, Guid party)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            var user = await users.FindByNameAsync(caller.Key) ?? throw new InvalidOperationException(caller.Key);
            user.PartyId = party;
            var updated = await users.UpdateAsync(user);
            Assert.True(updated.Succeeded, string.Join("; ", updated.Errors.Select(e => e.Description)));
        }
        await SignInAsync(caller);
    }

    private async Task<World> CreateWorldAsync(string key, Guid unitId, string unitName, string division)
    {
        var admin = Client(Callers.PlatformAdmin);
        var siteName = $"世界{key}旅店";
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(unitId, siteName, division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await admin.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System($"世界{key}监控系统", "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        // A camera in a guest room: a privacy-zone finding under either pack, whatever else happens to the site.
        var device = (await admin.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device($"世界{key}客房摄像机", "hotel-guest-room", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        var act = (await admin.PostJsonAsync($"/api/sites/{site}/acts", Bodies.Act("system-shut-down", "2026-05-01", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        // The registries: a product of the shared catalogue, a contractor registered in the world's division, a person of the unit.
        var product = (await admin.PostJsonAsync("/api/products", Bodies.Product($"世界{key}摄像机型号")).ExpectAsync(HttpStatusCode.Created)).Id();
        var contractorName = $"世界{key}从业单位";
        var contractor = (await admin.PostJsonAsync("/api/contractors", Bodies.Contractor(contractorName, division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var person = (await admin.PostJsonAsync("/api/personnel", Bodies.Person($"世界{key}值机员", unitId, null)).ExpectAsync(HttpStatusCode.Created)).Id();
        // The registries of build projects: a testing agency registered in the world's division, an expert of its pool.
        var agencyName = $"世界{key}检测机构";
        var agency = (await admin.PostJsonAsync("/api/testing-agencies", Bodies.TestingAgency(agencyName, division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var expertName = $"世界{key}专家";
        var expert = (await admin.PostJsonAsync("/api/experts", Bodies.Expert(expertName, division)).ExpectAsync(HttpStatusCode.Created)).Id();
        return new World(key, unitId, unitName, division, site, siteName, system, device, act, product, contractor, contractorName, person,
            agency, agencyName, expert, expertName);
    }

    public World WorldOf(string key) => key switch { "A" => A, "B" => B, "P" => P, _ => throw new ArgumentOutOfRangeException(nameof(key)) };

    /// <summary>Creates the caller's account through UserManager, as `jifang admin create-user` does.</summary>
    public Task CreateUserAsync(Caller caller) =>
        CreateUserAsync(caller.Key, caller.Role!, caller.Division, caller.Unit == UnitKey.None ? null : Units[caller.Unit]);

    public async Task CreateUserAsync(string userName, string role, string? division = null, Guid? unit = null, string password = Caller.Password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var user = new JifangUser
        {
            UserName = userName, DisplayName = userName, Role = role, DivisionCode = division, UnitId = unit,
            CreatedAt = Time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
    }

    /// <summary>A unique name for records a test creates, so tests never see each other's data by accident.</summary>
    public string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _unique):D4}";

    /// <summary>A new client address; the login rate limit is per address.</summary>
    public IPAddress NewAddress() => Http.Address(Interlocked.Increment(ref _nextAddress));

    /// <summary>A client of its own (own remote address), with a bearer token or none.</summary>
    public HttpClient NewClient(string? token = null, IPAddress? address = null)
    {
        var ip = address ?? NewAddress();
        var client = new HttpClient(new NoServerErrors(Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip)))
        {
            BaseAddress = Server.BaseAddress,
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        lock (_owned)
        {
            _owned.Add(client);
        }
        return client;
    }

    /// <summary>The caller's client: signed in with a bearer token from POST /api/auth/token (anonymous: no token).</summary>
    public HttpClient Client(Caller caller)
    {
        if (_clients.TryGetValue(caller.Key, out var client))
        {
            return client;
        }
        Assert.True(caller.IsAnonymous, $"{caller.Key} has not signed in: the fixture signs every user in at start");
        return _clients[caller.Key] = NewClient(null, AddressOf(caller));
    }

    /// <summary>
    /// A client of the caller signed in with the caller's token that lets 5xx answers through: for the tests that make the
    /// platform's own dependencies fail (the audit log) and check what the client is told.
    /// </summary>
    public HttpClient RawClient(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var ip = AddressOf(caller);
        var client = new HttpClient(Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip)) { BaseAddress = Server.BaseAddress };
        if (!caller.IsAnonymous)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[caller.Key]);
        }
        lock (_owned)
        {
            _owned.Add(client);
        }
        return client;
    }

    /// <summary>A client of the caller signed in with the caller's token, from an address of its own.</summary>
    public HttpClient NewClient(Caller caller) => NewClient(caller.IsAnonymous ? null : _tokens[caller.Key]);

    /// <summary>
    /// Signs the caller in (POST /api/auth/token) and keeps the client with its token. Each sign-in comes from an address
    /// of its own: the sign-in limit per address is the business of the tests that test it, not of the fixture's sign-ins.
    /// </summary>
    private async Task SignInAsync(Caller caller)
    {
        var token = await LoginAsync(caller.Key, Caller.Password);
        _tokens[caller.Key] = token;
        _clients[caller.Key] = NewClient(token, AddressOf(caller));
    }

    /// <summary>
    /// The caller's client for the pages, which authenticate with the sign-in cookie only (bearer tokens are ignored there):
    /// signed in once through the sign-in form (GET then POST /Account/Login with the antiforgery token) from an address of its
    /// own, keeping its cookies; it does not follow redirects. Anonymous: a client without cookies.
    /// </summary>
    public async Task<HttpClient> PageClientAsync(Caller caller)
    {
        if (caller.IsAnonymous)
        {
            return Client(caller);
        }
        if (_pageClients.TryGetValue(caller.Key, out var client))
        {
            return client;
        }
        client = NewPageClient(NewAddress());
        await SignInWithFormAsync(client, caller.Key, Caller.Password);
        return _pageClients[caller.Key] = client;
    }

    /// <summary>A client of its own that keeps its cookies as a browser does (not signed in) and does not follow redirects.</summary>
    public HttpClient NewPageClient(IPAddress? address = null)
    {
        var ip = address ?? NewAddress();
        var client = new HttpClient(new CookieKeeper(new NoServerErrors(Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip))))
        {
            BaseAddress = Server.BaseAddress,
        };
        lock (_owned)
        {
            _owned.Add(client);
        }
        return client;
    }

    /// <summary>
    /// The caller's client for posting forms: <see cref="PageClientAsync"/>, and for anonymous a client that keeps cookies
    /// (a form's antiforgery token is checked against the antiforgery cookie), from the anonymous caller's address.
    /// </summary>
    public async Task<HttpClient> FormClientAsync(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAnonymous)
        {
            return await PageClientAsync(caller);
        }
        if (!_pageClients.TryGetValue(caller.Key, out var client))
        {
            _pageClients[caller.Key] = client = NewPageClient(AddressOf(caller));
        }
        return client;
    }

    /// <summary>Signs in through the sign-in page as a browser does; fails the test unless it ends with the sign-in cookie.</summary>
    public static async Task SignInWithFormAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"GET /Account/Login answered {(int)form.StatusCode}: {html}");
        var token = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "the sign-in form has no antiforgery token");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var signedIn = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"signing {userName} in with the form answered {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        Assert.True(signedIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("jifang.auth=", StringComparison.Ordinal)),
            $"signing {userName} in with the form set no jifang.auth cookie");
    }

    /// <summary>
    /// Moves the fake clock on. Bearer tokens live an hour of that clock (sign-in cookies eight): once the sign-ins are half
    /// an hour old, everyone signs in again (the page clients when next asked for), so that after any step every token
    /// has at least half an hour left; smaller steps sign nobody in (signing in after every step is work for nothing).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Advance(by);
        if (Time.GetUtcNow() - _signedInAt < TimeSpan.FromMinutes(30))
        {
            return;
        }
        _signedInAt = Time.GetUtcNow();
        _pageClients.Clear();
        foreach (var caller in Callers.Users.Where(c => _clients.ContainsKey(c.Key)))
        {
            await SignInAsync(caller);
        }
    }

    /// <summary>Moves the shared clock on, never past the start's date (see <see cref="Start"/>).</summary>
    public void Advance(TimeSpan by)
    {
        var next = Time.GetUtcNow() + by;
        if (by < TimeSpan.Zero || next.UtcDateTime.Date != Start.UtcDateTime.Date)
        {
            throw new InvalidOperationException(
                $"the shared clock may only move forward within {Start.UtcDateTime:yyyy-MM-dd} (now {Time.GetUtcNow():O}, by {by}): other tests rely on today's date; age the test's own records instead");
        }
        Time.Advance(by);
    }

    /// <summary>Where build projects' documents are stored in this run (a temporary folder).</summary>
    public string DocumentsFolder { get; } = Path.Combine(Path.GetTempPath(), $"jifang-tests-documents-{Guid.NewGuid():N}");

    /// <summary>The remote address of a caller's API client: one per caller.</summary>
    public IPAddress AddressOf(Caller caller) =>
        _addresses.TryGetValue(caller.Key, out var a) ? a : _addresses[caller.Key] = NewAddress();

    public async Task<string> LoginAsync(string userName, string password, IPAddress? address = null)
    {
        using var client = new HttpClient(new NoServerErrors(Server.CreateHandler(c => c.Connection.RemoteIpAddress = address ?? NewAddress()))) { BaseAddress = Server.BaseAddress };
        var body = await client.PostJsonAsync("/api/auth/token", new { userName, password }).ExpectAsync(HttpStatusCode.OK);
        return body.Str("accessToken");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _owned)
        {
            client.Dispose();
        }
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        await DropDatabaseAsync();
        File.Delete(KeyFile);
        File.Delete(KeyFile + ".pub");
        if (Directory.Exists(DocumentsFolder))
        {
            Directory.Delete(DocumentsFolder, recursive: true);
        }
    }
}

/// <summary>
/// Keeps the cookies the server sets and sends them back, as a browser does (TestServer's handler has no cookie container).
/// </summary>
public sealed class CookieKeeper(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly CookieContainer _cookies = new();

    /// <summary>The cookies kept: a test copies one to replay it later, as someone who stole it would.</summary>
    public CookieContainer Cookies => _cookies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var header = _cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", header);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                _cookies.SetCookies(uri, cookie);
            }
        }
        return response;
    }
}

/// <summary>
/// Fails the test that receives a 5xx, whatever it was checking: the platform never answers a server error to any
/// request the tests make, bad input included.
/// </summary>
public sealed class NoServerErrors(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new Xunit.Sdk.XunitException($"{request.Method} {request.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body}");
        }
        return response;
    }
}
