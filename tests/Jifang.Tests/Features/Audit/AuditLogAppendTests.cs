using System.Security.Cryptography;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Audit;

/// <summary>The audit log's append: dense indexes in order, committed before the receipt, RFC 6962 leaf hashes over the canonical bytes.</summary>
public abstract class AuditLogAppendTests(PlatformFixture fx)
{
    [Fact]
    public async Task Concurrent_appends_get_dense_distinct_indexes_and_each_receipt_matches_the_stored_row()
    {
        var log = fx.App.Services.GetRequiredService<IAuditLog>();
        var marker = fx.Unique("append-test");
        var receipts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            log.AppendAsync(new AuditEvent("test.appended", "tester", $"test:{marker}:{i}", "150102", fx.A.UnitId, null, $"第 {i} 条"))));

        Assert.Equal(40, receipts.Select(r => r.Index).Distinct().Count());
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var indexes = await db.Audit.OrderBy(e => e.Index).Select(e => e.Index).ToListAsync();
        Assert.Equal(Enumerable.Range(0, indexes.Count).Select(i => (long)i), indexes);
        foreach (var receipt in receipts)
        {
            var row = await db.Audit.AsNoTracking().SingleAsync(e => e.Index == receipt.Index);
            Assert.StartsWith($"test:{marker}:", row.Subject, StringComparison.Ordinal);
            Assert.Equal(receipt.LeafHash, Convert.ToHexStringLower(row.LeafHash));
            var canonical = row.CanonicalBytes();
            Assert.Equal(SHA256.HashData([0, .. canonical]), row.LeafHash);
        }
    }

    [Fact]
    public void Canonical_bytes_are_fixed_order_json_and_change_with_every_field()
    {
        var entry = new AuditEntry
        {
            Index = 7, At = new DateTime(2026, 6, 1, 1, 2, 3, DateTimeKind.Utc), Action = "site.updated", Actor = "张三",
            Subject = "site:1", DivisionCode = "150102", UnitId = Guid.Empty, Citation = null, Detail = "名称",
        };
        Assert.Equal(
            "{\"index\":7,\"at\":\"2026-06-01T01:02:03.0000000Z\",\"action\":\"site.updated\",\"actor\":\"张三\",\"subject\":\"site:1\",\"division\":\"150102\",\"unit\":\"00000000-0000-0000-0000-000000000000\",\"citation\":null,\"detail\":\"名称\"}",
            System.Text.Encoding.UTF8.GetString(entry.CanonicalBytes()));
        var hash = entry.ComputeLeafHash();
        entry.Detail = "名称2";
        Assert.NotEqual(hash, entry.ComputeLeafHash());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditLogAppendSqlite(SqliteFixture fx) : AuditLogAppendTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditLogAppendPostgres(PostgresFixture fx) : AuditLogAppendTests(fx);
