using Jifang.Data;
using Jifang.Features.Registry;
using Jifang.Tests.Features.Alarms;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Tests.Security;

/// <summary>
/// The text rule's last guard (StoredText): whatever path a string takes to the database, one longer than its column or
/// holding a control character or a lone surrogate is refused before the save, as bad input naming entity and property,
/// and nothing is saved — on PostgreSQL the database would have answered 500, on SQLite stored it.
/// </summary>
public abstract class StoredTextTests(PlatformFixture fx)
{
    /// <summary>The values by name: a lone surrogate would not survive xunit's serialization of theory data.</summary>
    private static string Value(string what) => what switch
    {
        "one over the column" => new string('名', 201),
        "NUL" => "名\u0000称",
        "bell" => "名\u0007称",
        _ => "名\uD800称",
    };

    [Theory]
    [InlineData("one over the column")]
    [InlineData("NUL")]
    [InlineData("bell")]
    [InlineData("lone surrogate")]
    public async Task A_string_the_column_cannot_hold_is_refused_before_the_save_and_nothing_is_saved(string what)
    {
        var name = Value(what);
        var tag = fx.Unique("存储守卫");
        var error = await Assert.ThrowsAsync<StoredTextException>(() => fx.DbAsync(async db =>
        {
            db.Units.Add(new Unit { Name = name, DivisionCode = "150102", Address = tag, CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal("unit.name", error.Field);
        Assert.Matches("[\\u4e00-\\u9fff]", error.Problem);
        Assert.False(await fx.DbAsync(db => db.Units.IgnoreQueryFilters().AnyAsync(u => u.Address == tag)), what);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_a_column_may_hold_are_saved()
    {
        var tag = fx.Unique("多行地址");
        await fx.DbAsync(async db =>
        {
            db.Units.Add(new Unit { Name = tag, DivisionCode = "150102", Address = "第一行\n第二行\t门牌", CreatedAt = fx.Time.GetUtcNow().UtcDateTime, UpdatedAt = fx.Time.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        Assert.True(await fx.DbAsync(db => db.Units.IgnoreQueryFilters().AnyAsync(u => u.Name == tag)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredTextSqlite(SqliteFixture fx) : StoredTextTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class StoredTextPostgres(PostgresFixture fx) : StoredTextTests(fx);
