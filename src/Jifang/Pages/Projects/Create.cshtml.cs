using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Projects;
using Jifang.Features.Registry;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Projects;

/// <summary>One contractor row of the 立项 form.</summary>
public sealed class ContractorRowForm
{
    public Guid? ContractorId { get; set; }

    [Text(20)] public string? Role { get; set; }
}

/// <summary>The 立项 form.</summary>
public sealed class ProjectForm
{
    [Text(200)] public string? Name { get; set; }

    [Text(20)] public string? Kind { get; set; }

    public Guid? SiteId { get; set; }

    public int? RiskLevel { get; set; }

    public decimal? Investment { get; set; }

    public List<ContractorRowForm> Contractors { get; set; } = [];

    public List<Guid> SystemIds { get; set; } = [];
}

/// <summary>
/// 立项: a site of the caller's (chosen first: a GET with ?site= lists its systems not in service and in no open project),
/// the kind, risk level and investment the grade comes from, the registered contractors in their roles (up to four rows)
/// and the systems the project builds. The API's handler opens it; the details page shows the grade and its source.
/// </summary>
[Authorize(Policy = Policies.ProjectsCreate)]
public sealed class CreateModel(ProjectService projects, IAuthorizationService authorization) : SignedInPageModel
{
    public const int ContractorRows = 4;

    private JifangDbContext Db => projects.Db;

    /// <summary>The site chosen (GET ?site=).</summary>
    [BindProperty(Name = "site", SupportsGet = true)]
    public Guid? Site { get; set; }

    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    public IReadOnlyList<Site> Sites { get; private set; } = [];

    public IReadOnlyList<SecuritySystem> Systems { get; private set; } = [];

    public IReadOnlyList<Contractor> Contractors { get; private set; } = [];

    public Site? Chosen { get; private set; }

    public DateOnly Today => projects.Today;

    public IReadOnlyList<ContractorRowForm> Rows =>
        [.. Input.Contractors.Take(ContractorRows), .. Enumerable.Range(0, Math.Max(0, ContractorRows - Input.Contractors.Count)).Select(_ => new ContractorRowForm())];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.SiteId = Site;
        Input.Kind ??= ProjectKinds.New;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ProjectsCreate)).Succeeded)
        {
            return Lacking(Policies.ProjectsCreate);
        }
        ModelState.ReplaceBindingErrors();
        if (ModelState.IsValid)
        {
            var contractors = Input.Contractors.Where(c => c.ContractorId is not null)
                .Select(c => new ProjectContractorInput(c.ContractorId, c.Role)).ToList();
            var input = new ProjectInput(Input.Name, Input.Kind, Input.SiteId, null, Input.RiskLevel, Input.Investment, contractors, Input.SystemIds);
            switch ((await ProjectsApi.Create(input, User, projects, ct)).Result)
            {
                case Ok<ProjectDetailDto> { Value: { } created }:
                    TempData["Notice"] = $"已立项：定为{created.Project.GradeLabel}（{created.GradeSource}），{created.PoliceLevel}参与；"
                        + (created.ReviewRequired ? "设计方案须经论证。" : "按分级无须论证。");
                    return Redirect($"/Projects/Details/{created.Project.Id}");
                case ValidationProblem invalid:
                    ModelState.AddApiErrors(invalid);
                    break;
                case ProblemHttpResult problem:
                    ModelState.AddProblem(problem);
                    break;
                default:
                    return FormErrors.NotFoundPage("该场所");
            }
        }
        Site = Input.SiteId;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sites = await Db.Sites.AsNoTracking().Where(s => !s.Archived).OrderBy(s => s.Name).ThenBy(s => s.Id).Take(500).ToListAsync(ct);
        Chosen = Site is { } id ? Sites.FirstOrDefault(s => s.Id == id) ?? await Db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && !s.Archived, ct) : null;
        if (Chosen is not null)
        {
            var open = ProjectStates.Open.ToList();
            Systems = await Db.Systems.AsNoTracking()
                .Where(s => s.SiteId == Chosen.Id && !s.Archived && !s.InService
                    && (s.BuildProjectId == null || !Db.Projects.IgnoreQueryFilters().Any(p => p.Id == s.BuildProjectId && open.Contains(p.State))))
                .OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        }
        Contractors = await Db.Contractors.AsNoTracking().Where(c => !c.Archived).OrderBy(c => c.Name).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
    }
}
