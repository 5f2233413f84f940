using System.Threading.Channels;
using Jifang.Features.Identity;

namespace Jifang.Features.Alarms;

/// <summary>
/// One live event for the consoles: <see cref="Kind"/> is the SSE event name (alarm, alarm-updated, alert), the data is
/// what the console shows. Who receives it is decided by where it happened (division, unit) and whether it concerns the
/// police (<see cref="ForPolice"/>): unit users get their unit's events, police those of the police track in their prefix.
/// </summary>
public sealed record LiveEvent(string Kind, string DivisionCode, Guid UnitId, bool ForPolice, object Data);

/// <summary>
/// Fans live events out to the open console streams (GET /api/alarms/stream), filtered by each subscriber's scope as the
/// query filters would. A console that does not keep up loses its oldest events (it reloads the list on reconnect).
/// </summary>
public sealed class AlarmHub
{
    private readonly Lock _gate = new();
    private Subscription[] _subscribers = [];

    public int Count => Volatile.Read(ref _subscribers).Length;

    public Subscription Subscribe(Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var s = new Subscription(this, scope);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, s];
        }
        return s;
    }

    public void Publish(LiveEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var s in Volatile.Read(ref _subscribers))
        {
            if (s.Wants(e))
            {
                s.Writer.TryWrite(e);
            }
        }
    }

    private void Remove(Subscription s)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(x => x != s)];
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly AlarmHub _hub;
        private readonly Channel<LiveEvent> _channel = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(2000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        internal Subscription(AlarmHub hub, Scope scope)
        {
            _hub = hub;
            Scope = scope;
        }

        public Scope Scope { get; }

        public ChannelReader<LiveEvent> Reader => _channel.Reader;

        internal ChannelWriter<LiveEvent> Writer => _channel.Writer;

        internal bool Wants(LiveEvent e) =>
            Scope.Everything
            || (Scope.UnitId is { } unit && unit == e.UnitId)
            || (e.ForPolice && Scope.DivisionPrefix is { } prefix && e.DivisionCode.StartsWith(prefix, StringComparison.Ordinal));

        public void Dispose()
        {
            _hub.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
