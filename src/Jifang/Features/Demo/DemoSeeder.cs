using System.Diagnostics;
using System.Globalization;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Features.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Demo;

/// <summary>A demo account: its user name, role code, what it may see, and the (public) demo password.</summary>
public sealed record DemoAccount(string UserName, string Role, string Scope, string Password);

/// <summary>
/// On the first start of an empty platform (setting <c>Demo:Seed</c>), creates the demo dataset:
/// two jurisdictions, one under each pack, about 300 sites with their systems and devices, a few
/// deliberate violations of every kind the packs judge, findings for every site, and an account
/// for every role. Deterministic: a fixed seed and a fixed reference date.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The one password of every demo account (printed at start; the demo is not for production).</summary>
    public const string Password = "Jifang-Demo-2026";

    public static async Task<IReadOnlyList<DemoAccount>> SeedIfEmptyAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Demo:Seed", false))
        {
            return [];
        }
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        if (await db.Units.IgnoreQueryFilters().AnyAsync(ct))
        {
            return [];
        }

        var clock = Stopwatch.StartNew();
        var compliance = sp.GetRequiredService<ComplianceService>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var demo = DemoBuilder.Build(compliance.PackFor);

        // Judge every site now, in memory, under every pack in force for its place, so that findings exist from the first page view.
        var findings = new List<StoredFinding>();
        foreach (var site in demo.Sites)
        {
            findings.AddRange(ComplianceService.Judge(site, compliance.PacksFor(site.DivisionCode), compliance.Today, now));
        }

        // One transaction for the registry, the findings and the accounts: all of the demo or none of it.
        var strategy = db.Database.CreateExecutionStrategy();
        List<DemoKey> demoKeys = [];
        var accounts = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Units.AddRange(demo.Units);
            db.Products.AddRange(demo.Products);
            db.Contractors.AddRange(demo.Contractors);
            db.Personnel.AddRange(demo.Personnel);
            db.Sites.AddRange(demo.Sites);
            db.Findings.AddRange(findings);
            demoKeys = DemoAlarms.Seed(db, demo, now, configuration["Demo:AlarmKey"]);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var created = await CreateAccountsAsync(sp.GetRequiredService<UserManager<JifangUser>>(), demo, now);
            await tx.CommitAsync(ct);
            return created;
        });
        await LogAsync(sp, demo, findings, accounts, ct);
        // Records and access (issue 4): recordings, a refused early deletion, an official copy by two officers.
        var records = await DemoRecords.SeedAsync(sp, demo, ct);
        // 备案 (issue 11): accepted filings, one pending, one returned, one system overdue per showcase unit.
        var filed = await DemoFilings.SeedAsync(sp, demo, ct);
        // 举报 (national 第二十四条第二款): one waiting for the county police.
        var report = await DemoReports.SeedAsync(sp, demo, ct);
        // 建设项目 (issue 12): projects in every state under both regional packs, each step taken by its party.
        var projects = await DemoProjects.SeedAsync(sp, demo, ct);
        clock.Stop();

        Print(output, demo, findings, accounts, clock.Elapsed, Url(configuration));
        if (records.Length > 0)
        {
            output.WriteLine("信息资料演示：");
            output.Write(records);
            output.WriteLine();
        }
        if (filed.Length > 0)
        {
            output.WriteLine("视频系统备案演示：");
            output.Write(filed);
            output.WriteLine();
        }
        if (report.Length > 0)
        {
            output.WriteLine("举报演示：");
            output.Write(report);
            output.WriteLine();
        }
        if (projects.Length > 0)
        {
            output.WriteLine("建设项目演示：");
            output.Write(projects);
            output.WriteLine();
        }
        DemoAlarms.Print(output, demoKeys, Url(configuration));
        return accounts;
    }

    /// <summary>
    /// The demo in the audit log: that it was generated, every account, every finding raised; then the first signed tree
    /// head, so that the audit pages have something to show and verify from the first start.
    /// </summary>
    private static async Task LogAsync(IServiceProvider sp, DemoBuilder demo, List<StoredFinding> findings, List<DemoAccount> accounts, CancellationToken ct)
    {
        const string actor = "system:demo";
        var sites = demo.Sites.ToDictionary(s => s.Id);
        var specs = Accounts(demo).ToDictionary(a => a.UserName);
        var events = new List<AuditEvent>
        {
            new("demo.seeded", actor, "demo", null, null, null,
                string.Create(CultureInfo.InvariantCulture, $"演示数据：{demo.Units.Count} 个单位，{demo.Sites.Count} 个场所，{findings.Count} 项问题，{accounts.Count} 个账户")),
        };
        events.AddRange(accounts.Select(a => new AuditEvent("user.created", actor, $"user:{a.UserName}", specs[a.UserName].Division, specs[a.UserName].Unit?.Id, null,
            $"角色：{Roles.Label(a.Role)}；范围：{a.Scope}；演示账户")));
        events.AddRange(findings.Select(f => new AuditEvent("finding.raised", actor, $"site:{f.SiteId}", f.DivisionCode, sites[f.SiteId].UnitId,
            $"{f.PackId} {string.Join(",", f.Breaches)}", $"{f.RuleTitle}：{f.Message}（{f.SubjectKind} {f.SubjectId}）")));
        await sp.GetRequiredService<IAuditLog>().AppendManyAsync(events, ct);
        await sp.GetRequiredService<AuditTreeHeads>().SignIfGrownAsync(ct);
    }

    /// <summary>A demo account as created: its role, name, division or unit, and (contractor, testing agency, expert) the registered party it acts for.</summary>
    internal sealed record AccountSpec(string UserName, string Role, string DisplayName, string? Division, Unit? Unit, string Scope, Guid? Party = null);

    internal static List<AccountSpec> Accounts(DemoBuilder demo)
    {
        var nmg = DemoDivisions.Nmg;
        var province = DemoDivisions.Province;
        var nmgUnit = demo.Showcase[nmg];
        var provinceUnit = demo.Showcase[province];
        var hohhot = nmg.Cities[0];
        var xincheng = hohhot.Counties[0];
        var dongcheng = province.Cities[0];
        var hedong = dongcheng.Counties[0];
        return
        [
            new("nmg.police", Roles.PoliceProvince, "内蒙古自治区公安厅", nmg.Code, null, $"{nmg.Name}（{nmg.Code[..2]}）"),
            new("nmg.police.hohhot", Roles.PoliceCity, $"{hohhot.Name}公安局", hohhot.Code, null, $"{hohhot.Name}（{hohhot.Code[..4]}）"),
            new("nmg.police.xincheng", Roles.PoliceCounty, $"{hohhot.Name}公安局{xincheng.Name}分局", xincheng.Code, null, $"{hohhot.Name}{xincheng.Name}（{xincheng.Code}）"),
            new("nmg.police.xincheng2", Roles.PoliceCounty, $"{hohhot.Name}公安局{xincheng.Name}分局（第二名民警）", xincheng.Code, null, $"{hohhot.Name}{xincheng.Name}（{xincheng.Code}）"),
            new("nmg.unit.admin", Roles.UnitAdmin, $"{nmgUnit.Name}（管理员）", null, nmgUnit, nmgUnit.Name),
            new("nmg.unit.operator", Roles.UnitOperator, $"{nmgUnit.Name}（监控值班员）", null, nmgUnit, nmgUnit.Name),
            new("prov.police", Roles.PoliceProvince, province.PoliceName, province.Code, null, $"{province.Name}（{province.Code[..2]}）"),
            new("prov.police.dongcheng", Roles.PoliceCity, $"{dongcheng.Name}公安局", dongcheng.Code, null, $"{dongcheng.Name}（{dongcheng.Code[..4]}）"),
            new("prov.police.hedong", Roles.PoliceCounty, $"{dongcheng.Name}公安局{hedong.Name}分局", hedong.Code, null, $"{dongcheng.Name}{hedong.Name}（{hedong.Code}）"),
            new("prov.unit.admin", Roles.UnitAdmin, $"{provinceUnit.Name}（管理员）", null, provinceUnit, provinceUnit.Name),
            new("prov.unit.operator", Roles.UnitOperator, $"{provinceUnit.Name}（监控值班员）", null, provinceUnit, provinceUnit.Name),
            .. DemoProjects.ExpertAccounts(nmg, "nmg"),
            .. DemoProjects.ExpertAccounts(province, "prov"),
            new("contractor", Roles.Contractor, DemoProjects.ContractorName, null, null, "列明它的建设项目", DemoProjects.ContractorId),
            new("testing", Roles.TestingAgency, DemoProjects.AgencyName, null, null, "委托它检测的建设项目", DemoProjects.AgencyId),
            new("citizen", Roles.Citizen, "演示公民", null, null, "仅公开信息"),
            new("admin", Roles.PlatformAdmin, "平台管理员", null, null, "全部辖区"),
        ];
    }

    private static async Task<List<DemoAccount>> CreateAccountsAsync(UserManager<JifangUser> users, DemoBuilder demo, DateTime now)
    {
        var accounts = new List<DemoAccount>();
        foreach (var spec in Accounts(demo))
        {
            // An account created by hand before the first start keeps its own password.
            if (await users.FindByNameAsync(spec.UserName) is not null)
            {
                continue;
            }
            var user = new JifangUser
            {
                UserName = spec.UserName,
                DisplayName = spec.DisplayName,
                Role = spec.Role,
                DivisionCode = spec.Division,
                UnitId = spec.Unit?.Id,
                PartyId = spec.Party,
                CreatedAt = now,
            };
            Check(await users.CreateAsync(user, Password), spec.UserName);
            Check(await users.AddToRoleAsync(user, spec.Role), spec.UserName);
            accounts.Add(new DemoAccount(spec.UserName, spec.Role, spec.Scope, Password));
        }
        return accounts;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"无法创建演示账户 {userName}：{string.Join("；", result.Errors.Select(e => e.Description))}");
        }
    }

    private static void Print(TextWriter output, DemoBuilder demo, List<StoredFinding> findings, List<DemoAccount> accounts, TimeSpan elapsed, string url)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("已生成演示数据（固定随机种子与参照日期，每次生成结果相同）：");
        foreach (var j in DemoDivisions.All)
        {
            var sites = demo.Sites.Where(s => demo.JurisdictionOf(s) == j).ToList();
            var ids = sites.Select(s => s.Id).ToHashSet();
            var units = sites.Select(s => s.UnitId).Distinct().Count();
            var systems = sites.Sum(s => s.Systems.Count);
            var devices = sites.Sum(s => s.Devices.Count);
            var acts = sites.Sum(s => s.Acts.Count);
            var found = findings.Where(f => ids.Contains(f.SiteId)).ToList();
            var violated = found.Select(f => f.SiteId).Distinct().Count();
            var planted = demo.Violations.Count(v => v.Jurisdiction == j);
            output.WriteLine(string.Create(c,
                $"  {j.Name}（{j.PackId}）：{units} 个单位，{sites.Count} 个场所，{systems} 套技防系统，{devices} 台设备，{acts} 条行为登记；有意设置违规 {planted} 处，{violated} 个场所有问题，共 {found.Count} 条（{found.Select(f => f.Rule).Distinct().Count()} 种规则）"));
        }
        // The sites where one conduct breaches two regulations (a camera in a hotel guest room or a changing room): a fine once, under the higher range.
        var doubled = DoubleFine.Find(findings.Select(f => new DoubleFine.Candidate(f.Id, f.PackId, f.Rule, f.SubjectKind, f.SubjectId, [])))
            .Keys.ToHashSet();
        foreach (var j in DemoDivisions.All)
        {
            var site = demo.Sites.Where(s => demo.JurisdictionOf(s) == j && findings.Any(f => f.SiteId == s.Id && doubled.Contains(f.Id)))
                .OrderBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault();
            if (site is not null)
            {
                output.WriteLine($"  {j.Name}：同一违法行为违反两部条例（一事不二罚）的场所，例如 {site.Name}（{url}/Sites/Details/{site.Id}）");
            }
        }
        output.WriteLine(string.Create(c, $"  用时 {elapsed.TotalSeconds:0.0} 秒。"));
        output.WriteLine();
        if (accounts.Count > 0)
        {
            output.WriteLine("演示账户（仅供演示，密码公开，请勿在生产环境启用 Demo:Seed）：");
            string[] header = ["用户名", "角色", "范围", "密码"];
            var rows = accounts.Select(a => new[] { a.UserName, Roles.Label(a.Role), a.Scope, a.Password }).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => rows.Append(header).Max(r => Width(r[i]))).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : Pad(cell, widths[i]))));
            }
            output.WriteLine();
        }
        output.WriteLine($"请用浏览器打开 {url}/Account/Login 登录；API 说明见 {url}/scalar，令牌接口 POST {url}/api/auth/token。");
        output.WriteLine("如不需要演示数据：设置 Demo:Seed=false，并删除 data/jifang.db。");
        output.WriteLine();
    }

    /// <summary>The first configured URL, with a wildcard host made into one a browser can open.</summary>
    private static string Url(IConfiguration configuration)
    {
        var url = (configuration["urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://127.0.0.1:5080";
        foreach (var wildcard in new[] { "://0.0.0.0", "://+", "://*", "://[::]" })
        {
            url = url.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }
        return url.TrimEnd('/');
    }

    /// <summary>Columns in a terminal: CJK characters take two cells.</summary>
    private static int Width(string s) => s.Sum(ch => ch >= '\u2E80' ? 2 : 1);

    private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - Width(s)));
}
