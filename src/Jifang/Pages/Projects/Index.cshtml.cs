using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Projects;

/// <summary>
/// 建设项目: the caller's tasks (我的待办: the gates waiting for them as owner, police, testing agency or expert, and for the
/// police the overdue gates of their jurisdiction), then the projects in scope with their state, grade and due date.
/// </summary>
[Authorize(Policy = Policies.ProjectsRead)]
public sealed class IndexModel(ProjectService projects, IAuthorizationService authorization) : SignedInPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the route value Razor Pages reserves for the page itself
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ProjectTaskDto> Tasks { get; private set; } = [];

    public Page<ProjectDto> Projects { get; private set; } = null!;

    public bool CanCreate { get; private set; }

    public int PageCount => Math.Max(1, (Projects.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (State is { Length: > 0 } && !ProjectStates.All.Contains(State))
        {
            State = null;
        }
        Tasks = await ProjectViews.TasksAsync(projects, ProjectActor.Of(User), ct);
        Projects = (await ProjectsApi.List(projects, State, null, Overdue ? true : null, PageNumber, PageSize, ct)).Result is Ok<Page<ProjectDto>> ok
            ? ok.Value! : new Page<ProjectDto>([], 0, 1, PageSize);
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.ProjectsCreate)).Succeeded;
    }

    /// <summary>The query string of this list with another page number, for the pager.</summary>
    public string PageHref(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["state"] = string.IsNullOrEmpty(State) ? null : State,
            ["overdue"] = Overdue ? "true" : null,
            ["p"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Projects", query.Where(kv => kv.Value is not null)!);
    }
}
