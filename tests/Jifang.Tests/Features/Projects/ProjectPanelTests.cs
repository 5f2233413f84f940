using System.Net;
using Jifang.Features.Projects;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Projects;

/// <summary>
/// The panel draw: the conflict rule keeps out experts employed by the police, a testing agency, a contractor of this project
/// or the owner (listed as excluded, never drawn), a pool too small is refused, and a panel can be drawn again from its
/// recorded candidates and seed. The pool here is the city 9902 (990202), which no other test of the fixture uses, so that
/// it holds exactly the experts this test registers.
/// </summary>
public abstract class ProjectPanelTests(PlatformFixture fx)
{
    private readonly ProjectKit kit = new(fx);

    private const string Division = "990202";

    [Fact]
    public async Task The_draw_excludes_conflicted_experts_refuses_a_pool_too_small_and_can_be_verified()
    {
        var p = await kit.DriveAsync(fx.P, "design-review", division: Division, contractor: fx.P.ContractorId, pool: false);
        var eligible = new List<Guid>();
        eligible.AddRange(await kit.ExpertsAsync(2, Division));
        var conflicted = new List<Guid>();
        conflicted.AddRange(await kit.ExpertsAsync(1, Division, ExpertEmployers.Police));
        conflicted.AddRange(await kit.ExpertsAsync(1, Division, ExpertEmployers.TestingAgency));
        conflicted.AddRange(await kit.ExpertsAsync(1, Division, ExpertEmployers.Contractor, fx.P.ContractorId));
        conflicted.AddRange(await kit.ExpertsAsync(1, Division, ExpertEmployers.Unit, fx.P.UnitId));

        // Six in the pool, two without a conflict: fewer than a panel of three.
        var refused = await kit.RefusedAsync(p.Id, () => p.Owner.PostAsync(new Uri($"/api/projects/{p.Id}/panel", UriKind.Relative), null), "11.1");
        Assert.Contains("专家不足", refused.Str("title"), StringComparison.Ordinal);
        Assert.Contains("只有 2 人", refused.Str("detail"), StringComparison.Ordinal);
        // Employed by a contractor that is not this project's: no conflict.
        eligible.AddRange(await kit.ExpertsAsync(1, Division, ExpertEmployers.Contractor, fx.A.ContractorId));
        eligible.AddRange(await kit.ExpertsAsync(1, Division));

        var drawn = await p.Owner.PostAsync(new Uri($"/api/projects/{p.Id}/panel", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var panel = drawn.GetProperty("panels")[0];
        var members = panel.GetProperty("members").EnumerateArray().Select(m => Guid.Parse(m.Str("expertId"))).ToList();
        Assert.Equal(3, members.Count);
        Assert.Equal(3, members.Distinct().Count());
        Assert.All(members, m => Assert.Contains(m, eligible));
        Assert.Equal(eligible.Count, panel.GetProperty("candidates").GetInt32());
        var excluded = panel.Strings("excluded");
        Assert.Equal(conflicted.Count, excluded.Length);
        foreach (var why in new[] { "受聘于公安机关", "受聘于检测机构", "受聘于本项目的施工单位", "受聘于本项目的建设单位或使用单位" })
        {
            Assert.Single(excluded, e => e.EndsWith("：" + why, StringComparison.Ordinal));
        }
        var step = drawn.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("panel-drawn", step.Str("action"));
        Assert.Contains($"种子 {panel.GetProperty("seed").GetInt32()}", step.Str("note"), StringComparison.Ordinal);

        var verified = await p.Owner.GetAsync(new Uri($"/api/projects/{p.Id}/panels/1/verify", UriKind.Relative)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("matches").GetBoolean());
        Assert.Equal(members, verified.GetProperty("recorded").EnumerateArray().Select(e => e.GetGuid()).ToList());
        Assert.Equal(members, verified.GetProperty("redrawn").EnumerateArray().Select(e => e.GetGuid()).ToList());
        Assert.Equal(panel.GetProperty("seed").GetInt32(), verified.GetProperty("seed").GetInt32());
        // The seed redraws the same panel from the candidates ordered by id.
        Assert.Equal(members, PanelDraw.Draw(eligible.Order().ToList(), panel.GetProperty("seed").GetInt32(), 3));

        // A panel is drawn once a round.
        await kit.RefusedAsync(p.Id, () => p.Owner.PostAsync(new Uri($"/api/projects/{p.Id}/panel", UriKind.Relative), null), "11.1");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectPanelSqlite(SqliteFixture fx) : ProjectPanelTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class ProjectPanelPostgres(PostgresFixture fx) : ProjectPanelTests(fx);
