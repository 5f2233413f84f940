using System.Security.Claims;
using Jifang.Features.Identity;

namespace Jifang.Features.Audit;

/// <summary>
/// The audit entries of one request (or command): features queue what they did with <c>Add</c> before they
/// commit, and <see cref="FlushAsync"/> appends them all (one batch, in order) after the commit and before the answer,
/// so an action is acknowledged only once its entries are durable, and an action that failed leaves none.
/// <see cref="Actor"/> is the signed-in user's name (set by the request pipeline), or what a command sets.
/// </summary>
public sealed class AuditTrail(IAuditLog log)
{
    private readonly List<AuditEvent> _pending = [];

    /// <summary>Who acts: the user name, <c>cli:&lt;account&gt;</c> for the command line, <c>system:&lt;job&gt;</c> for jobs.</summary>
    public string Actor { get; set; } = "system";

    public IReadOnlyList<AuditEvent> Pending => _pending;

    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : "anonymous";
    }

    public static string CommandLineActor() => $"cli:{Environment.UserName}";

    /// <summary>Queues an entry by the current actor.</summary>
    public void Add(string action, string? subject, string? division = null, Guid? unit = null, string? detail = null, string? citation = null) =>
        _pending.Add(new AuditEvent(action, Actor, subject, division, unit, citation, detail));

    public void Add(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _pending.Add(entry);
    }

    /// <summary>
    /// Appends what is queued and waits until it is durable. Takes no cancellation token on purpose: once the action is
    /// committed its entries are written and waited for, even if the client has gone.
    /// </summary>
    public async Task<IReadOnlyList<AuditReceipt>> FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return [];
        }
        var entries = _pending.ToList();
        _pending.Clear();
        return await log.AppendManyAsync(entries, CancellationToken.None);
    }

    /// <summary>Drops what is queued (the action it described did not happen).</summary>
    public void Discard() => _pending.Clear();

    /// <summary>Appends one entry now (and waits until it is durable).</summary>
    public Task<AuditReceipt> RecordAsync(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return log.AppendAsync(entry, CancellationToken.None);
    }

    /// <summary>A short description of a scope, for entries about people: the division of a police user or the unit of a unit user.</summary>
    public static (string? Division, Guid? Unit) WhereOf(JifangUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (user.DivisionCode, user.UnitId);
    }
}
