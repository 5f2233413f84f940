using System.Net;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// The audit log through the platform: what the registry, the findings, sign-ins and imports write to it (with the
/// caller as actor and never a password), proofs that a client can check on its own, tree heads and their export,
/// consistency proofs, the tree-head signer on the fake clock, and bad input.
/// </summary>
public abstract class AuditApiTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private async Task<List<AuditEntry>> EntriesAsync(Func<AuditEntry, bool> where)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return (await db.Audit.AsNoTracking().OrderBy(e => e.Index).ToListAsync()).Where(where).ToList();
    }

    [Fact]
    public async Task A_registry_change_is_logged_with_the_caller_the_fields_it_modified_and_the_findings_it_raised_and_cleared()
    {
        var client = fx.Client(Callers.PoliceCounty);
        var siteName = fx.Unique("审计场所");
        var site = (await client.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, siteName, "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var created = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "site.created"));
        Assert.Equal("police-county", created.Actor);
        Assert.Equal("150102", created.DivisionCode);
        Assert.Equal(fx.A.UnitId, created.UnitId);
        Assert.Contains(siteName, created.Detail, StringComparison.Ordinal);

        await client.PutJsonAsync($"/api/sites/{site}", Bodies.Hotel(fx.A.UnitId, siteName + "改", "150102")).ExpectAsync(HttpStatusCode.OK);
        var updated = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "site.updated"));
        Assert.Matches("修改字段：.*\\bName\\b", updated.Detail);
        Assert.True(updated.Index > created.Index);

        // A camera in a guest room raises a privacy finding; archiving it clears the finding: both logged with their citation.
        var system = (await client.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System("审计系统", "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var device = (await client.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device("客房摄像机", "hotel-guest-room", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        // (Under nmg-2007; the national regulation raises its own, logged under its id: LayeredJudgingTests.)
        var raised = (await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "finding.raised" && e.Citation!.StartsWith("nmg-2007 ", StringComparison.Ordinal)))
            .Where(e => e.Detail!.Contains(device.ToString(), StringComparison.Ordinal)).ToList();
        var finding = Assert.Single(raised);
        Assert.Equal("police-county", finding.Actor);
        var deviceCreated = Assert.Single(await EntriesAsync(e => e.Subject == $"device:{device}"));
        Assert.True(deviceCreated.Index < finding.Index, "the change comes before the findings it caused");

        await client.PostAsync(new Uri($"/api/devices/{device}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        var cleared = (await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "finding.cleared" && e.Citation == finding.Citation))
            .Where(e => e.Detail!.Contains(device.ToString(), StringComparison.Ordinal));
        Assert.Equal(finding.Citation, Assert.Single(cleared).Citation);

        // The other registries: unit, product, contractor, person.
        var unit = (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("审计单位"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var product = (await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("审计型号"))).ExpectAsync(HttpStatusCode.Created)).Id();
        var contractor = (await Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("审计从业单位"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var person = (await Admin.PostJsonAsync("/api/personnel", Bodies.Person(fx.Unique("审计人员"), unit, null)).ExpectAsync(HttpStatusCode.Created)).Id();
        await Admin.PostAsync(new Uri($"/api/personnel/{person}/archive", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Single(await EntriesAsync(e => e.Subject == $"unit:{unit}" && e.Action == "unit.created" && e.Actor == "platform-admin"));
        Assert.Single(await EntriesAsync(e => e.Subject == $"product:{product}" && e.Action == "product.created"));
        Assert.Single(await EntriesAsync(e => e.Subject == $"contractor:{contractor}" && e.Action == "contractor.created" && e.DivisionCode == "150102"));
        var personEntries = await EntriesAsync(e => e.Subject == $"person:{person}");
        Assert.Equal(["person.created", "person.archived"], personEntries.Select(e => e.Action));
        Assert.All(personEntries, e => Assert.Equal(unit, e.UnitId));

        // A refused change leaves no entry.
        await fx.Client(Callers.PoliceCountyB).PutJsonAsync($"/api/sites/{site}", Bodies.Hotel(fx.A.UnitId, "越权修改", "150102")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Single(await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "site.updated"));
    }

    [Fact]
    public async Task Sign_ins_failures_and_throttling_are_logged_without_the_password()
    {
        var user = fx.Unique("audit-login");
        await fx.CreateUserAsync(user, Roles.PoliceCounty, "150203");
        using var client = fx.NewClient();
        await client.PostJsonAsync("/api/auth/token", new { userName = user, password = Caller.Password }).ExpectAsync(HttpStatusCode.OK);
        const string wrong = "secret-wrong-password-77";
        for (var i = 0; i < 6; i++)
        {
            await client.PostJsonAsync("/api/auth/token", new { userName = user, password = wrong }).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        // The sixth failure is followed by a delay: the attempt during it is refused unchecked, and logged as throttled.
        await client.PostJsonAsync("/api/auth/token", new { userName = user, password = wrong }).ExpectAsync(HttpStatusCode.TooManyRequests);
        var entries = await EntriesAsync(e => e.Subject == $"user:{user}");
        Assert.Equal("auth.signed-in", entries[0].Action);
        Assert.Equal(6, entries.Count(e => e.Action == "auth.sign-in-failed"));
        Assert.Equal("auth.throttled", entries[^1].Action);
        Assert.All(entries, e =>
        {
            Assert.Equal(user, e.Actor);
            Assert.Equal("150203", e.DivisionCode);
            Assert.DoesNotContain(wrong, e.Detail!, StringComparison.Ordinal);
            Assert.DoesNotContain(Caller.Password, e.Detail!, StringComparison.Ordinal);
            Assert.Contains("通道：API 令牌", e.Detail, StringComparison.Ordinal);
        });
        // An unknown user name is logged as such.
        var unknown = fx.Unique("no-such-user");
        await client.PostJsonAsync("/api/auth/token", new { userName = unknown, password = wrong }).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("用户名不存在", Assert.Single(await EntriesAsync(e => e.Subject == $"user:{unknown}")).Detail, StringComparison.Ordinal);

        // The sign-in page logs through the same path.
        var pageUser = fx.Unique("audit-page");
        await fx.CreateUserAsync(pageUser, Roles.PoliceCity, "150102");
        using var browser = new HttpClient(new CookieKeeper(new NoServerErrors(fx.Server.CreateHandler(c => c.Connection.RemoteIpAddress = fx.NewAddress())))) { BaseAddress = fx.Server.BaseAddress };
        await PlatformFixture.SignInWithFormAsync(browser, pageUser, Caller.Password);
        var page = Assert.Single(await EntriesAsync(e => e.Subject == $"user:{pageUser}"));
        Assert.Equal("auth.signed-in", page.Action);
        Assert.Contains("通道：登录页面", page.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inclusion_proof_checks_out_with_the_public_key_alone_and_carries_a_slip_line()
    {
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("证明场所"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var index = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{site}" && e.Action == "site.created")).Index;
        var key = Convert.FromBase64String((await fx.NewClient().GetAsync(new Uri("/api/audit/public-key", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK)).Str("publicKey"));

        // Right after the append, the proof is against the checkpoint of the entry's own batch.
        var proof = await fx.Client(Callers.PoliceCounty).GetAsync(new Uri($"/api/audit/entries/{index}/proof", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Check(proof, index, key);
        Assert.Equal("checkpoint", proof.GetProperty("head").Str("kind"));

        // Once a tree head covers it, against the tree head.
        Assert.NotNull(await fx.App.Services.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync());
        proof = await fx.Client(Callers.PoliceCounty).GetAsync(new Uri($"/api/audit/entries/{index}/proof", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Check(proof, index, key);
        Assert.Equal("tree-head", proof.GetProperty("head").Str("kind"));

        // The function the registration slips call.
        var slip = await fx.App.Services.GetRequiredService<AuditProofs>().ProveAsync(index);
        Assert.NotNull(slip);
        Assert.True(slip.PathHolds());
        Assert.StartsWith($"审计日志第 {index} 条", slip.SlipLine(), StringComparison.Ordinal);
    }

    private static void Check(JsonElement proof, long index, byte[] publicKey)
    {
        var canonical = proof.Str("canonical");
        var leaf = Merkle.LeafHash(System.Text.Encoding.UTF8.GetBytes(canonical));
        Assert.Equal(Convert.ToHexStringLower(leaf), proof.Str("leafHash"));
        Assert.StartsWith($"{{\"index\":{index},", canonical, StringComparison.Ordinal);
        var head = proof.GetProperty("head");
        var size = head.GetProperty("treeSize").GetInt64();
        var root = Convert.FromHexString(head.Str("rootHash"));
        var path = proof.Strings("auditPath").Select(Convert.FromHexString).ToList();
        Assert.True(Merkle.VerifyInclusion(index, size, leaf, path, root), "the audit path does not lead to the head's root");
        Assert.False(Merkle.VerifyInclusion(index, size, Merkle.LeafHash("其他条目"u8), path, root));
        var at = head.GetProperty("at").GetDateTime().ToUniversalTime();
        var signature = Convert.FromBase64String(head.Str("signature"));
        var statement = head.Str("kind") == "tree-head"
            ? AuditStatements.TreeHead(size, root, at)
            : AuditStatements.Checkpoint(head.GetProperty("previousSize").GetInt64(), size, root, at);
        Assert.True(AuditStatements.Verify(publicKey, statement, signature), "the head's signature does not hold");
        signature[0] ^= 1;
        Assert.False(AuditStatements.Verify(publicKey, statement, signature));
    }

    [Fact]
    public async Task Tree_heads_are_signed_when_the_log_grew_exported_with_the_key_and_consistent_with_each_other()
    {
        var heads = fx.App.Services.GetRequiredService<AuditTreeHeads>();
        await heads.SignIfGrownAsync();
        Assert.Null(await heads.SignIfGrownAsync());
        await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("树头型号"))).ExpectAsync(HttpStatusCode.Created);
        var first = await heads.SignIfGrownAsync();
        Assert.NotNull(first);
        await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("树头型号"))).ExpectAsync(HttpStatusCode.Created);
        await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("树头型号"))).ExpectAsync(HttpStatusCode.Created);
        var second = await heads.SignIfGrownAsync();
        Assert.NotNull(second);
        Assert.Equal(first.TreeSize + 2, second.TreeSize);

        var police = fx.Client(Callers.PoliceProvince);
        var listed = await police.GetAsync(new Uri("/api/audit/tree-heads?pageSize=5", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(second.TreeSize, listed.Items().First().GetProperty("treeSize").GetInt64());

        using var export = await police.GetAsync(new Uri("/api/audit/tree-heads/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var document = JsonSerializer.Deserialize<TreeHeadsDocument>(await export.Content.ReadAsStringAsync(), TreeHeadsDocument.Json)!;
        var report = new AuditVerifyReport();
        var roots = AuditVerifier.ReadTreeHeads("export.json", document, null, null, report);
        Assert.Empty(report.Problems);
        Assert.Contains(roots, r => r.Size == second.TreeSize && r.Root.AsSpan().SequenceEqual(second.RootHash));

        var proof = await police.GetAsync(new Uri($"/api/audit/consistency?first={first.TreeSize}&second={second.TreeSize}", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("tree-head", proof.GetProperty("first").Str("kind"));
        Assert.True(Merkle.VerifyConsistency(first.TreeSize, second.TreeSize, first.RootHash, second.RootHash, proof.Strings("proof").Select(Convert.FromHexString).ToList()));
        Assert.False(Merkle.VerifyConsistency(first.TreeSize, second.TreeSize, second.RootHash, first.RootHash, proof.Strings("proof").Select(Convert.FromHexString).ToList()));
    }

    [Fact]
    public async Task The_signer_runs_at_the_configured_interval_on_the_clock_when_the_log_grew()
    {
        var services = fx.App.Services;
        await services.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync();
        await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("定时型号"))).ExpectAsync(HttpStatusCode.Created);
        var size = (await services.GetRequiredService<AuditLog>().TreeAsync()).Size;
        // The service on a clock of its own (the fixture's signer is off: it would tick whenever any test moved the shared clock).
        var clock = new FakeTimeProvider(fx.Time.GetUtcNow());
        var interval = services.GetRequiredService<IOptions<AuditOptions>>().Value.TreeHeadInterval;
        using var service = new AuditTreeHeadService(services.GetRequiredService<AuditTreeHeads>(), services.GetRequiredService<AuditLog>(), clock,
            services.GetRequiredService<IOptions<AuditOptions>>(), NullLogger<AuditTreeHeadService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var tick = service.NextTickAsync();
            clock.Advance(interval - TimeSpan.FromSeconds(1));
            Assert.False(tick.IsCompleted, "the signer ticked before its interval");
            clock.Advance(TimeSpan.FromSeconds(1));
            await tick.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
        Assert.True(await fx.DbAsync(db => db.AuditTreeHeads.AnyAsync(h => h.TreeSize >= size)), $"no tree head of {size} entries was signed after the interval");
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field_and_an_entry_outside_the_scope_is_404()
    {
        var police = fx.Client(Callers.PoliceCounty);
        await police.GetAsync(new Uri("/api/audit/consistency?first=5&second=2", UriKind.Relative)).ExpectValidationAsync("second");
        await police.GetAsync(new Uri("/api/audit/consistency?second=2", UriKind.Relative)).ExpectValidationAsync("first");
        await police.GetAsync(new Uri("/api/audit/consistency?first=0&second=999999999", UriKind.Relative)).ExpectValidationAsync("second");
        await police.GetAsync(new Uri("/api/audit/entries?division=15x", UriKind.Relative)).ExpectValidationAsync("division");
        await police.GetAsync(new Uri("/api/audit/entries?from=2026-06-02&to=2026-06-01", UriKind.Relative)).ExpectValidationAsync("to");
        var mine = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{fx.A.SiteId}" && e.Action == "site.created")).Index;
        await police.GetAsync(new Uri($"/api/audit/entries/{mine}/proof?treeSize={mine}", UriKind.Relative)).ExpectValidationAsync("treeSize");
        var other = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{fx.B.SiteId}" && e.Action == "site.created")).Index;
        await police.GetAsync(new Uri($"/api/audit/entries/{other}/proof", UriKind.Relative)).ExpectAsync(HttpStatusCode.NotFound);
        await police.GetAsync(new Uri("/api/audit/entries/99999999", UriKind.Relative)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_audit_pages_show_an_entry_with_its_checked_proof_and_the_tree_heads()
    {
        var page = await fx.PageClientAsync(Callers.PoliceCounty);
        var index = Assert.Single(await EntriesAsync(e => e.Subject == $"site:{fx.A.SiteId}" && e.Action == "site.created")).Index;
        var list = await page.GetStringAsync(new Uri($"/Audit?subject=site:{fx.A.SiteId}", UriKind.Relative));
        Assert.Contains($"/Audit/Entry/{index}", list, StringComparison.Ordinal);
        Assert.Contains("新建场所", list, StringComparison.Ordinal);
        var entry = await page.GetStringAsync(new Uri($"/Audit/Entry/{index}", UriKind.Relative));
        Assert.Contains("收录证明", entry, StringComparison.Ordinal);
        Assert.Contains("与条目内容相符", entry, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok\">通过</span>", entry, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok\">有效</span>", entry, StringComparison.Ordinal);
        var heads = await page.GetStringAsync(new Uri("/Audit/TreeHeads?first=1&second=3", UriKind.Relative));
        Assert.Contains("签名树头", heads, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok\">通过</span>", heads, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditApiSqlite(SqliteFixture fx) : AuditApiTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditApiPostgres(PostgresFixture fx) : AuditApiTests(fx);
