using System.Net;
using Jifang.Tests.Features.Records;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Features.Alarms;

/// <summary>
/// 处警反馈: after 签收, the level that acknowledged an alarm records what was done about it, once, with a receipt in the
/// audit log; the unit sees it on its console and the alarm's page. In the API and in the alarm's page.
/// </summary>
public abstract class AlarmOutcomeTests(PlatformFixture fx)
{
    private HttpClient Operator => fx.Client(Callers.UnitOperatorA);

    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<Guid> ReportedAlarmAsync()
    {
        var s = await fx.NewSystemAsync();
        var id = await fx.AcceptedAlarmAsync(s);
        await Operator.PostAsync(Url($"/api/alarms/{id}/confirm"), null).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>Posts the page's form and follows the redirect of a success back to the page; returns its decoded text.</summary>
    private static async Task<string> PostRedirectedAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(Url(page));
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"no antiforgery token on {page}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var posted = await client.PostAsync(Url($"{page}?handler={handler}"), content);
        Assert.Equal(HttpStatusCode.Found, posted.StatusCode);
        Assert.Equal(page, posted.Headers.Location?.OriginalString);
        return WebUtility.HtmlDecode(await client.GetStringAsync(posted.Headers.Location));
    }

    [Fact]
    public async Task Only_after_signing_for_it_the_acknowledging_level_records_the_outcome_once_with_a_receipt()
    {
        var id = await ReportedAlarmAsync();
        // Not before 签收.
        var early = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "dispatched", note = "派出所民警到场" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("尚未签收", early.Str("detail"), StringComparison.Ordinal);
        await County.PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.OK);

        // Not by the unit, not by another county (out of its jurisdiction), not by the city above the county that signed for it.
        await Operator.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "dispatched" }).ExpectAsync(HttpStatusCode.Forbidden);
        await fx.Client(Callers.PoliceCountyB).PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "dispatched" }).ExpectAsync(HttpStatusCode.NotFound);
        var city = await fx.Client(Callers.PoliceCity).PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "dispatched" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("签收的一级", city.Str("detail"), StringComparison.Ordinal);

        var done = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "dispatched", note = " 派出所民警到场，嫌疑人已离开 " }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dispatched", done.Str("outcome"));
        Assert.Equal("出警处置", done.Str("outcomeLabel"));
        Assert.Equal("派出所民警到场，嫌疑人已离开", done.Str("outcomeNote"));
        Assert.Equal("police-county", done.Str("outcomeBy"));

        // Once.
        var again = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "false-alarm" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("已于", again.Str("detail"), StringComparison.Ordinal);

        // The unit reads it on the alarm, and the receipt is the audit entry "处警反馈" with its citation.
        var detail = await Operator.AlarmAsync(id);
        Assert.Equal("出警处置", detail.GetProperty("alarm").Str("outcomeLabel"));
        Assert.Equal(["confirmed", "reported", "acknowledged", "outcome"], detail.StepKinds());
        var step = detail.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("county", step.Str("level"));
        Assert.Equal("出警处置：派出所民警到场，嫌疑人已离开", step.Str("detail"));
        var index = step.GetProperty("auditIndex").GetInt64();
        var entry = await fx.DbAsync(db => db.Audit.SingleAsync(e => e.Index == index));
        Assert.Equal("alarm.outcome", entry.Action);
        Assert.Equal($"alarm:{id}", entry.Subject);
        Assert.Equal("处警反馈", Jifang.Features.Audit.AuditActions.Label(entry.Action));
        Assert.False(string.IsNullOrEmpty(entry.Citation));
    }

    [Fact]
    public async Task A_bad_outcome_is_refused_naming_the_field_and_changes_nothing()
    {
        var id = await ReportedAlarmAsync();
        await County.PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.OK);
        var unknown = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "arrested" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dispatched（出警处置）", unknown.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { note = "无结果" }).ExpectAsync(HttpStatusCode.BadRequest);
        var other = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "other", note = "  " }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(other.GetProperty("errors").TryGetProperty("note", out _));
        var tooLong = await County.PostJsonAsync($"/api/alarms/{id}/outcome", new { outcome = "other", note = new string('长', 501) }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("note", out _));
        Assert.Null((await Operator.AlarmAsync(id)).GetProperty("alarm").Str("outcome"));
    }

    [Fact]
    public async Task The_alarm_page_offers_the_form_to_the_level_that_signed_and_the_unit_sees_the_outcome_on_its_console()
    {
        var id = await ReportedAlarmAsync();
        var police = await fx.PageClientAsync(Callers.PoliceCounty);
        var before = WebUtility.HtmlDecode(await police.GetStringAsync(Url($"/Alarms/Details/{id}")));
        Assert.DoesNotContain("id=\"outcome-form\"", before, StringComparison.Ordinal);
        await County.PostAsync(Url($"/api/alarms/{id}/acknowledge"), null).ExpectAsync(HttpStatusCode.OK);
        var form = WebUtility.HtmlDecode(await police.GetStringAsync(Url($"/Alarms/Details/{id}")));
        Assert.Contains("id=\"outcome-form\"", form, StringComparison.Ordinal);
        // The city did not sign for it: no form.
        var cityPage = await fx.PageClientAsync(Callers.PoliceCity);
        Assert.DoesNotContain("id=\"outcome-form\"", await cityPage.GetStringAsync(Url($"/Alarms/Details/{id}")), StringComparison.Ordinal);
        // The police console links to the form.
        Assert.Contains($"/Alarms/Details/{id}#outcome-form", await police.GetStringAsync(Url("/Alarms/Police")), StringComparison.Ordinal);

        // "其他" without a note: the form again, naming the field.
        var refused = await RecordsKit.PostFormAsync(police, $"/Alarms/Details/{id}", "Outcome", new() { ["Outcome"] = "other", ["OutcomeNote"] = "" });
        Assert.Contains("选择“其他”时须说明处置情况", refused, StringComparison.Ordinal);
        Assert.Contains("id=\"outcome-form\"", refused, StringComparison.Ordinal);

        var recorded = await PostRedirectedAsync(police, $"/Alarms/Details/{id}", "Outcome", new() { ["Outcome"] = "transferred", ["OutcomeNote"] = "移交消防救援机构" });
        Assert.Contains("已填写处警反馈：移交其他部门", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"outcome-form\"", recorded, StringComparison.Ordinal);

        var unit = await fx.PageClientAsync(Callers.UnitOperatorA);
        var details = WebUtility.HtmlDecode(await unit.GetStringAsync(Url($"/Alarms/Details/{id}")));
        Assert.Contains("id=\"outcome\"><strong>移交其他部门</strong>：移交消防救援机构", details, StringComparison.Ordinal);
        var console = WebUtility.HtmlDecode(await unit.GetStringAsync(Url("/Alarms")));
        var row = System.Text.RegularExpressions.Regex.Match(console, $"<tr id=\"handled-{id}\".*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, "the handled alarm is on the unit's console");
        Assert.Contains("移交其他部门", row.Value, StringComparison.Ordinal);
        Assert.Contains("移交消防救援机构", row.Value, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AlarmOutcomeSqlite(SqliteFixture fx) : AlarmOutcomeTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AlarmOutcomePostgres(PostgresFixture fx) : AlarmOutcomeTests(fx);
