using static Jifang.Tests.Security.HandlerMatrix;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// The comparison page (issue 11): registry readers compare a site of their scope (outside it 404, its facts never shown) or
/// pasted facts; roles without registry access are refused before the page.
/// </summary>
public static class CompareMatrix
{
    private const string SiteInScope =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200  200  404
        police-city     200  404  404
        police-county   200  404  404
        police-county-b 404  200  404
        unit-admin-a    200  404  404
        unit-operator-a 200  404  404
        unit-admin-b    404  200  404
        unit-operator-b 404  200  404
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  200  200  200
        """;

    /// <summary>Open to every registry reader, whatever its scope: <paramref name="ok"/> for them.</summary>
    private static string RegistryReaders(string ok) =>
        $"""
        caller          -
        anonymous       302L
        police-province {ok}
        police-city     {ok}
        police-county   {ok}
        police-county-b {ok}
        unit-admin-a    {ok}
        unit-operator-a {ok}
        unit-admin-b    {ok}
        unit-operator-b {ok}
        contractor      302D
        testing-agency  302D
        citizen         302D
        platform-admin  {ok}
        """;

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("* Compare", true, c => Task.FromResult(Get($"/Compare?site={c.W.SiteId}")), SiteInScope),
        new("* Compare/Index", false, c => Task.FromResult(Get("/Compare/Index")), RegistryReaders("200")),
    ];

    /// <summary>Comparing pasted facts changes nothing: it is done when the page shows the comparison.</summary>
    public static readonly IReadOnlyList<MatrixHandler> Handlers =
    [
        new("* POST /Compare/Index", false, c => Task.FromResult(Form("/Compare/Index",
            a => Task.FromResult(a.Body.Contains("id=\"comparison\"", StringComparison.Ordinal)),
            ("Input.First", "nmg-2007"), ("Input.Second", "province-2012"),
            ("Input.Facts", """{"asOf": "2024-05-01", "sites": [{"id": "S1", "categories": ["other"]}]}"""))), RegistryReaders("200+")),
    ];
}
