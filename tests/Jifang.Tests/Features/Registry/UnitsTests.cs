using System.Net;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Registry;

/// <summary>Units (使用单位) through /api/units: register, list, search, page, read, edit, archive.</summary>
public abstract class UnitsTests(PlatformFixture fx)
{
    private HttpClient County => fx.Client(Callers.PoliceCounty);

    private async Task<Guid> CreateAsync(string name, string division = "150102", string? creditCode = null) =>
        (await County.PostJsonAsync("/api/units", Bodies.Unit(name, division, creditCode)).ExpectAsync(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task A_unit_is_registered_read_edited_and_archived()
    {
        var name = fx.Unique("登记单位");
        using var created = await County.PostJsonAsync("/api/units", Bodies.Unit(name, "150102", "91150102MA0000001X"));
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        var id = body.Id();
        Assert.Equal($"/api/units/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(name, body.Str("name"));
        Assert.Equal("150102", body.Str("divisionCode"));
        Assert.Equal("91150102MA0000001X", body.Str("creditCode"));
        Assert.False(body.GetProperty("archived").GetBoolean());

        var read = await County.GetAsync($"/api/units/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.Str("name"));

        var edited = await County.PutJsonAsync($"/api/units/{id}", Bodies.Unit(name + "（改）", "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name + "（改）", edited.Str("name"));
        Assert.Equal(JsonValueKindNull, edited.GetProperty("creditCode").ValueKind);
        Assert.Equal(name + "（改）", (await County.GetAsync($"/api/units/{id}").ExpectAsync(HttpStatusCode.OK)).Str("name"));

        await County.PostAsync($"/api/units/{id}/archive", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.True((await County.GetAsync($"/api/units/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("archived").GetBoolean());
        var active = await County.GetAsync($"/api/units?search={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(active.Items(), u => u.Id() == id);
        var archived = await County.GetAsync($"/api/units?search={Uri.EscapeDataString(name)}&archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(archived.Items(), u => u.Id() == id);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_credit_code_names_one_unit_a_second_is_refused_naming_the_field_and_nothing_changes()
    {
        var first = await CreateAsync(fx.Unique("信用代码甲"), "150102", "91150102MA0000003R");
        var other = await CreateAsync(fx.Unique("信用代码乙"), "150102");
        var admin = fx.Client(Callers.PlatformAdmin);
        var before = await DatabaseFingerprint.TakeAsync(fx);
        // Also from another county: the code is the legal person's, wherever it is registered.
        var twice = await admin.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("信用代码丙"), "150203", "91150102MA0000003R")).ExpectValidationAsync("creditCode");
        Assert.Contains("已登记为另一个单位", twice[0], StringComparison.Ordinal);
        await County.PutJsonAsync($"/api/units/{other}", Bodies.Unit("信用代码乙", "150102", "91150102MA0000003R")).ExpectValidationAsync("creditCode");
        Assert.Empty(DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fx)));
        // The unit itself keeps its code when edited.
        await County.PutJsonAsync($"/api/units/{first}", Bodies.Unit("信用代码甲（改）", "150102", "91150102MA0000003R")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Units_are_searched_by_name_and_credit_code_and_filtered_by_division()
    {
        var tag = fx.Unique("检索单位");
        var a = await CreateAsync(tag + "-a", "150102", "91150102MA0000002Y");
        var b = await CreateAsync(tag + "-b", "150102");
        var admin = fx.Client(Callers.PlatformAdmin);
        var c = (await admin.PostJsonAsync("/api/units", Bodies.Unit(tag + "-c", "150203")).ExpectAsync(HttpStatusCode.Created)).Id();

        var byName = await admin.GetAsync($"/api/units?search={Uri.EscapeDataString(tag)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([a, b, c], byName.Items().Select(u => u.Id()));
        Assert.Equal(3, byName.GetProperty("total").GetInt32());

        var byCode = await admin.GetAsync("/api/units?search=91150102MA0000002Y").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([a], byCode.Items().Select(u => u.Id()));

        var inCounty = await admin.GetAsync($"/api/units?search={Uri.EscapeDataString(tag)}&division=150203").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([c], inCounty.Items().Select(u => u.Id()));

        // The county police see only their county's units, whatever the filter asks for.
        var county = await County.GetAsync($"/api/units?search={Uri.EscapeDataString(tag)}&division=15").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([a, b], county.Items().Select(u => u.Id()));
    }

    [Fact]
    public async Task Units_page_in_name_order_without_overlap()
    {
        var tag = fx.Unique("分页单位");
        var ids = new List<Guid>();
        foreach (var suffix in new[] { "5", "3", "1", "4", "2" })
        {
            ids.Add(await CreateAsync($"{tag}-{suffix}"));
        }
        var expected = new[] { 2, 4, 1, 3, 0 }.Select(i => ids[i]).ToList(); // names -1 … -5
        var seen = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await County.GetAsync($"/api/units?search={Uri.EscapeDataString(tag)}&page={page}&pageSize=2").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(5, body.GetProperty("total").GetInt32());
            Assert.Equal(page, body.GetProperty("pageNumber").GetInt32());
            Assert.Equal(2, body.GetProperty("pageSize").GetInt32());
            seen.AddRange(body.Items().Select(u => u.Id()));
        }
        Assert.Equal(expected, seen);
        var beyond = await County.GetAsync($"/api/units?search={Uri.EscapeDataString(tag)}&page=4&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(beyond.Items());
        Assert.Equal(5, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Invalid_units_are_400_naming_the_field()
    {
        var name = await County.PostJsonAsync("/api/units", Bodies.Unit("", "150102")).ExpectValidationAsync("name");
        Assert.Contains("缺少单位名称", name);
        var division = await County.PostJsonAsync("/api/units", Bodies.Unit("某单位", "15010")).ExpectValidationAsync("divisionCode");
        Assert.Contains("行政区划代码应为 6 位数字（GB/T 2260）", division);
        await County.PostJsonAsync("/api/units", Bodies.Unit("某单位", "１５０１０２")).ExpectValidationAsync("divisionCode");
        await County.PostJsonAsync("/api/units", Bodies.Unit("某单位", "150102", "not-a-credit-code")).ExpectValidationAsync("creditCode");
        await County.PostJsonAsync("/api/units", Bodies.Unit(new string('名', 201), "150102")).ExpectValidationAsync("name");
        await County.PostJsonAsync("/api/units", new { name = "某单位" }).ExpectValidationAsync("divisionCode");
    }

    [Fact]
    public async Task Police_cannot_register_or_move_a_unit_outside_their_jurisdiction()
    {
        using var outside = await County.PostJsonAsync("/api/units", Bodies.Unit(fx.Unique("越界单位"), "150203"));
        var problem = await outside.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", problem.Str("field"));
        Assert.Contains("150203", problem.Str("detail"), StringComparison.Ordinal);

        var id = await CreateAsync(fx.Unique("迁移单位"));
        var moved = await County.PutJsonAsync($"/api/units/{id}", Bodies.Unit("迁移单位", "150203")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", moved.Str("field"));
        Assert.Equal("150102", (await County.GetAsync($"/api/units/{id}").ExpectAsync(HttpStatusCode.OK)).Str("divisionCode"));
    }

    [Fact]
    public async Task A_unit_administrator_edits_their_unit_but_cannot_move_it()
    {
        var admin = fx.Client(Callers.UnitAdminA);
        var unitA = fx.A.UnitId;
        var edited = await admin.PutJsonAsync($"/api/units/{unitA}", Bodies.Unit(fx.A.UnitName, "150102")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(unitA, edited.Id());
        var moved = await admin.PutJsonAsync($"/api/units/{unitA}", Bodies.Unit(fx.A.UnitName, "150103")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("divisionCode", moved.Str("field"));
        var me = await admin.GetAsync("/api/auth/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(unitA, me.GetProperty("unitId").GetGuid());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitsSqlite(SqliteFixture fx) : UnitsTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class UnitsPostgres(PostgresFixture fx) : UnitsTests(fx);
