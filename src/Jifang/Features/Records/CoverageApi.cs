using System.Globalization;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Records;

public sealed record GapDto(DateTime From, DateTime To, int Seconds);

public sealed record StreamCoverageDto(
    Guid SiteId, string SiteName, Guid SystemId, string SystemName, Guid? DeviceId, string? DeviceName,
    int RecordCount, int CoveredSeconds, IReadOnlyList<GapDto> Gaps);

/// <summary>应有记录（在用系统的采集设备）但截至当日结束时登记中没有任何记录的设备</summary>
public sealed record SilentStreamDto(Guid SiteId, string SiteName, Guid SystemId, string SystemName, Guid? DeviceId, string? DeviceName);

public sealed record DeletionDto(Guid RecordId, DateTime At, string By, string? Reason, string Sha256);

public sealed record CoverageDto(
    Guid UnitId, string UnitName, DateOnly Date, DateTime From, DateTime To, int GapToleranceSeconds,
    IReadOnlyList<StreamCoverageDto> Streams, IReadOnlyList<SilentStreamDto> NeverRecorded,
    IReadOnlyList<DeletionDto> Deletions, IReadOnlyList<DeletionAttemptDto> EarlyDeletions)
{
    public int GapCount => Streams.Sum(s => s.Gaps.Count);
}

/// <summary>
/// The daily coverage report of a unit (a day in the platform's local time zone): for every stream (a capturing device of a
/// system in service, or any system/device that registered records that day), the stretches of the day no record covers,
/// the records deleted that day, and the deletions refused that day because the records were younger than their minimum
/// or under a hold (attempted early deletions). A stream expected to record of which the registry holds no record at all
/// is listed apart (<see cref="CoverageDto.NeverRecorded"/>), not as a gap of the whole day: a device whose records are
/// never registered is a fact of its own, and as 24-hour gaps such devices buried the real gaps of the streams that record.
/// A stream that did record before but not that day is a gap of the whole day.
/// </summary>
public static class CoverageApi
{
    public static RouteGroupBuilder MapCoverage(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/units/{unitId:guid}/coverage", Get).WithTags("信息资料").RequireAuthorization(Policies.RegistryRead);
        return api;
    }

