using System.Buffers.Binary;

namespace Jifang.Features.Demo;

/// <summary>
/// The one source of chance in the demo data: a fixed seed, so that every run builds the same
/// dataset, down to the identifiers. Not for anything secret.
/// </summary>
internal sealed class DemoRandom(int seed, DateTime epoch)
{
#pragma warning disable CA5394 // deterministic demo data, not security
    private readonly Random _random = new(seed);
    private long _sequence;

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Up to <paramref name="count"/> distinct items, in their original order.</summary>
    public List<T> Some<T>(IReadOnlyList<T> items, int count)
    {
        var indexes = Enumerable.Range(0, items.Count).OrderBy(_ => _random.Next()).Take(count).Order();
        return indexes.Select(i => items[i]).ToList();
    }

    public DateOnly Date(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A version-7 identifier whose time part counts up from the epoch and whose random part comes from the seed.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = new DateTimeOffset(epoch, TimeSpan.Zero).ToUnixTimeMilliseconds() + _sequence++;
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, ms);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
#pragma warning restore CA5394
}
