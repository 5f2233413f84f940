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
public sealed class GuideModel(PackSet packs, IAuthorizationService authorization) : SignedInPageModel
{
    public string Role { get; private set; } = "";

    public string RoleLabel => Roles.Label(Role);

    public bool CanReadRegistry { get; private set; }

    public bool CanWriteRegistry { get; private set; }

    public bool CanSupervise { get; private set; }

    public IReadOnlyList<Duty> Duties { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Role = Roles.All.FirstOrDefault(User.IsInRole) ?? "";
        CanReadRegistry = (await authorization.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded;
        CanWriteRegistry = (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
        CanSupervise = (await authorization.AuthorizeAsync(User, Policies.Supervise)).Succeeded;
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
    }

    private List<CitationView> Cites(params (string PackId, string Cite)[] cites) =>
        cites.Where(c => packs.TryGet(c.PackId, out _))
            .Select(c => new CitationView(c.PackId, FindingPresenter.Cite(packs.Get(c.PackId).Pack, c.Cite)))
            .ToList();
}
