using System.Net;
using System.Security.Cryptography;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// Records (registration, retention with the fake clock under both packs, two-person evidence holds, coverage) and lawful
/// access (official requests judged by the engine: one officer alone, the same officer twice, another agency; a copy's
/// verifiable package; citizens through the portal: consent, view, copy refused until the county police approve).
/// </summary>
public abstract class RecordsAccessTests(PlatformFixture fx)
{
    private DateTimeOffset Now => fx.Time.GetUtcNow();

    [Fact]
    public async Task Registration_validates_each_record_and_lists_in_scope()
    {
        var admin = fx.Client(Callers.UnitAdminA);
        var messages = await admin.PostJsonAsync($"/api/systems/{fx.A.SystemId}/records",
            new { records = new[] { new { kind = "vidoe", startsAt = Now, endsAt = Now.AddMinutes(-1), storageLocation = "x", sizeBytes = -1, sha256 = "abc" } } })
            .ExpectValidationAsync("records[0].sha256");
        Assert.Contains("SHA-256 应为 64 位十六进制数字", messages);
        await admin.PostJsonAsync($"/api/systems/{fx.A.SystemId}/records", new { records = Array.Empty<object>() }).ExpectValidationAsync("records");
        var ids = await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitOperatorA), Now.AddHours(-1));
        var own = await admin.GetAsync($"/api/records?system={fx.A.SystemId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(own.Items(), r => r.Id() == ids[0]);
        var other = await fx.Client(Callers.UnitAdminB).GetAsync($"/api/records?system={fx.A.SystemId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(other.Items());
        await fx.Client(Callers.UnitAdminB).GetAsync($"/api/records/{ids[0]}").ExpectAsync(HttpStatusCode.NotFound);
        await fx.Client(Callers.PoliceCounty).PostJsonAsync($"/api/systems/{fx.A.SystemId}/records", new { records = Array.Empty<object>() }).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Province_retention_refuses_an_early_deletion_with_article_21_logs_it_and_allows_it_after_30_days()
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        // Registered when it ended, 29 days ago, as a system registers its segments (retention runs from the later of the two).
        var id = await fx.InsertRecordAsync(fx.P, Now.UtcDateTime.AddDays(-29), Now.UtcDateTime.AddDays(-29));
        using var refused = await admin.PostJsonAsync($"/api/records/{id}/delete", new { reason = "磁盘空间不足" });
        var problem = await refused.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("province-2012", problem.Str("packId"));
        var cites = problem.GetProperty("citations").EnumerateArray().Select(c => c.Str("text")).ToList();
        Assert.Contains(cites, c => c.EndsWith("第二十一条", StringComparison.Ordinal));
        Assert.Contains(cites, c => c.EndsWith("第十七条第（四）项", StringComparison.Ordinal));
        Assert.Contains(problem.GetProperty("citations").EnumerateArray(), c => c.Str("words").Contains("保存资料时限不得少于三十日", StringComparison.Ordinal));
        var auditIndex = problem.GetProperty("auditIndex").GetInt64();
        var detail = await admin.GetAsync($"/api/records/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(detail.GetProperty("record").GetProperty("deleted").GetBoolean());
        Assert.Equal(auditIndex, detail.GetProperty("deletionAttempts")[0].GetProperty("auditIndex").GetInt64());
        Assert.Equal(30, detail.GetProperty("retention").GetProperty("minDays").GetInt32());

        // A day and a minute later for this record (the shared clock does not move by days).
        await fx.AgeRecordAsync(id, TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var deleted = await fx.Client(Callers.PlatformAdmin).PostJsonAsync($"/api/records/{id}/delete", new { reason = "已满三十日" }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal("platform-admin", deleted.Str("deletedBy"));
        // Never removed from the registry.
        var kept = await fx.Client(Callers.PlatformAdmin).GetAsync($"/api/records?system={fx.P.SystemId}&deleted=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(kept.Items(), r => r.Id() == id);
    }

    [Fact]
    public async Task Nmg_retention_is_the_configured_policy_and_a_confirmed_hold_overrides_it_until_released_by_two_people()
    {
        var unitAdmin = fx.Client(Callers.UnitAdminA);
        Guid[] ids = [(await fx.RegisterAsync(fx.A, unitAdmin, Now.AddDays(-10)))[0], await fx.InsertRecordAsync(fx.A, Now.UtcDateTime.AddDays(-40), Now.UtcDateTime.AddDays(-40))];
        var young = await unitAdmin.PostJsonAsync($"/api/records/{ids[0]}/delete", new { reason = "清理" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("nmg-2007", young.Str("packId"));
        Assert.Contains("Records:RetentionPolicies:15", young.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(young.GetProperty("citations").EnumerateArray(), c => c.Str("text").EndsWith("第十七条第（一）项", StringComparison.Ordinal));

        var police = fx.Client(Callers.PoliceCounty);
        var hold = (await police.PostJsonAsync("/api/holds", new { unitId = fx.A.UnitId, caseNumber = "新公刑案2026-001", reason = "盗窃案证据", recordIds = new[] { ids[1] } })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var self = await police.PostAsync(new Uri($"/api/holds/{hold}/confirm", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("两名不同", self.Str("detail"), StringComparison.Ordinal);
        // Proposed but not confirmed: the old record may still go? No: only an active hold protects; confirm first.
        await unitAdmin.PostAsync(new Uri($"/api/holds/{hold}/confirm", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var onHold = await unitAdmin.PostJsonAsync($"/api/records/{ids[1]}/delete", new { reason = "已满期限" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("新公刑案2026-001", onHold.Str("detail"), StringComparison.Ordinal);

        // Placed by the police: released by the police (HoldReleaseTests), two of them.
        await police.PostJsonAsync($"/api/holds/{hold}/release", new { reason = "结案" }).ExpectAsync(HttpStatusCode.OK);
        await police.PostAsync(new Uri($"/api/holds/{hold}/confirm-release", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);
        await fx.Client(Callers.PoliceCity).PostAsync(new Uri($"/api/holds/{hold}/confirm-release", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        await unitAdmin.PostJsonAsync($"/api/records/{ids[1]}/delete", new { reason = "已满期限，保全已解除" }).ExpectAsync(HttpStatusCode.OK);

        // The day's coverage report lists the refused early deletions.
        var day = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await unitAdmin.GetAsync($"/api/units/{fx.A.UnitId}/coverage?date={day}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(report.GetProperty("earlyDeletions").EnumerateArray(), a => a.GetProperty("recordId").GetGuid() == ids[0]);
        Assert.Contains(report.GetProperty("deletions").EnumerateArray(), a => a.GetProperty("recordId").GetGuid() == ids[1]);
        await unitAdmin.GetAsync($"/api/units/{fx.A.UnitId}/coverage?date=2999-01-01").ExpectValidationAsync("date");
    }

    [Fact]
    public async Task Coverage_shows_the_gaps_of_a_day()
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        var day = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).AddDays(-3);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var system = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/systems", Bodies.System(fx.Unique("覆盖系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var device = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/devices", Bodies.Device(fx.Unique("覆盖摄像机"), "public", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        object Segment(int fromHour, int toHour) => new
        {
            deviceId = device, kind = "video", startsAt = start.AddHours(fromHour), endsAt = start.AddHours(toHour), storageLocation = "nvr",
            sizeBytes = 1, sha256 = RecordsKit.Sha(fx.Unique("c")),
        };
        await admin.PostJsonAsync($"/api/systems/{system}/records", new { records = new[] { Segment(0, 8), Segment(8, 10), Segment(12, 24) } }).ExpectAsync(HttpStatusCode.Created);
        var report = await fx.Client(Callers.UnitAdminB).GetAsync($"/api/units/{fx.B.UnitId}/coverage?date={day:yyyy-MM-dd}").ExpectAsync(HttpStatusCode.OK);
        var stream = report.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("deviceId").GetString() == device.ToString());
        var gap = Assert.Single(stream.GetProperty("gaps").EnumerateArray());
        Assert.Equal(7200, gap.GetProperty("seconds").GetInt32());
        Assert.Equal(3, stream.GetProperty("recordCount").GetInt32());
    }

    [Fact]
    public async Task A_device_that_never_recorded_is_listed_apart_and_not_as_a_gap_of_the_whole_day()
    {
        // Issue 10: each device without any record showed a 24-hour gap, burying the real 14:00-16:00 gap.
        var admin = fx.Client(Callers.PlatformAdmin);
        var day = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime).AddDays(-4);
        var zone = fx.Time.LocalTimeZone;
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var system = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/systems", Bodies.System(fx.Unique("空缺系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var recording = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/devices", Bodies.Device(fx.Unique("在录摄像机"), "public", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        var silentName = fx.Unique("未录摄像机");
        var silent = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/devices", Bodies.Device(silentName, "public", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        var lapsed = (await admin.PostJsonAsync($"/api/sites/{fx.B.SiteId}/devices", Bodies.Device(fx.Unique("停录摄像机"), "public", system)).ExpectAsync(HttpStatusCode.Created)).Id();
        object Segment(Guid device, DateTimeOffset from, DateTimeOffset to) => new
        {
            deviceId = device, kind = "video", startsAt = from, endsAt = to, storageLocation = "nvr", sizeBytes = 1, sha256 = RecordsKit.Sha(fx.Unique("n")),
        };
        await admin.PostJsonAsync($"/api/systems/{system}/records", new
        {
            records = new[] { Segment(recording, start, start.AddHours(14)), Segment(recording, start.AddHours(16), start.AddHours(24)), Segment(lapsed, start.AddDays(-1), start.AddHours(-12)) },
        }).ExpectAsync(HttpStatusCode.Created);

        var report = await fx.Client(Callers.UnitAdminB).GetAsync($"/api/units/{fx.B.UnitId}/coverage?date={day:yyyy-MM-dd}").ExpectAsync(HttpStatusCode.OK);
        var streams = report.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("deviceId").GetString()!);
        var gap = Assert.Single(streams[recording.ToString()].GetProperty("gaps").EnumerateArray());
        Assert.Equal(7200, gap.GetProperty("seconds").GetInt32());
        // A device that recorded before but not that day: a gap of the whole day.
        Assert.Equal(86400, Assert.Single(streams[lapsed.ToString()].GetProperty("gaps").EnumerateArray()).GetProperty("seconds").GetInt32());
        Assert.False(streams.ContainsKey(silent.ToString()));
        var never = Assert.Single(report.GetProperty("neverRecorded").EnumerateArray(), s => s.GetProperty("deviceId").GetString() == silent.ToString());
        Assert.Equal(silentName, never.Str("deviceName"));
        Assert.DoesNotContain(report.GetProperty("neverRecorded").EnumerateArray(), s => s.GetProperty("deviceId").GetString() == recording.ToString());

        // The page lists it apart, under its own heading.
        using var page = await (await fx.PageClientAsync(Callers.UnitAdminB)).GetAsync(new Uri($"/Records/Coverage?unit={fx.B.UnitId}&date={day:yyyy-MM-dd}", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var table = html[html.IndexOf("<table id=\"never-recorded\">", StringComparison.Ordinal)..];
        Assert.Contains(silentName, table[..table.IndexOf("</table>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var streamsTable = html[html.IndexOf("<table id=\"streams\">", StringComparison.Ordinal)..];
        Assert.DoesNotContain(silentName, streamsTable[..streamsTable.IndexOf("</table>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    private static object Open(Guid record, string action = "copy") => new
    {
        recordIds = new[] { record }, action, caseNumber = "新公刑案2026-017", reason = "入室盗窃案调查取证", credentialNumber = "150102-0001",
        unitCertificate = "新公（刑）调证字〔2026〕17号", confidentialityPledged = true,
    };

    [Fact]
    public async Task An_official_copy_needs_two_officers_of_one_agency_and_the_unit_s_registration_and_yields_a_verifiable_package()
    {
        var record = (await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Now.AddHours(-2)))[0];
        var first = fx.Client(Callers.PoliceCounty);
        var request = (await first.PostJsonAsync("/api/access-requests", Open(record)).ExpectAsync(HttpStatusCode.Created)).GetProperty("request").Id();

        // One officer alone: the unit cannot register it (nmg 第十九条第一款第（一）项).
        var alone = await fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/access-requests/{request}/register", new { credentialsChecked = true, certificateChecked = true })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains(alone.GetProperty("citations").EnumerateArray(), c => c.Str("text").EndsWith("第十九条第（一）项", StringComparison.Ordinal));
        // The same officer twice.
        var twice = await first.PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "150102-0001" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("同一人", twice.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(twice.GetProperty("citations").EnumerateArray(), c => c.Str("cite") == "19.1.1");
        // Officers of another agency: the city bureau sees the request but is not the county bureau; another county does not see it.
        await fx.Client(Callers.PoliceCity).PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "1501-9" }).ExpectAsync(HttpStatusCode.Conflict);
        await fx.Client(Callers.PoliceCountyB).PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "150203-9" }).ExpectAsync(HttpStatusCode.NotFound);
        var another = (await fx.UserAsync(Roles.PoliceCounty, "150105")).Client;
        await another.PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "150105-9" }).ExpectAsync(HttpStatusCode.NotFound);

        // A second officer of the same county bureau co-signs; the unit must check credentials and certificate.
        var second = (await fx.UserAsync(Roles.PoliceCounty, "150102")).Client;
        await second.PostJsonAsync($"/api/access-requests/{request}/cosign", new { credentialNumber = "150102-0002" }).ExpectAsync(HttpStatusCode.OK);
        var unchecked_ = await fx.Client(Callers.UnitOperatorA).PostJsonAsync($"/api/access-requests/{request}/register", new { credentialsChecked = false, certificateChecked = true })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains(unchecked_.GetProperty("citations").EnumerateArray(), c => c.Str("cite") == "19.1.2");
        var slip = await fx.Client(Callers.UnitOperatorA).PostJsonAsync($"/api/access-requests/{request}/register", new { credentialsChecked = true, certificateChecked = true })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("copy", slip.Str("action"));
        Assert.Contains("150102-0002", slip.Str("persons"), StringComparison.Ordinal);
        Assert.True(slip.GetProperty("auditIndex").GetInt64() >= 0);
        var sha = slip.Str("packageSha256");

        using var download = await first.GetAsync(new Uri(slip.Str("packageUrl"), UriKind.Relative));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var verified = await RecordsKit.VerifyAsync(first, bytes);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        Assert.True(verified.GetProperty("watermarkMatches").GetBoolean());
        // A byte changed: the package is no longer the registered one.
        bytes[^10] ^= 0xFF;
        var tampered = await RecordsKit.VerifyAsync(first, bytes);
        Assert.False(tampered.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_citizen_files_in_the_portal_views_after_consent_and_copies_only_after_the_county_police_approve()
    {
        var from = fx.Time.GetLocalNow().AddHours(-3);
        await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), fx.Time.GetUtcNow().AddHours(-2));
        var citizen = fx.PortalClient();
        var filed = await RecordsKit.PostFormAsync(citizen, "/Portal", null, new Dictionary<string, string>
        {
            ["Input.Name"] = "张某", ["Input.IdNumber"] = "11010519491231002X", ["Input.Phone"] = "138-0000-0001",
            ["Input.DivisionCode"] = "150102", ["Input.SiteName"] = fx.A.SiteName,
            ["Input.From"] = from.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.To"] = fx.Time.GetLocalNow().ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Reason"] = "电动车在停车场被盗", ["Input.Action"] = "copy", ["Input.RequesterRelation"] = "self",
        });
        var number = System.Text.RegularExpressions.Regex.Match(filed, "id=\"number\">([^<]+)<").Groups[1].Value;
        var code = System.Text.RegularExpressions.Regex.Match(filed, "id=\"code\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);
        var lookup = new Dictionary<string, string> { ["Number"] = number, ["Code"] = code };

        var early = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "View", new(lookup));
        Assert.Contains("第二十条", early, StringComparison.Ordinal);
        Assert.DoesNotContain("登记单", early, StringComparison.Ordinal);

        var requests = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}").ExpectAsync(HttpStatusCode.OK);
        var id = requests.Items().Single(r => r.Str("number") == number).Id();
        await fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/access-requests/{id}/consent", new { consent = true, note = "同意查看" }).ExpectAsync(HttpStatusCode.OK);

        var viewed = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "View", new(lookup));
        Assert.Contains("登记单", viewed, StringComparison.Ordinal);
        Assert.Contains("审计日志第", viewed, StringComparison.Ordinal);
        var refused = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "Copy", new(lookup));
        Assert.Contains("须经公安机关批准", refused, StringComparison.Ordinal);
        Assert.Contains("应当经技防系统所在地公安机关批准", refused, StringComparison.Ordinal);

        var notTheirs = await fx.Client(Callers.PoliceCity).PostJsonAsync($"/api/access-requests/{id}/approve", new { approve = true }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains(notTheirs.GetProperty("citations").EnumerateArray(), c => c.Str("cite") == "20.1");
        await fx.Client(Callers.PoliceCounty).PostJsonAsync($"/api/access-requests/{id}/approve", new { approve = true }).ExpectAsync(HttpStatusCode.OK);
        var copied = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "Copy", new(lookup));
        Assert.Contains("id=\"package-sha\"", copied, StringComparison.Ordinal);
        Assert.Contains("张某", copied, StringComparison.Ordinal);

        var wrong = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", null, new() { ["Number"] = number, ["Code"] = "AAAA-BBBB-CCCC-DDDD-EEEE" });
        Assert.Contains("申请编号或查询码不正确", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_province_2012_a_citizen_request_rests_on_the_national_regulation_alone()
    {
        // province-2012 gives citizens no access; 《公共安全视频图像信息系统管理条例》第二十一条, in force beside it, does:
        // a request for oneself is filed, one by someone unrelated is refused citing 第二十一条.
        Dictionary<string, string> Form(string relation) => new()
        {
            ["Input.Name"] = "李某", ["Input.IdNumber"] = "11010519491231002X", ["Input.DivisionCode"] = "990101", ["Input.SiteName"] = fx.P.SiteName,
            ["Input.From"] = "2026-05-30T08:00", ["Input.To"] = "2026-05-30T09:00", ["Input.Reason"] = "财物被盗", ["Input.Action"] = "view",
            ["Input.RequesterRelation"] = relation,
        };
        var filed = await RecordsKit.PostFormAsync(fx.PortalClient(), "/Portal", null, Form("self"));
        Assert.Contains("id=\"number\"", filed, StringComparison.Ordinal);
        var refused = await RecordsKit.PostFormAsync(fx.PortalClient(), "/Portal", null, Form("other"));
        Assert.Contains("《公共安全视频图像信息系统管理条例》第二十一条", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"number\"", refused, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecordsAccessSqlite(SqliteFixture fx) : RecordsAccessTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RecordsAccessPostgres(PostgresFixture fx) : RecordsAccessTests(fx);
