using Jifang.Data;
using Jifang.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

/// <summary>
/// Registry changes in the audit log: what was created, updated or archived, by whom, with the names of the fields an
/// update modified (not their values: personal data stays out of a log that can never be edited).
/// </summary>
public static class RegistryAudit
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "UpdatedAt", "CreatedAt" };

    /// <summary>The properties the pending update modifies, e.g. "Name, Address" (empty for a new record).</summary>
    public static string Modified(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        return string.Join(", ", db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Modified)
            .SelectMany(e => e.Properties.Where(p => p.IsModified && !Bookkeeping.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name))
            .Distinct());
    }

    public static string Detail(string? name, string modified)
    {
        var detail = name is { Length: > 0 } ? $"名称：{name}" : "";
        if (modified.Length > 0)
        {
            detail += (detail.Length > 0 ? "；" : "") + $"修改字段：{modified}";
        }
        return detail;
    }

    /// <summary>Saves the pending change together with its audit entry, then returns once the entry is durable in the log.</summary>
    public static async Task SaveAsync(JifangDbContext db, AuditTrail audit, string action, string subject, string? division, Guid? unit, string? name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        audit.Add(action, subject, division, unit, Detail(name, Modified(db)));
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
    }
}
