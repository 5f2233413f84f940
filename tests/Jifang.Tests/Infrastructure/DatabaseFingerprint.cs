using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Jifang.Data;
using Jifang.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Infrastructure;

/// <summary>
/// What the database holds, as one hash per table: every row of every table of the model, in key order, every column.
/// Two fingerprints that differ name the tables that changed; "nothing changed" is then a comparison, whatever the
/// operation touched. The audit log's own tables are left out (a refusal is logged on its own, by design).
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly HashSet<Type> Ignored = [typeof(AuditEntry), typeof(AuditCheckpoint), typeof(AuditTreeHead)];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(PlatformFixture fx)
    {
        ArgumentNullException.ThrowIfNull(fx);
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null && !Ignored.Contains(t.ClrType)))
            {
                var table = type.GetTableName()!;
                if (result.ContainsKey(table))
                {
                    continue;
                }
                var store = StoreObjectIdentifier.Table(table, type.GetSchema());
                var keys = type.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!));
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {Quote(table)} ORDER BY {string.Join(", ", keys)}";
                result[table] = await HashAsync(command);
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables whose content differs.</summary>
    public static List<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal).ToList();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<string> HashAsync(DbCommand command)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    Array array => string.Join(",", array.Cast<object>()),
                    var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                };
                hash.AppendData(Encoding.UTF8.GetBytes(value + "\u241F"));
            }
            hash.AppendData("\u241E"u8);
        }
        return $"{rows}:{Convert.ToHexString(hash.GetHashAndReset())[..16]}";
    }
}
