using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Audit;
using Jifang.Rules.Divisions;
using Jifang.Rules.Packs;
using Jifang.Rules.Text;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Reports;

/// <summary>What a reporter writes (every field but the contact required).</summary>
public sealed class ReportInput
{
    public string? DivisionCode { get; set; }
    public string? Place { get; set; }
    public string? Installed { get; set; }
    public string? Provision { get; set; }
    public string? Description { get; set; }
    public string? Contact { get; set; }
}

/// <summary>A provision a report may name, with its citation and words from the national pack.</summary>
public sealed record ReportProvision(string Code, string Label, string Cite, string Words);

/// <summary>The outcome of a step: the report, or the problems keyed by field (camelCase), or null when it is not found.</summary>
public sealed record ReportOutcome(CitizenReport? Report, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static ReportOutcome Bad(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The three provisions of 第二十四条第二款 and the article itself, as the national pack words them.</summary>
public sealed class ReportProvisions(PackSet packs)
{
    public const string PackId = "national-2025";

    /// <summary>第二十四条第二款: who may report and that the police must handle it in time.</summary>
    public static readonly Citation Basis = new(24, 2, null);

    private static readonly (string Code, string Label)[] Codes =
    [
        ("7.3", "在第七条规定的场所、区域内，由公共安全视频系统管理单位以外的单位或者个人安装"),
        ("8.1", "在公共场所禁止安装的区域、部位（如旅馆客房、卫生间、更衣室）安装"),
        ("9.1", "在其他公共场所，由对该场所不负有安全防范义务的单位或者个人安装"),
    ];

    public Pack? Pack => packs.TryGet(PackId, out var p) ? p.Pack : null;

    public IReadOnlyList<ReportProvision> All => Codes.Select(c => Of(c.Code)!).ToList();

    public ReportProvision? Of(string? code)
    {
        var entry = Codes.FirstOrDefault(c => c.Code == code);
        if (entry.Code is null || !Citation.TryParse(entry.Code, out var citation))
        {
            return null;
        }
        var pack = Pack;
        return new ReportProvision(entry.Code, entry.Label,
            pack is null ? $"《公共安全视频图像信息系统管理条例》{citation.ToChinese()}" : pack.Cite(citation),
            pack is not null && pack.Contains(citation) ? pack.TextOf(citation) : "");
    }

    public (string Cite, string Words) BasisText()
    {
        var pack = Pack;
        return pack is not null && pack.Contains(Basis)
            ? (pack.Cite(Basis), pack.TextOf(Basis))
            : ($"《公共安全视频图像信息系统管理条例》{Basis.ToChinese()}", "");
    }
}

/// <summary>
/// 举报: filed by anyone (the receipt number is the reporter's key), received by the police of the county, who accept it and
/// answer it or refuse it with a reason. Every step is audited.
/// </summary>
public sealed class ReportService(JifangDbContext db, AuditTrail audit, DivisionSet divisions, ReportProvisions provisions, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ReportOutcome> SubmitAsync(ReportInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors.TryAdd(field, [message]);
        if (string.IsNullOrWhiteSpace(input.DivisionCode))
        {
            Error("divisionCode", "请选择所在的区、县、旗");
        }
        else if (divisions.Find(input.DivisionCode.Trim()) is not { Level: Division.County })
        {
            Error("divisionCode", $"“{input.DivisionCode}”不是本平台所知的区、县、旗，请从列表中选择");
        }
        Required(input.Place, "place", "请填写地点（地址或场所名称）", ReportLimits.Place, Error);
        Required(input.Installed, "installed", "请填写安装了什么设备、装在哪里", ReportLimits.Installed, Error);
        if (provisions.Of(input.Provision) is null)
        {
            Error("provision", string.IsNullOrWhiteSpace(input.Provision) ? "请选择违反的规定" : $"“{input.Provision}”不是可举报的规定，请从列表中选择");
        }
        Required(input.Description, "description", "请说明情况", ReportLimits.Description, Error, multiLine: true);
        if (!string.IsNullOrWhiteSpace(input.Contact) && PlainText.Problem(input.Contact.Trim(), false, ReportLimits.Contact) is { } contact)
        {
            Error("contact", contact);
        }
        if (errors.Count > 0)
        {
            return new ReportOutcome(null, errors);
        }
        var report = new CitizenReport
        {
            Number = $"JB-{time.GetLocalNow():yyyyMMdd}-{PortalService.NewCode()[..14]}",
            DivisionCode = input.DivisionCode!.Trim(),
            Place = input.Place!.Trim(),
            Installed = input.Installed!.Trim(),
            Provision = input.Provision!,
            Description = input.Description!.Trim(),
            Contact = string.IsNullOrWhiteSpace(input.Contact) ? null : input.Contact.Trim(),
            SubmittedAt = Now,
        };
        db.CitizenReports.Add(report);
        Log(report, "report.submitted", $"citizen:{report.Number}",
            $"举报{provisions.Of(report.Provision)!.Cite}：{report.Place}；{report.Installed}");
        await SaveAsync(ct);
        return new ReportOutcome(report, null);
    }

    /// <summary>The reporter's look-up by receipt number, past every scope; null when there is no such report.</summary>
    public Task<CitizenReport?> LookupAsync(string? number, CancellationToken ct)
    {
        var wanted = number?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(wanted)
            ? Task.FromResult<CitizenReport?>(null)
            : db.CitizenReports.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Number == wanted, ct);
    }

    /// <summary>The reports the caller's scope sees, newest first, optionally in one state.</summary>
    public async Task<(IReadOnlyList<CitizenReport> Items, int Total)> ListAsync(string? state, int page, int pageSize, CancellationToken ct)
    {
        var query = db.CitizenReports.AsNoTracking();
        if (!string.IsNullOrEmpty(state))
        {
            query = query.Where(r => r.State == state);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>A report in the caller's scope, or null.</summary>
    public Task<CitizenReport?> GetAsync(Guid id, CancellationToken ct) =>
        db.CitizenReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>受理: a submitted report is accepted.</summary>
    public Task<ReportOutcome?> AcceptAsync(Guid id, CancellationToken ct) => StepAsync(id, ReportStates.Accepted, null, ct);

    /// <summary>已处理 with the written answer (an accepted report), or 不予受理 with the reason (a submitted or accepted one).</summary>
    public Task<ReportOutcome?> CloseAsync(Guid id, bool handled, string? text, CancellationToken ct) =>
        StepAsync(id, handled ? ReportStates.Handled : ReportStates.Rejected, text, ct);

    private async Task<ReportOutcome?> StepAsync(Guid id, string to, string? text, CancellationToken ct)
    {
        var report = await db.CitizenReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }
        var field = to == ReportStates.Rejected ? "reason" : "answer";
        if (to != ReportStates.Accepted)
        {
            var problems = new Dictionary<string, string[]>();
            Required(text, field, to == ReportStates.Handled ? "请填写处理结果（答复举报人）" : "请填写不予受理的理由",
                ReportLimits.Answer, (f, m) => problems.TryAdd(f, [m]), multiLine: true);
            if (problems.Count > 0)
            {
                return new ReportOutcome(null, problems);
            }
        }
        var allowed = to switch
        {
            ReportStates.Accepted => report.State == ReportStates.Submitted,
            ReportStates.Handled => report.State == ReportStates.Accepted,
            _ => report.State is ReportStates.Submitted or ReportStates.Accepted,
        };
        if (!allowed)
        {
            return ReportOutcome.Bad("state", $"该举报{ReportStates.Label(report.State)}，不能{Verb(to)}");
        }
        report.State = to;
        if (to == ReportStates.Accepted)
        {
            report.AcceptedAt = Now;
            report.AcceptedBy = audit.Actor;
        }
        else
        {
            report.ClosedAt = Now;
            report.ClosedBy = audit.Actor;
            report.Answer = text!.Trim();
        }
        Log(report, "report." + to, audit.Actor, to == ReportStates.Accepted ? $"受理举报 {report.Number}" : $"{Verb(to)}：{report.Answer}");
        await SaveAsync(ct);
        return new ReportOutcome(report, null);
    }

    private static string Verb(string state) => state switch
    {
        ReportStates.Accepted => "受理",
        ReportStates.Handled => "办结",
        _ => "不予受理",
    };

    private static void Required(string? value, string field, string missing, int max, Action<string, string> error, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error(field, missing);
        }
        else if (PlainText.Problem(value.Trim(), multiLine, max) is { } problem)
        {
            error(field, problem);
        }
    }

    private void Log(CitizenReport report, string action, string actor, string detail) =>
        audit.Add(new AuditEvent(action, actor, $"report:{report.Id}", report.DivisionCode, null,
            $"{ReportProvisions.PackId} {ReportProvisions.Basis}", detail));

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
    }
}

public static class ReportsModule
{
    /// <summary>
    /// The rate limit of the 举报 form and look-up: as many requests a minute per client as the portal
    /// (<c>Portal:RequestsPerMinute</c>), counted apart from the portal's, so that filing a report and asking to view
    /// records do not eat each other's allowance.
    /// </summary>
    public const string Limiter = "reports";

    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        var permits = config.GetValue("Portal:RequestsPerMinute", 30);
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o =>
            o.AddPolicy(Limiter, c => Infrastructure.RateLimits.PerMinute(c, "reports:" + Infrastructure.ClientPartition.Of(c), permits)));
        services.AddSingleton<ReportProvisions>();
        return services.AddScoped<ReportService>();
    }
}
