using Jifang.Features.Audit;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// The writer on a database of its own: a second process appending beside the platform (the command line), the signing
/// key (created once with mode 600, reused), <c>jifang admin create-user</c> logging the new user, and the log
/// verifying after all of it.
/// </summary>
public abstract class AuditWriterTests(PlatformFixture fx)
{
    [Fact]
    public async Task Two_writers_on_one_database_keep_the_indexes_dense_and_the_log_verifiable()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        await using (var server = scratch.Build())
        await using (var commandLine = scratch.Build())
        {
            var a = server.Services.GetRequiredService<IAuditLog>();
            var b = commandLine.Services.GetRequiredService<IAuditLog>();
            // Interleaved: each writer's next index is taken by the other again and again, so each must read the end anew.
            var receipts = new List<AuditReceipt>();
            for (var round = 0; round < 5; round++)
            {
                receipts.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                    (i % 2 == 0 ? a : b).AppendAsync(new AuditEvent("test.beside", i % 2 == 0 ? "server" : "cli:root", $"round:{round}", Detail: $"{i}")))));
            }
            Assert.Equal(100, receipts.Select(r => r.Index).Distinct().Count());
            Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), receipts.Select(r => r.Index).Order());
            // Proofs from the server's tree cover what the other process wrote.
            var proofs = server.Services.GetRequiredService<AuditProofs>();
            foreach (var r in receipts.Where((_, i) => i % 7 == 0))
            {
                var proof = await proofs.ProveAsync(r.Index);
                Assert.NotNull(proof);
                Assert.True(proof.PathHolds(), $"proof of {r.Index}");
                Assert.Equal(r.LeafHash, proof.LeafHash);
            }
        }
        var (code, output, error) = scratch.Cli("audit", "verify");
        Assert.True(code == 0, output + error);
        Assert.Contains("100 条条目", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signing_key_is_created_once_with_mode_600_and_its_public_key_published_beside_it()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        Assert.False(File.Exists(scratch.KeyFile));
        string keyId;
        await using (var app = scratch.Build())
        {
            await app.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent("test.key", "tester"));
            keyId = app.Services.GetRequiredService<AuditSigner>().KeyId;
        }
        Assert.True(File.Exists(scratch.KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(scratch.KeyFile));
        }
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await File.ReadAllTextAsync(scratch.KeyFile + ".pub"), StringComparison.Ordinal);
        var before = await File.ReadAllBytesAsync(scratch.KeyFile);
        await using (var again = scratch.Build())
        {
            await again.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent("test.key", "tester"));
            Assert.Equal(keyId, again.Services.GetRequiredService<AuditSigner>().KeyId);
        }
        Assert.Equal(before, await File.ReadAllBytesAsync(scratch.KeyFile));
        // The public key alone verifies the log (as a higher level that holds no private key would).
        var (code, output, _) = scratch.Cli("audit", "verify", "--public-key", scratch.KeyFile + ".pub");
        Assert.True(code == 0, output);
        // A wrong public key finds every signature invalid.
        var other = Path.Combine(scratch.Folder, "other.pub");
        await File.WriteAllTextAsync(other, Convert.ToBase64String(new byte[32]));
        Assert.Equal(1, scratch.Cli("audit", "verify", "--public-key", other).Code);
        await File.WriteAllTextAsync(other, "不是公钥");
        var bad = scratch.Cli("audit", "verify", "--public-key", other);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("--public-key:", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_user_on_the_command_line_is_logged_before_it_is_reported()
    {
        await using var scratch = await AuditScratch.CreateAsync(fx.Provider);
        var (code, output, error) = scratch.Cli(["admin", "create-user", "--user", "audit.cli.police", "--role", "police-county", "--division", "150102"], "jifang-cli-pass-1\n");
        Assert.True(code == 0, output + error);
        await using (var app = scratch.Build())
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var entry = await AuditScratch.Db(scope).Audit.AsNoTracking().SingleAsync(e => e.Action == "user.created");
            Assert.Equal("user:audit.cli.police", entry.Subject);
            Assert.StartsWith("cli:", entry.Actor, StringComparison.Ordinal);
            Assert.Equal("150102", entry.DivisionCode);
            Assert.DoesNotContain("jifang-cli-pass-1", entry.Detail!, StringComparison.Ordinal);
        }
        Assert.Equal(0, scratch.Cli("audit", "verify").Code);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditWriterSqlite(SqliteFixture fx) : AuditWriterTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AuditWriterPostgres(PostgresFixture fx) : AuditWriterTests(fx);
