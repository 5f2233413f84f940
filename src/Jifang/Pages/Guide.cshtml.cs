using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;

namespace Jifang.Pages;

/// <summary>One thing the regulations say about a role, with the provisions it rests on.</summary>
public sealed record Duty(string Text, IReadOnlyList<CitationView> Cites);

/// <summary>
/// 使用说明: what each role can do here. Roles without registry access (contractor, testing agency,
/// citizen) land here instead of the dashboard: the registry is for police and units.
/// </summary>
public sealed class GuideModel(PackSet packs, IAuthorizationService authorization, Features.Projects.ProjectService projects) : SignedInPageModel
{
    public string Role { get; private set; } = "";

    public string RoleLabel => Roles.Label(Role);

    public bool CanReadRegistry { get; private set; }

    public bool CanWriteRegistry { get; private set; }

    public bool CanSupervise { get; private set; }

    public IReadOnlyList<Duty> Duties { get; private set; } = [];

    /// <summary>
    /// What the role will do here once the build lifecycle (design review, inspection, acceptance) is a workflow of the platform,
    /// with the provisions that give it that work; empty for roles whose work is here already.
    /// </summary>
    public IReadOnlyList<Duty> Upcoming { get; private set; } = [];

    /// <summary>What the role can open now: (link, what it is), every link a page this role may see.</summary>
    public IReadOnlyList<(string Href, string Text)> Available { get; private set; } = [];

    /// <summary>How many project gates wait for a role that takes part in projects without reading the registry (its home is here).</summary>
    public int? ProjectTasks { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Role = Roles.All.FirstOrDefault(User.IsInRole) ?? "";
        CanReadRegistry = (await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded;
        CanWriteRegistry = (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
        CanSupervise = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
        if (!CanReadRegistry && (await authorization.AuthorizeAsync(User, Policies.ProjectsRead)).Succeeded)
        {
            ProjectTasks = (await Features.Projects.ProjectViews.TasksAsync(projects, Features.Projects.ProjectActor.Of(User), ct)).Count;
        }
        Duties = Role switch
        {
            Roles.Contractor =>
            [
                new("技防系统工程只能发包给符合国家规定条件的单位设计、施工、维修。", Cites(("nmg-2007", "15.1"))),
                new("设计、施工、监理、检测、维修等单位应当妥善保管设计图纸及相关资料，并依法保守秘密。", Cites(("nmg-2007", "16.1"), ("province-2012", "15.1"))),
                new("设计、施工、维修和操作技防系统的人员应当经过专业培训。", Cites(("nmg-2007", "16.2"))),
                new("公安机关不得指定技防产品，也不得指定设计、安装、监理和运营单位。", Cites(("province-2012", "18.1"), ("nmg-2007", "12.1"))),
            ],
            Roles.TestingAgency =>
            [
                new("技防系统竣工后先由具有资质的专业检测机构检验，建设单位会同公安机关根据检测报告组织验收。", Cites(("province-2012", "11.2"), ("nmg-2007", "13.4"))),
                new("技防系统未经验收或者验收不合格的，不得投入使用。", Cites(("nmg-2007", "13.5"))),
            ],
            Roles.Citizen =>
            [
                new("因人身、财产等权益受到损害需要查看技防系统相关信息的，经使用单位同意并登记身份、事由和信息起止时段后可以查看；复制、调取须经所在地公安机关批准。", Cites(("nmg-2007", "20.1"))),
                new("禁止在宾馆客房、集体宿舍以及卫生间、更衣室、浴室等涉及个人隐私的场所安装视频、音频等技防产品。", Cites(("province-2012", "13.2"), ("nmg-2007", "9.2"))),
                new("县级以上公安机关每年至少向社会公布一次技防产品、技防系统的监督检查情况。", Cites(("province-2012", "23.1"))),
            ],
            _ => [],
        };
        Upcoming = Role switch
        {
            Roles.Contractor =>
            [
                new("建设单位在建设项目中把您登记为技防系统的设计、施工、监理或维修单位，平台核对您在从业单位登记中的资质；技防系统与建设工程综合设计、同步施工、独立验收。", Cites(("nmg-2007", "13.2"), ("province-2012", "10.1"), ("nmg-2007", "15.1"))),
                new("作为设计单位、施工单位参加设计方案论证，在平台上提交设计方案和相关资料，查看论证意见并按意见整改。", Cites(("nmg-2007", "13.3"), ("province-2012", "11.1"))),
                new("设计图纸和项目资料只向项目各方和负责的公安机关显示，每次查看、下载都记入审计日志。", Cites(("nmg-2007", "16.1"), ("province-2012", "15.1"))),
            ],
            Roles.TestingAgency =>
            [
                new("受建设单位委托，对建成的技防系统进行检测，在平台上提交检测报告（结论、检测项目及结果、附件）；只有登记了有效资质的检测机构才能提交，使用单位不能自行标记“检测通过”。", Cites(("nmg-2007", "13.4"), ("province-2012", "11.2"))),
                new("建设单位会同公安机关依据您提交的检测报告组织竣工验收；未经验收或者验收不合格的系统不得投入使用。", Cites(("province-2012", "11.2"), ("nmg-2007", "13.5"))),
                new("检测中接触的设计图纸和资料依法保密，平台记录每次查看和下载。", Cites(("nmg-2007", "16.1"), ("province-2012", "15.1"))),
            ],
            _ => [],
        };
        (string, string) rules = ("/Rules", "条例全文：平台适用的条例，以及每一条文对应的检查规则和法律责任");
        Available = Role switch
        {
            Roles.Citizen => [("/Portal", "公民查看申请：因人身、财产等权益受到损害，申请查看或复制技防系统的相关信息，并凭申请编号和查询码查看办理进度"), rules],
            Roles.Contractor => [.. Articles(("nmg-2007", 13, "设计、施工、检测和验收"), ("nmg-2007", 15, "技防系统工程的发包和从业条件"), ("province-2012", 11, "设计方案论证、检测和竣工验收")), rules],
            Roles.TestingAgency => [.. Articles(("nmg-2007", 13, "检测和验收"), ("province-2012", 11, "检测报告和竣工验收")), rules],
            _ => [rules],
        };
    }

    /// <summary>Links to articles of the packs the platform has loaded: "《title》第十三条：what".</summary>
    private IEnumerable<(string, string)> Articles(params (string PackId, int Number, string What)[] articles) =>
        articles.Where(a => packs.TryGet(a.PackId, out _) && packs.Get(a.PackId).Pack.Article(a.Number) is not null)
            .Select(a => ($"/Rules/{a.PackId}/{a.Number}", $"《{packs.Get(a.PackId).Pack.Title}》{packs.Get(a.PackId).Pack.Article(a.Number)!.Heading}：{a.What}"));

    private List<CitationView> Cites(params (string PackId, string Cite)[] cites) =>
        cites.Where(c => packs.TryGet(c.PackId, out _))
            .Select(c => new CitationView(c.PackId, FindingPresenter.Cite(packs.Get(c.PackId).Pack, c.Cite)))
            .ToList();
}
