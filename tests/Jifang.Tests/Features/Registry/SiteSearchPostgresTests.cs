using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Registry;

/// <summary>
/// PostgreSQL's search terms (SiteSearch): the database's <c>jifang_bigrams</c> splits a text exactly as
/// <see cref="SiteSearch.Bigrams"/> does, since a search asks the database for the bigrams the platform computed, and the
/// search is answered through the GIN index. SQLite has no such column; its searches are covered by SitesTests.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiteSearchPostgresTests(PostgresFixture fx)
{
    [Theory]
    [InlineData("阳光宾馆（巴彦淖尔路店）")]
    [InlineData("呼和浩特市新城区中山东路 000123 号")]
    [InlineData("aAbB-12")]
    [InlineData("𠀀𠀁字")] // outside the BMP: two UTF-16 units a character, one code point for PostgreSQL
    [InlineData("甲甲甲")]
    [InlineData("丁")]
    [InlineData("")]
    public async Task The_database_splits_a_text_into_the_same_bigrams_as_the_platform(string text)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        var fromDatabase = await db.Database.SqlQuery<string>($"SELECT unnest(jifang_bigrams({text})) AS \"Value\"").ToListAsync();
        Assert.Equal(SiteSearch.Bigrams(text).Order(StringComparer.Ordinal), fromDatabase.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_search_and_a_category_are_asked_of_the_indexes()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var search = db.WhereNameOrAddressContains(db.Sites, "宾馆").ToQueryString();
        Assert.Contains("<@ s.\"SearchTerms\"", search, StringComparison.Ordinal);
        var category = db.WhereCategory(db.Sites, "hotel").ToQueryString();
        Assert.Contains("<@ s.\"Categories\"", category, StringComparison.Ordinal);
        // With sequential scans priced out, the planner takes the GIN indexes for both (they are usable, not only present).
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        async Task<string> Plan(string sql)
        {
            await using var explain = db.Database.GetDbConnection().CreateCommand();
            explain.Transaction = tx.GetDbTransaction();
            explain.CommandText = "EXPLAIN " + sql;
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
            return string.Join("\n", lines);
        }
        Assert.Contains("IX_sites_SearchTerms", await Plan("SELECT count(*) FROM sites WHERE ARRAY['宾馆']::text[] <@ \"SearchTerms\""), StringComparison.Ordinal);
        Assert.Contains("IX_sites_Categories", await Plan("SELECT count(*) FROM sites WHERE ARRAY['hotel']::text[] <@ \"Categories\""), StringComparison.Ordinal);
    }
}
