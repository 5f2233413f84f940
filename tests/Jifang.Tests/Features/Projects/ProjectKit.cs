using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// What the build-project tests share: registered testing agencies and experts with accounts bound to them (made through
/// the platform's own UserManager, as `jifang admin create-user` would), a site with a system not yet in service, and the
/// documents each gate's checklist asks for.
/// </summary>
public sealed class ProjectKit(PlatformFixture fx)
{
    private readonly Dictionary<Guid, HttpClient> _parties = [];

    public HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    /// <summary>A registered testing agency (qualified until <paramref name="until"/>) and a signed-in client of its account.</summary>
    public async Task<(Guid Id, HttpClient Client)> AgencyAsync(string division = "150102", string until = "2030-12-31")
    {
        var agency = new TestingAgency
        {
            Name = fx.Unique("检测中心"), DivisionCode = division, CertificateNumber = fx.Unique("CMA"), QualifiedUntil = DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime,
        };
        await SaveAsync(agency);
        return (agency.Id, await PartyClientAsync(Roles.TestingAgency, agency.Id));
    }

    /// <summary>Registers <paramref name="count"/> available experts of a division's pool employed by <paramref name="employerKind"/>.</summary>
    public async Task<List<Guid>> ExpertsAsync(int count, string division = "150102", string employerKind = ExpertEmployers.Other, Guid? employerId = null)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var e = new Expert
            {
                Name = fx.Unique("专家"), DivisionCode = division, Specialty = "视频监控", Employer = fx.Unique("某大学"), EmployerKind = employerKind,
                EmployerId = employerId, Available = true, CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime,
            };
            await SaveAsync(e);
            ids.Add(e.Id);
        }
        return ids;
    }

    private async Task SaveAsync(object entity)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        db.Add(entity);
        await db.SaveChangesAsync();
    }

    /// <summary>A signed-in client of an account bound to the party (created on first use).</summary>
    public async Task<HttpClient> PartyClientAsync(string role, Guid party)
    {
        if (_parties.TryGetValue(party, out var client))
        {
            return client;
        }
        var userName = $"{role}-{party:N}";
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
            // An expert of the shared pool may be drawn by several tests: its account is made once.
            if (await users.FindByNameAsync(userName) is not null)
            {
                client = fx.NewClient(await fx.LoginAsync(userName, Caller.Password));
                return _parties[party] = client;
            }
            var user = new JifangUser { UserName = userName, DisplayName = userName, Role = role, PartyId = party, CreatedAt = fx.Time.GetUtcNow().UtcDateTime };
            Assert.True((await users.CreateAsync(user, Caller.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        client = fx.NewClient(await fx.LoginAsync(userName, Caller.Password));
        return _parties[party] = client;
    }

    /// <summary>A site of unit <paramref name="world"/> at <paramref name="division"/> with one system that is not in service yet.</summary>
    public async Task<(Guid Site, Guid System)> SiteAsync(World world, string division, string[]? categories = null, bool publicArea = false)
    {
        var body = JsonSerializer.SerializeToNode(Bodies.Site(world.UnitId, fx.Unique("建设中的银行"), division, categories ?? ["financial-business-premises"], ["main-entrance", "vault"]), Http.Json)!;
        body["publicArea"] = publicArea;
        var site = (await Admin.PostJsonAsync("/api/sites", body).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = JsonSerializer.SerializeToNode(Bodies.System(fx.Unique("新建监控系统"), "main-entrance"), Http.Json)!;
        system["newConstruction"] = true;
        system["designReview"] = null;
        system["inspection"] = null;
        system["acceptance"] = null;
        system["inService"] = false;
        var id = (await Admin.PostJsonAsync($"/api/sites/{site}/systems", system).ExpectAsync(HttpStatusCode.Created)).Id();
        return (site, id);
    }

    /// <summary>Uploads a small PDF of the type as the client's party.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid project, string type, string fileName = "文件.pdf", byte[]? content = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(type), "type");
        var file = new ByteArrayContent(content ?? "%PDF-1.4 jifang test"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri($"/api/projects/{project}/documents", UriKind.Relative), form);
    }
}
