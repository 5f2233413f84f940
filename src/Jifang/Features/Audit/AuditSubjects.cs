using Jifang.Data;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Audit;

/// <summary>What an entry's subject or unit is, for a reader: its name and where to see it.</summary>
public sealed record SubjectView(string Label, string? Href);

/// <summary>
/// Names instead of identifiers in the log's pages: "site:01a2…" is 场所「某某宾馆」 with a link to it, a unit id is the
/// unit's name. Only the names are read, for the entries the reader already sees (the log is filtered by scope), and
/// without the registry's filters, as the site list reads the names of units registered elsewhere.
/// </summary>
public static class AuditSubjects
{
    public static async Task<Dictionary<string, SubjectView>> ResolveAsync(
        JifangDbContext db, IEnumerable<string?> subjects, IEnumerable<Guid?> units, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var byKind = subjects.OfType<string>().Select(Parse).Where(p => p is not null).Select(p => p!.Value)
            .Concat(units.OfType<Guid>().Select(u => (Kind: "unit", Id: u)))
            .Distinct().GroupBy(p => p.Kind, p => p.Id).ToDictionary(g => g.Key, g => g.ToList());
        var views = new Dictionary<string, SubjectView>(StringComparer.Ordinal);
        void Add(string kind, Guid id, string label, string? href) => views[$"{kind}:{id}"] = new SubjectView(label, href);
        // One query per kind the page's entries name, none for the others.
        async Task Each<T>(string kind, Func<IQueryable<T>> query, Action<T> add)
        {
            if (byKind.ContainsKey(kind))
            {
                foreach (var x in await query().ToListAsync(ct))
                {
                    add(x);
                }
            }
        }

        List<Guid> Ids(string kind) => byKind.GetValueOrDefault(kind) ?? [];
        await Each("site", () => Query(db.Sites, Ids("site")).Select(s => new { s.Id, s.Name }), x => Add("site", x.Id, $"场所「{x.Name}」", $"/Sites/Details/{x.Id}"));
        await Each("unit", () => Query(db.Units, Ids("unit")).Select(u => new { u.Id, u.Name }), x => Add("unit", x.Id, $"单位「{x.Name}」", null));
        await Each("system", () => Query(db.Systems, Ids("system")).Select(s => new { s.Id, s.Name, Site = s.Site!.Name }), x => Add("system", x.Id, $"技防系统「{x.Name}」（{x.Site}）", $"/Alarms/System/{x.Id}"));
        await Each("device", () => Query(db.Devices, Ids("device")).Select(d => new { d.Id, d.Name, d.SiteId }), x => Add("device", x.Id, $"设备「{x.Name}」", $"/Sites/Details/{x.SiteId}"));
        await Each("act", () => Query(db.Acts, Ids("act")).Select(a => new { a.Id, a.Kind, a.SiteId }), x => Add("act", x.Id, $"行为登记（{(Jifang.Rules.Vocabulary.Vocab.ActKinds.TryParse(x.Kind, out var k) ? Jifang.Rules.Vocabulary.Vocab.ActKinds.Label(k) : x.Kind)}）", $"/Sites/Details/{x.SiteId}"));
        await Each("product", () => Query(db.Products, Ids("product")).Select(p => new { p.Id, p.Model }), x => Add("product", x.Id, $"技防产品「{x.Model}」", $"/Products/Edit/{x.Id}"));
        await Each("contractor", () => Query(db.Contractors, Ids("contractor")).Select(c => new { c.Id, c.Name }), x => Add("contractor", x.Id, $"从业单位「{x.Name}」", $"/Contractors/Edit/{x.Id}"));
        await Each("person", () => Query(db.Personnel, Ids("person")).Select(p => new { p.Id, p.Name }), x => Add("person", x.Id, $"从业人员「{x.Name}」", $"/Personnel/Edit/{x.Id}"));
        await Each("alarm", () => Query(db.Alarms, Ids("alarm")).Select(a => new { a.Id, a.ExternalId, Site = a.Site!.Name }), x => Add("alarm", x.Id, $"报警 {x.ExternalId}（{x.Site}）", $"/Alarms/Details/{x.Id}"));
        await Each("record", () => Query(db.Records, Ids("record")).Select(r => new { r.Id, r.StorageLocation }), x => Add("record", x.Id, $"信息资料「{x.StorageLocation}」", $"/Records/Details/{x.Id}"));
        await Each("hold", () => Query(db.Holds, Ids("hold")).Select(h => new { h.Id, h.CaseNumber }), x => Add("hold", x.Id, $"证据保全（案件 {x.CaseNumber}）", $"/Holds/Details/{x.Id}"));
        await Each("access-request", () => Query(db.AccessRequests, Ids("access-request")).Select(r => new { r.Id, r.Number }), x => Add("access-request", x.Id, $"查阅申请 {x.Number}", $"/Access/Details/{x.Id}"));
        await Each("alarm-credential", () => Query(db.AlarmCredentials, Ids("alarm-credential")).Select(c => new { c.Id, c.Label, c.SystemId }), x => Add("alarm-credential", x.Id, $"报警联网凭据「{x.Label}」", $"/Alarms/System/{x.SystemId}"));
        return views;
    }

    /// <summary>"site:01a2…" → ("site", id); anything else (user:name, import:file) is shown as written.</summary>
    public static (string Kind, Guid Id)? Parse(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Guid.TryParse(subject.AsSpan(colon + 1), out var id) ? (subject[..colon], id) : null;
    }

    /// <summary>The subject for a reader: its name and link when known, else what the entry says ("用户 admin", "导入 sites.csv").</summary>
    public static SubjectView Show(string? subject, IReadOnlyDictionary<string, SubjectView> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (subject is null)
        {
            return new SubjectView("—", null);
        }
        if (views.TryGetValue(subject, out var view))
        {
            return view;
        }
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        var (kind, rest) = colon > 0 ? (subject[..colon], subject[(colon + 1)..]) : ("", subject);
        return kind switch
        {
            "user" => new SubjectView($"用户 {rest}", null),
            "import" => new SubjectView($"导入文件 {rest}", null),
            "demo" => new SubjectView("演示数据", null),
            _ => new SubjectView(Parse(subject) is not null ? $"{subject}（已不在登记中）" : subject, null),
        };
    }

    private static IQueryable<T> Query<T>(IQueryable<T> set, List<Guid> ids) where T : class =>
        set.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(EF.Property<Guid>(e, "Id")));
}
