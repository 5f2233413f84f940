using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jifang.E2E;

/// <summary>An alarm posted as the demo's keyed system does (its key is <see cref="PlatformServer.DemoAlarmKey"/>): 大堂红外探测器, 入侵报警, 紧急.</summary>
public static class DemoAlarm
{
    /// <summary>Posts it (with another priority if given) and answers the platform's id of the alarm.</summary>
    public static async Task<Guid> PostAsync(PlatformServer server, string externalId, string priority = "critical")
    {
        ArgumentNullException.ThrowIfNull(server);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/alarms")
        {
            Content = JsonContent.Create(new
            {
                id = externalId,
                device = "大堂红外探测器",
                time = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                type = "intrusion",
                priority,
                description = "端到端测试",
            }),
        };
        request.Headers.Add("X-Api-Key", PlatformServer.DemoAlarmKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("alarm").GetGuid();
    }

    /// <summary>An id of the system's own for a new alarm.</summary>
    public static string NewExternalId() => $"E2E-{Guid.NewGuid():N}"[..20];
}
