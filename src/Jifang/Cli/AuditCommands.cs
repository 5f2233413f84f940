using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Cli;

/// <summary>
/// <c>jifang audit verify</c>, <c>jifang audit export FILE</c> and <c>jifang audit tree-heads FILE</c>.
/// verify exits 0 when the log is intact, 1 when it was tampered with (naming the first entry altered, removed or
/// reordered), 2 on bad input (an unreadable file, a database without the log). Other options go to the host configuration.
/// </summary>
internal static class AuditCommands
{
    public const int Tampered = 1;

    public static Command Create(CliConsole console)
    {
        var audit = new Command("audit", "审计日志：验证（是否被篡改）、导出条目、导出签名树头。其余参数按 ASP.NET 配置传入（如 --Database:Provider=postgres）。");

        var entries = new Option<string?>("--entries") { Description = "验证导出的审计日志文件（jifang audit export 的输出，每行一条），而不是数据库", HelpName = "FILE" };
        var heads = new Option<string[]>("--tree-heads") { Description = "导出的签名树头文件（jifang audit tree-heads 或 GET /api/audit/tree-heads/export 的输出），可多次给出", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var publicKey = new Option<string?>("--public-key") { Description = "用此公钥验证签名（PEM 文件或 32 字节的 base64）；默认用平台签名密钥（Audit:KeyFile）的公钥", HelpName = "FILE" };
        var verify = new Command("verify", "验证审计日志：重算每条的叶哈希与 Merkle 树，核对签名检查点、树头及导出的树头文件，指出第一条被改动、删除或调换的条目。\n退出码：0 完好；1 发现篡改；2 输入有误。")
        {
            entries, heads, publicKey,
        };
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction((parse, ct) => VerifyAsync(console, parse.GetValue(entries), parse.GetValue(heads) ?? [], parse.GetValue(publicKey), [.. parse.UnmatchedTokens], ct));
        audit.Add(verify);

        var exportFile = new Argument<string>("FILE") { Description = "输出文件（- 为标准输出）：每行一条规范化条目（UTF-8 JSON），即叶哈希所覆盖的字节" };
        var export = new Command("export", "导出审计日志的全部条目，每行一条规范化条目。") { exportFile };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parse, ct) => ExportAsync(console, parse.GetValue(exportFile)!, [.. parse.UnmatchedTokens], ct));
        audit.Add(export);

