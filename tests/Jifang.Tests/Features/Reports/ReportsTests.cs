using System.Net;
using System.Text.RegularExpressions;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Reports;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Reports;

/// <summary>
/// 举报 (national 第二十四条第二款, issue 10 citizen portal): anyone reports, the county police of the place see it and answer it,
/// the reporter reads the answer with the receipt number; no other county sees it.
/// </summary>
public abstract partial class ReportsTests(PlatformFixture fx)
{
    [GeneratedRegex("id=\"receipt\">([^<]+)<")]
    private static partial Regex Receipt();

    private async Task<(string Number, Guid Id)> SubmitAsync(string place, string division = "150102")
    {
        var anonymous = fx.NewPageClient();
        using var answer = await anonymous.PostFormAsync("/Reports/Create", "/Reports/Create",
            ("Input.DivisionCode", division), ("Input.Place", place), ("Input.Installed", "客房烟感探测器内的摄像头"), ("Input.Provision", "8.1"),
            ("Input.Description", "入住后发现烟感探测器内有摄像头。"), ("Input.Contact", ""));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.TextAsync();
        var number = Receipt().Match(text);
        Assert.True(number.Success, "no receipt number on the page");
        var id = await DbAsync(db => db.CitizenReports.Where(r => r.Number == number.Groups[1].Value).Select(r => r.Id).SingleAsync());
        return (number.Groups[1].Value, id);
    }

