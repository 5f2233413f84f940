using System.Net;
using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Jifang.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// A change and its audit entries commit together or not at all. The audit outbox is made to fail (a trigger that refuses
/// every insert, the database's own error) and every write operation of the API is called as a caller it lets through:
/// each must answer 503 with a Chinese ProblemDetails and leave every table as it was. The write operations are those of
/// the authorization matrix (found from the app's endpoints, so a new one cannot be left out); the few that change nothing
/// a log entry could describe are named below with why.
/// </summary>
public abstract class AuditAtomicityTests(PlatformFixture fx)
{
    /// <summary>Write operations that are not audited changes, and why.</summary>
    private static readonly Dictionary<string, string> NotChanges = new(StringComparer.Ordinal)
    {
        ["POST /api/auth/token"] = "a sign-in: logged on its own (auth.signed-in) before the token is issued; it changes no record",
        ["POST /api/access-packages/verify"] = "reads an uploaded package and answers; stores nothing",
        ["POST /api/intake/alarms"] = "a system's key, not a user; the alarm row is the durable record and every step of its handling is audited",
        ["POST /api/intake/heartbeats"] = "a system's key; heartbeats are kept in memory and flushed as status, never an audited change",
        ["POST /api/intake/noop"] = "the benchmark's no-op endpoint: parses and answers, writes nothing",
    };

    /// <summary>The matrix's call, or the one that makes a change where the matrix's does not (an import is tried as a dry run there).</summary>
    private static Task<HttpRequestMessage> Call(MatrixEndpoint e, MatrixCall c) =>
        e.Key == "POST /api/import" ? Task.FromResult(AuthorizationMatrix.Import(c, dryRun: false)) : e.Request(c);

    private static bool IsWrite(string key) =>
        key.StartsWith("POST /api/", StringComparison.Ordinal) || key.StartsWith("PUT /api/", StringComparison.Ordinal)
        || key.StartsWith("DELETE /api/", StringComparison.Ordinal) || key.StartsWith("PATCH /api/", StringComparison.Ordinal);

    public static TheoryData<string> Writes =>
        new(AuthorizationMatrix.Endpoints.Select(e => e.Key).Where(IsWrite).Where(k => !NotChanges.ContainsKey(k) && !ByParty.ContainsKey(k)));

    /// <summary>
    /// Steps only a party's account takes (no caller of the matrix is a drawn expert or the commissioned agency): tried as that
    /// account on a project the kit drives to the stage where the step is due.
    /// </summary>
    private static readonly Dictionary<string, string> ByParty = new(StringComparer.Ordinal)
    {
        ["POST /api/projects/{id:guid}/opinion"] = "panel",
        ["POST /api/projects/{id:guid}/report"] = "inspection",
    };

    public static TheoryData<string> PartyWrites => new(ByParty.Keys);

    [Theory]
    [MemberData(nameof(PartyWrites))]
    public async Task With_the_audit_outbox_failing_a_partys_step_is_refused_and_nothing_is_saved(string key)
    {
        var kit = new Projects.ProjectKit(fx);
        var p = await kit.DriveAsync(fx.A, ByParty[key]);
        var opinion = key.EndsWith("/opinion", StringComparison.Ordinal);
        using var client = opinion
            ? await kit.RawPartyClientAsync(Jifang.Features.Identity.Roles.Expert, p.Panel[0])
            : await kit.RawPartyClientAsync(Jifang.Features.Identity.Roles.TestingAgency, p.AgencyId!.Value);
        var before = await DatabaseFingerprint.TakeAsync(fx);
        HttpStatusCode status;
        await using (await OutboxDownAsync())
        {
            using var response = opinion
                ? await client.PostJsonAsync($"/api/projects/{p.Id}/opinion", new { opinion = "pass" })
                : await client.PostJsonAsync($"/api/projects/{p.Id}/report", kit.Report(fx.Unique("JC"), "pass"));
            status = response.StatusCode;
        }
        var after = await DatabaseFingerprint.TakeAsync(fx);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var changed = DatabaseFingerprint.Changed(before, after);
        Assert.True(changed.Count == 0, $"{key}: tables changed although the audit entry could not be saved: {string.Join(", ", changed)}");
    }

