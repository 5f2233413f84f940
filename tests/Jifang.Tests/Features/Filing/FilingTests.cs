using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jifang.Features.Filing;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Filing;

/// <summary>
/// 备案 (《公共安全视频图像信息系统管理条例》第十四条): a unit files a video system with the facts the platform fills from
/// the registry; the county police of its place accept it (a numbered certificate) or return it with a reason; a change of
/// the filed facts after acceptance is shown with what changed and filed as a change. Scope: another unit cannot file or
/// see, another county's police cannot accept, the city's police may not decide.
/// </summary>
public abstract partial class FilingTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    private HttpClient Unit => fx.Client(Callers.UnitAdminA);

    private HttpClient Police => fx.Client(Callers.PoliceCounty);

    [GeneratedRegex(@"^150102备〔\d{4}〕(\d{4})号$")]
    private static partial Regex NumberPattern();

    /// <summary>A square of unit A (a place of 第七条) with a video system in service since <paramref name="since"/> and two cameras.</summary>
    private async Task<(Guid Site, Guid System)> SquareAsync(string? since, string category = "square", int cameras = 2)
    {
        var name = fx.Unique("备案广场");
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Site(fx.A.UnitId, name, "150102", [category], ["main-entrance"])).ExpectAsync(HttpStatusCode.Created)).Id();
        var body = JsonSerializer.SerializeToNode(Bodies.System(fx.Unique("广场监控"), "main-entrance"), Http.Json)!;
        body["inServiceSince"] = since;
        var system = (await Admin.PostJsonAsync($"/api/sites/{site}/systems", body).ExpectAsync(HttpStatusCode.Created)).Id();
        for (var i = 0; i < cameras; i++)
        {
            await Admin.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device(fx.Unique("广场摄像机"), "public", system)).ExpectAsync(HttpStatusCode.Created);
        }
        return (site, system);
    }

    private static async Task<JsonElement> RowAsync(HttpClient client, Guid site) =>
        (await client.GetAsync($"/api/filings/systems?site={site}").ExpectAsync(HttpStatusCode.OK)).Items().Single();

    [Fact]
    public async Task A_unit_files_a_system_prefilled_from_the_registry_and_the_county_police_accept_it_with_a_numbered_certificate()
    {
        var (site, system) = await SquareAsync("2026-05-20");
        var row = await RowAsync(Unit, site);
        Assert.True(row.GetProperty("mustFile").GetBoolean());
        Assert.False(row.GetProperty("filed").GetBoolean());
        Assert.Equal("2026-06-19", row.Str("due"));

        await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = false }).ExpectValidationAsync("confirmed");
        var outside = await fx.Client(Callers.UnitAdminB).PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("systemId", outside.Str("field"));
        await fx.Client(Callers.UnitOperatorA).PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await Admin.GetAsync($"/api/filings?system={system}").ExpectAsync(HttpStatusCode.OK)).Items());

        var filing = await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created);
        var id = filing.Id();
        Assert.Equal("pending", filing.Str("state"));
        Assert.Equal("initial", filing.Str("kind"));
        var facts = filing.GetProperty("facts");
        Assert.Equal("甲单位", facts.Str("unitName"));
        Assert.Equal(2, facts.GetProperty("deviceCount").GetInt32());
        Assert.Equal(["摄像机（视频）×2"], facts.Strings("deviceKinds"));
        Assert.Equal(30, facts.GetProperty("retentionDays").GetInt32());
        Assert.EndsWith("的地址", facts.Str("address"), StringComparison.Ordinal);
        Assert.Equal("unit-admin", filing.GetProperty("steps")[0].Str("role"));
        await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Conflict);

        // Another unit and another county do not see it; the city police see it but may not decide; another county cannot accept.
        await fx.Client(Callers.UnitAdminB).GetAsync($"/api/filings/{id}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await fx.Client(Callers.UnitAdminB).GetAsync("/api/filings?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), f => f.Id() == id);
        await fx.Client(Callers.PoliceCountyB).PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NotFound);
        await fx.Client(Callers.PoliceCity).GetAsync($"/api/filings/{id}").ExpectAsync(HttpStatusCode.OK);
        await fx.Client(Callers.PoliceCity).PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Forbidden);
        var pending = await Police.GetAsync("/api/filings?state=pending&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(pending.Items(), f => f.Id() == id);

        var accepted = await Police.PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.Str("state"));
        Assert.Matches(NumberPattern(), accepted.Str("number"));
        Assert.Equal(["submitted", "accepted"], accepted.GetProperty("steps").EnumerateArray().Select(s => s.Str("action")));
        Assert.Equal("police-county", accepted.GetProperty("steps")[1].Str("role"));
        await Police.PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);

        row = await RowAsync(Unit, site);
        Assert.True(row.GetProperty("filed").GetBoolean());
        Assert.Equal(accepted.Str("number"), row.Str("number"));
        Assert.Empty(row.GetProperty("changes").EnumerateArray());

        var certificate = await Unit.GetAsync($"/api/filings/{id}/certificate").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(accepted.Str("number"), certificate.Str("number"));
        Assert.Contains("第十四条第一款", certificate.Str("citation"), StringComparison.Ordinal);
        Assert.Contains("投入使用之日起30日内", certificate.Str("citationText"), StringComparison.Ordinal);
        using var docx = await Unit.GetAsync(new Uri($"/api/filings/{id}/certificate.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Contains(accepted.Str("number"), doc.MainDocumentPart!.Document!.InnerText, StringComparison.Ordinal);
        }
        await fx.Client(Callers.UnitAdminB).GetAsync($"/api/filings/{id}/certificate").ExpectAsync(HttpStatusCode.NotFound);

        var log = await Admin.GetAsync($"/api/audit/entries?subject=filing:{id}").ExpectAsync(HttpStatusCode.OK);
        var actions = log.Items().Select(e => e.Str("action")).ToList();
        Assert.Contains("filing.submitted", actions);
        Assert.Contains("filing.accepted", actions);
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_a_returned_filing_is_corrected_and_resubmitted_keeping_its_first_date()
    {
        var (site, system) = await SquareAsync("2026-05-25");
        var filing = await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created);
        var id = filing.Id();
        var messages = await Police.PostJsonAsync($"/api/filings/{id}/return", new { reason = "  " }).ExpectValidationAsync("reason");
        Assert.Contains("退回备案须说明理由", messages);
        var unchanged = await Police.GetAsync($"/api/filings/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pending", unchanged.Str("state"));
        Assert.Single(unchanged.GetProperty("steps").EnumerateArray());

        var returned = await Police.PostJsonAsync($"/api/filings/{id}/return", new { reason = "存储期限与实际不符" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("returned", returned.Str("state"));
        Assert.Equal("存储期限与实际不符", returned.Str("returnReason"));
        Assert.False((await RowAsync(Unit, site)).GetProperty("filed").GetBoolean());
        await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Conflict);
        await Police.PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.Conflict);

        // The unit corrects the registry, then resubmits: the facts are read again, the first submission is kept.
        var systemBody = JsonSerializer.SerializeToNode(Bodies.System("广场监控（更正）", "main-entrance"), Http.Json)!;
        systemBody["inServiceSince"] = "2026-05-25";
        systemBody["retentionDays"] = 90;
        await Admin.PutJsonAsync($"/api/systems/{system}", systemBody).ExpectAsync(HttpStatusCode.OK);
        await Unit.PostJsonAsync($"/api/filings/{id}/resubmit", new { confirmed = false }).ExpectValidationAsync("confirmed");
        await fx.Client(Callers.UnitAdminB).PostJsonAsync($"/api/filings/{id}/resubmit", new { confirmed = true }).ExpectAsync(HttpStatusCode.NotFound);
        var resubmitted = await Unit.PostJsonAsync($"/api/filings/{id}/resubmit", new { confirmed = true, note = "已更正存储期限" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pending", resubmitted.Str("state"));
        Assert.Equal(90, resubmitted.GetProperty("facts").GetProperty("retentionDays").GetInt32());
        Assert.Equal(filing.GetProperty("firstSubmittedAt").GetDateTime(), resubmitted.GetProperty("firstSubmittedAt").GetDateTime());
        Assert.Equal(["submitted", "returned", "resubmitted"], resubmitted.GetProperty("steps").EnumerateArray().Select(s => s.Str("action")));
        Assert.True((await RowAsync(Unit, site)).GetProperty("filed").GetBoolean());
        var log = await Admin.GetAsync($"/api/audit/entries?subject=filing:{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(log.Items(), e => e.Str("action") == "filing.returned" && e.Str("detail").Contains("存储期限与实际不符", StringComparison.Ordinal));
        Assert.Contains(log.Items(), e => e.Str("action") == "filing.resubmitted");
    }

    [Fact]
    public async Task A_change_of_the_filed_facts_after_acceptance_is_shown_with_what_changed_and_filed_as_a_change()
    {
        var (site, system) = await SquareAsync("2026-05-01");
        var first = (await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created)).Id();
        var accepted = await Police.PostAsync(new Uri($"/api/filings/{first}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Conflict);

        await Admin.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device(fx.Unique("新增摄像机"), "public", system)).ExpectAsync(HttpStatusCode.Created);
        var row = await RowAsync(Unit, site);
        Assert.Contains("图像采集设备数量：2 → 3", row.Strings("changes"));
        Assert.True(row.GetProperty("filed").GetBoolean());
        Assert.Contains((await Police.GetAsync($"/api/filings/systems?site={site}").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.GetProperty("changes").GetArrayLength() > 0);

        var change = await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("change", change.Str("kind"));
        Assert.Equal(first, change.GetProperty("previousId").GetGuid());
        Assert.Contains("图像采集设备数量：2 → 3", change.Strings("changes"));
        var done = await Police.PostAsync(new Uri($"/api/filings/{change.Id()}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(accepted.Str("number"), done.Str("number"));
        Assert.Equal("superseded", (await Unit.GetAsync($"/api/filings/{first}").ExpectAsync(HttpStatusCode.OK)).Str("state"));
        Assert.False((await Unit.GetAsync($"/api/filings/{first}/certificate").ExpectAsync(HttpStatusCode.OK)).GetProperty("current").GetBoolean());
        Assert.Empty((await RowAsync(Unit, site)).GetProperty("changes").EnumerateArray());
        var log = await Admin.GetAsync($"/api/audit/entries?subject=filing:{change.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(log.Items(), e => e.Str("action") == "filing.change-submitted");
    }

    [Fact]
    public async Task Certificate_numbers_are_unique_and_consecutive_in_a_county_under_concurrent_acceptance()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var (_, system) = await SquareAsync("2026-05-30", cameras: 0);
            ids.Add((await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created)).Id());
        }
        var results = await Task.WhenAll(ids.Select(id => Police.PostAsync(new Uri($"/api/filings/{id}/accept", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK)));
        var sequences = results.Select(r => int.Parse(NumberPattern().Match(r.Str("number")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(6, sequences.Distinct().Count());
        Assert.Equal(sequences[0] + 5, sequences[^1]);
    }

    [Fact]
    public async Task An_overdue_system_of_a_place_of_article_7_is_listed_with_its_days_and_other_places_are_offered_filing_but_never_overdue()
    {
        var today = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime);
        var since = today.AddDays(-45);
        var (square, squareSystem) = await SquareAsync(since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var (hotel, _) = await SquareAsync(since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), category: "hotel");
        var overdue = await Unit.GetAsync("/api/filings/systems?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(overdue.Items(), r => r.GetProperty("systemId").GetGuid() == squareSystem);
        Assert.Equal(15, row.GetProperty("daysOverdue").GetInt32());
        Assert.DoesNotContain(overdue.Items(), r => r.GetProperty("siteId").GetGuid() == hotel);
        var hotelRow = await RowAsync(Unit, hotel);
        Assert.False(hotelRow.GetProperty("mustFile").GetBoolean());
        Assert.Equal(0, hotelRow.GetProperty("daysOverdue").GetInt32());
        Assert.Contains((await Police.GetAsync("/api/filings/systems?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.GetProperty("systemId").GetGuid() == squareSystem);
        Assert.DoesNotContain((await fx.Client(Callers.PoliceCountyB).GetAsync("/api/filings/systems?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.GetProperty("systemId").GetGuid() == squareSystem);

        // The engine's finding on the system: national 第十四条第一款 with the penalty of 第二十九条; none for the hotel.
        async Task<JsonElement?> FilingFindingAsync(Guid site) =>
            (await Admin.GetAsync($"/api/findings?site={site}&regulation=national-2025&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items()
                .Cast<JsonElement?>().SingleOrDefault(f => f!.Value.Str("rule") == "filing-deadline");
        var finding = await FilingFindingAsync(square) ?? throw new InvalidOperationException("no filing finding");
        Assert.Equal(squareSystem.ToString(), finding.Str("subjectId"));
        Assert.Equal("14.1", finding.GetProperty("breaches")[0].Str("cite"));
        Assert.Equal("29.1", finding.GetProperty("consequence").GetProperty("basis").Str("cite"));
        Assert.Contains("仍未向公安机关备案", finding.Str("message"), StringComparison.Ordinal);
        Assert.Null(await FilingFindingAsync(hotel));

        // Filed late: no longer overdue; the facts for the rules engine say filed, on the day of submission, and the finding
        // says how late it was (a late filing breached 第十四条 all the same).
        await Unit.PostJsonAsync("/api/filings", new { systemId = squareSystem, confirmed = true }).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains("方才备案，逾期 15 日", (await FilingFindingAsync(square))!.Value.Str("message"), StringComparison.Ordinal);
        Assert.DoesNotContain((await Unit.GetAsync("/api/filings/systems?overdue=true&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.GetProperty("systemId").GetGuid() == squareSystem);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var status = await FilingService.StatusOfSiteAsync(scope.ServiceProvider.GetRequiredService<Jifang.Data.JifangDbContext>(), square, fx.Time.LocalTimeZone, CancellationToken.None);
        Assert.Equal((true, (DateOnly?)today), status[squareSystem]);
    }

    [Fact]
    public async Task A_system_that_passed_its_deadline_since_its_site_was_judged_is_found_by_the_hourly_watch()
    {
        var today = DateOnly.FromDateTime(fx.Time.GetLocalNow().DateTime);
        var since = today.AddDays(-31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (unfiled, unfiledSystem) = await SquareAsync(since);
        var (filed, filedSystem) = await SquareAsync(since);
        await Unit.PostJsonAsync("/api/filings", new { systemId = filedSystem, confirmed = true }).ExpectAsync(HttpStatusCode.Created);
        // As if both sites had last been judged before the deadline: no finding stored.
        await fx.DbAsync(db => db.Findings.Where(f => f.SiteId == unfiled || f.SiteId == filed).ExecuteDeleteAsync());

        await fx.App.Services.GetRequiredService<FilingDeadlineWatch>().RunOnceAsync(CancellationToken.None);

        var findings = (await Admin.GetAsync($"/api/findings?site={unfiled}&regulation=national-2025&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items();
        Assert.Contains(findings, f => f.Str("rule") == "filing-deadline" && f.Str("subjectId") == unfiledSystem.ToString());
        var log = await Admin.GetAsync($"/api/audit/entries?subject=site:{unfiled}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(log.Items(), e => e.Str("action") == "finding.raised" && e.TryGetProperty("citation", out var c) && c.GetString()?.Contains("14.1", StringComparison.Ordinal) == true);
        // A filed system is not the watch's business: its site is not judged again.
        Assert.Empty((await Admin.GetAsync($"/api/findings?site={filed}&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items());
    }

    [Fact]
    public async Task Filing_pages_list_the_units_systems_and_the_police_queue_in_scope()
    {
        var (site, system) = await SquareAsync("2026-05-28");
        var unitPage = await (await fx.PageClientAsync(Callers.UnitAdminA)).GetStringAsync(new Uri("/Filings", UriKind.Relative));
        Assert.Contains($"id=\"system-{system}\"", unitPage, StringComparison.Ordinal);
        var id = (await Unit.PostJsonAsync("/api/filings", new { systemId = system, confirmed = true }).ExpectAsync(HttpStatusCode.Created)).Id();
        var queue = await (await fx.PageClientAsync(Callers.PoliceCounty)).GetStringAsync(new Uri("/Filings", UriKind.Relative));
        Assert.Contains($"id=\"filing-{id}\"", queue, StringComparison.Ordinal);
        var otherQueue = await (await fx.PageClientAsync(Callers.PoliceCountyB)).GetStringAsync(new Uri("/Filings", UriKind.Relative));
        Assert.DoesNotContain($"id=\"filing-{id}\"", otherQueue, StringComparison.Ordinal);
        var otherUnit = await (await fx.PageClientAsync(Callers.UnitAdminB)).GetStringAsync(new Uri("/Filings", UriKind.Relative));
        Assert.DoesNotContain(site.ToString(), otherUnit, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FilingSqlite(SqliteFixture fx) : FilingTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class FilingPostgres(PostgresFixture fx) : FilingTests(fx);
