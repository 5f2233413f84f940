using System.Data.Common;
using System.Globalization;
using System.Text;
using Jifang.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jifang.Features.Audit;

/// <summary>
/// An audit entry saved in the same transaction as the change it describes (a transactional outbox). The log itself is
/// written by one group-commit writer on a connection of its own, so a change cannot share the log's transaction; instead
/// <see cref="Data.JifangDbContext"/> writes the change's queued entries here, inside the change's transaction, and the
/// change and its entries commit together or not at all. The writer then moves the rows into the log (it appends them
/// and deletes them in one transaction), right after the commit for the request that made them, or — when the process
/// died in between — later, by <see cref="AuditLog.RecoverAsync"/>.
/// </summary>
public sealed class AuditOutboxEntry
{
    /// <summary>A version-7 GUID made by the process that saved the change.</summary>
    public Guid Id { get; set; }

    /// <summary>When the change was saved (the platform's clock): orphans are recovered in this order.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The entry's place among the entries saved with the same change.</summary>
    public int Position { get; set; }

    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Subject { get; set; }
    public string? DivisionCode { get; set; }
    public Guid? UnitId { get; set; }
    public string? Citation { get; set; }
    public string? Detail { get; set; }

    /// <summary>The entity type (EF Core's name for it) of the record that keeps this entry's receipt, if one does.</summary>
    public string? ReceiptType { get; set; }

    /// <summary>The id of the record that keeps this entry's receipt (<see cref="IAuditReceipted"/>).</summary>
    public Guid? ReceiptId { get; set; }

    internal static AuditOutboxEntry From(AuditEntry row, Guid id, DateTime createdAt, int position, string? receiptType, Guid? receiptId) => new()
    {
        Id = id, CreatedAt = createdAt, Position = position, Action = row.Action, Actor = row.Actor, Subject = row.Subject,
        DivisionCode = row.DivisionCode, UnitId = row.UnitId, Citation = row.Citation, Detail = row.Detail,
        ReceiptType = receiptType, ReceiptId = receiptId,
    };

    internal AuditEntry ToEntry() => new()
    {
        Action = Action, Actor = Actor, Subject = Subject, DivisionCode = DivisionCode, UnitId = UnitId, Citation = Citation, Detail = Detail,
    };
}

public sealed class AuditOutboxEntryConfiguration : IEntityTypeConfiguration<AuditOutboxEntry>
{
    public void Configure(EntityTypeBuilder<AuditOutboxEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_outbox");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        AuditEntryConfiguration.EntryColumns(builder);
        builder.Property(x => x.ReceiptType).HasMaxLength(128);
        builder.HasIndex(x => new { x.CreatedAt, x.Position });
    }
}

/// <summary>
/// A record that keeps the receipt of its audit entry (an alarm's step, an alert, an access registration, a refused
/// deletion): the log's writer fills <see cref="AuditIndex"/> and <see cref="AuditLeafHash"/> in the same transaction as it
/// appends the entry, whether right after the change or when it recovers the entry after a crash; until then they are null.
/// </summary>
public interface IAuditReceipted
{
    Guid Id { get; }

    long? AuditIndex { get; set; }

    string? AuditLeafHash { get; set; }
}

/// <summary>The outbox's statements: rows written with a change, and taken out by the log's writer.</summary>
internal static class AuditOutboxStore
{
    /// <summary>At most this many ids in one statement: far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int IdsPerStatement = 500;

    /// <summary>Writes rows in the transaction that is open on the context's connection (the change's own).</summary>
    public static async Task InsertAsync(JifangDbContext db, List<AuditOutboxEntry> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("审计待写条目只能写在变更的事务中");
        using var writer = RowWriter.For<AuditOutboxEntry>(db, transaction.Connection!, transaction, 1);
        ct.ThrowIfCancellationRequested();
        await writer.InsertAsync(rows);
    }

    /// <summary>Writes each receipt onto the record that keeps it (<see cref="IAuditReceipted"/>), in the writer's transaction.</summary>
    public static async Task WriteReceiptsAsync(JifangDbContext db, DbConnection connection, DbTransaction transaction, IEnumerable<(string Type, Guid Id, AuditEntry Entry)> receipts)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var group in receipts.GroupBy(r => r.Type, StringComparer.Ordinal))
        {
            var type = db.Model.FindEntityType(group.Key) ?? throw new InvalidOperationException($"没有实体类型 {group.Key}");
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var id = type.FindProperty(nameof(IAuditReceipted.Id))!;
            var index = type.FindProperty(nameof(IAuditReceipted.AuditIndex))!;
            var hash = type.FindProperty(nameof(IAuditReceipted.AuditLeafHash))!;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {sql.DelimitIdentifier(index.GetColumnName(table)!)} = @index, " +
                $"{sql.DelimitIdentifier(hash.GetColumnName(table)!)} = @hash WHERE {sql.DelimitIdentifier(id.GetColumnName(table)!)} = @id";
            var p = (Index: Parameter(command, index, "@index"), Hash: Parameter(command, hash, "@hash"), Id: Parameter(command, id, "@id"));
            foreach (var (_, key, entry) in group)
            {
                p.Index.Value = entry.Index;
                p.Hash.Value = Convert.ToHexStringLower(entry.LeafHash);
                p.Id.Value = Provider(id, key);
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private static DbParameter Parameter(DbCommand command, IProperty property, string name)
    {
        var parameter = ((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static object? Provider(IProperty property, object value) =>
        property.GetRelationalTypeMapping().Converter is { } c ? c.ConvertToProvider(value) : value;

    /// <summary>
    /// Deletes the rows of these ids that are still there and returns their ids (DELETE … RETURNING, which SQLite and
    /// PostgreSQL both have). On PostgreSQL a concurrent taker waits for this transaction and then finds them gone; on
    /// SQLite writers are serialized. Either way an entry is appended by one writer only.
    /// </summary>
    public static async Task<HashSet<Guid>> TakeAsync(JifangDbContext db, DbConnection connection, DbTransaction transaction, List<Guid> ids)
    {
        var type = db.Model.FindEntityType(typeof(AuditOutboxEntry))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var idProperty = type.FindProperty(nameof(AuditOutboxEntry.Id))!;
        var mapping = (RelationalTypeMapping)idProperty.GetRelationalTypeMapping();
        var sql = db.GetService<ISqlGenerationHelper>();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var column = sql.DelimitIdentifier(idProperty.GetColumnName(table)!);
        var taken = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(IdsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@id{i}");
                names.Append(i == 0 ? name : ", " + name);
                var parameter = mapping.CreateParameter(command, name, Provider(idProperty, chunk[i]), nullable: false);
                command.Parameters.Add(parameter);
            }
            command.CommandText = $"DELETE FROM {tableName} WHERE {column} IN ({names}) RETURNING {column}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                taken.Add(reader.GetGuid(0));
            }
        }
        return taken;
    }
}

/// <summary>
/// The audit log could not take a change's entries: the change was rolled back with them (HTTP 503 with a Chinese
/// ProblemDetails; the command line exits non-zero). Nothing of the action happened.
/// </summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
        : base("审计日志无法写入，操作未执行。")
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
