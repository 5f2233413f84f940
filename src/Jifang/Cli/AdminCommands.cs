using System.CommandLine;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Features.Users;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Cli;

/// <summary><c>jifang admin migrate</c>, <c>jifang admin create-user</c> and <c>jifang admin rejudge</c>.</summary>
internal static class AdminCommands
{
    public static Command Create(CliConsole console)
    {
        var admin = new Command("admin", "平台管理：数据库迁移、创建用户、重新判定全部场所。其余参数按 ASP.NET 配置传入（如 --Database:Provider=postgres）。");

        var migrate = new Command("migrate", "对配置的数据库应用全部迁移（生产环境在升级时运行）。") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((parse, ct) => Migrate(console, [.. parse.UnmatchedTokens], ct));
        admin.Add(migrate);

        var user = new Option<string>("--user") { Description = "登录名", Required = true };
        var role = new Option<string>("--role") { Description = $"角色：{string.Join("、", Roles.All)}", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var name = new Option<string?>("--name") { Description = "显示名" };
        var division = new Option<string?>("--division") { Description = "公安用户的行政区划代码（6 位，GB/T 2260）" };
        var unit = new Option<Guid?>("--unit") { Description = "单位用户所属单位的标识" };
        var party = new Option<Guid?>("--party") { Description = "设计施工单位、检测机构、专家用户所代表的从业单位、检测机构或专家的编号" };
        var create = new Command("create-user", "创建用户。密码从标准输入读取一行（不经命令行，以免留在进程列表和历史中）。")
        {
            user, role, name, division, unit, party,
        };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((parse, ct) => CreateUser(console, parse.GetValue(user)!, parse.GetValue(role)!, parse.GetValue(name),
            parse.GetValue(division), parse.GetValue(unit), parse.GetValue(party), [.. parse.UnmatchedTokens], ct));
        admin.Add(create);

        var rejudge = new Command("rejudge", "按当前的条例数据包重新判定全部场所（新增或修改条例后运行，例如全国性条例施行后）；新出现和消除的问题记入审计日志。")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        rejudge.SetAction((parse, ct) => Rejudge(console, [.. parse.UnmatchedTokens], ct));
        admin.Add(rejudge);
        return admin;
    }

    /// <summary>
    /// Re-judges every site (archived ones lose their findings) under the packs in force for its place today, a batch of
    /// sites per scope, each site in its own transaction with its audit entries, as a registry change would.
    /// </summary>
    private static async Task<int> Rejudge(CliConsole console, string[] args, CancellationToken ct)
    {
        const int batch = 200;
        var app = PlatformHost.Build(args, CommandLineLogging.To(LogLevel.Warning));
        await PlatformHost.InitializeAsync(app.Services, ct);
        List<Guid> ids;
        int before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            ids = await db.Sites.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            before = await db.Findings.IgnoreQueryFilters().CountAsync(ct);
        }
        var entries = 0;
        foreach (var chunk in ids.Chunk(batch))
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
            scope.ServiceProvider.GetRequiredService<AuditTrail>().Actor = AuditTrail.CommandLineActor();
            var compliance = scope.ServiceProvider.GetRequiredService<Features.Compliance.ComplianceService>();
            foreach (var id in chunk)
            {
                entries += (await compliance.SaveAndRejudgeAsync(id, ct)).Count;
            }
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
            db.Scope = Scope.All;
            var after = await db.Findings.IgnoreQueryFilters().CountAsync(ct);
            console.Out.WriteLine($"已重新判定 {ids.Count} 个场所：问题 {before} 条 → {after} 条，审计日志记入 {entries} 条（新出现或消除的问题）。");
        }
        return 0;
    }

    private static async Task<int> Migrate(CliConsole console, string[] args, CancellationToken ct)
    {
        var app = PlatformHost.Build(args, CommandLineLogging.To(LogLevel.Warning));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.MigrateAsync(ct);
        console.Out.WriteLine(pending.Count == 0 ? "数据库已是最新，无需迁移。" : $"已应用 {pending.Count} 个迁移：{string.Join("、", pending)}");
        return 0;
    }

    /// <summary>
    /// Creates the account through the same administration as the pages and /api/users (<see cref="UserAdministration"/>):
    /// the same checks of user name, role and scope and the same audit entry, with the whole platform as scope (the
    /// first administrator is made here) and the command line as actor.
    /// </summary>
    private static async Task<int> CreateUser(CliConsole console, string userName, string role, string? name, string? division, Guid? unit, Guid? party, string[] args, CancellationToken ct)
    {
        using var stdin = new StreamReader(console.OpenStdIn());
        var password = (await stdin.ReadLineAsync(ct))?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            console.Error.WriteLine("密码: 请从标准输入提供密码（一行）");
            return JifangCli.Usage;
        }
        var app = PlatformHost.Build(args, CommandLineLogging.To(LogLevel.Warning));
        await PlatformHost.InitializeAsync(app.Services, ct);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Actor = AuditTrail.CommandLineActor();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        switch ((await administration.CreateAsync(new UserCreation(userName, name ?? userName, role, division, unit, password, party), ct)).Result)
        {
            case Created<UserWithPassword> created:
                console.Out.WriteLine($"已创建用户 {created.Value!.User.UserName}（{created.Value.User.RoleLabel}）");
                return 0;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors)
                {
                    console.Error.WriteLine($"{Option(field)}: {string.Join("；", messages)}");
                }
                return JifangCli.Usage;
            case ProblemHttpResult refused:
                console.Error.WriteLine(refused.ProblemDetails.Detail);
                return JifangCli.Usage;
            default:
                return JifangCli.Usage;
        }
    }

    /// <summary>The option a request field came from: "divisionCode" → "--division".</summary>
    private static string Option(string field) => field switch
    {
        "userName" => "--user",
        "displayName" => "--name",
        "role" => "--role",
        "divisionCode" => "--division",
        "unitId" => "--unit",
        "partyId" => "--party",
        "password" => "密码",
        _ => field,
    };
}
