using System.Text.RegularExpressions;
using Jifang.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// An attacker with write access to the database (but not to the signing key) changes, deletes and reorders random
/// rows of the audit log with SQL, with and without recomputing the leaf hashes; <c>jifang audit verify</c>, run
/// through the command line's entry point, detects every edit and names the first entry affected. Between edits the
/// rows are put back and the log verifies again, so each case starts from an intact log.
/// </summary>
public abstract partial class AuditTamperTests(PlatformFixture fx)
{
    private const string Table = "\"audit_entries\"";

    [GeneratedRegex(@"首个被改动、删除或调换的条目：第 (\d+) 条")]
    private static partial Regex FirstEntry();

    /// <summary>A log of <paramref name="single"/> entries appended one at a time (a checkpoint each) then <paramref name="concurrent"/> at once (batched).</summary>
    private static async Task<List<AuditEntry>> FillAsync(AuditScratch scratch, int single, int concurrent)
    {
        await using var app = scratch.Build();
        var log = app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < single; i++)
        {
            await log.AppendAsync(new AuditEvent("test.single", $"用户{i % 5}", $"site:{i}", "150102", null, null, $"第 {i} 次操作"));
        }
        await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i =>
            log.AppendAsync(new AuditEvent("test.batched", $"用户{i % 7}", $"site:{i}", "990101", Guid.NewGuid(), "province-2012 art. 21", $"并发第 {i} 条"))));
        await using var scope = app.Services.CreateAsyncScope();
        return await AuditScratch.Db(scope).Audit.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
    }

    private static long Verify(AuditScratch scratch, params string[] extra)
    {
        var (code, output, error) = scratch.Cli(["audit", "verify", .. extra]);
        Assert.True(code == 1, $"audit verify should find the edit (exit 1), got {code}:\n{output}\n{error}");
        var match = FirstEntry().Match(output);
        Assert.True(match.Success, $"audit verify did not name an entry:\n{output}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Intact(AuditScratch scratch, params string[] extra)
    {
        var (code, output, error) = scratch.Cli(["audit", "verify", .. extra]);
        Assert.True(code == 0, $"audit verify of the intact log should exit 0, got {code}:\n{output}\n{error}");
        Assert.Contains("完好", output, StringComparison.Ordinal);
    }

    /// <summary>Puts the original rows back: deletes every entry from <paramref name="from"/> on and inserts the originals.</summary>
    private static async Task RestoreAsync(AuditScratch scratch, List<AuditEntry> original, long from)
    {
        await using var app = scratch.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = AuditScratch.Db(scope);
        await db.Audit.IgnoreQueryFilters().Where(e => e.Index >= from).ExecuteDeleteAsync();
        db.Audit.AddRange(original.Where(e => e.Index >= from).Select(Copy));
        await db.SaveChangesAsync();
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        Index = e.Index, At = e.At, Action = e.Action, Actor = e.Actor, Subject = e.Subject, DivisionCode = e.DivisionCode, UnitId = e.UnitId,
        Citation = e.Citation, Detail = e.Detail, LeafHash = e.LeafHash,
    };

    private static async Task SqlAsync(AuditScratch scratch, string sql, params object[] parameters)
    {
        await using var app = scratch.Build();
        await using var scope = app.Services.CreateAsyncScope();
        await AuditScratch.Db(scope).Database.ExecuteSqlRawAsync(sql, parameters);
    }

    /// <summary>What an attacker who knows the format computes for an edited row: the leaf hash of its canonical bytes.</summary>
    private static byte[] Recomputed(AuditEntry e, Action<AuditEntry> edit)
    {
        var copy = Copy(e);
        edit(copy);
        return copy.ComputeLeafHash();
    }

    [Fact]
    public async Task Every_change_delete_and_reorder_of_random_rows_is_detected_and_the_first_affected_entry_named()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        var original = await FillAsync(scratch, single: 40, concurrent: 0);
        Intact(scratch);
        var random = new Random(20261129);
        for (var round = 0; round < 3; round++)
        {
            // Change a field, leaving the leaf hash: the entry no longer matches its hash.
            var i = random.Next(original.Count);
            await SqlAsync(scratch, $"UPDATE {Table} SET \"Detail\" = {{0}} WHERE \"Index\" = {{1}}", "已被改写", (long)i);
            Assert.Equal(i, Verify(scratch));
            await RestoreAsync(scratch, original, i);
            Intact(scratch);

            // Change a field and recompute the leaf hash: only the signed checkpoint catches it.
            i = random.Next(original.Count);
            var hash = Recomputed(original[i], e => e.Actor = "冒名者");
            await SqlAsync(scratch, $"UPDATE {Table} SET \"Actor\" = {{0}}, \"LeafHash\" = {{1}} WHERE \"Index\" = {{2}}", "冒名者", hash, (long)i);
            Assert.Equal(i, Verify(scratch));
            await RestoreAsync(scratch, original, i);

            // Delete a row.
            i = random.Next(original.Count - 1);
            await SqlAsync(scratch, $"DELETE FROM {Table} WHERE \"Index\" = {{0}}", (long)i);
            Assert.Equal(i, Verify(scratch));
            await RestoreAsync(scratch, original, i);

            // Delete a row and close the gap: renumber the rows after it and recompute their leaf hashes.
            i = random.Next(original.Count - 1);
            await SqlAsync(scratch, $"DELETE FROM {Table} WHERE \"Index\" = {{0}}", (long)i);
            await SqlAsync(scratch, $"UPDATE {Table} SET \"Index\" = \"Index\" + 1000000 WHERE \"Index\" > {{0}}", (long)i);
            await SqlAsync(scratch, $"UPDATE {Table} SET \"Index\" = \"Index\" - 1000001 WHERE \"Index\" > 1000000");
            foreach (var row in original.Where(e => e.Index > i))
            {
                await SqlAsync(scratch, $"UPDATE {Table} SET \"LeafHash\" = {{0}} WHERE \"Index\" = {{1}}", Recomputed(row, e => e.Index--), row.Index - 1);
            }
            Assert.Equal(i, Verify(scratch));
            await RestoreAsync(scratch, original, i);

            // Reorder two rows (their content changes places), leaving and then recomputing the leaf hashes.
            foreach (var recompute in new[] { false, true })
            {
                var a = random.Next(original.Count);
                var b = random.Next(original.Count);
                if (a == b)
                {
                    b = (a + 1) % original.Count;
                }
                foreach (var (at, from) in new[] { (a, b), (b, a) })
                {
                    var source = original[from];
                    var leaf = recompute ? Recomputed(source, e => e.Index = at) : source.LeafHash;
                    await SqlAsync(scratch, $"UPDATE {Table} SET \"Action\" = {{0}}, \"Actor\" = {{1}}, \"Subject\" = {{2}}, \"Detail\" = {{3}}, \"LeafHash\" = {{4}} WHERE \"Index\" = {{5}}",
                        source.Action, source.Actor, source.Subject!, source.Detail!, leaf, (long)at);
                }
                Assert.Equal(Math.Min(a, b), Verify(scratch));
                await RestoreAsync(scratch, original, Math.Min(a, b));
            }
        }
        Intact(scratch);
    }

    [Fact]
    public async Task An_edit_inside_a_group_commit_batch_is_named_as_precisely_as_the_batch_checkpoint_allows()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        var original = await FillAsync(scratch, single: 5, concurrent: 300);
        List<AuditCheckpoint> checkpoints;
        await using (var app = scratch.Build())
        await using (var scope = app.Services.CreateAsyncScope())
        {
            checkpoints = await AuditScratch.Db(scope).AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync();
        }
        Assert.True(checkpoints.Count < original.Count, "300 concurrent appends should have been committed in fewer batches");
        Assert.Equal(original.Count, checkpoints[^1].TreeSize);
        var random = new Random(7);
        for (var round = 0; round < 4; round++)
        {
            var i = 5 + random.Next(original.Count - 5);
            var batch = checkpoints.First(c => c.PreviousSize <= i && i < c.TreeSize);
            // Without the hash: named exactly.
            await SqlAsync(scratch, $"UPDATE {Table} SET \"Subject\" = {{0}} WHERE \"Index\" = {{1}}", "site:forged", (long)i);
            Assert.Equal(i, Verify(scratch));
            // With it: the batch that holds the entry.
            await SqlAsync(scratch, $"UPDATE {Table} SET \"LeafHash\" = {{0}} WHERE \"Index\" = {{1}}", Recomputed(original[i], e => e.Subject = "site:forged"), (long)i);
            var (code, output, _) = scratch.Cli("audit", "verify");
            Assert.Equal(1, code);
            var named = long.Parse(FirstEntry().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(batch.PreviousSize, named);
            if (batch.TreeSize - batch.PreviousSize > 1)
            {
                Assert.Contains($"第 {batch.PreviousSize} 至 {batch.TreeSize - 1} 条中有条目被改动", output, StringComparison.Ordinal);
            }
            await RestoreAsync(scratch, original, i);
        }
        Intact(scratch);
    }

    [Fact]
    public async Task Removing_the_end_of_the_log_with_its_checkpoints_is_caught_by_an_exported_tree_head_and_a_forged_checkpoint_by_its_signature()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        var original = await FillAsync(scratch, single: 12, concurrent: 0);
        await using (var app = scratch.Build())
        {
            Assert.NotNull(await app.Services.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync());
        }
        var heads = Path.Combine(scratch.Folder, "heads.json");
        var exported = scratch.Cli("audit", "tree-heads", heads);
        Assert.True(exported.Code == 0, exported.Err);
        Intact(scratch, "--tree-heads", heads);

        // The attacker removes the last three entries, their checkpoints and the stored tree head: the database alone looks whole.
        await SqlAsync(scratch, $"DELETE FROM {Table} WHERE \"Index\" >= 9");
        await SqlAsync(scratch, "DELETE FROM \"audit_checkpoints\" WHERE \"TreeSize\" > 9");
        await SqlAsync(scratch, "DELETE FROM \"audit_tree_heads\"");
        Intact(scratch);
        Assert.Equal(9, Verify(scratch, "--tree-heads", heads));
        var (_, output, _) = scratch.Cli("audit", "verify", "--tree-heads", heads);
        Assert.Contains("第 9 条及以后已被删除", output, StringComparison.Ordinal);
        await RestoreAsync(scratch, original, 9);

        // A forged checkpoint (a root the attacker computed) does not carry a valid signature.
        await SqlAsync(scratch, "UPDATE \"audit_checkpoints\" SET \"RootHash\" = {0} WHERE \"TreeSize\" = 4", new byte[32]);
        var forged = scratch.Cli("audit", "verify");
        Assert.Equal(1, forged.Code);
        Assert.Contains("签名无效", forged.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_of_the_log_verifies_against_exported_tree_heads_and_an_edited_line_is_named()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await FillAsync(scratch, single: 10, concurrent: 50);
        await using (var app = scratch.Build())
        {
            Assert.NotNull(await app.Services.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync());
        }
        var heads = Path.Combine(scratch.Folder, "heads.json");
        var entries = Path.Combine(scratch.Folder, "entries.jsonl");
        Assert.Equal(0, scratch.Cli("audit", "tree-heads", heads).Code);
        Assert.Equal(0, scratch.Cli("audit", "export", entries).Code);
        var lines = await File.ReadAllLinesAsync(entries);
        Assert.Equal(60, lines.Length);
        var ok = scratch.Cli("audit", "verify", "--entries", entries, "--tree-heads", heads);
        Assert.True(ok.Code == 0, ok.Out + ok.Err);

        // One character of line 30 changed: the tree head no longer matches; the export has no checkpoints, so the range is the whole interval.
        lines[30] = lines[30].Replace("并发", "编造", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(entries, lines);
        var edited = scratch.Cli("audit", "verify", "--entries", entries, "--tree-heads", heads);
        Assert.Equal(1, edited.Code);
        Assert.Contains("第 0 至 59 条中有条目被改动", edited.Out, StringComparison.Ordinal);

        // Two lines swapped: named by their place.
        lines = await File.ReadAllLinesAsync(entries);
        (lines[12], lines[20]) = (lines[20], lines[12]);
        await File.WriteAllLinesAsync(entries, lines);
        var swapped = scratch.Cli("audit", "verify", "--entries", entries, "--tree-heads", heads);
        Assert.Equal(1, swapped.Code);
        Assert.Equal("12", FirstEntry().Match(swapped.Out).Groups[1].Value);

        // Bad input: exit 2 with the option named.
        Assert.Equal(2, scratch.Cli("audit", "verify", "--entries", Path.Combine(scratch.Folder, "missing.jsonl"), "--tree-heads", heads).Code);
        await File.WriteAllTextAsync(Path.Combine(scratch.Folder, "bad.json"), "{\"format\": 1");
        var bad = scratch.Cli("audit", "verify", "--tree-heads", Path.Combine(scratch.Folder, "bad.json"));
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("--tree-heads:", bad.Err, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTamperSqlite(SqliteFixture fx) : AuditTamperTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditTamperPostgres(PostgresFixture fx) : AuditTamperTests(fx);
