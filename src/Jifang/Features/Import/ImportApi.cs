using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Import;

/// <summary>
/// <c>POST /api/import</c>: a multipart upload (field <c>file</c>, optional <c>unit</c>, <c>division</c>, <c>dryRun</c>).
/// Answers the import report: 200 when everything was imported; when nothing was, a ProblemDetails (application/problem+json)
/// that carries the report's members, 400 with the row errors, or 413 for a file over Import:MaxFileBytes. A client that
/// accepts <c>text/event-stream</c> gets Server-Sent Events instead: <c>progress</c> events while the file is checked,
/// written and judged, then one <c>report</c> event (its <c>accepted</c> says whether anything was imported).
/// </summary>
public static class ImportApi
{
    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var limits = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ImportLimits>>().Value;
        api.MapPost("/import", Import).WithTags("导入导出").RequireAuthorization(Policies.RegistryWrite)
            .DisableAntiforgery()
            // Room for the largest file the importer reads and the form around it (Kestrel's default stops at 30 MB).
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxFileBytes + (1 << 20)));
        return api;
    }

    internal static async Task<Results<Ok<ImportReport>, ProblemHttpResult, ServerSentEventsResult<object>>> Import(
        HttpRequest request, IFormFile? file, [FromForm] string? unit, [FromForm] string? division, [FromForm] bool? dryRun,
        Importer importer, IOptions<ImportLimits> limits, CancellationToken ct)
    {
        var options = new ImportOptions(Empty(unit), Empty(division), dryRun ?? false);
        if (file is null)
        {
            return Problem(ImportReport.Rejected("", null, options.DryRun, [ImportError.Option("file", "请以 multipart/form-data 上传文件（字段名 file）")], []));
        }
        if (file.Length > limits.Value.MaxFileBytes)
        {
            // Before the importer reads a byte of it.
            return Problem(ImportReport.Rejected(file.FileName, null, options.DryRun, [Importer.TooLarge(limits.Value)], []), StatusCodes.Status413PayloadTooLarge);
        }
        if (WantsEvents(request))
        {
            return TypedResults.ServerSentEvents(Events(importer, file, options, ct));
        }
        await using var stream = file.OpenReadStream();
        var report = await importer.ImportAsync(stream, file.FileName, options, null, ct);
        return report.Accepted ? TypedResults.Ok(report) : Problem(report);
    }

    /// <summary>A rejected import as a ProblemDetails: the first problem as its detail, the whole report as its members
    /// (the fields of <see cref="ImportReport"/>, so that a client reads the same document whatever the status).</summary>
    private static ProblemHttpResult Problem(ImportReport report, int status = StatusCodes.Status400BadRequest)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = "导入被拒绝，未导入任何数据",
            Detail = report.Errors.Count > 0 ? report.Errors[0].Text : null,
        };
        foreach (var (name, value) in new (string, object?)[]
        {
            ("fileName", report.FileName), ("format", report.Format), ("accepted", report.Accepted), ("dryRun", report.DryRun),
            ("sites", report.Sites), ("systems", report.Systems), ("devices", report.Devices), ("acts", report.Acts), ("findings", report.Findings),
            ("errors", report.Errors), ("warnings", report.Warnings), ("imported", report.Imported),
        })
        {
            problem.Extensions[name] = value;
        }
        return TypedResults.Problem(problem);
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool WantsEvents(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs the import while the events are sent: progress as it comes (at most once per percent), then the report.</summary>
    private static async IAsyncEnumerable<SseItem<object>> Events(Importer importer, IFormFile file, ImportOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<ImportProgress>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var progress = new ThrottledProgress(p => channel.Writer.TryWrite(p));
        var work = Run();
        await foreach (var p in channel.Reader.ReadAllAsync(ct))
        {
            yield return new SseItem<object>(p, "progress");
        }
        yield return new SseItem<object>(await work, "report");

        async Task<ImportReport> Run()
        {
            try
            {
                await using var stream = file.OpenReadStream();
                return await importer.ImportAsync(stream, file.FileName, options, progress, ct);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }
    }
}

/// <summary>Passes progress on synchronously (no thread hop, so nothing arrives after the end), at most once per percent of a stage.</summary>
public sealed class ThrottledProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    private ImportStage? _stage;
    private int _percent = -1;

    public void Report(ImportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var percent = value.Total <= 0 ? 100 : (int)(100L * value.Done / value.Total);
        if (value.Stage == _stage && percent == _percent)
        {
            return;
        }
        _stage = value.Stage;
        _percent = percent;
        report(value);
    }
}
