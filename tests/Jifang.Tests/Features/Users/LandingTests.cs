using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Users;

/// <summary>
/// Issue 10, roles with nothing to do yet: a contractor, a testing agency and a citizen who sign in land on a page that says
/// what they will do here, citing the provisions that give them that work, and what they can open now; every link of it
/// leads to a page of theirs (none to 无权访问 or a missing page).
/// </summary>
public abstract partial class LandingTests(PlatformFixture fx)
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex Links();

    public static TheoryData<string, string[]> Roles => new()
    {
        { "contractor", ["您将在本平台办理的工作", "设计方案论证", "《内蒙古自治区公共安全技术防范管理条例》第十三条第三款", "《内蒙古自治区公共安全技术防范管理条例》第十五条", "现在可以使用"] },
        { "testing-agency", ["您将在本平台办理的工作", "检测报告", "《内蒙古自治区公共安全技术防范管理条例》第十三条第四款", "《省安全技术防范条例》第十一条第二款", "现在可以使用"] },
        { "citizen", ["现在可以使用", "公民查看申请", "《内蒙古自治区公共安全技术防范管理条例》第二十条"] },
    };

    /// <summary>GET, following redirects as a browser does: the last answer and where it was.</summary>
    private static async Task<(HttpResponseMessage Response, string Path)> FollowAsync(HttpClient client, string url)
    {
        for (var hops = 0; ; hops++)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.Redirect || hops == 5)
            {
                return (response, url.Split('?', '#')[0]);
            }
            var location = response.Headers.Location!;
            url = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task The_home_page_says_what_the_role_will_do_here_and_every_link_leads_somewhere(string role, string[] says)
    {
        var client = await fx.PageClientAsync(Callers.Get(role));
        var (home, path) = await FollowAsync(client, "/");
        using (home)
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal("/Guide", path);
            var html = await home.Content.ReadAsStringAsync();
            var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
            foreach (var words in says)
            {
                Assert.Contains(words, text, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("无权访问", text, StringComparison.Ordinal);
            var links = Links().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
            Assert.True(links.Count >= 4, $"only {links.Count} links on the page");
            foreach (var link in links.Where(l => !l.StartsWith("/css/", StringComparison.Ordinal)))
            {
                var (answer, at) = await FollowAsync(client, link.Split('#')[0]);
                using (answer)
                {
                    Assert.True(answer.StatusCode == HttpStatusCode.OK && at != "/Account/Denied", $"{role}: {link} ends at {at} with {(int)answer.StatusCode}");
                }
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LandingSqlite(SqliteFixture fx) : LandingTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class LandingPostgres(PostgresFixture fx) : LandingTests(fx);
