using Jifang.Data;
using Jifang.Features.Alarms;

namespace Jifang.Features.Demo;

/// <summary>A demo system's alarm key, printed once at the first start (docs/demo.md).</summary>
internal sealed record DemoKey(string Jurisdiction, string SiteName, string SystemName, string DivisionCode, string Key, bool Configured);

/// <summary>
/// Alarm networking in the demo, for the showcase hotel group of each jurisdiction: one system with a key (in the county
/// of the demo county police account, so that a posted alarm goes operator → county → city with the demo accounts), one
/// system that fell silent three hours before the first start (the watch's first tick raises the offline alert and then
/// registers the unauthorised shut-down, which the engine judges into a finding), and one silent under registered
/// maintenance (authorised: no alert). <c>Demo:AlarmKey</c> sets the Inner Mongolia key (a key of the form jfk_…, see
/// docs/demo.md); otherwise both keys are random.
/// </summary>
internal static class DemoAlarms
{
    public const string ActorName = "demo";

    public static List<DemoKey> Seed(JifangDbContext db, DemoBuilder demo, DateTime now, string? configuredKey)
    {
        var keys = new List<DemoKey>();
        foreach (var j in DemoDivisions.All)
        {
            var unit = demo.Showcase[j];
            var county = j.Cities[0].Counties[0];
            var sites = demo.Sites.Where(s => s.UnitId == unit.Id && s.Systems.Count > 0).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var keyed = sites.FirstOrDefault(s => s.DivisionCode == county.Code) ?? sites[0];
            var others = sites.Where(s => s != keyed).ToList();
            var system = keyed.Systems[0];

            var credential = new AlarmCredential { SystemId = system.Id, Label = "演示报警主机", CreatedAt = now, CreatedBy = ActorName };
            string key;
            var configured = j.IsNmg && !string.IsNullOrWhiteSpace(configuredKey);
            if (configured)
            {
                if (!ApiKeys.TryParse(configuredKey, out var id, out var secret))
                {
                    throw new InvalidOperationException("Demo:AlarmKey 格式无效：应为 jfk_ 加 32 位十六进制编号、下划线和 43 个 base64url 字符（见 docs/demo.md）");
                }
                credential.Id = id;
                credential.SecretHash = ApiKeys.Hash(secret);
                key = configuredKey!.Trim();
            }
            else
            {
                (key, credential.SecretHash) = ApiKeys.Create(credential.Id);
            }
            db.AlarmCredentials.Add(credential);
            keys.Add(new DemoKey(j.Name, keyed.Name, system.Name, keyed.DivisionCode, key, configured));

            // Silent for three hours before the first start: offline, and beyond Alarms:ShutDownAfter (2 h) without maintenance.
            if (others.Count > 0)
            {
                var silent = others[0].Systems[0];
                var last = now.AddHours(-3);
                IssueUnprinted(db, silent.Id, now.AddDays(-1));
                db.SystemWatch.Add(new SystemWatch { SystemId = silent.Id, LastHeartbeatAt = last, WatchedSince = last, State = AlarmCodes.Online, StateSince = last });
            }
            // Silent as long, but under maintenance registered beforehand: authorised.
            if (others.Count > 1)
            {
                var resting = others[1].Systems[0];
                var last = now.AddHours(-3);
                IssueUnprinted(db, resting.Id, now.AddDays(-1));
                db.SystemWatch.Add(new SystemWatch { SystemId = resting.Id, LastHeartbeatAt = last, WatchedSince = last, State = AlarmCodes.Online, StateSince = last });
                db.Maintenance.Add(new MaintenanceWindow
                {
                    SystemId = resting.Id, From = now.AddHours(-4), Until = now.AddDays(7), Reason = "报警主机更换与线路改造（演示）",
                    CreatedBy = ActorName, CreatedAt = now.AddDays(-1),
                });
            }
        }
        return keys;
    }

    /// <summary>
    /// The key a silent system beat with before it fell silent: a heartbeat comes only with a key, so a system with a heartbeat
    /// history has one (its page said "尚未签发凭据" beside its heartbeats). Not printed: no one is meant to post with it.
    /// </summary>
    private static void IssueUnprinted(JifangDbContext db, Guid systemId, DateTime issuedAt)
    {
        var credential = new AlarmCredential { SystemId = systemId, Label = "演示报警主机（密钥未打印）", CreatedAt = issuedAt, CreatedBy = ActorName };
        (_, credential.SecretHash) = ApiKeys.Create(credential.Id);
        db.AlarmCredentials.Add(credential);
    }

    public static void Print(TextWriter output, IReadOnlyList<DemoKey> keys, string url)
    {
        if (keys.Count == 0)
        {
            return;
        }
        output.WriteLine("演示报警联网凭据（密钥只显示这一次；平台只保存其哈希）：");
        foreach (var k in keys)
        {
            output.WriteLine($"  {k.Jurisdiction} · {k.SiteName}（{k.DivisionCode}）· {k.SystemName}{(k.Configured ? "（由 Demo:AlarmKey 设定）" : "")}");
            output.WriteLine($"    {ApiKeys.Header}: {k.Key}");
        }
        var first = keys[0];
        output.WriteLine("  发送一条测试报警（以上述密钥代替 KEY；时间须带时区）：");
        output.WriteLine($"    curl -X POST {url}/api/intake/alarms -H \"{ApiKeys.Header}: KEY\" -H \"Content-Type: application/json\" \\");
        output.WriteLine($"      -d \"{{\\\"id\\\":\\\"DEMO-1\\\",\\\"device\\\":\\\"大堂红外探测器\\\",\\\"time\\\":\\\"$(date -Iseconds)\\\",\\\"type\\\":\\\"intrusion\\\",\\\"priority\\\":\\\"high\\\"}}\"");
        output.WriteLine($"  报警出现在 {url}/Alarms（单位操作员），确认后报县级公安机关（{url}/Alarms/Police）。");
        output.WriteLine();
    }
}
