using System.Net;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// Retention does not trust the client's clock: the minimum runs from the later of a record's end and the moment the platform
/// registered it, through the API and the page alike; times before the platform's floor or ahead of its clock (beyond the
/// configured tolerance, 300 s by default) are refused naming the field.
/// </summary>
public abstract class RetentionClockTests(PlatformFixture fx)
{
    private DateTimeOffset Now => fx.Time.GetUtcNow();

    [Fact]
    public async Task A_record_said_to_have_ended_40_days_ago_is_kept_its_minimum_from_its_registration()
    {
        var admin = fx.Client(Callers.UnitAdminA);
        var id = (await fx.RegisterAsync(fx.A, admin, Now.AddDays(-40)))[0];
        var refused = await admin.PostJsonAsync($"/api/records/{id}/delete", new { reason = "已满保存期限" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("登记", refused.Str("detail"), StringComparison.Ordinal);
        var detail = await admin.GetAsync($"/api/records/{id}").ExpectAsync(HttpStatusCode.OK);
        var registeredAt = detail.GetProperty("record").GetProperty("registeredAt").GetDateTime();
        Assert.Equal(registeredAt.AddDays(15), detail.GetProperty("retention").GetProperty("keepUntil").GetDateTime());
        Assert.False(detail.GetProperty("retention").GetProperty("deletable").GetBoolean());

        // The page's deletion form goes the same way.
        var page = await fx.PageClientAsync(Callers.UnitAdminA);
        var html = await RecordsKit.PostFormAsync(page, $"/Records/Details/{id}", "Delete", new() { ["Reason"] = "已满保存期限" });
        Assert.Contains("不得删除", html, StringComparison.Ordinal);
        var after = await admin.GetAsync($"/api/records/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("record").GetProperty("deleted").GetBoolean());
        Assert.Equal(2, after.GetProperty("deletionAttempts").GetArrayLength());
    }

    [Fact]
    public async Task A_record_registered_long_enough_ago_is_deletable_and_one_registered_lately_is_not()
    {
        var admin = fx.Client(Callers.UnitAdminA);
        var now = Now.UtcDateTime;
        var old = await fx.InsertRecordAsync(fx.A, now.AddDays(-40), now.AddDays(-20));
        var late = await fx.InsertRecordAsync(fx.A, now.AddDays(-40), now.AddDays(-10));
        await admin.PostJsonAsync($"/api/records/{late}/delete", new { reason = "已满保存期限" }).ExpectAsync(HttpStatusCode.Conflict);
        var deleted = await admin.PostJsonAsync($"/api/records/{old}/delete", new { reason = "已满保存期限" }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task Records_from_before_the_systems_in_service_date_are_refused_naming_the_field()
    {
        var s = await fx.NewSystemAsync();
        var admin = fx.Client(Callers.PlatformAdmin);
        var today = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime);
        System.Text.Json.Nodes.JsonObject Body(DateOnly? since, bool inService = true)
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(Bodies.System(fx.Unique("投入使用系统"), "main-entrance"), Http.Json)!.AsObject();
            body["inService"] = inService;
            body["inServiceSince"] = since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return body;
        }
        // The date itself: not in the future, and only for a system in service.
        await admin.PutJsonAsync($"/api/systems/{s.SystemId}", Body(today.AddDays(1))).ExpectValidationAsync("inServiceSince");
        await admin.PutJsonAsync($"/api/systems/{s.SystemId}", Body(today.AddDays(-10), inService: false)).ExpectValidationAsync("inServiceSince");
        var saved = await admin.PutJsonAsync($"/api/systems/{s.SystemId}", Body(today.AddDays(-10))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), saved.Str("inServiceSince"));

        var record = (DateTimeOffset start) => new { records = new[] { new
        {
            kind = "video", startsAt = start, endsAt = start.AddMinutes(30), storageLocation = "nvr-01:/rec/" + fx.Unique("s"), sizeBytes = 1, sha256 = RecordsKit.Sha(fx.Unique("s")),
        } } };
        var messages = await admin.PostJsonAsync($"/api/systems/{s.SystemId}/records", record(Now.AddDays(-11))).ExpectValidationAsync("records[0].startsAt");
        Assert.Contains("投入使用日期", messages[0], StringComparison.Ordinal);
        await admin.PostJsonAsync($"/api/systems/{s.SystemId}/records", record(Now.AddDays(-9))).ExpectAsync(HttpStatusCode.Created);
    }

    private Task<HttpResponseMessage> RegisterAsync(object record) =>
        fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/systems/{fx.A.SystemId}/records", new { records = new[] { record } });

    private object Record(string startsAt, string endsAt) => new
    {
        kind = "video", startsAt, endsAt, storageLocation = "nvr-01:/rec/" + fx.Unique("t"), sizeBytes = 1, sha256 = RecordsKit.Sha(fx.Unique("t")),
    };

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Times_before_the_floor_or_ahead_of_the_platform_s_clock_are_refused_naming_the_field()
    {
        var yearOne = await RegisterAsync(Record("0001-01-01T00:00:00Z", "0001-01-01T00:30:00Z")).ExpectValidationAsync("records[0].startsAt");
        Assert.Contains("2000-01-01", yearOne.Single(), StringComparison.Ordinal);
        await RegisterAsync(Record("1999-12-31T23:00:00Z", "1999-12-31T23:30:00Z")).ExpectValidationAsync("records[0].endsAt");
        var ahead = await RegisterAsync(Record(Iso(Now.AddMinutes(1)), Iso(Now.AddMinutes(6)))).ExpectValidationAsync("records[0].endsAt");
        Assert.Contains("300", ahead.Single(), StringComparison.Ordinal);
        await RegisterAsync(Record(Iso(Now.AddMinutes(10)), Iso(Now.AddMinutes(20)))).ExpectValidationAsync("records[0].startsAt");
        // Within the tolerance (a system whose clock runs a little ahead) and at the floor itself: accepted.
        await RegisterAsync(Record(Iso(Now.AddMinutes(-1)), Iso(Now.AddMinutes(4)))).ExpectAsync(HttpStatusCode.Created);
        await RegisterAsync(Record("2000-01-01T00:00:00Z", "2000-01-01T00:30:00Z")).ExpectAsync(HttpStatusCode.Created);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RetentionClockSqlite(SqliteFixture fx) : RetentionClockTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RetentionClockPostgres(PostgresFixture fx) : RetentionClockTests(fx);
