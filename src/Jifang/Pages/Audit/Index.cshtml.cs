using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Audit;

/// <summary>审计日志: the entries of the user's jurisdiction (administrators: all), newest first, filtered and paged.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel(JifangDbContext db) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Division { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<AuditEntryDto> Entries { get; private set; } = null!;

    /// <summary>The names of the subjects and units of the page's entries.</summary>
    public IReadOnlyDictionary<string, SubjectView> Names { get; private set; } = new Dictionary<string, SubjectView>();

    public long LogSize { get; private set; }

    public AuditTreeHead? LatestHead { get; private set; }

    public int PageCount => Math.Max(1, (Entries.Total + Entries.PageSize - 1) / Entries.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var division = Division is { Length: > 0 } d && d.Length <= 6 && d.All(char.IsAsciiDigit) ? d : null;
        // Dates are days of the platform's local calendar (China Standard Time on a server set to it).
        DateTime? from = From is { } f ? f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime() : null;
        DateTime? to = To is { } t ? t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime() : null;
        var q = AuditApi.Filter(db.Audit.AsNoTracking(), Action, Actor, Subject, division, from, to);
        Entries = await q.OrderByDescending(e => e.Index).ToPageAsync(PageNumber, Paging.DefaultSize, AuditApi.ToDto, ct);
        Names = await AuditSubjects.ResolveAsync(db, Entries.Items.Select(e => e.Subject), Entries.Items.Select(e => e.UnitId), ct);
        LogSize = await db.Audit.IgnoreQueryFilters().MaxAsync(e => (long?)e.Index, ct) is { } max ? max + 1 : 0;
        LatestHead = await db.AuditTreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
    }

    /// <summary>The filters for the export link: the local days as UTC instants, as the page reads them.</summary>
    public IReadOnlyDictionary<string, string?> ExportFilters => new Dictionary<string, string?>
    {
        ["action"] = Action,
        ["actor"] = Actor,
        ["subject"] = Subject,
        ["division"] = Division,
        ["from"] = From is { } f ? Instant(f) : null,
        ["to"] = To is { } t ? Instant(t.AddDays(1)) : null,
    };

    private static string Instant(DateOnly day) =>
        day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public string PageHref(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Audit", new Dictionary<string, string?>
        {
            ["action"] = Action ?? "",
            ["actor"] = Actor ?? "",
            ["subject"] = Subject ?? "",
            ["division"] = Division ?? "",
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
