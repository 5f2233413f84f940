using FluentValidation;
using Jifang.Data;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Registry;

/// <summary>对场所或其技防系统实施的一项行为，条例据此判定</summary>
/// <param name="Kind">行为类型代码，必填，如 `system-shut-down` 关闭技防系统、`device-removed` 拆除设备设施、`records-deleted` 删除记录、`records-sold` 买卖信息资料、`secrets-leaked` 泄露秘密、`alarm-not-reported` 确认报警后未报告公安机关（全部代码见 `vocabulary.yaml` 的 `act-kinds`）</param>
/// <param name="Date">行为日期，必填，不晚于今天</param>
/// <param name="Actor">行为人：`unit` 单位、`individual` 个人、`police` 公安机关及其工作人员、`government` 人民政府</param>
/// <param name="Authorized">是否经过批准（如经批准关闭系统）</param>
/// <param name="SeriousConsequences">是否造成严重后果</param>
/// <param name="SystemId">涉及的技防系统编号（须属于该场所），可空</param>
/// <param name="Description">情况说明，至多 2000 字，可换行</param>
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

    /// <summary>场所登记的行为</summary>
    /// <remarks>按日期从近到远，分页；范围外或不存在的场所答复 404。</remarks>
    /// <param name="siteId">场所编号</param>
    internal static async Task<Results<Ok<Page<ActDto>>, NotFound>> List(Guid siteId, JifangDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return TypedResults.NotFound();
        }
        var q = db.Acts.AsNoTracking().Where(a => a.SiteId == siteId).OrderByDescending(a => a.Date).ThenBy(a => a.Id);
        return TypedResults.Ok(await q.ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>登记行为</summary>
    /// <remarks>登记关闭、拆除、删除记录、泄露等行为；它与其他事实一样由条例判定，场所立即重新判定。记入审计日志（`act.created`）。</remarks>
    /// <param name="siteId">场所编号</param>
    /// <param name="request">行为的内容</param>
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
