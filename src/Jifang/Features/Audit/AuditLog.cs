using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jifang.Features.Audit;

/// <summary>
/// One security-relevant action, as a feature hands it to the audit log: what was done
/// (<see cref="Action"/>, a dotted name such as <c>site.updated</c>, <c>record.delete-refused</c>,
/// <c>retrieval.copied</c>, <c>alarm.confirmed</c>, <c>auth.signed-in</c>), by whom
/// (<see cref="Actor"/>: a user name, <c>system:&lt;job&gt;</c> or <c>credential:&lt;id&gt;</c>), on what
/// (<see cref="Subject"/>, e.g. <c>site:&lt;id&gt;</c>), where (division code and unit, for scope), the
/// article it rests on when the platform decided something (<see cref="Citation"/>, e.g.
/// <c>province-2012 art. 21</c>) and free detail.
/// </summary>
public sealed record AuditEvent(
    string Action,
    string Actor,
    string? Subject = null,
    string? DivisionCode = null,
    Guid? UnitId = null,
    string? Citation = null,
    string? Detail = null);

/// <summary>What the log gives back once an entry is durable: its index in the log, its RFC 6962 leaf hash and its time.</summary>
public sealed record AuditReceipt(long Index, string LeafHash, DateTime At);

/// <summary>
/// The append-only audit log. <see cref="AppendAsync"/> returns only once the entry is committed to the
/// database, so that a feature acknowledges an action only after its entry is durable.
/// </summary>
public interface IAuditLog
{
    Task<AuditReceipt> AppendAsync(AuditEvent entry, CancellationToken ct = default);

    /// <summary>
    /// Appends several entries, in this order and with consecutive indexes when the implementation can (the group-commit
    /// log does: they go into one batch); returns once all are durable, the receipts in the order given.
    /// </summary>
    async Task<IReadOnlyList<AuditReceipt>> AppendManyAsync(IReadOnlyList<AuditEvent> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var receipts = new List<AuditReceipt>(entries.Count);
        foreach (var entry in entries)
        {
            receipts.Add(await AppendAsync(entry, ct));
        }
        return receipts;
    }

    /// <summary>
    /// Appends entries that were saved in the audit outbox together with their change (see <see cref="AuditTrail"/>),
    /// deleting them from the outbox in the same transaction; returns once they are durable in the log, the receipts in
    /// the order given. An entry no longer in the outbox (its change was rolled back, or another process appended it)
    /// fails the call and is not appended again.
    /// </summary>
    Task<IReadOnlyList<AuditReceipt>> AppendSavedAsync(IReadOnlyList<AuditOutboxEntry> rows, CancellationToken ct = default);
}

/// <summary>A stored entry. <see cref="Index"/> is dense from 0 in append order: the leaf number in the Merkle tree.</summary>
public sealed class AuditEntry
{
    public long Index { get; set; }
    public DateTime At { get; set; }
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Subject { get; set; }
    public string? DivisionCode { get; set; }
    public Guid? UnitId { get; set; }
    public string? Citation { get; set; }
    public string? Detail { get; set; }
    public byte[] LeafHash { get; set; } = [];

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    // One buffer and writer per thread, reused: the log writes and verifies millions of entries.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    /// <summary>
    /// The canonical bytes of the entry: UTF-8 JSON with the fields in this fixed order, no whitespace,
    /// time as UTC ISO 8601 with 7 fractional digits. The leaf hash is SHA-256(0x00 || these bytes).
    /// </summary>
    public byte[] CanonicalBytes()
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var w = _threadWriter ??= new Utf8JsonWriter(buffer, Writer);
        w.Reset(buffer);
        {
            w.WriteStartObject();
            w.WriteNumber("index", Index);
            w.WriteString("at", DateTime.SpecifyKind(At, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("action", Action);
            w.WriteString("actor", Actor);
            w.WriteString("subject", Subject);
            w.WriteString("division", DivisionCode);
            w.WriteString("unit", UnitId?.ToString("D"));
            w.WriteString("citation", Citation);
            w.WriteString("detail", Detail);
            w.WriteEndObject();
            w.Flush();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 6962 leaf hash: SHA-256(0x00 || canonical bytes).</summary>
    public byte[] ComputeLeafHash() => Merkle.LeafHash(CanonicalBytes());
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    /// <summary>The columns of an entry's content, the same wherever an entry is kept (the log, the outbox).</summary>
    internal static void EntryColumns<T>(EntityTypeBuilder<T> builder) where T : class
    {
        builder.Property<string>(nameof(AuditEntry.Action)).HasMaxLength(64).IsRequired();
        builder.Property<string>(nameof(AuditEntry.Actor)).HasMaxLength(256).IsRequired();
        builder.Property<string?>(nameof(AuditEntry.Subject)).HasMaxLength(128);
        builder.Property<string?>(nameof(AuditEntry.DivisionCode)).HasMaxLength(6);
        builder.Property<string?>(nameof(AuditEntry.Citation)).HasMaxLength(128);
        builder.Property<string?>(nameof(AuditEntry.Detail)).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_entries");
        builder.HasKey(x => x.Index);
        builder.Property(x => x.Index).ValueGeneratedNever();
        EntryColumns(builder);
        builder.Property(x => x.LeafHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(x => new { x.DivisionCode, x.Index });
        builder.HasIndex(x => new { x.UnitId, x.Index });
        builder.HasIndex(x => new { x.Subject, x.Index });
    }
}

