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

    internal static async Task<Results<Ok<DeviceDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } d ? TypedResults.Ok(ToDto(d)) : TypedResults.NotFound();

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
