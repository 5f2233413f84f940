using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// The record picker of the official request and evidence hold forms (issue 10): a site's records listed for the user's scope
/// only, filtered by device and time, paged in a stable order, chosen with checkboxes; what is chosen is posted as the ids were.
/// </summary>
public abstract partial class RecordPickerTests(PlatformFixture fx)
{
    private string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, fx.Time.LocalTimeZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Posts a form (names may repeat, as checkboxes do) with the page's antiforgery token; the answer and its decoded text.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> PostAsync(HttpClient client, string page, string? handler, params (string Name, string Value)[] fields)
    {
        using var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var pairs = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        using var content = new FormUrlEncodedContent(pairs);
        var response = await client.PostAsync(new Uri(page + (handler is null ? "" : $"?handler={handler}"), UriKind.Relative), content);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A number of this test run's own, to place a test's records in hours no other test uses.</summary>
    private int Serial() => int.Parse(fx.Unique("n").Split('-')[^1], CultureInfo.InvariantCulture);

    private static Regex FormWithToken(string action) =>
        new($"<form method=\"post\" action=\"{action}\"((?!</form>).)*name=\"__RequestVerificationToken\"", RegexOptions.Singleline);

    private static List<Guid> Listed(string html) => PickRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static string IdsField(string html) => WebUtility.HtmlDecode(IdsArea().Match(html).Groups[1].Value).Trim();

    /// <summary>A record of world A's system without a device (a recorder's own log), straight in the database.</summary>
    private async Task<Guid> DevicelessRecordAsync(DateTime endsAt)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var record = new MediaRecord
        {
            SiteId = fx.A.SiteId, SystemId = fx.A.SystemId, DeviceId = null, Kind = "video", StartsAt = endsAt.AddMinutes(-30), EndsAt = endsAt,
            StorageLocation = "nvr-01:/rec/" + fx.Unique("nodev"), SizeBytes = 1024, Sha256 = RecordsKit.Sha(fx.Unique("nodev-bytes")), RegisteredAt = endsAt,
            RegisteredBy = "picker-test",
        };
        db.Records.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    [Fact]
    public async Task The_picker_lists_only_records_in_scope_filtered_by_device_and_time()
    {
        // Far enough back that no other test's records fall in the hour asked for.
        var at = fx.Time.GetUtcNow().AddDays(-3).AddHours(-(Serial() % 40));
        var ids = await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), at.AddHours(-2), at, at.AddHours(2));
        var deviceless = await DevicelessRecordAsync(at.UtcDateTime);
        (string, string)[] filter = [("Picker.Site", fx.A.SiteId.ToString()), ("Picker.From", Local(at.AddMinutes(-50))), ("Picker.To", Local(at.AddMinutes(50)))];

        var police = await fx.FormClientAsync(Callers.PoliceCounty);
        // The form itself carries its antiforgery token (a browser posts that form, not the layout's).
        Assert.Matches(FormWithToken("/Access/Create"), await police.GetStringAsync(new Uri("/Access/Create", UriKind.Relative)));
        Assert.Matches(FormWithToken("/Holds/Create"), await (await fx.FormClientAsync(Callers.UnitAdminA)).GetStringAsync(new Uri("/Holds/Create", UriKind.Relative)));
        var (_, byTime) = await PostAsync(police, "/Access/Create", "Pick", filter);
        Assert.Equal(new HashSet<Guid> { ids[1], deviceless }, Listed(byTime).ToHashSet());
        var (_, byDevice) = await PostAsync(police, "/Access/Create", "Pick", [.. filter, ("Picker.Device", fx.A.DeviceId.ToString())]);
        Assert.Equal([ids[1]], Listed(byDevice));
        // The hold form lists the same for a unit administrator of the site's unit.
        var unitAdmin = await fx.FormClientAsync(Callers.UnitAdminA);
        var (_, forHold) = await PostAsync(unitAdmin, "/Holds/Create", "Pick", [.. filter, ("Input.UnitId", fx.A.UnitId.ToString())]);
        Assert.Equal(new HashSet<Guid> { ids[1], deviceless }, Listed(forHold).ToHashSet());

        // Outside the scope: the site is refused on its field, and no record is listed.
        var (_, otherCounty) = await PostAsync(await fx.FormClientAsync(Callers.PoliceCountyB), "/Access/Create", "Pick", filter);
        Assert.Contains("该场所不在您的权限范围内", otherCounty, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", otherCounty, StringComparison.Ordinal);
        Assert.Empty(Listed(otherCounty));
        var (_, otherUnit) = await PostAsync(await fx.FormClientAsync(Callers.UnitAdminB), "/Holds/Create", "Pick", filter);
        Assert.Contains("不在您的权限范围内", otherUnit, StringComparison.Ordinal);
        Assert.Empty(Listed(otherUnit));
        // A time that cannot be read is the field's error.
        var (_, badTime) = await PostAsync(police, "/Access/Create", "Pick", ("Picker.Site", fx.A.SiteId.ToString()), ("Picker.From", "昨天"));
        Assert.Contains("时间应写作 年-月-日 时:分", badTime, StringComparison.Ordinal);
        Assert.Empty(Listed(badTime));
    }

