using System.Net;
using System.Text;
using Jifang.Features.Alarms;
using Jifang.Infrastructure;
using Jifang.Tests.Infrastructure;
using Jifang.Tests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Jifang.Tests.Features.Alarms;

/// <summary>
/// Intake: systems post with their key; an alarm is 202 only once committed, a retry is the same alarm, bad events are
/// 400 naming the field and store nothing; keys rotate and are revoked at once; a flood is refused and reported.
/// </summary>
public abstract class AlarmIntakeTests(PlatformFixture fx)
{
    [Fact]
    public async Task An_alarm_is_accepted_once_and_a_retry_with_the_same_id_gets_the_same_answer()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var body = AlarmKit.Alarm("GW-0001", fx.Time.GetUtcNow().AddSeconds(-5));

        using var first = await client.PostAlarmAsync(body);
        var answer = await first.ExpectAsync(HttpStatusCode.Accepted);
        var alarm = answer.GetProperty("alarm").GetGuid();
        Assert.Equal("GW-0001", answer.Str("id"));
        Assert.Equal($"/api/alarms/{alarm}", first.Headers.Location?.OriginalString);
        Assert.False(first.Headers.Contains("Idempotent-Replay"));

        using var retry = await client.PostAlarmAsync(body);
        var again = await retry.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(answer.ToString(), again.ToString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(1, await fx.AlarmCountAsync(s.SystemId));

        // The same id with another content is not a retry: 409 naming the id, and still one alarm.
        var problem = await client.PostAlarmAsync(AlarmKit.Alarm("GW-0001", fx.Time.GetUtcNow(), device: "另一个探测器")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("id", problem.Str("field"));
        Assert.Equal(1, await fx.AlarmCountAsync(s.SystemId));

        // The unit sees it, with the site, device, type and time.
        var detail = await fx.Client(Callers.UnitOperatorA).AlarmAsync(alarm);
        var a = detail.GetProperty("alarm");
        Assert.Equal("大堂红外探测器", a.Str("device"));
        Assert.Equal("intrusion", a.Str("type"));
        Assert.Equal("入侵报警", a.Str("typeLabel"));
        Assert.Equal("new", a.Str("status"));
        Assert.Equal(s.SiteId, a.GetProperty("siteId").GetGuid());
        Assert.StartsWith("报警测试旅店", a.Str("siteName"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_alarms_are_all_committed_once_each()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var now = fx.Time.GetUtcNow();
        // 40 alarms and 40 retries of them at once: the writer groups them into shared commits.
        var posts = Enumerable.Range(0, 80).Select(i => client.PostAlarmAsync(AlarmKit.Alarm($"C-{i % 40:D3}", now.AddMilliseconds(i % 40))));
        var answers = await Task.WhenAll(posts.Select(p => p.ExpectAsync(HttpStatusCode.Accepted)));
        Assert.Equal(40, answers.Select(a => a.GetProperty("alarm").GetGuid()).Distinct().Count());
        Assert.Equal(40, await fx.AlarmCountAsync(s.SystemId));
    }

    [Theory]
    [InlineData("body", "")]
    [InlineData("body", "{\"id\":")]
    [InlineData("body", "[1,2]")]
    [InlineData("id", "{\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("id", "{\"id\":\"有 空格\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("id", "{\"id\":\"@long65\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("device", "{\"id\":\"X-1\",\"device\":42,\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("device", "{\"id\":\"X-1\",\"device\":\"a\\u0000b\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("time", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"2026-06-01T09:00:00\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("time", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"昨天\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("time", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@future\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("type", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusoin\",\"priority\":\"high\"}")]
    [InlineData("priority", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\"}")]
    [InlineData("description", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\",\"description\":\"@long501\"}")]
    [InlineData("priorty", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\",\"priorty\":\"high\"}")]
    // A lone surrogate escape is not text (issue 9: each of these answered 500).
    [InlineData("id", "{\"id\":\"\\ud800\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("device", "{\"id\":\"X-1\",\"device\":\"a\\udc00\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("description", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\",\"description\":\"\\ud800x\"}")]
    [InlineData("time", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"\\ud800\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("type", "{\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"\\udfff\",\"priority\":\"high\"}")]
    [InlineData("body", "{\"\\ud800\":1,\"id\":\"X-1\",\"device\":\"d\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    [InlineData("device", "{\"id\":\"X-1\",\"device\":\"a\\u2028b\",\"time\":\"@now\",\"type\":\"intrusion\",\"priority\":\"high\"}")]
    public async Task A_bad_event_is_400_naming_the_field_and_nothing_is_stored(string field, string template)
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var json = template
            .Replace("@now", AlarmKit.Iso(fx.Time.GetUtcNow()), StringComparison.Ordinal)
            .Replace("@future", AlarmKit.Iso(fx.Time.GetUtcNow().AddMinutes(5)), StringComparison.Ordinal)
            .Replace("@long65", new string('x', 65), StringComparison.Ordinal)
            .Replace("@long501", new string('长', 501), StringComparison.Ordinal);
        var messages = await client.SendRawAsync(HttpMethod.Post, "/api/intake/alarms", json).ExpectValidationAsync(field);
        Assert.NotEmpty(messages[0]);
        Assert.Equal(0, await fx.AlarmCountAsync(s.SystemId));
    }

    [Fact]
    public async Task A_body_that_says_it_is_not_json_is_415_and_none_is_read_as_json()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        using (var form = await client.SendRawAsync(HttpMethod.Post, "/api/intake/alarms", "id=1", "application/x-www-form-urlencoded"))
        {
            await form.ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        }
        // Devices often send no Content-Type at all: the body is read as JSON.
        using var bare = new HttpRequestMessage(HttpMethod.Post, "/api/intake/alarms")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(AlarmKit.Alarm("J-1", fx.Time.GetUtcNow()), Http.Json))),
        };
        await (await client.SendAsync(bare)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await fx.AlarmCountAsync(s.SystemId));
    }

    [Fact]
    public async Task A_bad_type_is_named_with_the_closest_code_and_an_oversized_body_is_refused_before_reading()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var type = await client.PostAlarmAsync(AlarmKit.Alarm("T-1", fx.Time.GetUtcNow(), type: "intrusoin")).ExpectValidationAsync("type");
        Assert.Contains("\"intrusion\"", type[0], StringComparison.Ordinal);
        var big = "{\"id\":\"B-1\",\"device\":\"d\",\"time\":\"" + AlarmKit.Iso(fx.Time.GetUtcNow()) + "\",\"type\":\"intrusion\",\"priority\":\"high\",\"description\":\"" + new string('x', 9000) + "\"}";
        var body = await client.SendRawAsync(HttpMethod.Post, "/api/intake/alarms", big).ExpectValidationAsync("body");
        Assert.Contains("8192", body[0], StringComparison.Ordinal);
        Assert.Equal(0, await fx.AlarmCountAsync(s.SystemId));
    }

    [Fact]
    public async Task An_alarm_older_than_the_latest_by_more_than_the_reorder_window_is_out_of_order()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        var now = fx.Time.GetUtcNow();
        await client.PostAlarmAsync(AlarmKit.Alarm("O-2", now)).ExpectAsync(HttpStatusCode.Accepted);
        // Within the window (60 s): concurrent senders may overtake each other.
        await client.PostAlarmAsync(AlarmKit.Alarm("O-1", now.AddSeconds(-30))).ExpectAsync(HttpStatusCode.Accepted);
        var messages = await client.PostAlarmAsync(AlarmKit.Alarm("O-0", now.AddMinutes(-2))).ExpectValidationAsync("time");
        Assert.Contains("乱序", messages[0], StringComparison.Ordinal);
        Assert.Equal(2, await fx.AlarmCountAsync(s.SystemId));
        // A retry of an accepted alarm is not out of order, whatever came after it.
        await client.PostAlarmAsync(AlarmKit.Alarm("O-1", now.AddSeconds(-30))).ExpectAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Keys_are_shown_once_checked_rotated_and_revoked_at_once_each_step_audited()
    {
        var s = await fx.NewSystemAsync();
        var admin = fx.Client(Callers.UnitAdminA);
        using (var none = fx.IntakeClient(null))
        {
            var problem = await none.PostAlarmAsync(AlarmKit.Alarm("K-0", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Unauthorized);
            Assert.Contains(ApiKeys.Header, problem.Str("detail"), StringComparison.Ordinal);
        }
        using (var wrong = fx.IntakeClient(s.Key[..^4] + "AAAA"))
        {
            await wrong.PostAlarmAsync(AlarmKit.Alarm("K-0", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        // The list never carries the key.
        var list = await admin.GetAsync($"/api/systems/{s.SystemId}/alarm-credentials").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(s.Key, list.ToString(), StringComparison.Ordinal);
        Assert.True(list.Items().Single().GetProperty("active").GetBoolean());
        var stored = await fx.DbAsync(db => db.AlarmCredentials.SingleAsync(c => c.Id == s.CredentialId));
        // The secret is everything after "jfk_<credential id>_" (it may itself contain '_': base64url).
        var secret = s.Key["jfk_".Length..][33..];
        Assert.Equal(43, secret.Length);
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored.SecretHash), StringComparison.Ordinal);

        var rotated = await admin.PostAsync(new Uri($"/api/alarm-credentials/{s.CredentialId}/rotate", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var newKey = rotated.Str("key");
        Assert.NotEqual(s.Key, newKey);
        using (var old = fx.IntakeClient(s.Key))
        {
            await old.PostAlarmAsync(AlarmKit.Alarm("K-1", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using (var current = fx.IntakeClient(newKey))
        {
            await current.PostAlarmAsync(AlarmKit.Alarm("K-1", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Accepted);
            await admin.PostAsync(new Uri($"/api/alarm-credentials/{s.CredentialId}/revoke", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
            await current.PostAlarmAsync(AlarmKit.Alarm("K-2", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        await admin.PostAsync(new Uri($"/api/alarm-credentials/{s.CredentialId}/rotate", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);

        var audit = await fx.DbAsync(db => db.Audit.Where(e => e.Subject == $"alarm-credential:{s.CredentialId}").OrderBy(e => e.Index).Select(e => e.Action).ToListAsync());
        Assert.Equal(["alarm.credential-issued", "alarm.credential-rotated", "alarm.credential-revoked"], audit);
        // Another unit's administrator cannot touch it (not found: it is outside their scope).
        await fx.Client(Callers.UnitAdminB).PostAsync(new Uri($"/api/alarm-credentials/{s.CredentialId}/revoke", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_system_page_says_what_its_keys_allow_from_their_state()
    {
        // Issue 10: the page said "尚未签发凭据" beside a heartbeat history.
        var s = await fx.NewSystemAsync();
        var page = await fx.PageClientAsync(Callers.UnitAdminA);
        async Task<string> StateAsync(Guid system)
        {
            using var response = await page.GetAsync(new Uri($"/Alarms/System/{system}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var at = html.IndexOf("id=\"credential-state\"", StringComparison.Ordinal);
            Assert.True(at > 0, "the page has no credential state");
            return html[at..html.IndexOf("</p>", at, StringComparison.Ordinal)];
        }

        using (var client = fx.IntakeClient(s.Key))
        {
            await client.PostAsync(new Uri("/api/intake/heartbeats", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Accepted);
        }
        await fx.WatchTickAsync();
        var state = await StateAsync(s.SystemId);
        Assert.DoesNotContain("未接入", await (await page.GetAsync(new Uri($"/Alarms/System/{s.SystemId}", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("有效凭据 1 个", state, StringComparison.Ordinal);
        Assert.DoesNotContain("尚未签发", state, StringComparison.Ordinal);

        await fx.Client(Callers.UnitAdminA).PostAsync(new Uri($"/api/alarm-credentials/{s.CredentialId}/revoke", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        state = await StateAsync(s.SystemId);
        Assert.Contains("凭据均已吊销（1 个）", state, StringComparison.Ordinal);
        Assert.Contains("吊销前收到的", state, StringComparison.Ordinal);
        Assert.DoesNotContain("尚未签发", state, StringComparison.Ordinal);

        // A system never given a key, and never heard from.
        var admin = fx.Client(Callers.PlatformAdmin);
        var keyless = (await admin.PostJsonAsync($"/api/sites/{s.SiteId}/systems", Bodies.System(fx.Unique("无凭据系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        Assert.Contains("尚未签发凭据", await StateAsync(keyless), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_is_refused_with_429_and_reported_once_to_the_unit_and_the_police_and_audited()
    {
        var s = await fx.NewSystemAsync();
        using var client = fx.IntakeClient(s.Key);
        // The burst (100) passes; the platform's clock does not move, so nothing refills.
        for (var i = 0; i < 100; i++)
        {
            await client.PostAsync(new Uri("/api/intake/heartbeats", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Accepted);
        }
        using (var refused = await client.PostAsync(new Uri("/api/intake/heartbeats", UriKind.Relative), null))
        {
            await refused.ExpectAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        }
        await client.PostAlarmAsync(AlarmKit.Alarm("F-1", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(0, await fx.AlarmCountAsync(s.SystemId));

        foreach (var caller in new[] { Callers.UnitOperatorA, Callers.PoliceCounty })
        {
            var alerts = await fx.Client(caller).GetAsync($"/api/alarm-alerts?kind=flood&system={s.SystemId}").ExpectAsync(HttpStatusCode.OK);
            var alert = Assert.Single(alerts.Items());
            Assert.Contains("速率限制", alert.Str("message"), StringComparison.Ordinal);
            Assert.Equal("nmg-2007", alert.Str("packId"));
            Assert.Equal("11.1", alert.GetProperty("citation").Str("cite"));
        }
        var elsewhere = await fx.Client(Callers.PoliceCountyB).GetAsync($"/api/alarm-alerts?kind=flood&system={s.SystemId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(elsewhere.Items());
        Assert.Equal(1, await fx.DbAsync(db => db.Audit.CountAsync(e => e.Action == "alarm.flood" && e.Subject == $"system:{s.SystemId}")));

        // A second later one token is back.
        fx.Advance(TimeSpan.FromSeconds(1));
        await client.PostAlarmAsync(AlarmKit.Alarm("F-2", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task The_noop_endpoint_authenticates_and_reads_like_the_intake_and_stores_nothing()
    {
        var s = await fx.NewSystemAsync();
        using (var none = fx.IntakeClient(null))
        {
            await none.PostJsonAsync("/api/intake/noop", AlarmKit.Alarm("N-1", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        using var client = fx.IntakeClient(s.Key);
        await client.PostJsonAsync("/api/intake/noop", AlarmKit.Alarm("N-1", fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Accepted);
        await client.PostJsonAsync("/api/intake/noop", new { id = "N-2" }).ExpectValidationAsync("device");
        Assert.Equal(0, await fx.AlarmCountAsync(s.SystemId));
    }

    [Fact]
    public async Task The_noop_endpoint_is_absent_unless_configured()
    {
        await using var app = PlatformHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"jifang-noop-{Guid.NewGuid():N}.db")}",
            ["Demo:Seed"] = "false",
            ["Packs:Directory"] = Repo.Packs,
        }));
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}")).ToList();
        Assert.Contains("POST /api/intake/alarms", endpoints);
        Assert.DoesNotContain("POST /api/intake/noop", endpoints);
        Assert.Contains("POST /api/intake/noop", AuthorizationMatrixTests.Discover(fx.App.Services));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AlarmIntakeSqlite(SqliteFixture fx) : AlarmIntakeTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AlarmIntakePostgres(PostgresFixture fx) : AlarmIntakeTests(fx);

/// <summary>What a 202 rests on with SQLite: commits are synchronous (FULL) in WAL mode, so a committed alarm is on disk.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteDurabilityTests(SqliteFixture fx)
{
    [Fact]
    public async Task The_platforms_sqlite_connections_commit_with_synchronous_full_in_wal_mode()
    {
        var (journal, synchronous) = await fx.DbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var journalCommand = connection.CreateCommand();
            journalCommand.CommandText = "PRAGMA journal_mode";
            var j = (string)(await journalCommand.ExecuteScalarAsync())!;
            await using var syncCommand = connection.CreateCommand();
            syncCommand.CommandText = "PRAGMA synchronous";
            var s = Convert.ToInt64(await syncCommand.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (j, s);
        });
        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // FULL
    }
}
