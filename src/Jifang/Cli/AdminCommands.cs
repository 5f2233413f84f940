using System.CommandLine;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Cli;

/// <summary><c>jifang admin migrate</c> and <c>jifang admin create-user</c>.</summary>
internal static class AdminCommands
{
    public static Command Create(CliConsole console)
    {
        var admin = new Command("admin", "平台管理：数据库迁移、创建用户。其余参数按 ASP.NET 配置传入（如 --Database:Provider=postgres）。");

        var migrate = new Command("migrate", "对配置的数据库应用全部迁移（生产环境在升级时运行）。") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((parse, ct) => Migrate(console, [.. parse.UnmatchedTokens], ct));
        admin.Add(migrate);

        var user = new Option<string>("--user") { Description = "登录名", Required = true };
        var role = new Option<string>("--role") { Description = $"角色：{string.Join("、", Roles.All)}", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var name = new Option<string?>("--name") { Description = "显示名" };
        var division = new Option<string?>("--division") { Description = "公安用户的行政区划代码（6 位，GB/T 2260）" };
        var unit = new Option<Guid?>("--unit") { Description = "单位用户所属单位的标识" };
        var create = new Command("create-user", "创建用户。密码从标准输入读取一行（不经命令行，以免留在进程列表和历史中）。")
        {
            user, role, name, division, unit,
        };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((parse, ct) => CreateUser(console, parse.GetValue(user)!, parse.GetValue(role)!, parse.GetValue(name),
            parse.GetValue(division), parse.GetValue(unit), [.. parse.UnmatchedTokens], ct));
        admin.Add(create);
        return admin;
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

    private static async Task<int> CreateUser(CliConsole console, string userName, string role, string? name, string? division, Guid? unit, string[] args, CancellationToken ct)
    {
        if (Roles.Police.Contains(role) && (division is null || division.Length != 6 || !division.All(char.IsAsciiDigit)))
        {
            console.Error.WriteLine("--division: 公安用户必须给出 6 位行政区划代码");
            return JifangCli.Usage;
        }
        if (Roles.UnitRoles.Contains(role) && unit is null)
        {
            console.Error.WriteLine("--unit: 单位用户必须给出所属单位标识");
            return JifangCli.Usage;
        }
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
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        if (unit is { } u && !await db.Units.AnyAsync(x => x.Id == u, ct))
        {
            console.Error.WriteLine($"--unit: 没有单位 {u}");
            return JifangCli.Usage;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JifangUser>>();
        var user = new JifangUser
        {
            UserName = userName, DisplayName = name ?? userName, Role = role, DivisionCode = division, UnitId = unit,
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                console.Error.WriteLine($"{e.Code}: {e.Description}");
            }
            return JifangCli.Usage;
        }
        await users.AddToRoleAsync(user, role);
        // Logged before the command says it is done (the entry is durable when AppendAsync returns).
        await app.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent(
            "user.created", AuditTrail.CommandLineActor(), $"user:{userName}", division, unit, null,
            $"角色：{Roles.Label(role)}；显示名：{user.DisplayName}；经 jifang admin create-user"), ct);
        console.Out.WriteLine($"已创建用户 {userName}（{Roles.Label(role)}）");
        return 0;
    }
}
