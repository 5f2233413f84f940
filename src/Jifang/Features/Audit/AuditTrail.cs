using System.Security.Claims;
using Jifang.Features.Identity;

namespace Jifang.Features.Audit;

/// <summary>
/// The audit entries of one request (or command). A feature queues what it does with <c>Add</c> BEFORE it saves the
/// change; <see cref="Data.JifangDbContext"/> writes the queued entries into the audit outbox in the same transaction as
/// the change (<see cref="AuditOutboxEntry"/>), so that the change and its entries commit together or not at all.
/// <see cref="FlushAsync"/> then has the log append them (and waits until they are durable there) before the answer.
/// <see cref="Actor"/> is the signed-in user's name (set by the request pipeline), or what a command sets.
/// </summary>
/// <remarks>
/// An entry is checked when it is added (action name, division code; free text is cut to the columns), so that an entry
/// the log would refuse fails the action before anything is saved. Entries added after the change was saved would never
/// reach the log with it: <see cref="FlushAsync"/> refuses them as the programming error they are. Events that accompany
/// no change (a refusal, a sign-in) are appended on their own with <see cref="RecordAsync"/>.
/// </remarks>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    private readonly List<(AuditEvent Event, AuditEntry Row, IAuditReceipted? Keeper)> _queued = [];
    private readonly List<(AuditOutboxEntry Row, IAuditReceipted? Keeper)> _saved = [];

    /// <summary>Who acts: the user name, <c>cli:&lt;account&gt;</c> for the command line, <c>system:&lt;job&gt;</c> for jobs.</summary>
    public string Actor { get; set; } = "system";

    /// <summary>What is queued and not yet saved.</summary>
    public IReadOnlyList<AuditEvent> Pending => _queued.Select(q => q.Event).ToList();

    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : "anonymous";
    }

    public static string CommandLineActor() => $"cli:{Environment.UserName}";

    /// <summary>Queues an entry by the current actor, to be saved with the next change.</summary>
    public void Add(string action, string? subject, string? division = null, Guid? unit = null, string? detail = null, string? citation = null) =>
        Add(new AuditEvent(action, Actor, subject, division, unit, citation, detail));

    /// <summary>
    /// Queues an entry, to be saved with the next change; <paramref name="keeper"/>, a record saved with the same change,
    /// gets the entry's receipt (index and leaf hash) when the log appends it. Throws <see cref="ArgumentException"/> for
    /// an entry the log would refuse.
    /// </summary>
    public void Add(AuditEvent entry, IAuditReceipted? keeper = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _queued.Add((entry, AuditLog.Normalize(Named(entry)), keeper));
    }

    /// <summary>The features log only actions the log can name to its readers (<see cref="AuditActions"/>).</summary>
    private static AuditEvent Named(AuditEvent entry) => AuditActions.IsKnown(entry.Action)
        ? entry
        : throw new ArgumentException($"审计动作 \"{entry.Action}\" 没有中文名称：请先在 AuditActions 中命名", nameof(entry));

    /// <summary>Whether entries are queued for the next save.</summary>
    internal bool HasQueued => _queued.Count > 0;

    /// <summary>
    /// The queued entries as outbox rows, for the DbContext to write in the change's transaction. They count as saved only
    /// once <see cref="Saved"/> is called after the save succeeded; if it failed they are gone with the change.
    /// </summary>
    internal List<AuditOutboxEntry> TakeQueued()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = _queued.Select((q, i) => AuditOutboxEntry.From(
            q.Row, Guid.CreateVersion7(), now, _saved.Count + i, q.Keeper?.GetType().FullName, q.Keeper?.Id)).ToList();
        _taken = _queued.Select(q => q.Keeper).ToList();
        _queued.Clear();
        return rows;
    }

    private List<IAuditReceipted?> _taken = [];

    internal void Saved(List<AuditOutboxEntry> rows) => _saved.AddRange(rows.Select((r, i) => (r, _taken[i])));

    /// <summary>
    /// Has the log append the entries saved with this request's changes, in order, and waits until they are durable there.
    /// Takes no cancellation token on purpose: once the action is committed its entries are written and waited for, even
    /// if the client has gone. Returns the receipts in the order the entries were added.
    /// </summary>
    public async Task<IReadOnlyList<AuditReceipt>> FlushAsync()
    {
        if (_queued.Count > 0)
        {
            var actions = string.Join(", ", _queued.Select(q => q.Event.Action));
            _queued.Clear();
            throw new InvalidOperationException($"审计条目（{actions}）应在保存变更之前加入，与变更一同提交；这些条目未随任何变更保存。");
        }
        if (_saved.Count == 0)
        {
            return [];
        }
        var saved = _saved.ToList();
        _saved.Clear();
        var receipts = await log.AppendSavedAsync(saved.Select(s => s.Row).ToList(), CancellationToken.None);
        // The writer wrote the receipts onto their records in its transaction; the objects in hand get them too.
        for (var i = 0; i < saved.Count; i++)
        {
            if (saved[i].Keeper is { } keeper)
            {
                keeper.AuditIndex = receipts[i].Index;
                keeper.AuditLeafHash = receipts[i].LeafHash;
            }
        }
        return receipts;
    }

    /// <summary>Drops what is queued and not yet saved (the action it described did not happen).</summary>
    public void Discard() => _queued.Clear();

    /// <summary>Appends one entry that accompanies no change (a refusal, a sign-in) now, and waits until it is durable.</summary>
    public Task<AuditReceipt> RecordAsync(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return log.AppendAsync(Named(entry), CancellationToken.None);
    }

    /// <summary>A short description of a scope, for entries about people: the division of a police user or the unit of a unit user.</summary>
    public static (string? Division, Guid? Unit) WhereOf(JifangUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (user.DivisionCode, user.UnitId);
    }
}
