using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Records;

/// <summary>
/// 《公共安全视频图像信息系统管理条例》第二十一条: a citizen views records only as 本人、近亲属 or 负有监护、看护、代管责任的人.
/// The portal asks 与图像中人员的关系; "other" is refused citing 第二十一条 and nothing is filed, "self" passes the national text,
/// a missing or unknown relation is a form error naming the field; the unit and the police see the relation on the request.
/// </summary>
public abstract class PortalRelationTests(PlatformFixture fx)
{
    private Dictionary<string, string> Form(string name, string? relation)
    {
        var now = fx.Time.GetLocalNow();
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.IdNumber"] = "11010519491231002X", ["Input.SiteId"] = fx.A.SiteId.ToString(),
            ["Input.From"] = now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.To"] = now.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.Reason"] = "电动车在停车场被盗", ["Input.Action"] = "view",
        };
        if (relation is not null)
        {
            form["Input.RequesterRelation"] = relation;
        }
        return form;
    }

    private async Task<bool> FiledAsync(string name)
    {
        var requests = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        return requests.Items().Any(r => r.GetProperty("citizenName").GetString() == name);
    }

    [Fact]
    public async Task The_form_asks_the_relation_and_shows_article_21_of_the_national_regulation()
    {
        using var response = await fx.PortalClient().GetAsync(new Uri("/Portal", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("与图像中人员的关系", html, StringComparison.Ordinal);
        foreach (var (code, label) in new[] { ("self", "本人"), ("close-relative", "近亲属"), ("guardian", "负有监护、看护、代管责任的人"), ("other", "其他") })
        {
            Assert.Matches($"name=\"Input.RequesterRelation\" value=\"{code}\"[^>]*/> {label}<", html);
        }
        Assert.Contains("依《公共安全视频图像信息系统管理条例》第二十一条：", html, StringComparison.Ordinal);
        // What each regulation says of citizens, not one region's text for everyone: nmg 第二十条 and the national 第二十一条.
        Assert.Contains("《内蒙古自治区公共安全技术防范管理条例》第二十条：公民因人身、财产等权益受到损害", html, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第二十一条：为了保护自然人的生命健康", html, StringComparison.Ordinal);
        Assert.Contains("本人、近亲属或者其他负有监护、看护、代管责任的人", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_by_someone_not_related_is_refused_citing_article_21_and_nothing_is_filed()
    {
        var name = fx.Unique("无关公民");
        var html = await RecordsKit.PostFormAsync(fx.PortalClient(), "/Portal", null, Form(name, "other"));
        Assert.Contains("不能受理", html, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第二十一条", html, StringComparison.Ordinal);
        Assert.Contains("申请人为本人、近亲属或者负有监护、看护、代管责任的人", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"number\"", html, StringComparison.Ordinal);
        Assert.False(await FiledAsync(name));
    }

    [Theory]
    [InlineData(null, "请选择与图像中人员的关系")]
    [InlineData("", "请选择与图像中人员的关系")]
    [InlineData("friend", "与图像中人员的关系应为本人、近亲属、负有监护、看护、代管责任的人或其他")]
    public async Task A_missing_or_unknown_relation_is_a_form_error_naming_the_field_and_nothing_is_filed(string? relation, string message)
    {
        var name = fx.Unique("关系公民");
        var html = await RecordsKit.PostFormAsync(fx.PortalClient(), "/Portal", null, Form(name, relation));
        Assert.Contains(message, html, StringComparison.Ordinal);
        // On the field itself (the fieldset of the radio buttons), not only in the summary.
        Assert.Matches("<fieldset id=\"relation\">(?:(?!</fieldset>)[\\s\\S])*<span class=\"error field-validation-error\"[^>]*>" + Regex.Escape(message), html);
        Assert.DoesNotContain("id=\"number\"", html, StringComparison.Ordinal);
        Assert.False(await FiledAsync(name));
    }

    [Fact]
    public async Task A_request_for_oneself_passes_article_21_and_the_unit_and_the_police_see_the_relation()
    {
        await fx.RegisterAsync(fx.A, fx.Client(Callers.UnitAdminA), fx.Time.GetUtcNow().AddHours(-2));
        var citizen = fx.PortalClient();
        var name = fx.Unique("本人公民");
        var filed = await RecordsKit.PostFormAsync(citizen, "/Portal", null, Form(name, "self"));
        var number = Regex.Match(filed, "id=\"number\">([^<]+)<").Groups[1].Value;
        var code = Regex.Match(filed, "id=\"code\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("GM-", number, StringComparison.Ordinal);

        var requests = await fx.Client(Callers.UnitAdminA).GetAsync($"/api/access-requests?requester=citizen&site={fx.A.SiteId}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var request = requests.Items().Single(r => r.Str("number") == number);
        Assert.Equal("self", request.Str("requesterRelation"));
        Assert.Equal("本人", request.Str("requesterRelationLabel"));
        var id = request.Id();
        foreach (var caller in new[] { Callers.UnitAdminA, Callers.PoliceCounty })
        {
            var page = await (await fx.PageClientAsync(caller)).GetStringAsync(new Uri($"/Access/Details/{id}", UriKind.Relative));
            Assert.Contains("<dd id=\"relation\">本人</dd>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        }

        await fx.Client(Callers.UnitAdminA).PostJsonAsync($"/api/access-requests/{id}/consent", new { consent = true, note = "同意查看" }).ExpectAsync(HttpStatusCode.OK);
        var viewed = await RecordsKit.PostFormAsync(citizen, "/Portal/Status", "View", new() { ["Number"] = number, ["Code"] = code });
        Assert.Contains("登记单", viewed, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PortalRelationSqlite(SqliteFixture fx) : PortalRelationTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class PortalRelationPostgres(PostgresFixture fx) : PortalRelationTests(fx);
