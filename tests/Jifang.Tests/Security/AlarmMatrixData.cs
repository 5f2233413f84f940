using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// The alarm records the matrix calls reach, per fixture and world: a key for the world's system (fresh alarms are posted
/// with it through the intake's writer, the real one, so that no rate limit of the fake clock gets in the way) and a
/// system of its own on a fresh site of the world's unit, with a heartbeat, a flood alert and one alarm to find in lists.
/// </summary>
public static class AlarmMatrixData
{
    public sealed record WorldAlarms(CredentialInfo WorldCredential, Guid WatchedSystem, Guid ListedAlarm);

    private static readonly ConcurrentDictionary<(PlatformFixture, string), Lazy<Task<WorldAlarms>>> Cache = new();

    public static Task<WorldAlarms> AlarmsAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var fx = c.Fixture;
        var w = c.W;
        return Cache.GetOrAdd((fx, w.Key), _ => new Lazy<Task<WorldAlarms>>(() => BuildAsync(fx, w))).Value;
    }

    private static async Task<WorldAlarms> BuildAsync(PlatformFixture fx, World w)
    {
        var admin = fx.Client(Callers.PlatformAdmin);
        var services = fx.App.Services;
        var worldCredential = await CredentialAsync(fx, w.SystemId);
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(w.UnitId, fx.Unique("矩阵报警旅店"), w.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await admin.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System(fx.Unique("矩阵报警系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var watched = await CredentialAsync(fx, system);
        var watch = services.GetRequiredService<SystemWatchService>();
        await watch.BeatAsync(watched, null, fx.Time.GetUtcNow().UtcDateTime, default);
        await watch.FlushAsync();
        await services.GetRequiredService<IntakeGuard>().ReportFloodAsync(watched, default);
        var listed = await SubmitAsync(fx, watched, fx.Unique("MATRIX-LIST"));
        return new WorldAlarms(worldCredential, system, listed);
    }

    public static async Task<CredentialInfo> CredentialAsync(PlatformFixture fx, Guid systemId)
    {
        var issued = await fx.Client(Callers.PlatformAdmin).PostJsonAsync($"/api/systems/{systemId}/alarm-credentials", new { label = "矩阵" }).ExpectAsync(HttpStatusCode.Created);
        return await fx.App.Services.GetRequiredService<ApiKeyCache>().AuthenticateAsync(issued.Str("key"), default)
            ?? throw new InvalidOperationException("the key just issued does not authenticate");
    }

    public static async Task<Guid> SubmitAsync(PlatformFixture fx, CredentialInfo credential, string id)
    {
        var e = new AlarmEvent(id, "矩阵探测器", TruncatedNow(fx), "intrusion", "high", null);
        var result = await fx.App.Services.GetRequiredService<AlarmWriter>().SubmitAsync(credential, e, default);
        Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        return result.AlarmId;
    }

    private static DateTime TruncatedNow(PlatformFixture fx)
    {
        var now = fx.Time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    /// <summary>A new alarm of the world's system, not yet handled.</summary>
    public static async Task<Guid> FreshAlarmAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var data = await c.AlarmsAsync();
        return await SubmitAsync(c.Fixture, data.WorldCredential, c.Unique("MATRIX"));
    }

    /// <summary>A new alarm of the world's system, confirmed by its unit and so reported to the county police.</summary>
    public static async Task<Guid> FreshReportedAlarmAsync(this MatrixCall c)
    {
        var id = await c.FreshAlarmAsync();
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        var unitUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "matrix-setup")], "test"));
        var done = await scope.ServiceProvider.GetRequiredService<AlarmHandling>().ConfirmAsync(id, unitUser, default);
        Assert.Equal(StatusCodes.Status200OK, done.Status);
        return id;
    }

    /// <summary>A new alarm of the world's system, confirmed and then signed for (签收) by the county police of the world's division.</summary>
    public static async Task<Guid> FreshAcknowledgedAlarmAsync(this MatrixCall c)
    {
        var id = await c.FreshReportedAlarmAsync();
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        var county = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "matrix-setup-police"), new Claim(ClaimTypes.Role, Roles.PoliceCounty), new Claim(Scope.DivisionClaim, c.W.Division)], "test"));
        var done = await scope.ServiceProvider.GetRequiredService<AlarmHandling>().AcknowledgeAsync(id, county, default);
        Assert.Equal(StatusCodes.Status200OK, done.Status);
        return id;
    }

    /// <summary>A new credential of the world's system.</summary>
    public static async Task<Guid> FreshCredentialAsync(this MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var issued = await c.Fixture.Client(Callers.PlatformAdmin).PostJsonAsync($"/api/systems/{c.W.SystemId}/alarm-credentials", new { label = "矩阵" })
            .ExpectAsync(HttpStatusCode.Created);
        return issued.GetProperty("credential").Id();
    }
}
