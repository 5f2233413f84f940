using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jifang.Features.Import;

namespace Jifang.Import.Tests;

internal static class ImportHttp
{
    public static MultipartFormDataContent Form(byte[] file, string fileName, string? unit = null, string? division = null, bool dryRun = false)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        if (unit is not null)
        {
            form.Add(new StringContent(unit), "unit");
        }
        if (division is not null)
        {
            form.Add(new StringContent(division), "division");
        }
        if (dryRun)
        {
            form.Add(new StringContent("true"), "dryRun");
        }
        return form;
    }

    public static async Task<(HttpStatusCode Status, ImportReport Report)> PostAsync(
        HttpClient client, byte[] file, string fileName, string? unit = null, string? division = null, bool dryRun = false)
    {
        using var form = Form(file, fileName, unit, division, dryRun);
        using var response = await client.PostAsync("/api/import", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var report = System.Text.Json.JsonSerializer.Deserialize<ImportReport>(text, PlatformFixture.Json);
        Assert.NotNull(report);
        return (response.StatusCode, report);
    }

    public static string Errors(ImportReport report) => string.Join("\n", report.Errors.Select(e => e.Text));

    public static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }
}
