using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages;

/// <summary>概览: the findings of the user's jurisdiction or unit, counted by article, category, rule and site.</summary>
/// <remarks>
/// Every signed-in user may ask for it: a role without registry work (contractor, testing agency, citizen) is sent to the
/// guide, which says what it will do here, instead of a refusal on its first page.
/// </remarks>
[Authorize]
public sealed class IndexModel(JifangDbContext db, PackSet packs, CountsCache cache, TimeProvider time, Jifang.Rules.Divisions.DivisionSet divisions,
    IAuthorizationService authorization, Features.Filing.FilingService filings, Features.Projects.ProjectService projects) : SignedInPageModel
{
    /// <summary>Narrows the dashboard to a division-code prefix inside the user's own scope.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Division { get; set; }

    /// <summary>The trend's step: day (the last 30 days), week (26 weeks) or month (13 months).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public DashboardDto Dashboard { get; private set; } = null!;

    public BarChart ByArticle { get; private set; } = null!;

    public BarChart ByCategory { get; private set; } = null!;

    public BarChart Trend { get; private set; } = null!;

    public string ScopeText { get; private set; } = "";

    /// <summary>The systems of the scope overdue for filing (第十四条第一款), a panel of its own.</summary>
    public IReadOnlyList<Features.Filing.FilingSystemDto> FilingOverdue { get; private set; } = [];

    /// <summary>The build projects of the scope whose current gate is overdue (the police's panel).</summary>
    public IReadOnlyList<Features.Projects.ProjectDto> ProjectsOverdue { get; private set; } = [];

    /// <summary>How many project gates wait for the user (我的待办), or null when the role takes no part in projects.</summary>
    public int? ProjectTasks { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded)
        {
            return Redirect("/Guide");
        }
        Division = Division?.Trim();
        if (!string.IsNullOrEmpty(Division) && (Division.Length > 6 || !Division.All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError(nameof(Division), "行政区划代码前缀应为 1 至 6 位数字");
            Division = null;
        }
        Dashboard = await FindingsApi.BuildDashboard(db, packs, divisions, cache, time, Division, ct);
        ByArticle = new BarChart("问题数（按条文）", Dashboard.ByArticle.Select(a => (ShortArticleLabel(a.Key, a.Label), a.Count, (string?)ArticleHref(a.Key))));
        Period = Period is "week" or "month" ? Period : "day";
        Trend = Period switch
        {
            "week" => new BarChart("问题数趋势（按周，每周末）", Dashboard.TrendByWeek.Select(t =>
                ($"{t.Date:yyyy-MM-dd}（{t.SitesWithFindings}/{t.Sites}）", t.Findings, (string?)null)), maxRows: 26),
            "month" => new BarChart("问题数趋势（按月，每月末）", Dashboard.TrendByMonth.Select(t =>
                ($"{t.Date:yyyy年M月}（{t.SitesWithFindings}/{t.Sites}）", t.Findings, (string?)null)), maxRows: 13),
            _ => new BarChart("问题数趋势（按日）", Dashboard.Trend.TakeLast(30).Select(t =>
                ($"{t.Date:MM-dd}（{t.SitesWithFindings}/{t.Sites}）", t.Findings, (string?)null)), maxRows: 30),
        };
        ByCategory = new BarChart("问题数（按场所类别）", Dashboard.ByCategory.Select(c => (c.Label, c.Count, (string?)$"/Sites?category={Uri.EscapeDataString(c.Key)}&hasFindings=true")));
        FilingOverdue = (await filings.OverdueAsync(ct)).Where(r => string.IsNullOrEmpty(Division) || r.DivisionCode.StartsWith(Division, StringComparison.Ordinal)).ToList();
        if ((await authorization.AuthorizeAsync(User, Policies.ProjectsRead)).Succeeded)
        {
            ProjectTasks = (await Features.Projects.ProjectViews.TasksAsync(projects, Features.Projects.ProjectActor.Of(User), ct)).Count;
            if (Roles.Police.Any(User.IsInRole)
                && (await Features.Projects.ProjectsApi.List(projects, null, null, true, 1, 100, ct)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<Infrastructure.Page<Features.Projects.ProjectDto>> overdue)
            {
                ProjectsOverdue = overdue.Value!.Items.Where(p => string.IsNullOrEmpty(Division) || p.DivisionCode.StartsWith(Division, StringComparison.Ordinal)).ToList();
            }
        }
        ScopeText = db.Scope switch
        {
            { Everything: true } => "全部辖区（平台管理员）",
            { DivisionPrefix: { } p } => $"{divisions.FullName(p.PadRight(6, '0'))}（{Roles.Label(db.Scope.Role)}）",
            { UnitId: not null } => "本单位的场所",
            _ => "无",
        };
        return Page();
    }

    /// <summary>"nmg-2007/9" → "/Rules/nmg-2007/9".</summary>
    public static string ArticleHref(string key) => "/Rules/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>"内蒙古自治区条例 第九条" instead of the full title, so the chart's labels fit.</summary>
    private string ShortArticleLabel(string key, string label)
    {
        var parts = key.Split('/');
        return parts.Length == 2 && packs.TryGet(parts[0], out var p) && int.TryParse(parts[1], out var n) && p.Pack.Article(n) is { } article
            ? $"{p.Pack.Jurisdiction.Name}条例 {article.Heading}"
            : label;
    }
}