    [Fact]
    public void Every_write_operation_of_the_app_is_tried_or_named_as_no_change()
    {
        var writes = AuthorizationMatrixTests.Discover(fx.App.Services).Where(IsWrite).ToList();
        Assert.True(writes.Count >= 30, $"only {writes.Count} write operations discovered");
        var unknown = NotChanges.Keys.Except(writes).ToList();
        Assert.True(unknown.Count == 0, "named as no change but not an endpoint: " + string.Join(", ", unknown));
        // Every other write is in the matrix, hence in Writes (the matrix covers every endpoint: AuthorizationMatrixTests); a line
        // for a variant of an endpoint ("POST /api/users/ + expert account") is tried too, and counts as its endpoint.
        Assert.Equal(writes.Count - NotChanges.Count, AuthorizationMatrix.Endpoints.Select(e => e.Key).Where(IsWrite).Where(k => !NotChanges.ContainsKey(k))
            .Select(k => k.Split(" + ")[0]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task With_the_audit_outbox_failing_a_change_is_refused_and_nothing_is_saved(string key)
    {
        var endpoint = AuthorizationMatrix.Find(key);
        var (caller, world) = Allowed(endpoint);
        using var request = await Call(endpoint, new MatrixCall(fx, caller, world));
        var before = await DatabaseFingerprint.TakeAsync(fx);
        string body;
        HttpStatusCode status;
        await using (await OutboxDownAsync())
        {
            using var response = await fx.RawClient(caller).SendAsync(request);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
        }
        var after = await DatabaseFingerprint.TakeAsync(fx);
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{key} as {caller.Key}: expected 503, got {(int)status} {body}");
        var problem = Http.Parse(body);
        Assert.Equal("审计日志暂不可用", problem.Str("title"));
        Assert.Contains("未执行", problem.Str("detail"), StringComparison.Ordinal);
        var changed = DatabaseFingerprint.Changed(before, after);
        Assert.True(changed.Count == 0, $"{key}: tables changed although the audit entry could not be saved: {string.Join(", ", changed)}");
    }

    [Fact]
    public async Task Entries_left_in_the_outbox_by_a_stopped_process_are_appended_once_with_their_receipts()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        var now = fx.Time.GetUtcNow().UtcDateTime;
        var step = new AlarmStep
        {
            AlarmId = id, Kind = AlarmCodes.StepConfirmed, Level = AlarmCodes.UnitLevel, Actor = "unit-operator-a", At = now,
            Detail = "确认为真实警情", UnitId = fx.A.UnitId, DivisionCode = fx.A.Division,
        };
        await fx.DbAsync(async db =>
        {
            db.AlarmSteps.Add(step);
            db.AuditOutbox.Add(new AuditOutboxEntry
            {
                Id = Guid.CreateVersion7(), CreatedAt = now, Action = "alarm.confirmed", Actor = "unit-operator-a", Subject = $"alarm:{id}",
                DivisionCode = fx.A.Division, UnitId = fx.A.UnitId, Detail = "确认为真实警情",
                ReceiptType = typeof(AlarmStep).FullName, ReceiptId = step.Id,
            });
            return await db.SaveChangesAsync();
        });
        var log = fx.App.Services.GetRequiredService<AuditLog>();
        var before = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().CountAsync());
        // Younger than the grace: the process that saved it may still be appending it.
        Assert.Equal(0, await log.RecoverAsync(TimeSpan.FromMinutes(1)));
        // Two recoveries at once (two processes): the entry is appended by one of them only.
        var both = await Task.WhenAll(log.RecoverAsync(TimeSpan.Zero), log.RecoverAsync(TimeSpan.Zero));
        Assert.Equal(1, both.Sum());
        Assert.Equal(before + 1, await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().CountAsync()));
        var stored = await fx.DbAsync(db => db.AlarmSteps.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == step.Id));
        Assert.Equal(before, stored.AuditIndex);
        var entry = await fx.DbAsync(db => db.Audit.IgnoreQueryFilters().SingleAsync(e => e.Index == before));
        Assert.Equal(Convert.ToHexStringLower(entry.LeafHash), stored.AuditLeafHash);
        Assert.Equal($"alarm:{id}", entry.Subject);
        Assert.False(await fx.DbAsync(db => db.AuditOutbox.AnyAsync()));
    }

    [Fact]
    public async Task An_entry_added_after_its_change_was_saved_is_refused_as_the_programming_error_it_is()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        audit.Add("site.updated", "site:late");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(audit.FlushAsync);
        Assert.Contains("site.updated", error.Message, StringComparison.Ordinal);
        // An entry the log would refuse fails when it is added, before anything could be saved with it: a division code of
        // the wrong shape, or an action the log cannot name to its readers.
        Assert.Throws<ArgumentException>(() => audit.Add("site.updated", "site:bad", division: "150102\n"));
        Assert.Throws<ArgumentException>(() => audit.Add("site.teleported", "site:bad"));
        Assert.False(await db.AuditOutbox.AnyAsync());
    }

    /// <summary>The platform administrator on world A, or the first caller whose cell lets the call through.</summary>
    private (Caller Caller, World? World) Allowed(MatrixEndpoint e)
    {
        foreach (var caller in new[] { Callers.PlatformAdmin }.Concat(Callers.Users))
        {
            var cell = e.Expectations[caller.Key][0];
            if (cell.StartsWith('2'))
            {
                return (caller, e.Scoped ? fx.A : null);
            }
        }
        throw new InvalidOperationException($"{e.Key}: no caller the matrix lets through on world A");
    }

    /// <summary>Makes every insert into the audit outbox fail, as the database would (a trigger that raises), until disposed.</summary>
    private async Task<IAsyncDisposable> OutboxDownAsync()
    {
        var sqlite = fx.Provider == "sqlite";
        await ExecuteAsync(sqlite
            ? "CREATE TRIGGER test_outbox_down BEFORE INSERT ON audit_outbox BEGIN SELECT RAISE(ABORT, 'audit outbox down (test)'); END;"
            : "CREATE FUNCTION test_outbox_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit outbox down (test)'; END $$; "
              + "CREATE TRIGGER test_outbox_down BEFORE INSERT ON audit_outbox FOR EACH ROW EXECUTE FUNCTION test_outbox_down();");
        return new Restore(() => ExecuteAsync(sqlite
            ? "DROP TRIGGER test_outbox_down;"
            : "DROP TRIGGER test_outbox_down ON audit_outbox; DROP FUNCTION test_outbox_down();"));
    }

    private Task<int> ExecuteAsync(string sql) => fx.DbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private sealed class Restore(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditAtomicitySqlite(SqliteFixture fx) : AuditAtomicityTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditAtomicityPostgres(PostgresFixture fx) : AuditAtomicityTests(fx);
