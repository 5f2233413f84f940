using System.Net;
using Jifang.Features.Access;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers open to everyone: the citizens' portal (filing, and with the request number and access code: looking it up,
/// viewing, copying, downloading the package), and signing in and out. Whoever calls the portal, signed in or not, is a citizen
/// there; its requests concern the site of world A, under nmg-2007, which gives citizens a way to see records.
/// </summary>
public static class PortalAccountHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Portal/Index", false, c =>
        {
            var name = c.Unique("页面矩阵公民");
            return Task.FromResult(Form("/Portal/Index", _ => c.AnyAsync<AccessRequest>(r => r.CitizenName == name),
                ("Input.Name", name), ("Input.IdNumber", "11010519491231002X"), ("Input.DivisionCode", c.Fixture.A.Division), ("Input.SiteName", c.Fixture.A.SiteName),
                ("Input.From", c.LocalField(TimeSpan.FromHours(-3))), ("Input.To", c.LocalField(TimeSpan.FromHours(-1))), ("Input.Reason", "矩阵：财物被盗"), ("Input.RequesterRelation", "self"),
                ("Input.Action", "view")));
        }, Everyone200),
        // Looking a request up changes nothing: it is done when the page shows the request's state.
        new("* POST /Portal/Status", false, async c =>
        {
            var (_, number) = await c.FreshPortalRequestAsync();
            return Form("/Portal/Status", a => Task.FromResult(a.Body.Contains("id=\"state\"", StringComparison.Ordinal)),
                ("Number", number), ("Code", HandlerMatrixData.PortalCode));
        }, Everyone200),
        new("* POST /Portal/Status?handler=View", false, async c =>
        {
            var (id, number) = await c.ConsentedPortalRequestAsync(approved: false);
            return Form("/Portal/Status?handler=View", _ => c.AnyAsync<AccessRegistration>(r => r.RequestId == id && r.Action == "view"),
                ("Number", number), ("Code", HandlerMatrixData.PortalCode));
        }, Everyone200),
        new("* POST /Portal/Status?handler=Copy", false, async c =>
        {
            var (id, number) = await c.ConsentedPortalRequestAsync(approved: true);
            return Form("/Portal/Status?handler=Copy", _ => c.AnyAsync<AccessRegistration>(r => r.RequestId == id && r.Action == "copy"),
                ("Number", number), ("Code", HandlerMatrixData.PortalCode));
        }, Everyone200),
        // The download is logged before the package is sent.
        new("* POST /Portal/Status?handler=Package", false, async c =>
        {
            var (id, number, registration) = await c.PackagedPortalRequestAsync();
            return Form("/Portal/Status?handler=Package", _ => c.LoggedAsync("access.package-downloaded", $"access-request:{id}"),
                ("Number", number), ("Code", HandlerMatrixData.PortalCode), ("registration", registration.ToString()));
        }, Everyone200),

        // Signing in from a browser of its own (anonymous gives a wrong password): done when the answer sets the sign-in cookie.
        new("* POST /Account/Login", false, c =>
        {
            var (user, password) = c.Caller.IsAnonymous ? ("nobody", "wrong-password-1") : (c.Caller.Key, Caller.Password);
            return Task.FromResult(Form("/Account/Login", a => Task.FromResult(SetsSignInCookie(a.Response)), ("UserName", user), ("Password", password))
                with { Client = c.Fixture.NewPageClient() });
        },
            """
            caller          -
            anonymous       200
            police-province 302+
            police-city     302+
            police-county   302+
            police-county-b 302+
            unit-admin-a    302+
            unit-operator-a 302+
            unit-admin-b    302+
            unit-operator-b 302+
            contractor      302+
            testing-agency  302+
            citizen         302+
            platform-admin  302+
            """),
        // Signing out a session of its own (the caller's shared one stays): done when that session no longer opens a page.
        new("* POST /Account/Logout", false, async c =>
        {
            var client = c.Fixture.NewPageClient();
            if (!c.Caller.IsAnonymous)
            {
                await PlatformFixture.SignInWithFormAsync(client, c.Caller.Key, Caller.Password);
            }
            return Form("/Account/Logout", async a => !c.Caller.IsAnonymous && !await SignedInAsync(a.Client)) with { Client = client };
        },
            """
            caller          -
            anonymous       302L
            police-province 302L+
            police-city     302L+
            police-county   302L+
            police-county-b 302L+
            unit-admin-a    302L+
            unit-operator-a 302L+
            unit-admin-b    302L+
            unit-operator-b 302L+
            contractor      302L+
            testing-agency  302L+
            citizen         302L+
            platform-admin  302L+
            """),
    ];

    private const string Everyone200 =
        """
        caller          -
        anonymous       200+
        police-province 200+
        police-city     200+
        police-county   200+
        police-county-b 200+
        unit-admin-a    200+
        unit-operator-a 200+
        unit-admin-b    200+
        unit-operator-b 200+
        contractor      200+
        testing-agency  200+
        citizen         200+
        platform-admin  200+
        """;

    private static bool SetsSignInCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith("jifang.auth=", StringComparison.Ordinal) && !c.StartsWith("jifang.auth=;", StringComparison.Ordinal));

    /// <summary>Whether the client's session still opens a page behind sign-in (the guide, which every signed-in role may see).</summary>
    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        using var guide = await client.GetAsync(new Uri("/Guide", UriKind.Relative));
        return guide.StatusCode == HttpStatusCode.OK;
    }
}
