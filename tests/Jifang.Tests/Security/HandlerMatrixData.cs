using System.Linq.Expressions;
using System.Net;
using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Identity;
using Jifang.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// What the page handlers' matrix reads and makes in the database: whether a handler did its work (read past every scope),
/// and the targets the API matrix has no maker for (citizens' requests the portal can find, their steps, a package).
/// </summary>
public static class HandlerMatrixData
{
    /// <summary>The access code of every citizen's request made here.</summary>
    public const string PortalCode = "MATRIXCODE";

    public static async Task<T> DbAsync<T>(this MatrixCall c, Func<JifangDbContext, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await read(db);
    }

    /// <summary>Whether a row of <typeparamref name="T"/> matches, whatever its scope.</summary>
    public static Task<bool> AnyAsync<T>(this MatrixCall c, Expression<Func<T, bool>> where)
        where T : class =>
        c.DbAsync(db => db.Set<T>().IgnoreQueryFilters().AnyAsync(where));

    /// <summary>A citizen's request to copy the records of the last two hours at the site of world A (nmg-2007, which lets citizens see them), filed.</summary>
    public static Task<(Guid Id, string Number)> FreshPortalRequestAsync(this MatrixCall c) => c.DbAsync(async db =>
    {
        var now = c.Fixture.Time.GetUtcNow().UtcDateTime;
        var world = new MatrixCall(c.Fixture, c.Caller, c.Fixture.A);
        var record = await world.FreshRecordAsync();
        var request = new AccessRequest
        {
            Number = "GM-PAGES-" + c.Unique("P").ToUpperInvariant(), Requester = "citizen", Action = "copy", SiteId = c.Fixture.A.SiteId,
            Reason = "矩阵：财物被盗", FromTime = now.AddHours(-2), ToTime = now, State = AccessStates.Filed, CreatedAt = now, CitizenName = "矩阵公民", RequesterRelation = "self",
            CitizenIdNumber = "11010519491231002X", AccessCodeHash = PortalService.Hash(PortalCode), Records = [new AccessRequestRecord { RecordId = record }],
        };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return (request.Id, request.Number);
    });

    /// <summary>A citizen's request the unit of world A consented to (and, when <paramref name="approved"/>, its county police approved), through the API.</summary>
    public static async Task<(Guid Id, string Number)> ConsentedPortalRequestAsync(this MatrixCall c, bool approved)
    {
        var request = await c.FreshPortalRequestAsync();
        await c.Fixture.Client(Callers.UnitAdminA).PostJsonAsync($"/api/access-requests/{request.Id}/consent", new { consent = true }).ExpectAsync(HttpStatusCode.OK);
        if (approved)
        {
            await c.Fixture.Client(Callers.PoliceCounty).PostJsonAsync($"/api/access-requests/{request.Id}/approve", new { approve = true }).ExpectAsync(HttpStatusCode.OK);
        }
        return request;
    }

    /// <summary>A citizen's request with a registered copy and its package, to download.</summary>
    public static async Task<(Guid Id, string Number, Guid Registration)> PackagedPortalRequestAsync(this MatrixCall c)
    {
        var (id, number) = await c.FreshPortalRequestAsync();
        var registration = await c.DbAsync(async db =>
        {
            var r = new AccessRegistration
            {
                RequestId = id, Action = "copy", At = c.Fixture.Time.GetUtcNow().UtcDateTime, RegisteredBy = "citizen:" + number, Persons = "矩阵公民",
                Reason = "矩阵", RecordIds = [], AuditIndex = 0, AuditLeafHash = new string('0', 64), Recipient = "矩阵公民", Package = [0x50, 0x4b, 5, 6],
                PackageSha256 = new string('b', 64),
            };
            db.AccessRegistrations.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        return (id, number, registration);
    }

    /// <summary>Whether the audit log has an entry of <paramref name="action"/> about <paramref name="subject"/>.</summary>
    public static Task<bool> LoggedAsync(this MatrixCall c, string action, string subject) =>
        c.AnyAsync<Jifang.Features.Audit.AuditEntry>(e => e.Action == action && e.Subject == subject);

    /// <summary>A date and time of the platform's clock as a datetime-local field writes it (the platform's local time).</summary>
    public static string LocalField(this MatrixCall c, TimeSpan fromNow)
    {
        ArgumentNullException.ThrowIfNull(c);
        var at = TimeZoneInfo.ConvertTime(c.Fixture.Time.GetUtcNow() + fromNow, c.Fixture.Time.LocalTimeZone);
        return at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
