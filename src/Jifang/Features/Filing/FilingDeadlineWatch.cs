using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Filing;

/// <summary>
/// Time alone makes a filing overdue: a system put into use 30 days ago breaches 第十四条 today although nothing about it changed,
/// and a site is judged only when it changes. Once an hour (and at start) this re-judges the sites whose video systems passed
/// their filing deadline unfiled since they were last judged — those the national pack's filing rule binds, with no filing
/// pending or accepted and no stored finding of that rule yet — so that the finding, the dashboards and the audit log
/// ("finding.raised") show it from the day after the deadline. The deadlines are the pack's (<see cref="ComplianceService.FilingRule"/>).
/// </summary>
public sealed partial class FilingDeadlineWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<FilingDeadlineWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Re-judges the sites of the systems newly past their filing deadline; returns how many sites were judged.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var compliance = scope.ServiceProvider.GetRequiredService<ComplianceService>();
        var filings = scope.ServiceProvider.GetRequiredService<FilingService>();
        var today = compliance.Today;
        if (compliance.FilingRule(today) is not { } rule)
        {
            return 0;
        }
        var spec = rule.Spec;
        // Past the deadline today: in use since on or before this day (deadline = in-service day + the days, breached the day after),
        // or — in use before the transitional day, or without a day — past the transitional deadline.
        var latestStart = today.AddDays(-spec.DaysFromInService - 1);
        var transitionalPassed = spec.Transitional is { } t && today > t.Deadline;
        var inUseBefore = spec.Transitional?.InUseBefore ?? DateOnly.MinValue;
        var systems = await db.Systems.AsNoTracking().Include(s => s.Site)
            .Where(s => !s.Archived && s.InService && !s.Site!.Archived)
            .Where(s => ((s.InServiceSince == null || s.InServiceSince < inUseBefore) && transitionalPassed)
                || (s.InServiceSince >= inUseBefore && s.InServiceSince <= latestStart))
            .Where(s => !db.VideoFilings.Any(f => f.SystemId == s.Id && f.State != FilingStates.Returned))
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
        var found = (await db.Findings.AsNoTracking().Where(f => f.Rule == rule.Rule.Id && f.SubjectKind == "system")
            .Select(f => f.SubjectId).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sites = systems.Where(s => FiledFacts.IsVideo(s) && filings.MustFile(s.Site!) && !found.Contains(s.Id.ToString()))
            .Select(s => s.SiteId).Distinct().ToList();
        foreach (var site in sites)
        {
            db.ChangeTracker.Clear();
            await compliance.SaveAndRejudgeAsync(site, ct);
        }
        if (sites.Count > 0)
        {
            LogRejudged(logger, sites.Count);
        }
        return sites.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "备案期限届满：重新判定 {Count} 个场所")]
    private static partial void LogRejudged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "备案期限检查失败")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