        var headsFile = new Argument<string>("FILE") { Description = "输出文件（- 为标准输出）：JSON，含公钥与全部签名树头" };
        var treeHeads = new Command("tree-heads", "导出签名树头（供公安机关或上级留存，之后用 verify --tree-heads 核对）。") { headsFile };
        treeHeads.TreatUnmatchedTokensAsErrors = false;
        treeHeads.SetAction((parse, ct) => TreeHeadsAsync(console, parse.GetValue(headsFile)!, [.. parse.UnmatchedTokens], ct));
        audit.Add(treeHeads);
        return audit;
    }

    private static async Task<int> VerifyAsync(CliConsole console, string? entriesFile, string[] headFiles, string? publicKeyFile, string[] args, CancellationToken ct)
    {
        var report = new AuditVerifyReport();
        byte[]? pinned = null;
        if (publicKeyFile is not null)
        {
            if (!TryRead(console, "--public-key", publicKeyFile, out var text))
            {
                return JifangCli.Usage;
            }
            pinned = AuditStatements.ParsePublicKey(text);
            if (pinned is null)
            {
                console.Error.WriteLine($"--public-key: \"{publicKeyFile}\" 不是 Ed25519 公钥（PEM 或 32 字节的 base64）");
                return JifangCli.Usage;
            }
        }
        // An export is checked without the platform: no database, no configuration.
        WebApplication? app = null;
        byte[]? configured = null;
        if (entriesFile is null)
        {
            app = Build(console, args);
            if (app is null)
            {
                return JifangCli.Usage;
            }
            var signer = app.Services.GetRequiredService<AuditSigner>();
            if (signer.KeyExists)
            {
                configured = signer.PublicKey;
            }
            else if (File.Exists(signer.PublicKeyFile))
            {
                configured = AuditStatements.ParsePublicKey(await File.ReadAllTextAsync(signer.PublicKeyFile, ct));
            }
        }
        try
        {
            var exported = new List<SignedRoot>();
            foreach (var file in headFiles)
            {
                if (!TryRead(console, "--tree-heads", file, out var json))
                {
                    return JifangCli.Usage;
                }
                try
                {
                    var document = JsonSerializer.Deserialize(json, AuditJsonContext.Default.TreeHeadsDocument)
                        ?? throw new FormatException("文件为空");
                    exported.AddRange(AuditVerifier.ReadTreeHeads(file, document, pinned, configured, report));
                }
                catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NullReferenceException)
                {
                    console.Error.WriteLine($"--tree-heads: \"{file}\" 不是有效的树头文件：{ex.Message}");
                    return JifangCli.Usage;
                }
            }
            if (entriesFile is not null)
            {
                if (headFiles.Length == 0)
                {
                    console.Error.WriteLine("--tree-heads: 验证导出的日志文件需要至少一个树头文件");
                    return JifangCli.Usage;
                }
                FileStream stream;
                try
                {
                    stream = new FileStream(entriesFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    console.Error.WriteLine($"--entries: 无法读取文件 \"{entriesFile}\"：{CliText.FileProblem(ex)}。");
                    return JifangCli.Usage;
                }
                using (stream)
                {
                    try
                    {
                        AuditVerifier.VerifyExport(stream, exported, report);
                    }
                    catch (FormatException ex)
                    {
                        console.Error.WriteLine($"--entries: \"{entriesFile}\" {ex.Message}");
                        return JifangCli.Usage;
                    }
                }
            }
            else
            {
                var key = pinned ?? configured;
                if (key is null)
                {
                    console.Error.WriteLine($"--public-key: 找不到签名密钥（{app!.Services.GetRequiredService<AuditSigner>().KeyFile}），无法验证签名；请用 --public-key 指定公钥");
                    return JifangCli.Usage;
                }
                await using var scope = app!.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
                db.Scope = Scope.All;
                if (!await HasLogAsync(console, db, ct))
                {
                    return JifangCli.Usage;
                }
                await AuditVerifier.VerifyDatabaseAsync(db, key, exported, report, ct);
            }
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
        Write(console, report, entriesFile);
        return report.Intact ? 0 : Tampered;
    }

    /// <summary>The platform's services for a command (the tree-head signer off), or null with the reason on stderr when the configuration is wrong.</summary>
    private static WebApplication? Build(CliConsole console, string[] args)
    {
        try
        {
            var app = PlatformHost.Build([.. args, "--Audit:SignTreeHeads=false"], CommandLineLogging.To(LogLevel.Warning));
            _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
            _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value;
            return app;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            console.Error.WriteLine($"配置有误：{ex.Message}");
            return null;
        }
    }

    private static async Task<bool> HasLogAsync(CliConsole console, JifangDbContext db, CancellationToken ct)
    {
        try
        {
            if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && file != ":memory:" && !File.Exists(file))
            {
                console.Error.WriteLine($"数据库: 找不到数据库文件 \"{file}\"（Database:ConnectionString）");
                return false;
            }
            await db.Audit.IgnoreQueryFilters().AnyAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            console.Error.WriteLine($"数据库: 无法读取审计日志（{ex.Message}）。是否已运行 jifang admin migrate？");
            return false;
        }
    }

    private static void Write(CliConsole console, AuditVerifyReport report, string? entriesFile)
    {
        var o = console.Out;
        var what = entriesFile is null ? "数据库中的审计日志" : $"导出文件 {Path.GetFileName(entriesFile)}";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"已验证{what}：{report.Entries} 条条目，{report.SignedRoots} 个签名根（签名检查点与树头）。"));
        if (report.FirstEntryProblem is { } first)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"首个被改动、删除或调换的条目：第 {first.Index} 条。{first.Message}"));
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"审计日志被篡改：第 {first.Index} 条。{first.Message}"));
        }
        foreach (var problem in report.Problems)
        {
            o.WriteLine($"问题：{problem.Message}");
        }
        foreach (var note in report.Notes)
        {
            o.WriteLine($"说明：{note}");
        }
        o.WriteLine(report.Intact ? "结果：完好，未发现篡改。" : "结果：发现篡改。");
    }

    private static bool TryRead(CliConsole console, string option, string path, out string text)
    {
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"{option}: 无法读取文件 \"{path}\"：{CliText.FileProblem(ex)}。");
            text = "";
            return false;
        }
    }

    private static async Task<int> ExportAsync(CliConsole console, string path, string[] args, CancellationToken ct)
    {
        await using var app = Build(console, args);
        if (app is null)
        {
            return JifangCli.Usage;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        if (!await HasLogAsync(console, db, ct))
        {
            return JifangCli.Usage;
        }
        Stream output;
        try
        {
            output = path == "-" ? console.StdOut : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"FILE: 无法写入文件 \"{path}\"：{ex.Message}");
            return JifangCli.Usage;
        }
        long count = 0;
        console.Out.Flush();
        try
        {
            await foreach (var entry in db.Audit.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Index).AsAsyncEnumerable().WithCancellation(ct))
            {
                output.Write(entry.CanonicalBytes());
                output.WriteByte((byte)'\n');
                count++;
            }
            output.Flush();
        }
        finally
        {
            if (path != "-")
            {
                await output.DisposeAsync();
            }
        }
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"已导出 {count} 条审计条目{(path == "-" ? "" : $"到 {path}")}"));
        return 0;
    }

    private static async Task<int> TreeHeadsAsync(CliConsole console, string path, string[] args, CancellationToken ct)
    {
        await using var app = Build(console, args);
        if (app is null)
        {
            return JifangCli.Usage;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        if (!await HasLogAsync(console, db, ct))
        {
            return JifangCli.Usage;
        }
        var signer = app.Services.GetRequiredService<AuditSigner>();
        if (!signer.KeyExists)
        {
            console.Error.WriteLine($"Audit:KeyFile: 找不到签名密钥 \"{signer.KeyFile}\"：平台尚未签名任何树头");
            return JifangCli.Usage;
        }
        var heads = await db.Set<AuditTreeHead>().AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct);
        var time = app.Services.GetRequiredService<TimeProvider>();
        var json = JsonSerializer.SerializeToUtf8Bytes(TreeHeadsDocument.From(heads, signer.PublicKey, time.GetUtcNow().UtcDateTime), TreeHeadsDocument.Json);
        try
        {
            if (path == "-")
            {
                console.Out.Flush();
                console.StdOut.Write(json);
                console.StdOut.Write("\n"u8);
            }
            else
            {
                await File.WriteAllBytesAsync(path, json, ct);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"FILE: 无法写入文件 \"{path}\"：{ex.Message}");
            return JifangCli.Usage;
        }
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"已导出 {heads.Count} 个签名树头（密钥 {signer.KeyId}）{(path == "-" ? "" : $"到 {path}")}"));
        return 0;
    }
}
