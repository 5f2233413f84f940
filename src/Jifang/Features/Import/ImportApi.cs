using System.ComponentModel;
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

    /// <summary>导入场所、技防系统、设备与行为（CSV、Excel 或事实文件）</summary>
    /// <remarks>
    /// <para>以 `multipart/form-data` 上传一个文件（字段 `file`）：CSV、.xlsx 工作簿或 JSON 事实文件，模板见导入页面。先逐行校验，有一处错误即整体拒绝、不导入任何数据；全部通过才写入并评判各场所。记入审计日志。</para>
    /// <para>全部导入时答复 200 与导入报告；被拒绝时答复 400 的问题详情，带同一份报告的字段（`errors` 逐条指明工作表、行、列）；文件过大为 413。请求头 `Accept: text/event-stream` 时改以服务器推送事件答复：校验、写入、评判中的 `progress` 事件，最后一个 `report` 事件（其 `accepted` 表示是否已导入）。</para>
    /// </remarks>
    internal static async Task<Results<Ok<ImportReport>, ProblemHttpResult, ServerSentEventsResult<object>>> Import(
        HttpRequest request,
        [Description("要导入的文件：.csv、.xlsx 或 .json 事实文件")] IFormFile? file,
        [FromForm, Description("默认的使用单位（编号、统一社会信用代码或完整名称）：用于未写明单位的行；事实文件必填")] string? unit,
        [FromForm, Description("默认的行政区划代码（6 位）：用于未写明行政区划的行；不填则用单位的")] string? division,
        [FromForm, Description("`true`：只校验并在内存中评判，不写入任何数据")] bool? dryRun,

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
