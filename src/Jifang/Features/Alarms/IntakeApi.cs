using System.Buffers;
using Jifang.Infrastructure;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>
/// Where systems post: <c>POST /api/intake/alarms</c> and <c>POST /api/intake/heartbeats</c>, authenticated by the
/// system's key (header X-Api-Key), not by a user. An alarm is answered 202 only once it is committed; a retry with the
/// same id gets the same answer; a malformed, oversized, future-dated or out-of-order event gets a 400 naming the field
/// and nothing is stored. <c>POST /api/intake/noop</c> (only with Alarms:NoopEndpoint) authenticates, limits and reads an
/// alarm exactly as the intake does and then stores nothing: the benchmark's reference for what the HTTP work costs.
/// </summary>
public static class IntakeApi
{
    public static IEndpointRouteBuilder MapAlarmIntake(this IEndpointRouteBuilder app, bool noop)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A group of its own: the /api group's NUL filter walks handler arguments; the parser here refuses NULs itself.
        var intake = app.MapGroup("/api/intake").DisableAntiforgery().AllowAnonymous().WithApiKeySecurity().WithTags("报警联网接入");
        intake.MapPost("/alarms", PostAlarm).Accepts<AlarmEvent>("application/json").WithBodyDescription("一条报警")
            .Produces<IntakeAnswer>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        intake.MapPost("/heartbeats", PostHeartbeat).Accepts<HeartbeatEvent>("application/json").WithBodyDescription("心跳（可为空）")
            .Produces<HeartbeatAnswer>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        if (noop)
        {
            intake.MapPost("/noop", PostNoop).Accepts<AlarmEvent>("application/json").WithBodyDescription("一条报警（只读取，不保存）").Produces(StatusCodes.Status202Accepted);
        }
        return app;
    }

    /// <summary>报送报警（技防系统）</summary>
    /// <remarks>
    /// <para>以平台签发的密钥（请求头 `X-Api-Key`）报送，不用用户令牌。报警保存后才答复 202（带平台的报警编号）；以同一编号重试得到同样的答复（带 `Idempotent-Replay: true`），同一编号而内容不同的答复 409。格式不对、过大、时间在未来或乱序的答复 400 并指明字段，什么也不保存；暂时无法保存的答复 503，请以同一编号重试。</para>
    /// <para>密钥无效、已轮换或吊销的答复 401；超出速率限制的答复 429（带 `Retry-After`）。报警随即推送给使用单位的值班台，未按时处置的由平台上报公安机关。</para>
    /// </remarks>
    internal static async Task<IResult> PostAlarm(HttpContext http, ApiKeyCache credentials, IntakeGuard guard, AlarmWriter writer,
        TimeProvider time, IOptions<AlarmOptions> options)
    {
        var ct = http.RequestAborted;
        var (credential, refusal) = await AdmitAsync(http, credentials, guard, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (NotJson(http.Request) is { } unsupported)
        {
            return unsupported;
        }
        var o = options.Value;
        var errors = new Dictionary<string, string[]>();
        using var body = await ReadAsync(http.Request, o.MaxBodyBytes, errors, ct);
        var e = body is null ? null : IntakeParser.ParseAlarm(body.Memory, time.GetUtcNow().UtcDateTime, o.ClockSkew, errors);
        if (e is null)
        {
            return TypedResults.ValidationProblem(errors, title: "报警事件无效，未保存");
        }
        IntakeResult result;
        try
        {
            result = await writer.SubmitAsync(credential!, e, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not committed: say so, the system retries with the same id (which makes the retry safe).
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "报警暂未保存",
                detail: "平台暂时无法保存该报警，请以相同编号重试");
        }
        switch (result.Outcome)
        {
            case IntakeOutcome.OutOfOrder:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["time"] = [$"时间早于该系统已接收的最新报警（{result.Latest:yyyy-MM-ddTHH:mm:ss.fffZ}）超过 {o.ReorderWindow.TotalSeconds:0} 秒：事件乱序"],
                }, title: "报警事件无效，未保存");
            case IntakeOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "报警编号已被使用",
                    detail: $"id: \"{e.Id}\" 已用于内容不同的另一条报警（平台编号 {result.AlarmId}）；重试须与原报警内容一致，新报警须用新编号",
                    extensions: new Dictionary<string, object?> { ["field"] = "id", ["alarm"] = result.AlarmId });
            default:
                if (result.Outcome == IntakeOutcome.Duplicate)
                {
                    http.Response.Headers["Idempotent-Replay"] = "true";
                }
                return TypedResults.Accepted($"/api/alarms/{result.AlarmId}", new IntakeAnswer(result.AlarmId, e.Id, result.ReceivedAt));
        }
    }

    /// <summary>报送心跳（技防系统）</summary>
    /// <remarks>以平台签发的密钥（请求头 `X-Api-Key`）报送。答复 202、系统现在的状态与平台期望的心跳间隔（秒）；超过间隔没有心跳的系统判为离线，久未恢复且未登记维护的登记为擅自关闭。时间在未来或乱序的答复 400 `time`；密钥无效的答复 401。</remarks>
    internal static async Task<IResult> PostHeartbeat(HttpContext http, ApiKeyCache credentials, IntakeGuard guard, SystemWatchService watch,
        TimeProvider time, IOptions<AlarmOptions> options)
    {
        var ct = http.RequestAborted;
        var (credential, refusal) = await AdmitAsync(http, credentials, guard, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (NotJson(http.Request) is { } unsupported)
        {
            return unsupported;
        }
        var o = options.Value;
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow().UtcDateTime;
        using var body = await ReadAsync(http.Request, o.MaxBodyBytes, errors, ct);
        var e = body is null ? null : IntakeParser.ParseHeartbeat(body.Memory, now, o.ClockSkew, errors);
        if (e is null)
        {
            return TypedResults.ValidationProblem(errors, title: "心跳无效，未记录");
        }
        var beat = await watch.BeatAsync(credential!, e.Time, now, ct);
        if (beat.Latest is { } latest)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["time"] = [$"时间早于该系统上一次心跳（{latest:yyyy-MM-ddTHH:mm:ss.fffZ}）超过 {o.ReorderWindow.TotalSeconds:0} 秒：事件乱序"],
            }, title: "心跳无效，未记录");
        }
        return TypedResults.Accepted((string?)null, new HeartbeatAnswer(credential!.SystemId, now, beat.State, o.HeartbeatInterval.TotalSeconds));
    }

    /// <summary>空报送（性能测试用）</summary>
    /// <remarks>只在配置 `Alarms:NoopEndpoint` 时存在：与报送报警一样核对密钥、速率限制并读取报警，然后什么也不保存，答复 202。用作性能测试中 HTTP 本身开销的参照。</remarks>
    internal static async Task<IResult> PostNoop(HttpContext http, ApiKeyCache credentials, IntakeGuard guard, TimeProvider time, IOptions<AlarmOptions> options)
    {
        var ct = http.RequestAborted;
        var (_, refusal) = await AdmitAsync(http, credentials, guard, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (NotJson(http.Request) is { } unsupported)
        {
            return unsupported;
        }
        var o = options.Value;
        var errors = new Dictionary<string, string[]>();
        using var body = await ReadAsync(http.Request, o.MaxBodyBytes, errors, ct);
        var e = body is null ? null : IntakeParser.ParseAlarm(body.Memory, time.GetUtcNow().UtcDateTime, o.ClockSkew, errors);
        return e is null ? TypedResults.ValidationProblem(errors) : TypedResults.Accepted((string?)null, new IntakeAnswer(Guid.Empty, e.Id, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>The key (401 when missing, unknown or revoked) and the credential's rate limit (429, and the flood reported).</summary>
    private static async Task<(CredentialInfo? Credential, IResult? Refusal)> AdmitAsync(HttpContext http, ApiKeyCache credentials, IntakeGuard guard, CancellationToken ct)
    {
        var key = http.Request.Headers[ApiKeys.Header].ToString();
        var credential = await credentials.AuthenticateAsync(key, ct);
        if (credential is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "凭据无效",
                detail: string.IsNullOrEmpty(key)
                    ? $"缺少请求头 {ApiKeys.Header}：请使用平台为该技防系统签发的报警联网凭据"
                    : $"{ApiKeys.Header} 无效、已被轮换或已吊销"));
        }
        if (!guard.TryTake(credential.Id))
        {
            await guard.ReportFloodAsync(credential, ct);
            http.Response.Headers.RetryAfter = "1";
            return (credential, TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "超出速率限制",
                detail: "该凭据发送过于频繁，已拒收；洪泛已报告使用单位和公安机关"));
        }
        return (credential, null);
    }

    /// <summary>415 for a body that says it is not JSON (no Content-Type is read as JSON, as devices often send none).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? NotJson(HttpRequest request) =>
        request.ContentType is { Length: > 0 } type && !request.HasJsonContentType()
            ? TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不支持的内容类型",
                detail: $"Content-Type 应为 application/json，实际为 {type}")
            : null;

    /// <summary>The body, at most <paramref name="max"/> bytes; null (and "body" named) when it is larger.</summary>
    private static async Task<PooledBody?> ReadAsync(HttpRequest request, int max, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            errors["body"] = [$"请求体过大：最多 {max} 字节，实际 {request.ContentLength} 字节"];
            return null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        var length = 0;
        try
        {
            int read;
            while (length <= max && (read = await request.Body.ReadAsync(buffer.AsMemory(length, max + 1 - length), ct)) > 0)
            {
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        if (length > max)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            errors["body"] = [$"请求体过大：最多 {max} 字节"];
            return null;
        }
        return new PooledBody(buffer, length);
    }

    private sealed class PooledBody(byte[] buffer, int length) : IDisposable
    {
        public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}

/// <summary>对已接收报警的答复：平台的报警编号、系统自己的编号、保存的时间</summary>
public sealed record IntakeAnswer(Guid Alarm, string Id, DateTime ReceivedAt);

/// <summary>对心跳的答复：系统现在的状态与平台期望的心跳间隔</summary>

public sealed record HeartbeatAnswer(Guid System, DateTime ReceivedAt, string State, double IntervalSeconds);