    private async Task<T> DbAsync<T>(Func<JifangDbContext, Task<T>> read)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await read(db);
    }

    private async Task<string> LookupAsync(string number)
    {
        using var answer = await fx.NewPageClient().PostFormAsync("/Reports/Status", "/Reports/Status", ("Number", number));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.TextAsync();
    }

    [Fact]
    public async Task The_form_cites_article_24_and_the_three_provisions_with_their_words()
    {
        var text = await fx.NewPageClient().PageTextAsync("/Reports/Create");
        Assert.Contains("《公共安全视频图像信息系统管理条例》第二十四条第二款", text, StringComparison.Ordinal);
        Assert.Contains("可以向公安机关举报。公安机关应当依法及时处理。", text, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第七条第三款", text, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第八条第一款", text, StringComparison.Ordinal);
        Assert.Contains("《公共安全视频图像信息系统管理条例》第九条第一款", text, StringComparison.Ordinal);
        Assert.Contains("禁止在公共场所的下列区域、部位安装图像采集设备及相关设施", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_report_reaches_the_county_police_who_answer_it_and_the_reporter_reads_the_answer()
    {
        var place = fx.Unique("举报旅店");
        var (number, id) = await SubmitAsync(place);
        Assert.Contains("待受理", await LookupAsync(number), StringComparison.Ordinal);

        var county = await fx.PageClientAsync(Callers.PoliceCounty);
        Assert.Contains(place, await county.PageTextAsync("/Reports"), StringComparison.Ordinal);
        using (var accepted = await county.PostFormAsync($"/Reports/Details/{id}", $"/Reports/Details/{id}?handler=Accept"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        Assert.Contains("已受理", await LookupAsync(number), StringComparison.Ordinal);
        using (var handled = await county.PostFormAsync($"/Reports/Details/{id}", $"/Reports/Details/{id}?handler=Handle", ("Text", "经查属实，已责令拆除并依法处理。")))
        {
            Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        }
        var status = await LookupAsync(number);
        Assert.Contains("已处理", status, StringComparison.Ordinal);
        Assert.Contains("经查属实，已责令拆除并依法处理。", status, StringComparison.Ordinal);
        Assert.DoesNotContain("入住后发现", status, StringComparison.Ordinal); // the look-up shows state and answer, not the report

        var actions = await DbAsync(db => db.Audit.Where(e => e.Subject == $"report:{id}").OrderBy(e => e.Index).Select(e => e.Action).ToListAsync());
        Assert.Equal(["report.submitted", "report.accepted", "report.handled"], actions);
        Assert.All(actions, a => Assert.True(AuditActions.IsKnown(a) && AuditActions.Label(a) != a));
    }

    [Fact]
    public async Task A_county_officer_of_another_county_and_the_units_do_not_see_it()
    {
        var place = fx.Unique("他县举报地点");
        var (_, id) = await SubmitAsync(place);
        var other = await fx.PageClientAsync(Callers.PoliceCountyB);
        Assert.DoesNotContain(place, await other.PageTextAsync("/Reports"), StringComparison.Ordinal);
        using (var details = await other.GetAsync(new Uri($"/Reports/Details/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
            Assert.DoesNotContain(place, await details.TextAsync(), StringComparison.Ordinal);
        }
        using (var step = await other.PostFormAsync("/Reports", $"/Reports/Details/{id}?handler=Reject", ("Text", "不归我管")))
        {
            Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        }
        Assert.Equal(ReportStates.Submitted, await DbAsync(db => db.CitizenReports.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
        // The city above the county sees it.
        Assert.Contains(place, await (await fx.PageClientAsync(Callers.PoliceCity)).PageTextAsync("/Reports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusing_needs_a_reason_and_the_reporter_reads_it()
    {
        var (number, id) = await SubmitAsync(fx.Unique("不予受理地点"));
        var county = await fx.PageClientAsync(Callers.PoliceCounty);
        using (var empty = await county.PostFormAsync($"/Reports/Details/{id}", $"/Reports/Details/{id}?handler=Reject", ("Text", " ")))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("请填写不予受理的理由", await empty.TextAsync(), StringComparison.Ordinal);
        }
        // 办结 before 受理 is refused, naming the state.
        using (var early = await county.PostFormAsync($"/Reports/Details/{id}", $"/Reports/Details/{id}?handler=Handle", ("Text", "已处理")))
        {
            Assert.Contains("该举报待受理，不能办结", await early.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(ReportStates.Submitted, await DbAsync(db => db.CitizenReports.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
        using (var refused = await county.PostFormAsync($"/Reports/Details/{id}", $"/Reports/Details/{id}?handler=Reject", ("Text", "所举报设备安装在非公共场所。")))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }
        var status = await LookupAsync(number);
        Assert.Contains("不予受理", status, StringComparison.Ordinal);
        Assert.Contains("所举报设备安装在非公共场所。", status, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "Input.DivisionCode", "", "请选择所在的区、县、旗" },
        { "Input.DivisionCode", "150100", "不是本平台所知的区、县、旗" },
        { "Input.Place", "", "请填写地点" },
        { "Input.Installed", "", "请填写安装了什么设备" },
        { "Input.Provision", "", "请选择违反的规定" },
        { "Input.Provision", "23.1", "不是可举报的规定" },
        { "Input.Description", "", "请说明情况" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_report_is_refused_in_chinese_naming_the_field_and_nothing_is_stored(string field, string value, string says)
    {
        var place = fx.Unique("错误举报");
        var fields = new Dictionary<string, string>
        {
            ["Input.DivisionCode"] = "150102", ["Input.Place"] = place, ["Input.Installed"] = "卫生间内的摄像头", ["Input.Provision"] = "8.1",
            ["Input.Description"] = "说明", ["Input.Contact"] = "",
        };
        fields[field] = value;
        if (field == "Input.Place")
        {
            place = "（无）";
        }
        using var answer = await fx.NewPageClient().PostFormAsync("/Reports/Create", "/Reports/Create", fields.Select(f => (f.Key, f.Value)).ToArray());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        var text = await answer.TextAsync();
        Assert.Contains("role=\"alert\"", text, StringComparison.Ordinal);
        Assert.Contains(says, text, StringComparison.Ordinal);
        Assert.Matches($"<span class=\"error field-validation-error\"[^>]*>[^<]*{Regex.Escape(System.Net.WebUtility.HtmlEncode(says))}", html);
        Assert.DoesNotContain("id=\"receipt\"", text, StringComparison.Ordinal);
        Assert.False(await DbAsync(db => db.CitizenReports.AnyAsync(r => r.Place == place)));
    }

    [Fact]
    public async Task The_look_up_is_rate_limited_per_client_apart_from_the_portal()
    {
        var client = fx.NewPageClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var answer = await client.GetAsync(new Uri("/Reports/Status", UriKind.Relative));
            answers.Add(answer.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.OK, a));
        // The portal's allowance is its own.
        using var portal = await client.GetAsync(new Uri("/Portal/Status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task An_unknown_receipt_number_says_so()
    {
        var text = await LookupAsync("JB-20260601-AAAA-BBBB-CCCC");
        Assert.Contains("没有这个回执号的举报", text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"state\"", text, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportsSqlite(SqliteFixture fx) : ReportsTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ReportsPostgres(PostgresFixture fx) : ReportsTests(fx);
