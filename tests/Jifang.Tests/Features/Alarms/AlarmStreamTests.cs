using System.Net;
using System.Text.Json;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Features.Alarms;

/// <summary>The consoles' live stream (Server-Sent Events): each subscriber gets the events of its scope, and only those.</summary>
public abstract class AlarmStreamTests(PlatformFixture fx)
{
    /// <summary>An open stream: the events as they come, after "ready".</summary>
    private sealed class Stream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;
        private readonly CancellationTokenSource _cancel = new(TimeSpan.FromSeconds(30));

        private Stream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<Stream> OpenAsync(HttpClient client)
        {
            var response = await client.GetAsync(new Uri("/api/alarms/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = new Stream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            Assert.Equal("ready", (await stream.NextAsync()).Event);
            return stream;
        }

        public async Task<(string Event, JsonElement Data)> NextAsync()
        {
            string? name = null;
            string? data = null;
            while (await _reader.ReadLineAsync(_cancel.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
                else if (line.Length == 0 && name is not null)
                {
                    return (name, Http.Parse(data ?? "{}"));
                }
            }
            throw new InvalidOperationException("the stream ended");
        }

        /// <summary>The next event about the alarm with this external id, skipping others.</summary>
        public async Task<(string Event, JsonElement Data)> NextAboutAsync(string externalId)
        {
            while (true)
            {
                var e = await NextAsync();
                if (e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("externalId", out var x) && x.GetString() == externalId)
                {
                    return e;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _cancel.CancelAsync();
            _reader.Dispose();
            _response.Dispose();
            _cancel.Dispose();
        }
    }

    [Fact]
    public async Task A_new_alarm_reaches_its_units_console_and_once_confirmed_the_police_and_no_one_else()
    {
        var a = await fx.NewSystemAsync("A");
        var b = await fx.NewSystemAsync("B");
        using var operatorA = fx.NewClient(Callers.UnitOperatorA);
        using var operatorB = fx.NewClient(Callers.UnitOperatorB);
        using var county = fx.NewClient(Callers.PoliceCounty);
        await using var streamA = await Stream.OpenAsync(operatorA);
        await using var streamB = await Stream.OpenAsync(operatorB);
        await using var streamCounty = await Stream.OpenAsync(county);

        var idA = fx.Unique("SSE-A");
        var alarmA = await fx.AcceptedAlarmAsync(a, idA);
        var seen = await streamA.NextAboutAsync(idA);
        Assert.Equal("alarm", seen.Event);
        Assert.Equal(alarmA, seen.Data.Id());
        Assert.Equal("大堂红外探测器", seen.Data.Str("device"));
        Assert.StartsWith("报警测试旅店", seen.Data.Str("siteName"), StringComparison.Ordinal);

        // Unit B's console gets B's alarm next, not A's.
        var idB = fx.Unique("SSE-B");
        await fx.AcceptedAlarmAsync(b, idB);
        var first = await streamB.NextAsync();
        Assert.Equal(idB, first.Data.Str("externalId"));

        // The police hear of A's alarm once it is reported, not before.
        await fx.Client(Callers.UnitOperatorA).PostAsync(new Uri($"/api/alarms/{alarmA}/confirm", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        var police = await streamCounty.NextAboutAsync(idA);
        Assert.Equal("alarm-updated", police.Event);
        Assert.Equal("county", police.Data.Str("policeLevel"));
    }

    [Fact]
    public async Task A_probe_of_the_stream_ends_after_ready_and_bad_lifetimes_are_400()
    {
        var body = await fx.Client(Callers.PoliceCity).GetStringAsync(new Uri("/api/alarms/stream?seconds=0", UriKind.Relative));
        Assert.StartsWith("event: ready", body, StringComparison.Ordinal);
        await fx.Client(Callers.PoliceCity).GetAsync(new Uri("/api/alarms/stream?seconds=7200", UriKind.Relative)).ExpectValidationAsync("seconds");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AlarmStreamSqlite(SqliteFixture fx) : AlarmStreamTests(fx);

[Collection(PostgresCollection.Name)]
public sealed class AlarmStreamPostgres(PostgresFixture fx) : AlarmStreamTests(fx);
