using System.Text;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Microsoft.Extensions.Time.Testing;

namespace Jifang.Rules.Tests;

/// <summary>Runs the engine on JSON text, the way the CLI does.</summary>
internal static class Judge
{
    public static readonly Lazy<PackSet> RealPacks = new(() => PackSet.Load(Repo.Packs));

    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.FromHours(8)));

    public static CheckOutcome Run(string json, PackSet? packs = null, string? regulation = null, DateOnly? asOf = null, int chunk = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using Stream stream = chunk > 0 ? new TrickleStream(bytes, chunk) : new MemoryStream(bytes);
        return Evaluation.Check(stream, packs ?? RealPacks.Value, regulation, asOf, Clock);
    }

    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, to test buffer boundaries.</summary>
    internal sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
