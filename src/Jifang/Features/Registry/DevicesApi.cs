using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

#pragma warning disable CA1002

/// <summary>设备的登记信息：采集什么、装在哪里</summary>
/// <param name="Name">设备名称，必填，至多 200 字</param>
/// <param name="Kind">设备种类（如摄像机、探测器），至多 100 字</param>
/// <param name="SystemId">所属技防系统的编号（须是同一场所未归档的系统），可空</param>
/// <param name="Captures">采集功能：`video` 视频、`audio` 音频</param>
/// <param name="Zone">安装区域代码：`public` 非隐私区域；涉及隐私的如 `hotel-guest-room` 宾馆客房、`dormitory` 集体宿舍、`nursing-room` 哺乳室、`public-bath` 公共浴室、`changing-room` 更衣室、`toilet` 卫生间、`other-private` 其他涉及个人隐私的区域（全部代码见 `vocabulary.yaml` 的 `zones`）；不填按非隐私区域判定</param>
public sealed record DeviceRequest([property: Text(200)] string? Name, [property: Text(100)] string? Kind, Guid? SystemId, [property: Text(64)] List<string>? Captures, [property: Text(60)] string? Zone);

public sealed record DeviceDto(Guid Id, Guid SiteId, Guid? SystemId, string Name, string Kind, IReadOnlyList<string> Captures, string Zone, bool Archived);

public sealed class DeviceRequestValidator : AbstractValidator<DeviceRequest>
{
    public DeviceRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少设备名称").MaximumLength(200);
        RuleFor(x => x.Kind).MaximumLength(100);
        RuleForEach(x => x.Captures).InVocabulary(Vocab.Captures);
        RuleFor(x => x.Zone!).InVocabulary(Vocab.Zones).When(x => x.Zone is not null);
    }
}

/// <summary>Devices (设备) of a site: what they capture and where they are mounted.</summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/sites/{siteId:guid}/devices", List).WithTags("设备").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/sites/{siteId:guid}/devices", Create).WithTags("设备").RequireAuthorization(Policies.RegistryWrite);
        api.MapGet("/devices/{id:guid}", Get).WithTags("设备").RequireAuthorization(Policies.RegistryRead);
        api.MapPut("/devices/{id:guid}", Update).WithTags("设备").RequireAuthorization(Policies.RegistryWrite);
        api.MapPost("/devices/{id:guid}/archive", Archive).WithTags("设备").RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    public static DeviceDto ToDto(Device d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.SiteId, d.SystemId, d.Name, d.Kind, d.Captures, d.Zone, d.Archived);
    }

    /// <summary>场所的设备</summary>
    /// <remarks>场所未归档的设备，按名称排序，分页；范围外或不存在的场所答复 404。</remarks>
    /// <param name="siteId">场所编号</param>
    /// <param name="zone">安装区域代码：只列装在该区域的设备</param>
    internal static async Task<Results<Ok<Page<DeviceDto>>, NotFound>> List(Guid siteId, JifangDbContext db, string? zone, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.Devices.AsNoTracking().Where(d => d.SiteId == siteId && !d.Archived);
        if (!string.IsNullOrWhiteSpace(zone))
        {
            q = q.Where(d => d.Zone == zone);
        }
        return TypedResults.Ok(await q.OrderBy(d => d.Name).ThenBy(d => d.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>设备详情</summary>
    /// <remarks>范围外或不存在的设备答复 404。</remarks>
    /// <param name="id">设备编号</param>
    internal static async Task<Results<Ok<DeviceDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } d ? TypedResults.Ok(ToDto(d)) : TypedResults.NotFound();

    /// <summary>登记设备</summary>
    /// <remarks>为场所登记一台设备，并立即重新判定该场所（例如在隐私区域采集视频、音频）。所属系统不是该场所的为 400 `systemId`。记入审计日志（`device.created`）。</remarks>
    /// <param name="siteId">场所编号</param>
    /// <param name="request">设备的登记信息</param>
    internal static async Task<Results<Created<DeviceDto>, NotFound, ValidationProblem>> Create(
        Guid siteId, DeviceRequest request, JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId && !s.Archived, ct))
        {
            return TypedResults.NotFound();
        }
        if (await Validate(request, siteId, db, validator, ct) is { } problem)
        {
            return problem;
        }
        var device = new Device { SiteId = siteId };
        Apply(device, request, time.GetUtcNow().UtcDateTime);
        db.Devices.Add(device);
        await compliance.SaveAndRejudgeAsync(siteId, new RegistryChange("device.created", $"device:{device.Id}", device.Name), ct);
        return TypedResults.Created($"/api/devices/{device.Id}", ToDto(device));
    }

    /// <summary>修改设备</summary>
    /// <remarks>以请求中的全部字段替换设备的登记信息，并立即重新判定场所。记入审计日志（`device.updated`）。</remarks>
    /// <param name="id">设备编号</param>
    /// <param name="request">设备的登记信息（全部字段）</param>
    internal static async Task<Results<Ok<DeviceDto>, NotFound, ValidationProblem>> Update(
        Guid id, DeviceRequest request, JifangDbContext db, IValidator<DeviceRequest> validator, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return TypedResults.NotFound();
        }
        if (await Validate(request, device.SiteId, db, validator, ct) is { } problem)
        {
            return problem;
        }
        Apply(device, request, time.GetUtcNow().UtcDateTime);
        await compliance.SaveAndRejudgeAsync(device.SiteId, new RegistryChange("device.updated", $"device:{device.Id}", device.Name), ct);
        return TypedResults.Ok(ToDto(device));
    }

    /// <summary>归档设备</summary>
    /// <remarks>归档后设备不再参与判定，场所立即重新判定。记入审计日志（`device.archived`）。</remarks>
    /// <param name="id">设备编号</param>
    internal static async Task<Results<NoContent, NotFound>> Archive(Guid id, JifangDbContext db, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return TypedResults.NotFound();
        }
        device.Archived = true;
        device.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await compliance.SaveAndRejudgeAsync(device.SiteId, new RegistryChange("device.archived", $"device:{device.Id}", device.Name), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<ValidationProblem?> Validate(DeviceRequest request, Guid siteId, JifangDbContext db, IValidator<DeviceRequest> validator, CancellationToken ct)
    {
        var errors = (await validator.ValidateAsync(request, ct)).ToErrors();
        if (request.SystemId is { } sid && !await db.Systems.AnyAsync(s => s.Id == sid && s.SiteId == siteId && !s.Archived, ct))
        {
            errors["systemId"] = ["该场所没有这个技防系统"];
        }
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    internal static void Apply(Device d, DeviceRequest r, DateTime now)
    {
        d.Name = r.Name!.Trim();
        d.Kind = r.Kind?.Trim() ?? "";
        d.SystemId = r.SystemId;
        d.Captures = r.Captures ?? [];
        d.Zone = r.Zone ?? "public";
        d.UpdatedAt = now;
    }
}
