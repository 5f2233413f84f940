using Jifang.Features.Registry;
using static Jifang.Tests.Security.HandlerMatrix;

namespace Jifang.Tests.Security;

/// <summary>
/// The page handlers of supervision (policy <c>supervise</c>: police and the platform administrator): registering units, the
/// product catalogue (one for every jurisdiction, so unscoped) and contractors (scoped by their division code).
/// </summary>
public static class SupervisionHandlers
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        new("* POST /Units/Create", true, c =>
        {
            var name = c.Unique("页面矩阵单位");
            return Task.FromResult(Form("/Units/Create", _ => c.AnyAsync<Unit>(u => u.Name == name),
                ("Input.Name", name), ("Input.DivisionCode", c.W.Division), ("Input.Address", "呼和浩特市新城区测试路 1 号"), ("Input.ContactPhone", "0471-1234567")));
        }, Supervise.With(ok: "302+", no: "200")),
        // A unit's own administrator edits it (not its division code; the world's unit keeps its name and code here, only its phone changes).
        new("* POST /Units/Edit", true, c =>
        {
            var phone = c.Unique("0471-6");
            return Task.FromResult(Form($"/Units/Edit/{c.W.UnitId}", _ => c.AnyAsync<Unit>(u => u.Id == c.W.UnitId && u.ContactPhone == phone),
                ("Input.Name", c.W.UnitName), ("Input.DivisionCode", c.W.Division), ("Input.Address", "呼和浩特市新城区测试路 1 号"), ("Input.ContactPhone", phone)));
        }, WriteInScope.With(ok: "302+", no: "404")),
        new("* POST /Units/Archive", true, async c =>
        {
            var id = await c.FreshUnitAsync();
            return Form($"/Units/Archive/{id}", _ => c.AnyAsync<Unit>(u => u.Id == id && u.Archived));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Products/Create", false, c =>
        {
            var model = c.Unique("页面矩阵产品");
            return Task.FromResult(Form("/Products/Create", _ => c.AnyAsync<Product>(p => p.Model == model), ProductFields(model)));
        }, Catalogue),
        new("* POST /Products/Edit", false, async c =>
        {
            var (id, model) = (await c.FreshProductAsync(), c.Unique("页面矩阵改名产品"));
            return Form($"/Products/Edit/{id}", _ => c.AnyAsync<Product>(p => p.Id == id && p.Model == model), ProductFields(model));
        }, Catalogue),
        new("* POST /Products/Edit?handler=Archive", false, async c =>
        {
            var id = await c.FreshProductAsync();
            return Form($"/Products/Edit/{id}?handler=Archive", _ => c.AnyAsync<Product>(p => p.Id == id && p.Archived), ("ConfirmArchive", "true"));
        }, Catalogue),
        new("* POST /Contractors/Create", true, c =>
        {
            var name = c.Unique("页面矩阵从业单位");
            return Task.FromResult(Form("/Contractors/Create", _ => c.AnyAsync<Contractor>(x => x.Name == name), ContractorFields(name, c.W.Division)));
        }, Supervise.With(ok: "302+", no: "200")),
        new("* POST /Contractors/Edit", true, async c =>
        {
            var (id, name) = (await c.FreshContractorAsync(), c.Unique("页面矩阵改名从业单位"));
            return Form($"/Contractors/Edit/{id}", _ => c.AnyAsync<Contractor>(x => x.Id == id && x.Name == name), ContractorFields(name, c.W.Division));
        }, Supervise.With(ok: "302+", no: "404")),
        new("* POST /Contractors/Edit?handler=Archive", true, async c =>
        {
            var id = await c.FreshContractorAsync();
            return Form($"/Contractors/Edit/{id}?handler=Archive", _ => c.AnyAsync<Contractor>(x => x.Id == id && x.Archived), ("ConfirmArchive", "true"));
        }, Supervise.With(ok: "302+", no: "404")),
    ];

    private const string Catalogue =
        """
        caller          -
        anonymous       302L
        police-province 302+
        police-city     302+
        police-county   302+
        police-county-b 302+
        unit-admin-a    302D
        unit-operator-a 302D
        unit-admin-b    302D
        unit-operator-b 302D
        contractor      302D
        testing-agency  302D
        citizen         302D
        platform-admin  302+
        """;

    private static (string, string)[] ProductFields(string model) =>
        [("Input.Model", model), ("Input.Manufacturer", "测试厂"), ("Input.InCatalog", "true"), ("Input.MeetsStandard", "true")];

    private static (string, string)[] ContractorFields(string name, string division) =>
    [
        ("Input.Name", name), ("Input.DivisionCode", division), ("Input.QualificationLevel", "一级"), ("Input.Qualified", "true"),
        ("Input.QualifiedUntil", "2028-12-31"),
    ];
}
