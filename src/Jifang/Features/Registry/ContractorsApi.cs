using FluentValidation;
using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Jifang.Rules.Divisions;

namespace Jifang.Features.Registry;

public sealed record ContractorRegistration(
    [property: Text(200)] string? Name, [property: Text(18)] string? CreditCode, [property: Text(6)] string? DivisionCode, [property: Text(40)] string? QualificationLevel, bool Qualified, DateOnly? QualifiedUntil);

public sealed record ContractorDto(
    Guid Id, string Name, string? CreditCode, string DivisionCode, string? QualificationLevel, bool Qualified, DateOnly? QualifiedUntil, bool Archived);

public sealed class ContractorRegistrationValidator : AbstractValidator<ContractorRegistration>
{
    public ContractorRegistrationValidator(DivisionSet divisions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("缺少单位名称").MaximumLength(200).WithMessage("单位名称不能超过 200 个字符");
        RuleFor(x => x.DivisionCode).DivisionCode(divisions);
        RuleFor(x => x.CreditCode).Matches("^[0-9A-HJ-NPQRTUWXY]{18}\\z").When(x => !string.IsNullOrEmpty(x.CreditCode))
            .WithMessage("统一社会信用代码应为 18 位数字或大写字母");
        RuleFor(x => x.QualificationLevel).MaximumLength(40).WithMessage("资质等级不能超过 40 个字符");
        RuleFor(x => x.QualifiedUntil).Null().When(x => !x.Qualified).WithMessage("未取得资质的单位不应填写资质有效期");
    }
}

/// <summary>
/// Contractors (从业单位) and their qualification. Scoped like units: police see and register those under their
/// division prefix, the platform administrator all; unit users read every contractor (they choose one) but write none.
/// </summary>
public static class ContractorsApi
{
    public static RouteGroupBuilder MapContractors(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var contractors = api.MapGroup("/contractors").WithTags("从业单位");
        contractors.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        contractors.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        contractors.MapPost("/", Create).RequireAuthorization(Policies.Supervise);
        contractors.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Supervise);
        contractors.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.Supervise);
        return api;
    }

    public static ContractorDto ToDto(Contractor c) =>
        new(c.Id, c.Name, c.CreditCode, c.DivisionCode, c.QualificationLevel, c.Qualified, c.QualifiedUntil, c.Archived);

    internal static async Task<Ok<Page<ContractorDto>>> List(
        JifangDbContext db, string? search, string? division, bool? qualified, bool? archived, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.Contractors.AsNoTracking().Where(c => c.Archived == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(c => c.Name.Contains(search) || (c.CreditCode != null && c.CreditCode == search));
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            q = q.Where(c => c.DivisionCode.StartsWith(division));
        }
        if (qualified is { } ok)
        {
            q = q.Where(c => c.Qualified == ok);
        }
        return TypedResults.Ok(await q.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    internal static async Task<Results<Ok<ContractorDto>, NotFound>> Get(Guid id, JifangDbContext db, CancellationToken ct) =>
        await db.Contractors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(ToDto(c)) : TypedResults.NotFound();

    internal static async Task<Results<Created<ContractorDto>, ValidationProblem, ProblemHttpResult>> Create(
        ContractorRegistration request, JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var contractor = new Contractor { CreatedAt = now };
        Apply(contractor, request, now);
        db.Contractors.Add(contractor);
        await RegistryAudit.SaveAsync(db, audit, "contractor.created", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.Created($"/api/contractors/{contractor.Id}", ToDto(contractor));
    }

    internal static async Task<Results<Ok<ContractorDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ContractorRegistration request, JifangDbContext db, IValidator<ContractorRegistration> validator, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var contractor = await db.Contractors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contractor is null)
        {
            return TypedResults.NotFound();
        }
        var result = await validator.ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToErrors());
        }
        if (!Writable(db.Scope, contractor.DivisionCode) || !Writable(db.Scope, request.DivisionCode!))
        {
            return UnitsApi.OutsideScope("divisionCode", request.DivisionCode!);
        }
        Apply(contractor, request, time.GetUtcNow().UtcDateTime);
        await RegistryAudit.SaveAsync(db, audit, "contractor.updated", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.Ok(ToDto(contractor));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Archive(Guid id, JifangDbContext db, TimeProvider time, AuditTrail audit, CancellationToken ct)
    {
        var contractor = await db.Contractors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contractor is null)
        {
            return TypedResults.NotFound();
        }
        if (!Writable(db.Scope, contractor.DivisionCode))
        {
            return UnitsApi.OutsideScope("divisionCode", contractor.DivisionCode);
        }
        contractor.Archived = true;
        contractor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await RegistryAudit.SaveAsync(db, audit, "contractor.archived", $"contractor:{contractor.Id}", contractor.DivisionCode, null, contractor.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Whether the scope may write a contractor registered under this division: police of it and the administrator.</summary>
    internal static bool Writable(Scope scope, string divisionCode) =>
        scope.Everything || (scope.DivisionPrefix is { } p && divisionCode.StartsWith(p, StringComparison.Ordinal));

    private static void Apply(Contractor contractor, ContractorRegistration request, DateTime now)
    {
        contractor.Name = request.Name!.Trim();
        contractor.CreditCode = UnitsApi.NullIfEmpty(request.CreditCode);
        contractor.DivisionCode = request.DivisionCode!;
        contractor.QualificationLevel = UnitsApi.NullIfEmpty(request.QualificationLevel);
        contractor.Qualified = request.Qualified;
        contractor.QualifiedUntil = request.QualifiedUntil;
        contractor.UpdatedAt = now;
    }
}
