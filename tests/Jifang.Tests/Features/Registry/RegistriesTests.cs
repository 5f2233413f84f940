using System.Net;
using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// The product catalogue, contractors and personnel through /api/products, /api/contractors, /api/personnel and their
/// pages: register, list, search, edit, archive, validation naming the field, and scope.
/// </summary>
public abstract partial class RegistriesTests(PlatformFixture fx)
{
    private HttpClient County => fx.Client(Callers.PoliceCounty);

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    // —— Products ——

    [Fact]
    public async Task A_product_is_registered_searched_edited_and_archived()
    {
        var model = fx.Unique("DS-2CD");
        var created = await County.PostJsonAsync("/api/products", Bodies.Product(model, "海康测试厂", "CCC-2026-01", inCatalog: false)).ExpectAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal(model, created.Str("model"));
        Assert.Equal("CCC-2026-01", created.Str("certificateNumber"));
        Assert.False(created.GetProperty("inCatalog").GetBoolean());
        Assert.True(created.GetProperty("meetsStandard").GetBoolean());

        // A shared catalogue: a unit operator and the police of another county read it too.
        foreach (var reader in new[] { Callers.UnitOperatorB, Callers.PoliceCountyB })
        {
            var found = await fx.Client(reader).GetAsync($"/api/products?search={Uri.EscapeDataString(model)}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal([id], found.Items().Select(p => p.Id()));
        }
        var byManufacturer = await County.GetAsync($"/api/products?search={Uri.EscapeDataString("海康测试厂")}&inCatalog=false").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byManufacturer.Items(), p => p.Id() == id);
        var byCertificate = await County.GetAsync("/api/products?search=CCC-2026-01").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], byCertificate.Items().Select(p => p.Id()));

        var edited = await County.PutJsonAsync($"/api/products/{id}", Bodies.Product(model, "海康测试厂", null, inCatalog: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(edited.GetProperty("inCatalog").GetBoolean());
        Assert.Equal(JsonNull, edited.GetProperty("certificateNumber").ValueKind);

        await County.PostAsync($"/api/products/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.True((await County.GetAsync($"/api/products/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
        Assert.Empty((await County.GetAsync($"/api/products?search={Uri.EscapeDataString(model)}").ExpectAsync(HttpStatusCode.OK)).Items());
        var archived = await County.GetAsync($"/api/products?search={Uri.EscapeDataString(model)}&archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], archived.Items().Select(p => p.Id()));
    }

    [Fact]
    public async Task Products_page_in_model_order()
    {
        var tag = fx.Unique("分页型号");
        foreach (var suffix in new[] { "3", "1", "2" })
        {
            await County.PostJsonAsync("/api/products", Bodies.Product($"{tag}-{suffix}")).ExpectAsync(HttpStatusCode.Created);
        }
        var first = await County.GetAsync($"/api/products?search={Uri.EscapeDataString(tag)}&page=1&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        var second = await County.GetAsync($"/api/products?search={Uri.EscapeDataString(tag)}&page=2&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal([$"{tag}-1", $"{tag}-2", $"{tag}-3"], first.Items().Concat(second.Items()).Select(p => p.Str("model")));
    }

    [Fact]
    public async Task Invalid_products_are_400_naming_the_field()
    {
        Assert.Contains("缺少产品型号", await County.PostJsonAsync("/api/products", Bodies.Product("")).ExpectValidationAsync("model"));
        Assert.Contains("缺少生产厂家", await County.PostJsonAsync("/api/products", Bodies.Product("X-1", "")).ExpectValidationAsync("manufacturer"));
        await County.PostJsonAsync("/api/products", Bodies.Product(new string('型', 201))).ExpectValidationAsync("model");
        await County.PostJsonAsync("/api/products", Bodies.Product("X-1", "厂", new string('证', 101))).ExpectValidationAsync("certificateNumber");
    }

    [Fact]
    public async Task A_unit_user_reads_the_catalogue_but_cannot_register_a_product()
    {
        var admin = fx.Client(Callers.UnitAdminA);
        await admin.PostJsonAsync("/api/products", Bodies.Product(fx.Unique("单位产品"))).ExpectAsync(HttpStatusCode.Forbidden);
        await admin.PutJsonAsync($"/api/products/{fx.A.ProductId}", Bodies.Product("改型号")).ExpectAsync(HttpStatusCode.Forbidden);
        await admin.PostAsync($"/api/products/{fx.A.ProductId}/archive", null).ExpectAsync(HttpStatusCode.Forbidden);
        await admin.GetAsync($"/api/products/{fx.A.ProductId}").ExpectAsync(HttpStatusCode.OK);
    }

    // —— Contractors ——

    [Fact]
    public async Task A_contractor_is_registered_searched_edited_and_archived()
    {
        var name = fx.Unique("安防工程公司");
        var created = await County.PostJsonAsync("/api/contractors", Bodies.Contractor(name, "150102", "91150102MA0000009Q")).ExpectAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal("150102", created.Str("divisionCode"));
        Assert.Equal("一级", created.Str("qualificationLevel"));
        Assert.True(created.GetProperty("qualified").GetBoolean());
        Assert.Equal("2028-12-31", created.Str("qualifiedUntil"));

        var byName = await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], byName.Items().Select(c => c.Id()));
        var byCode = await County.GetAsync("/api/contractors?search=91150102MA0000009Q").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], byCode.Items().Select(c => c.Id()));
        Assert.Empty((await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(name)}&qualified=false").ExpectAsync(HttpStatusCode.OK)).Items());

        var edited = await County.PutJsonAsync($"/api/contractors/{id}", Bodies.Contractor(name, "150102", qualified: false)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(edited.GetProperty("qualified").GetBoolean());
        Assert.Equal(JsonNull, edited.GetProperty("qualifiedUntil").ValueKind);
        Assert.Equal(JsonNull, edited.GetProperty("creditCode").ValueKind);

        await County.PostAsync($"/api/contractors/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Empty((await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK)).Items());
        var archived = await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(name)}&archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], archived.Items().Select(c => c.Id()));
    }

    [Fact]
    public async Task Invalid_contractors_are_400_naming_the_field()
    {
        Assert.Contains("缺少单位名称", await County.PostJsonAsync("/api/contractors", Bodies.Contractor("", "150102")).ExpectValidationAsync("name"));
        Assert.Contains("行政区划代码应为 6 位数字（GB/T 2260）", await County.PostJsonAsync("/api/contractors", Bodies.Contractor("某公司", "1501")).ExpectValidationAsync("divisionCode"));
        await County.PostJsonAsync("/api/contractors", Bodies.Contractor("某公司", "150102", "bad-code")).ExpectValidationAsync("creditCode");
        var until = await County.PostJsonAsync("/api/contractors", new { name = "某公司", divisionCode = "150102", qualified = false, qualifiedUntil = "2027-01-01" })
            .ExpectValidationAsync("qualifiedUntil");
        Assert.Contains("未取得资质的单位不应填写资质有效期", until);
    }

    [Fact]
    public async Task Contractors_are_scoped_like_units_and_unit_users_read_all_but_write_none()
    {
        var tag = fx.Unique("辖区从业单位");
        var admin = fx.Client(Callers.PlatformAdmin);
        var here = (await County.PostJsonAsync("/api/contractors", Bodies.Contractor(tag + "-a", "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var there = (await admin.PostJsonAsync("/api/contractors", Bodies.Contractor(tag + "-b", "150203")).ExpectAsync(HttpStatusCode.Created)).Id();

        // A county police user does not see another county's contractor, whatever the filter asks for.
        var county = await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(tag)}&division=15").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([here], county.Items().Select(c => c.Id()));
        await County.GetAsync($"/api/contractors/{there}").ExpectAsync(HttpStatusCode.NotFound);
        await County.PutJsonAsync($"/api/contractors/{there}", Bodies.Contractor(tag + "-b", "150203")).ExpectAsync(HttpStatusCode.NotFound);
        await County.PostAsync($"/api/contractors/{there}/archive", null).ExpectAsync(HttpStatusCode.NotFound);
        var outside = await County.PostJsonAsync("/api/contractors", Bodies.Contractor(tag + "-越界", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", outside.Str("field"));
        var moved = await County.PutJsonAsync($"/api/contractors/{here}", Bodies.Contractor(tag + "-a", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", moved.Str("field"));

        // Unit users choose contractors: they read every one, in any county, and change none.
        var unit = fx.Client(Callers.UnitOperatorA);
        var all = await unit.GetAsync($"/api/contractors?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([here, there], all.Items().Select(c => c.Id()));
        await fx.Client(Callers.UnitAdminA).PutJsonAsync($"/api/contractors/{here}", Bodies.Contractor(tag + "-a", "150102")).ExpectAsync(HttpStatusCode.Forbidden);
        await fx.Client(Callers.UnitAdminA).PostJsonAsync("/api/contractors", Bodies.Contractor(tag + "-单位", "150102")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    // —— Personnel ——

    [Fact]
    public async Task A_person_is_registered_searched_edited_and_archived()
    {
        var name = fx.Unique("张值机");
        var created = await County.PostJsonAsync("/api/personnel", Bodies.Person(name, fx.A.UnitId, null)).ExpectAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal(fx.A.UnitId, created.GetProperty("employerUnitId").GetGuid());
        Assert.Equal(fx.A.UnitName, created.Str("employerName"));
        Assert.Equal("operation", created.Str("job"));
        Assert.Equal("2026-03-01", created.Str("trainedOn"));

        var byName = await County.GetAsync($"/api/personnel?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], byName.Items().Select(p => p.Id()));
        var ofUnit = await County.GetAsync($"/api/personnel?unit={fx.A.UnitId}&job=operation&trained=true&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(ofUnit.Items(), p => p.Id() == id);

        // Moves to a contractor of the county as a maintainer, not trained (the training fields are cleared).
        var contractor = (await County.PostJsonAsync("/api/contractors", Bodies.Contractor(fx.Unique("维修公司"), "150102")).ExpectAsync(HttpStatusCode.Created)).Id();
        var edited = await County.PutJsonAsync($"/api/personnel/{id}", Bodies.Person(name, null, contractor, "maintenance", trained: false)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonNull, edited.GetProperty("employerUnitId").ValueKind);
        Assert.Equal(contractor, edited.GetProperty("employerContractorId").GetGuid());
        Assert.False(edited.GetProperty("trained").GetBoolean());
        Assert.Equal(JsonNull, edited.GetProperty("trainingCertificate").ValueKind);
        var ofContractor = await County.GetAsync($"/api/personnel?contractor={contractor}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], ofContractor.Items().Select(p => p.Id()));

        await County.PostAsync($"/api/personnel/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Empty((await County.GetAsync($"/api/personnel?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK)).Items());
        var archived = await County.GetAsync($"/api/personnel?search={Uri.EscapeDataString(name)}&archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], archived.Items().Select(p => p.Id()));
    }

    [Fact]
    public async Task Invalid_personnel_are_400_naming_the_field()
    {
        var unit = fx.A.UnitId;
        Assert.Contains("缺少姓名", await County.PostJsonAsync("/api/personnel", Bodies.Person("", unit, null)).ExpectValidationAsync("name"));
        var job = await County.PostJsonAsync("/api/personnel", Bodies.Person("李某", unit, null, "guard")).ExpectValidationAsync("job");
        Assert.Contains("未知的岗位 \"guard\"（应为 design、construction、maintenance 或 operation）", job);
        await County.PostJsonAsync("/api/personnel", Bodies.Person("李某", null, null)).ExpectValidationAsync("employerUnitId");
        await County.PostJsonAsync("/api/personnel", Bodies.Person("李某", unit, fx.A.ContractorId)).ExpectValidationAsync("employerUnitId");
        await County.PostJsonAsync("/api/personnel", new { name = "李某", employerUnitId = unit, job = "design", trained = false, trainedOn = "2026-01-01" })
            .ExpectValidationAsync("trainedOn");
        await fx.Client(Callers.PlatformAdmin).PostJsonAsync("/api/personnel", Bodies.Person("李某", Guid.NewGuid(), null)).ExpectValidationAsync("employerUnitId");
    }

    [Fact]
    public async Task Personnel_are_scoped_through_their_employer()
    {
        var tag = fx.Unique("辖区人员");
        var admin = fx.Client(Callers.PlatformAdmin);
        var ofA = (await admin.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-a", fx.A.UnitId, null)).ExpectAsync(HttpStatusCode.Created)).Id();
        var ofB = (await admin.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-b", fx.B.UnitId, null)).ExpectAsync(HttpStatusCode.Created)).Id();
        var ofContractorB = (await admin.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-c", null, fx.B.ContractorId, "construction")).ExpectAsync(HttpStatusCode.Created)).Id();

        // County police: the staff of their county's units and contractors only.
        var county = await County.GetAsync($"/api/personnel?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ofA], county.Items().Select(p => p.Id()));
        await County.GetAsync($"/api/personnel/{ofContractorB}").ExpectAsync(HttpStatusCode.NotFound);
        var outside = await County.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-越界", fx.B.UnitId, null)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("employerUnitId", outside.Str("field"));
        var outsideContractor = await County.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-越界", null, fx.B.ContractorId)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("employerContractorId", outsideContractor.Str("field"));
        var countyB = await fx.Client(Callers.PoliceCountyB).GetAsync($"/api/personnel?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ofB, ofContractorB], countyB.Items().Select(p => p.Id()));

        // A unit administrator: their own unit's staff to change; contractors' staff to read only; no other unit's.
        var unitAdmin = fx.Client(Callers.UnitAdminA);
        var seen = await unitAdmin.GetAsync($"/api/personnel?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ofA, ofContractorB], seen.Items().Select(p => p.Id()));
        await unitAdmin.GetAsync($"/api/personnel/{ofB}").ExpectAsync(HttpStatusCode.NotFound);
        await unitAdmin.PutJsonAsync($"/api/personnel/{ofContractorB}", Bodies.Person(tag + "-c", null, fx.B.ContractorId)).ExpectAsync(HttpStatusCode.Forbidden);
        await unitAdmin.PostAsync($"/api/personnel/{ofContractorB}/archive", null).ExpectAsync(HttpStatusCode.Forbidden);
        await unitAdmin.PostJsonAsync("/api/personnel", Bodies.Person(tag + "-承包", null, fx.A.ContractorId)).ExpectAsync(HttpStatusCode.Forbidden);
        var own = await unitAdmin.PutJsonAsync($"/api/personnel/{ofA}", Bodies.Person(tag + "-a", fx.A.UnitId, null, "design")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("design", own.Str("job"));
        await fx.Client(Callers.UnitOperatorA).PostJsonAsync("/api/personnel", Bodies.Person(tag + "-操作员", fx.A.UnitId, null)).ExpectAsync(HttpStatusCode.Forbidden);
    }

    // —— Pages ——

    [Fact]
    public async Task The_registry_pages_register_show_errors_in_Chinese_and_archive()
    {
        var client = await fx.PageClientAsync(Callers.PoliceCounty);

        async Task<HttpResponseMessage> PostFormAsync(string formUrl, string postUrl, Dictionary<string, string> fields)
        {
            using var form = await client.GetAsync(new Uri(formUrl, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
            Assert.True(token.Success, $"{formUrl} has no antiforgery token");
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
            using var content = new FormUrlEncodedContent(fields);
            return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content);
        }

        // Products: a missing model is a form error in Chinese; a good one is registered; the edit page archives it.
        using (var bad = await PostFormAsync("/Products/Create", "/Products/Create", new() { ["Input.Model"] = "", ["Input.Manufacturer"] = "厂" }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("缺少产品型号", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var model = fx.Unique("页面型号");
        using (var good = await PostFormAsync("/Products/Create", "/Products/Create", new() { ["Input.Model"] = model, ["Input.Manufacturer"] = "页面厂", ["Input.InCatalog"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }
        var product = (await County.GetAsync($"/api/products?search={Uri.EscapeDataString(model)}").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.True(product.GetProperty("inCatalog").GetBoolean());
        using (var list = await client.GetAsync(new Uri($"/Products?search={Uri.EscapeDataString(model)}", UriKind.Relative)))
        {
            Assert.Contains($"/Products/Edit/{product.Id()}", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var archive = await PostFormAsync($"/Products/Edit/{product.Id()}", $"/Products/Edit/{product.Id()}?handler=Archive", new() { ["ConfirmArchive"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
        }
        Assert.True((await County.GetAsync($"/api/products/{product.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());

        // Contractors: outside the jurisdiction is a form error naming it; a malformed date is one in Chinese.
        using (var outside = await PostFormAsync("/Contractors/Create", "/Contractors/Create", new() { ["Input.Name"] = "越界公司", ["Input.DivisionCode"] = "150203" }))
        {
            Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
            Assert.Contains("超出辖区或本单位范围", WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var date = await PostFormAsync("/Contractors/Create", "/Contractors/Create",
            new() { ["Input.Name"] = "某公司", ["Input.DivisionCode"] = "150102", ["Input.Qualified"] = "true", ["Input.QualifiedUntil"] = "2027/13/01" }))
        {
            Assert.Contains("日期应写作 年-月-日", WebUtility.HtmlDecode(await date.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var contractorName = fx.Unique("页面公司");
        using (var good = await PostFormAsync("/Contractors/Create", "/Contractors/Create",
            new() { ["Input.Name"] = contractorName, ["Input.DivisionCode"] = "150102", ["Input.Qualified"] = "true", ["Input.QualifiedUntil"] = "2027-06-30" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }
        var contractor = (await County.GetAsync($"/api/contractors?search={Uri.EscapeDataString(contractorName)}").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.Equal("2027-06-30", contractor.Str("qualifiedUntil"));

        // Personnel: a job outside the vocabulary is a form error; a good person of the contractor is registered and edited.
        using (var job = await PostFormAsync("/Personnel/Create", "/Personnel/Create",
            new() { ["Input.Name"] = "王某", ["Input.EmployerContractorId"] = contractor.Id().ToString(), ["Input.Job"] = "guard" }))
        {
            Assert.Equal(HttpStatusCode.OK, job.StatusCode);
            Assert.Contains("未知的岗位", WebUtility.HtmlDecode(await job.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var personName = fx.Unique("页面人员");
        using (var good = await PostFormAsync("/Personnel/Create", "/Personnel/Create",
            new() { ["Input.Name"] = personName, ["Input.EmployerContractorId"] = contractor.Id().ToString(), ["Input.Job"] = "construction", ["Input.Trained"] = "true", ["Input.TrainedOn"] = "2026-02-01" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }
        var person = (await County.GetAsync($"/api/personnel?search={Uri.EscapeDataString(personName)}").ExpectAsync(HttpStatusCode.OK)).Items().Single();
        Assert.Equal(contractorName, person.Str("employerName"));
        using (var edit = await PostFormAsync($"/Personnel/Edit/{person.Id()}", $"/Personnel/Edit/{person.Id()}",
            new() { ["Input.Name"] = personName, ["Input.EmployerUnitId"] = fx.A.UnitId.ToString(), ["Input.Job"] = "operation" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        }
        var moved = await County.GetAsync($"/api/personnel/{person.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(fx.A.UnitId, moved.GetProperty("employerUnitId").GetGuid());
        Assert.False(moved.GetProperty("trained").GetBoolean());
        using (var archive = await PostFormAsync($"/Personnel/Edit/{person.Id()}", $"/Personnel/Edit/{person.Id()}?handler=Archive", new() { ["ConfirmArchive"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
        }
        Assert.True((await County.GetAsync($"/api/personnel/{person.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

[Collection(SqliteCollection.Name)]
public sealed class RegistriesSqlite(SqliteFixture fx) : RegistriesTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class RegistriesPostgres(PostgresFixture fx) : RegistriesTests(fx);
