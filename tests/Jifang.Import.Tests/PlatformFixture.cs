using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Import.Tests;

/// <summary>
/// The platform on a database of its own (<see cref="SqliteFixture"/>, <see cref="PostgresFixture"/>), in a test server, with a
/// platform administrator signed in. One fixture per provider for the whole run (one xunit collection each, see
/// Providers.cs): every test class runs once on each, as tests/Jifang.Tests does.
/// </summary>
public abstract class PlatformFixture : IAsyncLifetime
{
    public const string AdminUser = "import-admin";
    private const string AdminPassword = "import-admin-password-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jifang-import-tests-{Guid.NewGuid():N}");
    private string _connection = "";

    /// <summary>The unit the examples in docs/examples name (统一社会信用代码 91150102MA0N000001).</summary>
    public const string ExampleCreditCode = "91150102MA0N000001";

    public WebApplication App { get; private set; } = null!;
    public UnitDto ExampleUnit { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>"sqlite" or "postgres": the value of Database:Provider.</summary>
    public abstract string Provider { get; }

    /// <summary>The fixture's own folder (the SQLite file, the audit key).</summary>
    protected string Folder => _folder;

    /// <summary>The configuration arguments that point a command-line run at this fixture's database.</summary>
    public string[] HostArgs =>
        [$"--Database:Provider={Provider}", $"--Database:ConnectionString={_connection}", "--Demo:Seed=false", $"--Audit:KeyFile={KeyFile}"];

    /// <summary>The connection string of the fixture's database.</summary>
    public string ConnectionString => _connection;

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>The audit log's signing key, in the fixture's folder.</summary>
    public string KeyFile => Path.Combine(_folder, "audit-signing.key");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _connection = await CreateDatabaseAsync();
        App = PlatformHost.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Provider,
                ["Database:ConnectionString"] = _connection,
                ["Demo:Seed"] = "false",
                ["Audit:KeyFile"] = KeyFile,
                // Small enough that the zip-bomb tests build their bombs in milliseconds.
                ["Import:MaxUncompressedBytes"] = (4 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                // Migrating a fresh PostgreSQL database logs its probe of the missing history table as an error.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
            });
        });
        await PlatformHost.InitializeAsync(App.Services);
        await App.StartAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            var user = new JifangUser { UserName = AdminUser, DisplayName = "导入测试管理员", Role = Roles.PlatformAdmin, CreatedAt = DateTime.UtcNow };
            Check(await users.CreateAsync(user, AdminPassword));
            Check(await users.AddToRoleAsync(user, Roles.PlatformAdmin));
        }
        Client = App.GetTestClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(AdminUser, AdminPassword));
        ExampleUnit = await CreateUnitAsync("青城实业有限公司", "150102", ExampleCreditCode);
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    public async Task<string> TokenAsync(string user, string password)
    {
        using var anonymous = App.GetTestClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client signed in as a new user of a role (police users with a division, unit users with a unit).</summary>
    public async Task<HttpClient> ClientForAsync(string role, string? division = null, Guid? unit = null)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..30];
        const string password = "some-long-password-2";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            var user = new JifangUser { UserName = name, DisplayName = name, Role = role, DivisionCode = division, UnitId = unit, CreatedAt = DateTime.UtcNow };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
        }
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(name, password));
        return client;
    }

    /// <summary>Registers a unit through the API, as an administrator would.</summary>
    public async Task<UnitDto> CreateUnitAsync(string name, string division, string? creditCode = null)
    {
        using var response = await Client.PostAsJsonAsync("/api/units", new UnitRequest(name, division, creditCode, null, null));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UnitDto>(Json))!;
    }

    /// <summary>Imports through an <see cref="Importer"/> of the platform's services but with limits of the test's own.</summary>
    public async Task<ImportReport> ImportAsync(byte[] file, string name, Guid unit, ImportLimits limits)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        var importer = ActivatorUtilities.CreateInstance<Importer>(scope.ServiceProvider, Microsoft.Extensions.Options.Options.Create(limits));
        using var stream = new MemoryStream(file);
        return await importer.ImportAsync(stream, name, new ImportOptions(unit.ToString()), null, CancellationToken.None);
    }

    /// <summary>Counts in the database, whatever the scope.</summary>
    public async Task<(int Sites, int Systems, int Devices, int Acts, int Findings)> CountsAsync(Guid unitId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var sites = db.Sites.Where(s => s.UnitId == unitId);
        return (await sites.CountAsync(),
            await db.Systems.CountAsync(x => sites.Any(s => s.Id == x.SiteId)),
            await db.Devices.CountAsync(x => sites.Any(s => s.Id == x.SiteId)),
            await db.Acts.CountAsync(x => sites.Any(s => s.Id == x.SiteId)),
            await db.Findings.CountAsync(f => sites.Any(s => s.Id == f.SiteId)));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned by the system.
        }
    }

    /// <summary>The repository's root (for docs/examples).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jifang.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Jifang.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Example(string name) => Path.Combine(RepoRoot, "docs", "examples", name);
}
