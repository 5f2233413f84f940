using Jifang.Features.Registry;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of the registry (sites, systems, devices, acts, import, personnel): the pages call the API's handlers, so
/// their tables are the API matrix's with the page's answers (see <see cref="MatrixHandler"/>): a 2xx is the change made,
/// the API's 404 the not-found page, its 403 outside one's jurisdiction the form again with the refusal.
/// </summary>
public static class RegistryHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Sites/Create", true, c =>
        {
            var name = c.Unique("页面矩阵场所");
            return Task.FromResult(Form("/Sites/Create", _ => c.AnyAsync<Site>(s => s.Name == name), SiteFields(c.W.UnitId, name, c.W.Division)));
        }, WriteInScope.With(ok: "302+", no: "200")),
        new("* POST /Sites/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshSiteAsync(), c.Unique("页面矩阵改名场所"));
            return Form($"/Sites/Edit/{id}", _ => c.AnyAsync<Site>(s => s.Id == id && s.Name == name), SiteFields(c.W.UnitId, name, c.W.Division));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Sites/Archive", true, async c =>
        {
            var id = await c.FreshSiteAsync();
            return Form($"/Sites/Archive/{id}", _ => c.AnyAsync<Site>(s => s.Id == id && s.Archived));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Systems/Create", true, c =>
        {
            var name = c.Unique("页面矩阵系统");
            return Task.FromResult(Form($"/Systems/Create?siteId={c.W.SiteId}", _ => c.AnyAsync<SecuritySystem>(s => s.Name == name), SystemFields(name)));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Systems/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshSystemAsync(), c.Unique("页面矩阵改名系统"));
            return Form($"/Systems/Edit/{id}", _ => c.AnyAsync<SecuritySystem>(s => s.Id == id && s.Name == name), SystemFields(name));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Systems/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshSystemAsync();
            return Form($"/Systems/Edit/{id}?handler=Archive", _ => c.AnyAsync<SecuritySystem>(s => s.Id == id && s.Archived), ("ConfirmArchive", "true"));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Devices/Create", true, c =>
        {
            var name = c.Unique("页面矩阵设备");
            return Task.FromResult(Form($"/Devices/Create?siteId={c.W.SiteId}", _ => c.AnyAsync<Device>(d => d.Name == name),
                ("Input.Name", name), ("Input.Kind", "摄像机"), ("Input.Captures", "video"), ("Input.Zone", "public")));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Devices/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshDeviceAsync(), c.Unique("页面矩阵改名设备"));
            return Form($"/Devices/Edit/{id}", _ => c.AnyAsync<Device>(d => d.Id == id && d.Name == name),
                ("Input.Name", name), ("Input.Kind", "摄像机"), ("Input.Captures", "video"), ("Input.Zone", "public"));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Devices/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshDeviceAsync();
            return Form($"/Devices/Edit/{id}?handler=Archive", _ => c.AnyAsync<Device>(d => d.Id == id && d.Archived), ("ConfirmArchive", "true"));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Acts/Create", true, c =>
        {
            var description = c.Unique("页面矩阵行为");
            return Task.FromResult(Form($"/Acts/Create?siteId={c.W.SiteId}", _ => c.AnyAsync<RegisteredAct>(a => a.Description == description),
                ("Input.Kind", "device-removed"), ("Input.Date", "2026-04-01"), ("Input.Actor", "unit"), ("Input.Description", description)));
        }, WriteInScope.With(ok: "302+", no: "404")),
        // The import page answers its report: the sites imported, or (outside one's jurisdiction or unit) why none was.
        new("* POST /Import/Index", true, c =>
        {
            var name = c.Unique("页面矩阵导入场所");
            var csv = "场所编号,场所名称,单位统一社会信用代码,单位名称,行政区划代码,地址,场所类别,部位,公共区域,大型,城镇,涉及国家秘密,存放重要物品\n"
                + $"M001,{name},,,{c.W.Division},矩阵路 1 号,hotel,main-entrance;passage;common-area,否,否,是,否,否\n";
            return Task.FromResult(Form("/Import/Index", _ => c.AnyAsync<Site>(s => s.Name == name), ("Unit", c.W.UnitId.ToString()), ("Division", c.W.Division), ("DryRun", "false"))
                with { File = new HandlerFile("Upload", "sites.csv", "text/csv", System.Text.Encoding.UTF8.GetBytes(csv)) });
        }, WriteInScope.With(ok: "200+", no: "200")),
        new("* POST /Personnel/Create", true, c =>
        {
            var name = c.Unique("页面矩阵人员");
            return Task.FromResult(Form("/Personnel/Create", _ => c.AnyAsync<Person>(p => p.Name == name), PersonFields(name, c.W.UnitId)));
        }, WriteInScope.With(ok: "302+", no: "200")),
        new("* POST /Personnel/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshPersonAsync(), c.Unique("页面矩阵改名人员"));
            return Form($"/Personnel/Edit/{id}", _ => c.AnyAsync<Person>(p => p.Id == id && p.Name == name), PersonFields(name, c.W.UnitId));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Personnel/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshPersonAsync();
            return Form($"/Personnel/Edit/{id}?handler=Archive", _ => c.AnyAsync<Person>(p => p.Id == id && p.Archived), ("ConfirmArchive", "true"));
        }, WriteInScope.With(ok: "302+", no: "404")),
    ];

    /// <summary>A hotel of the unit, as <see cref="Infrastructure.Bodies.Hotel"/> writes it, in the site form's fields.</summary>
    private static (string, string)[] SiteFields(Guid unitId, string name, string division) =>
    [
        ("Input.UnitId", unitId.ToString()), ("Input.Name", name), ("Input.DivisionCode", division), ("Input.Address", name + "的地址"), ("Input.ContactPhone", "0471-6612345"),
        ("Input.Categories", "hotel"), ("Input.Parts", "main-entrance"), ("Input.Parts", "passage"),
    ];

    /// <summary>A video system that passed every lifecycle step, as <see cref="Infrastructure.Bodies.System"/> writes it, in the system form's fields.</summary>
    private static (string, string)[] SystemFields(string name) =>
    [
        ("Input.Name", name), ("Input.Subsystems", "video"), ("Input.Covers", "main-entrance"),
        ("Input.DesignReview.Held", "true"), ("Input.DesignReview.Organizer", "construction-unit-with-police"), ("Input.DesignReview.Passed", "true"),
        ("Input.DesignReview.PoliceParticipated", "true"), ("Input.DesignReview.Date", "2020-03-01"),
        ("Input.Inspection.Held", "true"), ("Input.Inspection.AgencyQualified", "true"), ("Input.Inspection.Passed", "true"), ("Input.Inspection.Date", "2020-05-02"),
        ("Input.Acceptance.Held", "true"), ("Input.Acceptance.Passed", "true"), ("Input.Acceptance.PoliceParticipated", "true"), ("Input.Acceptance.Date", "2020-05-20"),
        ("Input.InService", "true"), ("Input.InterfaceReserved", "true"), ("Input.AlarmNetworked", "true"), ("Input.RetentionDays", "30"), ("Input.PersonnelTrained", "true"),
        ("Input.Products[0].Model", "X-100"), ("Input.Products[0].Manufacturer", "测试厂"), ("Input.Products[0].InCatalog", "true"), ("Input.Products[0].MeetsStandard", "true"),
        ("Input.Contractors[0].Name", "测试施工单位"), ("Input.Contractors[0].Role", "construction"), ("Input.Contractors[0].Qualified", "true"),
    ];

    private static (string, string)[] PersonFields(string name, Guid unitId) =>
    [
        ("Input.Name", name), ("Input.EmployerUnitId", unitId.ToString()), ("Input.Job", "operation"), ("Input.Trained", "true"),
        ("Input.TrainingCertificate", "PX-0001"), ("Input.TrainedOn", "2026-03-01"),
    ];
}
