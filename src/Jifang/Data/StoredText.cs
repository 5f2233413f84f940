using Jifang.Rules.Text;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Data;

/// <summary>
/// The text rule's last guard, where every path ends — the API, the pages, imports, the command line, the platform's own
/// jobs: before a save, every string an added or modified entity carries is checked against its column (the model's
/// maximum length) and against the rule's characters (no NUL or other control character but line breaks and tabs, no lone
/// surrogate). What the requests' own checks let through is refused here as bad input (<see cref="StoredTextException"/>,
/// a 400 naming entity and property), never as the database's error (a 500, or on SQLite a value silently longer than its
/// column), and nothing is saved.
/// </summary>
internal static class StoredText
{
    public static void Check(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }
                if (PlainText.Problem(text, multiLine: true, property.Metadata.GetMaxLength() ?? int.MaxValue) is { } problem)
                {
                    throw new StoredTextException(entry.Metadata.ClrType.Name, property.Metadata.Name, problem);
                }
            }
        }
    }
}

/// <summary>A string the database would refuse or mangle, caught before the save: the client's error (400), naming where.</summary>
public sealed class StoredTextException : Exception
{
    public StoredTextException()
    {
    }

    public StoredTextException(string message)
        : base(message)
    {
    }

    public StoredTextException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoredTextException(string entity, string property, string problem)
        : base($"{entity}.{property}：{problem}")
    {
        Field = char.ToLowerInvariant(entity[0]) + entity[1..] + "." + char.ToLowerInvariant(property[0]) + property[1..];
        Problem = problem;
    }

    /// <summary>"site.name": the entity and property, as an error's key.</summary>
    public string Field { get; } = "";

    public string Problem { get; } = "";
}
