using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// Issue 10: every registry object is editable and archivable in the pages, with the API's validation and a confirmation
/// before archiving. A camera in a privacy zone, say, is removed from the site's page, not only through the API.
/// </summary>
public abstract class RegistryPagesTests(PlatformFixture fx)
{
    private HttpClient Admin => fx.Client(Callers.PlatformAdmin);

    [Fact]
    public async Task A_privacy_zone_camera_is_moved_or_archived_from_the_pages_and_the_finding_goes()
    {
        var client = await fx.PageClientAsync(Callers.UnitAdminA);
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("页面设备宾馆"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var name = fx.Unique("客房摄像机");
        var camera = (await Admin.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device(name, "hotel-guest-room")).ExpectAsync(HttpStatusCode.Created)).Id();
        var details = await client.PageTextAsync($"/Sites/Details/{site}");
        Assert.Contains($"/Devices/Edit/{camera}", details, StringComparison.Ordinal);
        Assert.Contains(camera.ToString(), await FindingSubjectsAsync(site));

        // The form checks what the API checks: a zone outside the vocabulary is an error on the form, nothing changes.
        using (var bad = await client.PostFormAsync($"/Devices/Edit/{camera}", $"/Devices/Edit/{camera}",
            ("Input.Name", name), ("Input.Captures", "video"), ("Input.Zone", "guest-room")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("role=\"alert\"", await bad.TextAsync(), StringComparison.Ordinal);
        }
        // Without the confirmation box archiving is refused; with it the camera goes, and so does the finding.
        using (var unconfirmed = await client.PostFormAsync($"/Devices/Edit/{camera}", $"/Devices/Edit/{camera}?handler=Archive"))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            Assert.Contains("请先勾选“确认归档”", await unconfirmed.TextAsync(), StringComparison.Ordinal);
        }
        Assert.False((await Admin.GetAsync($"/api/devices/{camera}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
        using (var archived = await client.PostFormAsync($"/Devices/Edit/{camera}", $"/Devices/Edit/{camera}?handler=Archive", ("ConfirmArchive", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }
        Assert.True((await Admin.GetAsync($"/api/devices/{camera}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
        Assert.DoesNotContain(camera.ToString(), await FindingSubjectsAsync(site));
        Assert.DoesNotContain($"/Devices/Edit/{camera}", await client.PageTextAsync($"/Sites/Details/{site}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_is_edited_by_its_administrator_but_not_moved_and_archived_by_the_police_after_confirming()
    {
        var unit = (await Admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("页面单位"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var police = await fx.PageClientAsync(Callers.PoliceCounty);
        Assert.Contains($"/Units/Edit/{unit}", await police.PageTextAsync($"/Units?search={Uri.EscapeDataString("页面单位")}"), StringComparison.Ordinal);
        var name = fx.Unique("页面改名单位");
        using (var saved = await police.PostFormAsync($"/Units/Edit/{unit}", $"/Units/Edit/{unit}", ("Input.Name", name), ("Input.DivisionCode", "150102")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal(name, (await Admin.GetAsync($"/api/units/{unit}").ExpectAsync(HttpStatusCode.OK)).Str("name"));
        using (var bad = await police.PostFormAsync($"/Units/Edit/{unit}", $"/Units/Edit/{unit}", ("Input.Name", name), ("Input.DivisionCode", "15010")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("role=\"alert\"", await bad.TextAsync(), StringComparison.Ordinal);
        }

        // The unit's own administrator edits its unit, but a move to another division is refused on the form.
        var own = await fx.PageClientAsync(Callers.UnitAdminA);
        using (var moved = await own.PostFormAsync($"/Units/Edit/{fx.A.UnitId}", $"/Units/Edit/{fx.A.UnitId}",
            ("Input.Name", fx.A.UnitName), ("Input.DivisionCode", "150103")))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Contains("超出辖区或本单位范围", await moved.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("150102", (await Admin.GetAsync($"/api/units/{fx.A.UnitId}").ExpectAsync(HttpStatusCode.OK)).Str("divisionCode"));

        // Archiving asks first (a page of its own), then archives.
        Assert.Contains("确定归档单位", await police.PageTextAsync($"/Units/Archive/{unit}"), StringComparison.Ordinal);
        using (var archived = await police.PostFormAsync($"/Units/Archive/{unit}", $"/Units/Archive/{unit}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }
        Assert.True((await Admin.GetAsync($"/api/units/{unit}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Products_contractors_and_personnel_are_archived_only_after_confirming()
    {
        var client = await fx.PageClientAsync(Callers.PoliceCounty);
        var product = (await Admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("确认型号"))).ExpectAsync(HttpStatusCode.Created)).Id();
        var contractor = (await Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("确认公司"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var person = (await Admin.PostJsonAsync("/api/personnel", Bodies.Person(fx.Unique("确认人员"), fx.A.UnitId, null)).ExpectAsync(HttpStatusCode.Created)).Id();
        foreach (var (page, api) in new[] { ($"/Products/Edit/{product}", $"/api/products/{product}"), ($"/Contractors/Edit/{contractor}", $"/api/contractors/{contractor}"),
            ($"/Personnel/Edit/{person}", $"/api/personnel/{person}") })
        {
            using (var unconfirmed = await client.PostFormAsync(page, page + "?handler=Archive"))
            {
                Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
                Assert.Contains("请先勾选“确认归档”", await unconfirmed.TextAsync(), StringComparison.Ordinal);
            }
            Assert.False((await Admin.GetAsync(api).ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
            using (var confirmed = await client.PostFormAsync(page, page + "?handler=Archive", ("ConfirmArchive", "true")))
            {
                Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            }
            Assert.True((await Admin.GetAsync(api).ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
        }
    }

    [Fact]
    public async Task A_systems_form_chooses_registered_products_and_contractors_and_refuses_an_unknown_one()
    {
        var client = await fx.PageClientAsync(Callers.UnitAdminA);
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("页面选择宾馆"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var model = fx.Unique("登记型号");
        var product = (await Admin.PostJsonAsync("/api/products", Bodies.Product(model, inCatalog: false))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var contractor = (await Admin.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("登记工程公司"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var form = $"/Systems/Create?siteId={site}";
        var page = await client.PageTextAsync(form);
        Assert.Contains($"value=\"{product}\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{contractor}\"", page, StringComparison.Ordinal);

        (string, string)[] System(string name, string productId) =>
        [
            ("Input.Name", name), ("Input.Subsystems", "video"), ("Input.Products[0].ProductId", productId),
            ("Input.Contractors[0].ContractorId", contractor.ToString()), ("Input.Contractors[0].Role", "construction"),
        ];
        // An id the registry does not have: the row's error, and no system.
        var refused = fx.Unique("页面未知产品系统");
        using (var bad = await client.PostFormAsync(form, form, System(refused, Guid.NewGuid().ToString())))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("的产品，或该产品已归档", await bad.TextAsync(), StringComparison.Ordinal);
        }
        var systems = await Admin.GetAsync($"/api/sites/{site}/systems").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(systems.GetProperty("items").EnumerateArray(), x => x.Str("name") == refused);

        var name = fx.Unique("页面选择系统");
        using (var saved = await client.PostFormAsync(form, form, System(name, product.ToString())))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        systems = await Admin.GetAsync($"/api/sites/{site}/systems").ExpectAsync(HttpStatusCode.OK);
        var system = systems.GetProperty("items").EnumerateArray().Single(x => x.Str("name") == name);
        var used = system.GetProperty("products").EnumerateArray().Single();
        Assert.Equal((product.ToString(), model, false), (used.Str("productId"), used.Str("model"), used.GetProperty("inCatalog").GetBoolean()));
        Assert.Equal(contractor.ToString(), system.GetProperty("contractors").EnumerateArray().Single().Str("contractorId"));
        // Judged by the registry's entry: a product not in the catalogue is a finding of the new system.
        Assert.Contains(system.Str("id"), await FindingSubjectsAsync(site));
        // The registry's lists count the systems that use an entry.
        var listed = await client.PageTextAsync($"/Products?search={Uri.EscapeDataString(model)}");
        Assert.Matches($"<td>{model}</td>(?s:.*?)<td class=\"num\">1</td>", listed);
    }

    [Fact]
    public async Task A_device_outside_the_callers_scope_is_not_found_in_the_pages()
    {
        var site = (await Admin.PostJsonAsync("/api/sites", Bodies.Hotel(fx.A.UnitId, fx.Unique("页面范围宾馆"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var device = (await Admin.PostJsonAsync($"/api/sites/{site}/devices", Bodies.Device(fx.Unique("范围摄像机"), "public")).ExpectAsync(HttpStatusCode.Created)).Id();
        var other = await fx.PageClientAsync(Callers.UnitAdminB);
        using var response = await other.GetAsync(new Uri($"/Devices/Edit/{device}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((await Admin.GetAsync($"/api/devices/{device}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
    }

    /// <summary>What the site's findings are about (their subjects' ids), as the API lists them.</summary>
    private async Task<List<string>> FindingSubjectsAsync(Guid site)
    {
        var detail = await Admin.GetAsync($"/api/sites/{site}").ExpectAsync(HttpStatusCode.OK);
        return detail.GetProperty("findings").EnumerateArray().Select(f => f.Str("subjectId")).ToList();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RegistryPagesSqlite(SqliteFixture fx) : RegistryPagesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RegistryPagesPostgres(PostgresFixture fx) : RegistryPagesTests(fx);
