using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Alarms;

/// <summary>签发报警联网凭据的请求</summary>
/// <param name="Label">凭据名称（如“报警主机”“网关”），必填，至多 100 字</param>
public sealed record CredentialRequest([property: Text(100)] string? Label);

public sealed record CredentialDto(
    Guid Id, Guid SystemId, string Label, DateTime CreatedAt, string CreatedBy, DateTime? RotatedAt, string? RotatedBy,
    DateTime? RevokedAt, string? RevokedBy, bool Active);

/// <summary>凭据及其密钥：只在生成密钥时答复这一次，平台只保存密钥的哈希</summary>
public sealed record IssuedCredentialDto(CredentialDto Credential, string Key, string Header);

/// <summary>
/// Credentials of the systems that post alarms and heartbeats: issued, rotated and revoked by those who may change the
/// registry of the system's site (its unit's administrator, the police of its division), each step audit-logged.
/// </summary>
public static class CredentialsApi
{
    public static RouteGroupBuilder MapAlarmCredentials(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/systems/{systemId:guid}/alarm-credentials", List).WithTags("报警联网").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/systems/{systemId:guid}/alarm-credentials", Issue).WithTags("报警联网").RequireAuthorization(Policies.RegistryWrite);
        api.MapPost("/alarm-credentials/{id:guid}/rotate", Rotate).WithTags("报警联网").RequireAuthorization(Policies.RegistryWrite);
        api.MapPost("/alarm-credentials/{id:guid}/revoke", Revoke).WithTags("报警联网").RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    public static CredentialDto ToDto(AlarmCredential c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.SystemId, c.Label, c.CreatedAt, c.CreatedBy, c.RotatedAt, c.RotatedBy, c.RevokedAt, c.RevokedBy, c.RevokedAt is null);
    }

    /// <summary>技防系统的报警联网凭据</summary>
    /// <remarks>有效的在前，再按签发时间从近到远，分页；不含密钥。范围外或不存在的系统答复 404。</remarks>
    /// <param name="systemId">技防系统编号</param>
    internal static async Task<Results<Ok<Page<CredentialDto>>, NotFound>> List(Guid systemId, JifangDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Systems.AnyAsync(s => s.Id == systemId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.AlarmCredentials.AsNoTracking().Where(c => c.SystemId == systemId).OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.CreatedAt);
        return TypedResults.Ok(await q.ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>签发报警联网凭据</summary>
    /// <remarks>为技防系统签发一个凭据：答复中的 `key`（形如 `jfk_…`）只显示这一次，系统以请求头 `X-Api-Key` 发送它来报送报警与心跳（`/api/intake/…`）。使用单位的管理员与场所所在地的公安机关可以签发。不存在、已归档或范围外的系统答复 404。记入审计日志（`alarm.credential-issued`）。</remarks>
    /// <param name="systemId">技防系统编号</param>
    /// <param name="request">凭据名称</param>
    internal static async Task<Results<Created<IssuedCredentialDto>, NotFound, ValidationProblem>> Issue(
        Guid systemId, CredentialRequest request, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, ApiKeyCache cache, TimeProvider time, CancellationToken ct)
    {
        var system = await db.Systems.Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == systemId && !s.Archived, ct);
        if (system is null)
        {
            return TypedResults.NotFound();
        }
        var label = request.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["label"] = [string.IsNullOrEmpty(label) ? "缺少凭据名称（如“报警主机”“网关”）" : "名称不能超过 100 个字符"],
            });
        }
        var actor = Actors.Of(user);
        var credential = new AlarmCredential
        {
            SystemId = system.Id, Label = label,
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = actor,
        };
        var (key, hash) = ApiKeys.Create(credential.Id);
        credential.SecretHash = hash;
        db.AlarmCredentials.Add(credential);
        audit.Add(new AuditEvent("alarm.credential-issued", actor, $"alarm-credential:{credential.Id}",
            system.Site!.DivisionCode, system.Site.UnitId, null, $"为技防系统“{system.Name}”（{system.Id}）签发报警联网凭据“{credential.Label}”"));
        await db.SaveChangesAsync(ct);
        cache.Invalidate(credential.Id);
        await audit.FlushAsync();
        return TypedResults.Created($"/api/systems/{system.Id}/alarm-credentials", new IssuedCredentialDto(ToDto(credential), key, ApiKeys.Header));
    }

    /// <summary>轮换报警联网凭据的密钥</summary>
    /// <remarks>生成新密钥（答复中只显示这一次），原密钥立即失效。已吊销的凭据不能轮换（409）。记入审计日志（`alarm.credential-rotated`）。</remarks>
    /// <param name="id">凭据编号</param>
    internal static async Task<Results<Ok<IssuedCredentialDto>, NotFound, ProblemHttpResult>> Rotate(
        Guid id, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, ApiKeyCache cache, TimeProvider time, CancellationToken ct)
    {
        var credential = await db.AlarmCredentials.Include(c => c.System!).ThenInclude(s => s.Site).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }
        if (credential.RevokedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "凭据已吊销", detail: "已吊销的凭据不能轮换，请签发新凭据");
        }
        var actor = Actors.Of(user);
        var (key, hash) = ApiKeys.Create(credential.Id);
        credential.SecretHash = hash;
        credential.RotatedAt = time.GetUtcNow().UtcDateTime;
        credential.RotatedBy = actor;
        var site = credential.System!.Site!;
        audit.Add(new AuditEvent("alarm.credential-rotated", actor, $"alarm-credential:{credential.Id}",
            site.DivisionCode, site.UnitId, null, $"轮换技防系统“{credential.System.Name}”的报警联网凭据“{credential.Label}”，原密钥即时失效"));
        await db.SaveChangesAsync(ct);
        cache.Invalidate(credential.Id);
        await audit.FlushAsync();
        return TypedResults.Ok(new IssuedCredentialDto(ToDto(credential), key, ApiKeys.Header));
    }

    /// <summary>吊销报警联网凭据</summary>
    /// <remarks>密钥立即失效，此后以它报送的答复 401；已吊销的再吊销不改变什么。记入审计日志（`alarm.credential-revoked`）。</remarks>
    /// <param name="id">凭据编号</param>
    internal static async Task<Results<Ok<CredentialDto>, NotFound>> Revoke(

        Guid id, ClaimsPrincipal user, JifangDbContext db, AuditTrail audit, ApiKeyCache cache, TimeProvider time, CancellationToken ct)
    {
        var credential = await db.AlarmCredentials.Include(c => c.System!).ThenInclude(s => s.Site).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }
        if (credential.RevokedAt is not null)
        {
            return TypedResults.Ok(ToDto(credential));
        }
        var actor = Actors.Of(user);
        credential.RevokedAt = time.GetUtcNow().UtcDateTime;
        credential.RevokedBy = actor;
        var site = credential.System!.Site!;
        audit.Add(new AuditEvent("alarm.credential-revoked", actor, $"alarm-credential:{credential.Id}",
            site.DivisionCode, site.UnitId, null, $"吊销技防系统“{credential.System.Name}”的报警联网凭据“{credential.Label}”"));
        await db.SaveChangesAsync(ct);
        cache.Invalidate(credential.Id);
        await audit.FlushAsync();
        return TypedResults.Ok(ToDto(credential));
    }
}

/// <summary>Who did something, as receipts and the audit log name them.</summary>
public static class Actors
{
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "unknown";
    }

    public static string? DisplayName(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("jifang:name")?.Value;
    }
}
