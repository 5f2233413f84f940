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

    public static string Detail(string? name, string modified, (string From, string To)? move = null)
    {
        var detail = name is { Length: > 0 } ? $"名称：{name}" : "";
        if (modified.Length > 0)
        {
            detail += (detail.Length > 0 ? "；" : "") + $"修改字段：{modified}";
        }
        if (move is { } m)
        {
            detail += (detail.Length > 0 ? "；" : "") + $"行政区划代码：{m.From} → {m.To}";
        }
        return detail;
    }

    /// <summary>
    /// The division codes a pending update moves a record (a site, a unit, a contractor) from and to, if it moves one: a
    /// move is logged with both codes, and once more under the code it left, so that the police who lose sight of the
    /// record see in their own log where it went.
    /// </summary>
    public static (string From, string To)? Move(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Metadata.FindProperty("DivisionCode") is not null && entry.Property("DivisionCode") is { IsModified: true } p
                && p.OriginalValue is string from && p.CurrentValue is string to && !string.Equals(from, to, StringComparison.Ordinal))
            {
                return (from, to);
            }
        }
        return null;
    }

    /// <summary>Queues the entry of a change (and of the move it makes, under the code it left), to be saved with it.</summary>
    public static void Queue(DbContext db, AuditTrail audit, string action, string subject, string? division, Guid? unit, string? name)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var move = Move(db);
        audit.Add(action, subject, division, unit, Detail(name, Modified(db), move));
        if (move is { } m)
        {
            audit.Add(action[..action.IndexOf('.', StringComparison.Ordinal)] + ".moved-out", subject, m.From, unit, $"{(name is { Length: > 0 } ? $"名称：{name}；" : "")}迁出 {m.From}，迁入 {m.To}");
        }
    }

    /// <summary>Saves the pending change together with its audit entries, then returns once they are durable in the log.</summary>
    public static async Task SaveAsync(JifangDbContext db, AuditTrail audit, string action, string subject, string? division, Guid? unit, string? name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        Queue(db, audit, action, subject, division, unit, name);
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
    }
}
