using System.Globalization;
using System.Text;

namespace Jifang.AlarmLoad;

internal static class Shared
{
    public static string[] Keys(Options o) => File.ReadAllLines(o.Get("keys")).Where(l => l.Length > 0).ToArray();

    public static HttpClient Client(string url, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), EnableMultipleHttp2Connections = false,
    })
    {
        BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30),
    };

    public static HttpRequestMessage Alarm(string path, string key, string id)
    {
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var body = $"{{\"id\":\"{id}\",\"device\":\"压测探测器\",\"time\":\"{time}\",\"type\":\"intrusion\",\"priority\":\"high\",\"description\":\"压测报警\"}}";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