    [Fact]
    public async Task The_pages_are_stable_and_checked_records_are_kept_across_pages()
    {
        var start = fx.Time.GetUtcNow().AddDays(-8).AddHours(-(Serial() % 40));
        var ids = await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), Enumerable.Range(1, 25).Select(i => start.AddMinutes(i)).ToArray());
        (string, string)[] filter = [("Picker.Site", fx.A.SiteId.ToString()), ("Picker.From", Local(start.AddMinutes(-1))), ("Picker.To", Local(start.AddMinutes(26)))];
        var police = await fx.FormClientAsync(Callers.PoliceCounty);

        var (_, first) = await PostAsync(police, "/Access/Create", "Pick", [.. filter, ("Picker.Page", "1")]);
        var page1 = Listed(first);
        Assert.Equal(Jifang.Pages.Records.RecordPicker.PageSize, page1.Count);
        Assert.Contains("共 25 条", first, StringComparison.Ordinal);
        // Newest first; two records checked on page 1 go to page 2 with it.
        Assert.Equal(Enumerable.Reverse(ids).Take(20), page1);
        var (_, second) = await PostAsync(police, "/Access/Create", "Pick",
            [.. filter, ("Picker.Page", "2"), .. page1.Select(id => ("Picker.Shown", id.ToString())), ("Picker.Picked", page1[0].ToString()), ("Picker.Picked", page1[3].ToString())]);
        var page2 = Listed(second);
        Assert.Equal(Enumerable.Reverse(ids).Skip(20), page2);
        Assert.Equal([page1[0], page1[3]], IdsField(second).Split('\n').Select(Guid.Parse));
        Assert.Contains("已选 2 条记录", second, StringComparison.Ordinal);

        // Back on page 1, one of the two unchecked and another checked: the field has what is checked.
        var (_, again) = await PostAsync(police, "/Access/Create", "Pick",
            [.. filter, ("Picker.Page", "1"), ("Input.RecordIds", $"{page1[0]}\n{page1[3]}"), .. page2.Select(id => ("Picker.Shown", id.ToString())), ("Picker.Picked", page2[1].ToString())]);
        Assert.Equal(page1, Listed(again));
        Assert.Equal([page1[0], page1[3], page2[1]], IdsField(again).Split('\n').Select(Guid.Parse));
        Assert.Matches($"id=\"pick-box-{page1[0]}\"[^>]*checked", again);
        var (_, unchecked_) = await PostAsync(police, "/Access/Create", "Pick",
            [.. filter, ("Picker.Page", "1"), ("Input.RecordIds", $"{page1[0]}\n{page1[3]}\n{page2[1]}"), .. page1.Select(id => ("Picker.Shown", id.ToString())), ("Picker.Picked", page1[3].ToString())]);
        Assert.Equal([page2[1], page1[3]], IdsField(unchecked_).Split('\n').Select(Guid.Parse));
    }

    [Fact]
    public async Task An_official_request_and_a_hold_are_made_from_picked_records()
    {
        var now = fx.Time.GetUtcNow();
        var ids = await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), now.AddHours(-4), now.AddHours(-3));
        (string, string)[] shown = [("Picker.Site", fx.A.SiteId.ToString()), ("Picker.Shown", ids[0].ToString()), ("Picker.Shown", ids[1].ToString())];

        var caseNumber = fx.Unique("新公刑案-勾选");
        var (opened, _) = await PostAsync(await fx.FormClientAsync(Callers.PoliceCounty), "/Access/Create", null,
            [.. shown, ("Picker.Picked", ids[0].ToString()), ("Input.RecordIds", ""), ("Input.Action", "copy"), ("Input.CaseNumber", caseNumber), ("Input.Reason", "盗窃案"),
                ("Input.CredentialNumber", "J-1"), ("Input.UnitCertificate", "调取证据通知书"), ("Input.ConfidentialityPledged", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var requestId = Guid.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1]);
        var request = await fx.Client(Callers.PoliceCounty).GetAsync($"/api/access-requests/{requestId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(caseNumber, request.GetProperty("request").Str("caseNumber"));
        Assert.Equal([ids[0]], request.GetProperty("records").EnumerateArray().Select(r => r.Id()));

        var holdCase = fx.Unique("新公刑案-保全");
        var (held, _) = await PostAsync(await fx.FormClientAsync(Callers.UnitAdminA), "/Holds/Create", null,
            [.. shown, ("Picker.Picked", ids[0].ToString()), ("Picker.Picked", ids[1].ToString()), ("Input.UnitId", fx.A.UnitId.ToString()),
                ("Input.CaseNumber", holdCase), ("Input.Reason", "盗窃案证据"), ("Input.RecordIds", "")]);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        var holdId = Guid.Parse(held.Headers.Location!.OriginalString.Split('/')[^1]);
        var hold = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/holds/{holdId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(holdCase, hold.Str("caseNumber"));
        Assert.Equal(ids.ToHashSet(), hold.GetProperty("recordIds").EnumerateArray().Select(e => e.GetGuid()).ToHashSet());

        // Nothing picked and nothing pasted: the form says which field, and nothing is made.
        var (empty, html) = await PostAsync(await fx.FormClientAsync(Callers.PoliceCounty), "/Access/Create", null,
            [.. shown, ("Input.Action", "view"), ("Input.CaseNumber", fx.Unique("空")), ("Input.Reason", "盗窃案")]);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("至少选择一条记录", html, StringComparison.Ordinal);
        Assert.NotEmpty(Listed(html));
    }

    [GeneratedRegex("<tr id=\"pick-([0-9a-f-]{36})\"")]
    private static partial Regex PickRow();

    [GeneratedRegex("<textarea[^>]*name=\"Input.RecordIds\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex IdsArea();
}

[Collection(SqliteCollection.Name)]
public sealed class RecordPickerSqlite(SqliteFixture fx) : RecordPickerTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RecordPickerPostgres(PostgresFixture fx) : RecordPickerTests(fx);
