namespace Jifang.Features.Alarms;

/// <summary>Registers alarm networking: its settings, the intake's writer, the watch and the escalation.</summary>
public static class AlarmsModule
{
    public static IServiceCollection AddAlarms(this IServiceCollection s, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        s.AddOptions<AlarmOptions>().Bind(config.GetSection(AlarmOptions.Section))
            .Validate(o => o.HandleWithin > TimeSpan.Zero && o.AcknowledgeWithin > TimeSpan.Zero, "Alarms:HandleWithin 与 Alarms:AcknowledgeWithin 应大于 0")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.MissedHeartbeats >= 1, "Alarms:HeartbeatInterval 应大于 0，Alarms:MissedHeartbeats 至少为 1")
            .Validate(o => o.ShutDownAfter > o.OfflineAfter, "Alarms:ShutDownAfter 应长于离线判定时间（HeartbeatInterval × MissedHeartbeats）")
            .Validate(o => o.TickInterval > TimeSpan.Zero, "Alarms:TickInterval 应大于 0")
            .Validate(o => o.RatePerSecond > 0 && o.RateBurst >= 1, "Alarms:RatePerSecond 应大于 0，Alarms:RateBurst 至少为 1")
            .Validate(o => o.MaxBodyBytes is >= 256 and <= 1 << 20, "Alarms:MaxBodyBytes 应在 256 至 1048576 之间")
            .Validate(o => o.MaxBatch is >= 1 and <= 10_000, "Alarms:MaxBatch 应在 1 至 10000 之间")
            .ValidateOnStart();
        s.AddSingleton<AlarmLaw>();
        s.AddSingleton<AlarmHub>();
        s.AddSingleton<ApiKeyCache>();
        // Reads every key into memory at start and every minute (a timer too, but intake needs it: always on).
        s.AddHostedService(sp => sp.GetRequiredService<ApiKeyCache>());
        s.AddSingleton<IntakeGuard>();
        s.AddScoped<AlarmHandling>();
        // The writer is not a timer: intake needs it running, always.
        s.AddSingleton<AlarmWriter>();
        s.AddHostedService(sp => sp.GetRequiredService<AlarmWriter>());
        s.AddSingleton<SystemWatchService>();
        s.AddSingleton<AlarmEscalationService>();
        // The timers (escalation and watch ticks, heartbeat flushes); the tests turn them off and call the ticks themselves.
        if (config.GetValue("Alarms:RunTimers", true))
        {
            s.AddHostedService(sp => sp.GetRequiredService<SystemWatchService>());
            s.AddHostedService(sp => sp.GetRequiredService<AlarmEscalationService>());
        }
        return s;
    }
}
