using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

public sealed record ActRequest(
    [property: Text(60)] string? Kind, DateOnly? Date, [property: Text(20)] string? Actor, bool Authorized, bool SeriousConsequences, Guid? SystemId, [property: Text(2000, MultiLine = true)] string? Description);

public sealed record ActDto(Guid Id, Guid SiteId, Guid? SystemId, string Kind, DateOnly Date, string? Actor, bool Authorized, bool SeriousConsequences, string? Description);

public sealed class ActRequestValidator : AbstractValidator<ActRequest>
{
    public ActRequestValidator(TimeProvider time)
    {
        RuleFor(x => x.Kind).NotEmpty().WithMessage("缺少行为类型");
        RuleFor(x => x.Kind!).InVocabulary(Vocab.ActKinds).When(x => !string.IsNullOrEmpty(x.Kind));
        RuleFor(x => x.Date).NotNull().WithMessage("缺少行为日期");
        RuleFor(x => x.Date).Must(d => d is null || d <= DateOnly.FromDateTime(time.GetLocalNow().DateTime).AddDays(1))
            .WithMessage("行为日期不能晚于今天");
        RuleFor(x => x.Actor!).InVocabulary(Vocab.ActorKinds).When(x => x.Actor is not null);
        RuleFor(x => x.Description).MaximumLength(2000);
    }
}

/// <summary>Conduct registered against a site (关闭、拆除、泄露…), judged by the engine like any other fact.</summary>
public static class ActsApi
{
    public static RouteGroupBuilder MapActs(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/sites/{siteId:guid}/acts", List).WithTags("行为").RequireAuthorization(Policies.RegistryRead);
        api.MapPost("/sites/{siteId:guid}/acts", Create).WithTags("行为").RequireAuthorization(Policies.RegistryWrite);
        return api;
    }

    public static ActDto ToDto(RegisteredAct a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.SiteId, a.SystemId, a.Kind, a.Date, a.Actor, a.Authorized, a.SeriousConsequences, a.Description);
    }

    internal static async Task<Results<Ok<Page<ActDto>>, NotFound>> List(Guid siteId, JifangDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.Acts.AsNoTracking().Where(a => a.SiteId == siteId).OrderByDescending(a => a.Date).ThenBy(a => a.Id);
        return TypedResults.Ok(await q.ToPageAsync(page, pageSize, ToDto, ct));
    }

    internal static async Task<Results<Created<ActDto>, NotFound, ValidationProblem>> Create(
        Guid siteId, ActRequest request, JifangDbContext db, IValidator<ActRequest> validator, ComplianceService compliance, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId && !s.Archived, ct))
        {
            return TypedResults.NotFound();
        }
        var errors = (await validator.ValidateAsync(request, ct)).ToErrors();
        if (request.SystemId is { } sid && !await db.Systems.AnyAsync(s => s.Id == sid && s.SiteId == siteId, ct))
        {
            errors["systemId"] = ["该场所没有这个技防系统"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var act = new RegisteredAct
        {
            SiteId = siteId, SystemId = request.SystemId, Kind = request.Kind!, Date = request.Date!.Value, Actor = request.Actor,
            Authorized = request.Authorized, SeriousConsequences = request.SeriousConsequences,
            Description = UnitsApi.NullIfEmpty(request.Description), CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Acts.Add(act);
        await compliance.SaveAndRejudgeAsync(siteId, new RegistryChange("act.created", $"act:{act.Id}", act.Kind), ct);
        return TypedResults.Created($"/api/sites/{siteId}/acts/{act.Id}", ToDto(act));
    }
}
