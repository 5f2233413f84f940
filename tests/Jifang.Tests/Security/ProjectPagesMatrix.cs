using System.Collections.Concurrent;
using System.Text.Json;
using Jifang.Features.Projects;
using Jifang.Tests.Infrastructure;
using static Jifang.Tests.Security.MatrixCall;

namespace Jifang.Tests.Security;

/// <summary>
/// The pages of build projects (issue 12) in the authorization matrix: the list and the details read by the police of the
/// place, the owner's and the site's unit and the administrator (parties read only projects that name them: none of the
/// world's); 立项 opened by the police and unit administrators. Their form handlers are in <see cref="ProjectHandlers"/>.
/// </summary>
public static class ProjectPagesMatrix
{
    private static readonly ConcurrentDictionary<(PlatformFixture, string), Lazy<Task<Guid>>> WorldProjects = new();

    /// <summary>A project of the world in service (made once per fixture and world): the list is asked for that state.</summary>
    private static Task<Guid> WorldProjectAsync(this MatrixCall c) =>
        WorldProjects.GetOrAdd((c.Fixture, c.W.Key), _ => new Lazy<Task<Guid>>(() => c.FreshProjectAsync(ProjectStates.InService))).Value;

    private static async Task<string> WorldNameAsync(MatrixCall c)
    {
        var id = await c.WorldProjectAsync();
        return await c.DbAsync(db => Task.FromResult(db.Projects.First(p => p.Id == id).Name));
    }

    private static readonly ConcurrentDictionary<string, string> Names = new();

    private const string List =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province 200+ 200+ 200-
        police-city     200+ 200- 200-
        police-county   200+ 200- 200-
        police-county-b 200- 200+ 200-
        unit-admin-a    200+ 200- 200-
        unit-operator-a 200+ 200- 200-
        unit-admin-b    200- 200+ 200-
        unit-operator-b 200- 200+ 200-
        contractor      200- 200- 200-
        testing-agency  200- 200- 200-
        citizen         302D 302D 302D
        platform-admin  200+ 200+ 200+
        """;

    private const string Details =
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
        contractor      404  404  404
        testing-agency  404  404  404
        citizen         302D 302D 302D
        platform-admin  200  200  200
        """;

    private const string Create =
        """
        caller          -
        anonymous       302L
        police-province 200
        police-city     200
        police-county   200
        police-county-b 200
        unit-admin-a    200
        unit-operator-a 302D
        unit-admin-b    200
        unit-operator-b 302D
        contractor      302D
        testing-agency  302D
        citizen         302D
        platform-admin  302D
        """;

    /// <summary>The list shows the world's project (its name: each world's project is named when made).</summary>
    private static async Task<HttpRequestMessage> ListAsync(MatrixCall c, string path)
    {
        Names[$"{c.Fixture.GetHashCode()}-{c.W.Key}"] = await WorldNameAsync(c);
        return Get($"{path}?state={ProjectStates.InService}");
    }

    private static bool Lists(JsonElement html, World w) =>
        Names.Where(n => n.Key.EndsWith("-" + w.Key, StringComparison.Ordinal)).Any(n => html.GetString()!.Contains(n.Value, StringComparison.Ordinal));

    public static readonly IReadOnlyList<MatrixEndpoint> Endpoints =
    [
        new("* Projects", true, c => ListAsync(c, "/Projects"), List, Lists),
        new("* Projects/Index", true, c => ListAsync(c, "/Projects/Index"), List, Lists),
        new("* Projects/Details/{id:guid}", true, async c => Get($"/Projects/Details/{await c.WorldProjectAsync()}"), Details),
        new("* Projects/Create", false, _ => Task.FromResult(Get("/Projects/Create")), Create),
    ];
}