    /// <summary>单位一日的记录覆盖情况</summary>
    /// <remarks>平台所在时区的一天中，单位每个记录来源（在用系统的采集设备，或当天登记了记录的系统、设备）没有记录覆盖的时段，当天删除的记录，以及当天因未满保存期限或处于保全中而被拒绝的删除企图。日期格式不对或在未来为 400 `date`；范围外或不存在的单位答复 404。</remarks>
    /// <param name="unitId">使用单位编号</param>
    /// <param name="date">日期（年-月-日，如 `2026-06-01`），默认昨天</param>
    internal static async Task<Results<Ok<CoverageDto>, NotFound, ValidationProblem>> Get(

        Guid unitId, string? date, JifangDbContext db, PackSet packs, IOptions<RecordsOptions> options, TimeProvider time, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return TypedResults.NotFound();
        }
        var zone = time.LocalTimeZone;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date))
        {
            day = today.AddDays(-1);
        }
        else if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["日期应写作 年-月-日，例如 2026-06-01"] });
        }
        if (day > today)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["不能查询未来日期的覆盖情况"] });
        }
        return TypedResults.Ok(await ComputeAsync(db, packs, unit.Id, unit.Name, day, zone, options.Value.GapToleranceSeconds, ct));
    }

    /// <summary>Computes the report for one unit and day; public so that a job or a test can call it directly.</summary>
    public static async Task<CoverageDto> ComputeAsync(
        JifangDbContext db, PackSet packs, Guid unitId, string unitName, DateOnly day, TimeZoneInfo zone, int toleranceSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var from = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        from = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        to = DateTime.SpecifyKind(to, DateTimeKind.Utc);

        var records = await db.Records.AsNoTracking()
            .Where(r => r.Site!.UnitId == unitId && r.StartsAt < to && r.EndsAt > from)
            .Select(r => new { r.SiteId, r.SystemId, r.DeviceId, r.StartsAt, r.EndsAt })
            .ToListAsync(ct);
        // Streams expected to record: capturing devices of systems in service.
        var expected = await db.Devices.AsNoTracking()
            .Where(d => d.Site!.UnitId == unitId && !d.Archived && !d.Site.Archived && d.SystemId != null && d.Captures.Count > 0
                && db.Systems.Any(s => s.Id == d.SystemId && s.InService && !s.Archived))
            .Select(d => new { d.SiteId, SystemId = d.SystemId!.Value, DeviceId = (Guid?)d.Id })
            .ToListAsync(ct);
        var keys = expected.Select(e => (e.SiteId, e.SystemId, e.DeviceId))
            .Concat(records.Select(r => (r.SiteId, r.SystemId, r.DeviceId)))
            .Distinct()
            .ToList();
        var siteIds = keys.Select(k => k.SiteId).Distinct().ToList();
        var systemIds = keys.Select(k => k.SystemId).Distinct().ToList();
        var deviceIds = keys.Where(k => k.DeviceId is not null).Select(k => k.DeviceId!.Value).Distinct().ToList();
        var siteNames = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var systemNames = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var deviceNames = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        // Expected streams without a record that day: those without any record up to that day's end are listed apart (a device
        // that began recording later had not, on that day).
        var idle = keys.Where(k => k.DeviceId is not null && !records.Any(r => r.SiteId == k.SiteId && r.SystemId == k.SystemId && r.DeviceId == k.DeviceId))
            .Select(k => k.DeviceId!.Value).ToList();
        var everRecorded = idle.Count == 0 ? new HashSet<Guid>() : (await db.Records.AsNoTracking()
            .Where(r => r.DeviceId != null && idle.Contains(r.DeviceId.Value) && r.StartsAt < to)
            .Select(r => r.DeviceId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var never = keys.Where(k => k.DeviceId is { } d && idle.Contains(d) && !everRecorded.Contains(d)).ToHashSet();

        var tolerance = TimeSpan.FromSeconds(Math.Max(0, toleranceSeconds));
        var streams = new List<StreamCoverageDto>();
        foreach (var key in keys.Where(k => !never.Contains(k)))
        {
            var intervals = records.Where(r => r.SiteId == key.SiteId && r.SystemId == key.SystemId && r.DeviceId == key.DeviceId)
                .Select(r => (Start: r.StartsAt < from ? from : r.StartsAt, End: r.EndsAt > to ? to : r.EndsAt))
                .OrderBy(i => i.Start)
                .ToList();
            var gaps = Gaps(intervals, from, to, tolerance);
            var covered = (int)(to - from).TotalSeconds - (int)Uncovered(intervals, from, to).TotalSeconds;
            streams.Add(new StreamCoverageDto(key.SiteId, siteNames.GetValueOrDefault(key.SiteId, ""), key.SystemId, systemNames.GetValueOrDefault(key.SystemId, ""),
                key.DeviceId, key.DeviceId is { } d ? deviceNames.GetValueOrDefault(d) : null, intervals.Count, covered, gaps));
        }
        streams = streams.OrderBy(s => s.SiteName, StringComparer.Ordinal).ThenBy(s => s.SystemName, StringComparer.Ordinal)
            .ThenBy(s => s.DeviceName ?? "", StringComparer.Ordinal).ToList();
        var silent = never.Select(k => new SilentStreamDto(k.SiteId, siteNames.GetValueOrDefault(k.SiteId, ""), k.SystemId, systemNames.GetValueOrDefault(k.SystemId, ""),
                k.DeviceId, deviceNames.GetValueOrDefault(k.DeviceId!.Value)))
            .OrderBy(s => s.SiteName, StringComparer.Ordinal).ThenBy(s => s.SystemName, StringComparer.Ordinal).ThenBy(s => s.DeviceName ?? "", StringComparer.Ordinal)
            .ToList();

        var deletions = await db.Records.AsNoTracking()
            .Where(r => r.Site!.UnitId == unitId && r.Deleted && r.DeletedAt >= from && r.DeletedAt < to)
            .OrderBy(r => r.DeletedAt)
            .Select(r => new DeletionDto(r.Id, r.DeletedAt!.Value, r.DeletedBy!, r.DeletionReason, r.Sha256))
            .ToListAsync(ct);
        var attempts = await db.DeletionAttempts.AsNoTracking()
            .Where(a => a.Record!.Site!.UnitId == unitId && a.At >= from && a.At < to)
            .OrderBy(a => a.At)
            .ToListAsync(ct);
        return new CoverageDto(unitId, unitName, day, from, to, (int)tolerance.TotalSeconds, streams, silent, deletions,
            attempts.Select(a => RecordsApi.AttemptDto(a, packs)).ToList());
    }

    /// <summary>The stretches of [from, to) that no interval covers, longer than the tolerance. Intervals sorted by start.</summary>
    public static List<GapDto> Gaps(IReadOnlyList<(DateTime Start, DateTime End)> sorted, DateTime from, DateTime to, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var gaps = new List<GapDto>();
        var cursor = from;
        foreach (var (start, end) in sorted)
        {
            if (start > cursor && start - cursor > tolerance)
            {
                gaps.Add(new GapDto(cursor, start, (int)(start - cursor).TotalSeconds));
            }
            if (end > cursor)
            {
                cursor = end;
            }
        }
        if (to > cursor && to - cursor > tolerance)
        {
            gaps.Add(new GapDto(cursor, to, (int)(to - cursor).TotalSeconds));
        }
        return gaps;
    }

    private static TimeSpan Uncovered(IReadOnlyList<(DateTime Start, DateTime End)> sorted, DateTime from, DateTime to)
    {
        var total = TimeSpan.Zero;
        var cursor = from;
        foreach (var (start, end) in sorted)
        {
            if (start > cursor)
            {
                total += start - cursor;
            }
            if (end > cursor)
            {
                cursor = end;
            }
        }
        return to > cursor ? total + (to - cursor) : total;
    }
}
