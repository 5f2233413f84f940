using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>What the audit log's lines of the authorization matrix need.</summary>
public static class AuditMatrix
{
    /// <summary>The index of the audit entry that logged the creation of the world's site (in the world's division and unit).</summary>
    public static async Task<long> SiteCreatedIndexAsync(MatrixCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        await using var scope = c.Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var subject = $"site:{c.W.SiteId}";
        return await db.Audit.Where(e => e.Action == "site.created" && e.Subject == subject).Select(e => e.Index).FirstAsync();
    }
}
