using System.Collections.Concurrent;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>
/// Per-credential rate limits (a token bucket: Alarms:RatePerSecond sustained, Alarms:RateBurst at once), so that one
/// flooding device cannot drown the centre. A flood is itself reported: the first refusal raises an alert to the unit
/// and the police of the system's division and an audit entry, at most once per credential per Alarms:FloodReportEvery.
/// </summary>
public sealed class IntakeGuard(IServiceScopeFactory scopes, AlarmHub hub, AlarmLaw law, TimeProvider time, IOptions<AlarmOptions> options)
{
    private sealed class Bucket
    {
        public double Tokens;
        public long Stamp;
        public long Refused;
        public DateTime? ReportedAt;
    }

    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    /// <summary>Takes one token; false when the credential is over its limit.</summary>
    public bool TryTake(Guid credentialId)
    {
        var o = options.Value;
        var bucket = _buckets.GetOrAdd(credentialId, _ => new Bucket { Tokens = o.RateBurst, Stamp = time.GetTimestamp() });
        lock (bucket)
        {
            var now = time.GetTimestamp();
            bucket.Tokens = Math.Min(o.RateBurst, bucket.Tokens + time.GetElapsedTime(bucket.Stamp, now).TotalSeconds * o.RatePerSecond);
            bucket.Stamp = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }
            bucket.Refused++;
            return false;
        }
    }

    /// <summary>Reports the flood of a credential that was just refused, unless it was reported recently.</summary>
    public async Task ReportFloodAsync(CredentialInfo credential, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var bucket = _buckets.GetOrAdd(credential.Id, _ => new Bucket());
        var now = time.GetUtcNow().UtcDateTime;
        long refused;
        lock (bucket)
        {
            if (bucket.ReportedAt is { } last && now - last < options.Value.FloodReportEvery)
            {
                return;
            }
            bucket.ReportedAt = now;
            refused = bucket.Refused;
        }
        var o = options.Value;
        var cite = law.For(credential.DivisionCode, AlarmDuty.Operation);
        var alert = new AlarmAlert
        {
            Kind = AlarmCodes.AlertFlood, SystemId = credential.SystemId, SiteId = credential.SiteId, UnitId = credential.UnitId,
            DivisionCode = credential.DivisionCode, At = now, Citation = cite?.Stored,
            Message = $"技防系统“{credential.SystemName}”（{credential.SiteName}）的报警联网凭据超出速率限制（每秒 {o.RatePerSecond:0.##} 条，突发 {o.RateBurst} 条），" +
                $"已拒收 {refused} 条：设备可能故障或遭干扰，请核查",
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        db.AlarmAlerts.Add(alert);
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        audit.Add(new AuditEvent(
            "alarm.flood", $"credential:{credential.Id}", $"system:{credential.SystemId}", credential.DivisionCode, credential.UnitId,
            cite?.Audit, alert.Message), alert);
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        hub.Publish(new LiveEvent("alert", alert.DivisionCode, alert.UnitId, true, AlertDto.Of(alert, credential.SiteName, credential.SystemName, null)));
    }
}
