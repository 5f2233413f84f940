using System.Globalization;
using System.Net;
using System.Text.Json;
using Jifang.Data;
using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Features.Alarms;

/// <summary>A system of its own for a test (a fresh hotel site, so that acts and findings never touch the shared worlds), with a key.</summary>
public sealed record TestSystem(Guid SiteId, Guid SystemId, Guid CredentialId, string Key, string Division, Guid UnitId);

/// <summary>Helpers of the alarm tests: fresh systems with keys, intake clients, alarm bodies, the ticks, the database.</summary>
public static class AlarmKit
{
    public static async Task<TestSystem> NewSystemAsync(this PlatformFixture fx, string world = "A")
    {
        ArgumentNullException.ThrowIfNull(fx);
        var w = fx.WorldOf(world);
        var admin = fx.Client(Callers.PlatformAdmin);
        var site = (await admin.PostJsonAsync("/api/sites", Bodies.Hotel(w.UnitId, fx.Unique("报警测试旅店"), w.Division)).ExpectAsync(HttpStatusCode.Created)).Id();
        var system = (await admin.PostJsonAsync($"/api/sites/{site}/systems", Bodies.System(fx.Unique("报警测试系统"), "main-entrance")).ExpectAsync(HttpStatusCode.Created)).Id();
        var issued = await admin.PostJsonAsync($"/api/systems/{system}/alarm-credentials", new { label = "测试网关" }).ExpectAsync(HttpStatusCode.Created);
        return new TestSystem(site, system, issued.GetProperty("credential").Id(), issued.Str("key"), w.Division, w.UnitId);
    }

    /// <summary>A client that posts with a system's key (and no user).</summary>
    public static HttpClient IntakeClient(this PlatformFixture fx, string? key)
    {
        ArgumentNullException.ThrowIfNull(fx);
        var client = fx.NewClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeys.Header, key);
        }
        return client;
    }

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static object Alarm(string id, DateTimeOffset time, string device = "大堂红外探测器", string type = "intrusion", string priority = "high", string? description = "测试报警") =>
        new { id, device, time = Iso(time), type, priority, description };

    public static Task<HttpResponseMessage> PostAlarmAsync(this HttpClient client, object body) => client.PostJsonAsync("/api/intake/alarms", body);

    /// <summary>Posts an alarm that must be accepted; returns the platform's id for it.</summary>
    public static async Task<Guid> AcceptedAlarmAsync(this PlatformFixture fx, TestSystem s, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(s);
        using var client = fx.IntakeClient(s.Key);
        var body = await client.PostAlarmAsync(Alarm(id ?? fx.Unique("AL"), fx.Time.GetUtcNow())).ExpectAsync(HttpStatusCode.Accepted);
        return body.GetProperty("alarm").GetGuid();
    }

    /// <summary>
    /// Moves the fake clock on (fx.AdvanceAsync, which signs everyone in again only once their sign-ins are half an hour
    /// old; the sign-in limit counts minutes of this clock, so small steps cannot trip it either).
    /// </summary>
    public static Task MoveClockAsync(this PlatformFixture fx, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(fx);
        return fx.AdvanceAsync(by);
    }

    public static Task<AlarmEscalationService.TickResult> EscalationTickAsync(this PlatformFixture fx) =>
        fx.App.Services.GetRequiredService<AlarmEscalationService>().TickAsync();

    public static Task<SystemWatchService.TickResult> WatchTickAsync(this PlatformFixture fx) =>
        fx.App.Services.GetRequiredService<SystemWatchService>().TickAsync();

    /// <summary>Reads the database as the platform's own jobs do (everything).</summary>
    public static async Task<T> DbAsync<T>(this PlatformFixture fx, Func<JifangDbContext, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await read(db);
    }

    public static Task<int> AlarmCountAsync(this PlatformFixture fx, Guid systemId) =>
        fx.DbAsync(db => db.Alarms.CountAsync(a => a.SystemId == systemId));

    public static async Task<JsonElement> AlarmAsync(this HttpClient client, Guid id) =>
        await client.GetAsync($"/api/alarms/{id}").ExpectAsync(HttpStatusCode.OK);

    public static string[] StepKinds(this JsonElement detail) =>
        detail.GetProperty("steps").EnumerateArray().Select(s => s.Str("kind")).ToArray();
}
