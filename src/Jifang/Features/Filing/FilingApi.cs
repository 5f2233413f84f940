using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Filing;

/// <summary>提交备案（或备案变更）</summary>
/// <param name="SystemId">技防系统编号（含视频子系统，须是本单位的系统）</param>
/// <param name="Confirmed">单位确认所备案的信息（由平台依登记信息填写）真实，必须为 `true`（第十四条第二款：管理单位对备案信息的真实性负责）</param>
public sealed record FilingInput(Guid? SystemId, bool? Confirmed);

/// <summary>退回后更正重新提交</summary>
/// <param name="Confirmed">单位确认更正后的信息真实，必须为 `true`</param>
/// <param name="Note">更正说明，至多 500 字，可换行</param>
public sealed record ResubmitInput(bool? Confirmed, [property: Text(500, MultiLine = true)] string? Note);

/// <summary>公安机关退回备案</summary>
/// <param name="Reason">退回理由，必填，至多 1000 字，可换行</param>
public sealed record ReturnInput([property: Text(1000, MultiLine = true)] string? Reason);

/// <summary>备案的一个步骤</summary>
/// <param name="Action">`submitted` 提交、`resubmitted` 更正后重新提交、`accepted` 受理、`returned` 退回</param>
/// <param name="ActionLabel">步骤的中文名称</param>
/// <param name="At">时间（UTC）</param>
/// <param name="By">办理人账户</param>
/// <param name="ByName">办理人姓名</param>
/// <param name="Role">办理人角色</param>
/// <param name="RoleLabel">角色的中文名称</param>
/// <param name="Note">理由或说明</param>
public sealed record FilingStepDto(string Action, string ActionLabel, DateTime At, string By, string? ByName, string? Role, string? RoleLabel, string? Note);

/// <summary>一份备案（或备案变更）</summary>
/// <param name="Id">备案编号</param>
/// <param name="Kind">`initial` 备案、`change` 备案变更</param>
/// <param name="KindLabel">种类的中文名称</param>
/// <param name="State">`pending` 待审核、`returned` 已退回、`accepted` 已备案、`superseded` 已由备案变更取代</param>
/// <param name="StateLabel">状态的中文名称</param>
/// <param name="SystemId">技防系统编号</param>
/// <param name="SiteId">场所编号</param>
/// <param name="UnitId">管理单位编号</param>
/// <param name="Facts">所备案的信息（提交时的快照）</param>
/// <param name="Changes">备案变更：与原备案相比发生的变化</param>
/// <param name="PreviousId">备案变更所变更的原备案</param>
/// <param name="FirstSubmittedAt">首次提交时间（UTC）：备案期限以此计</param>
/// <param name="SubmittedAt">最近一次提交时间（UTC）</param>
/// <param name="DecidedAt">受理或退回的时间（UTC）</param>
/// <param name="DecidedBy">受理或退回的公安机关工作人员</param>
/// <param name="ReturnReason">退回理由</param>
/// <param name="Number">备案回执编号（受理后）</param>
/// <param name="Steps">办理经过</param>
public sealed record FilingDto(
    Guid Id, string Kind, string KindLabel, string State, string StateLabel, Guid SystemId, Guid SiteId, Guid UnitId, FiledFacts Facts,
    IReadOnlyList<string> Changes, Guid? PreviousId, DateTime FirstSubmittedAt, DateTime SubmittedAt, DateTime? DecidedAt, string? DecidedBy,
    string? ReturnReason, string? Number, IReadOnlyList<FilingStepDto> Steps);

/// <summary>备案回执</summary>
/// <param name="Number">回执编号，每个县级公安机关每年从 0001 起编号</param>
/// <param name="FilingId">备案编号</param>
/// <param name="KindLabel">备案或备案变更</param>
/// <param name="Facts">备案的信息</param>
/// <param name="AcceptedAt">受理时间（UTC）</param>
/// <param name="AcceptedOn">受理日期（当地）</param>
/// <param name="AcceptedBy">受理人</param>
/// <param name="Authority">受理机关：所在地县级人民政府公安机关（行政区划代码）</param>
/// <param name="Citation">依据：《公共安全视频图像信息系统管理条例》第十四条第一款</param>
/// <param name="CitationText">依据条款的原文</param>
/// <param name="Current">是否现行有效（未被备案变更取代）</param>
public sealed record FilingCertificateDto(
    string Number, Guid FilingId, string KindLabel, FiledFacts Facts, DateTime AcceptedAt, DateOnly AcceptedOn, string AcceptedBy, string Authority,
    string Citation, string CitationText, bool Current);

/// <summary>
/// 备案 of video systems (《公共安全视频图像信息系统管理条例》第十四条): the unit files each video system with the county
/// police of its place, with the facts the platform fills from the registry; the police accept it (a certificate with a
/// number of the county and year) or return it with a reason; after acceptance a change of those facts is filed as a change.
/// Every act is in the audit log and re-judges the site.
/// </summary>
public static class FilingApi
{
    public const string CitationTitle = "《公共安全视频图像信息系统管理条例》第十四条第一款";

    public static RouteGroupBuilder MapFilings(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/filings").WithTags("视频系统备案");
        g.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/systems", Systems).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        g.MapPost("/", Create).RequireAuthorization(Policies.FilingSubmit);
        g.MapPost("/{id:guid}/resubmit", Resubmit).RequireAuthorization(Policies.FilingSubmit);
        g.MapPost("/{id:guid}/accept", Accept).RequireAuthorization(Policies.FilingDecide);
        g.MapPost("/{id:guid}/return", Return).RequireAuthorization(Policies.FilingDecide);
        g.MapGet("/{id:guid}/certificate", Certificate).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/{id:guid}/certificate.docx", CertificateDocx).RequireAuthorization(Policies.RegistryRead);
        return api;
    }

    public static FilingDto ToDto(VideoFiling f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FilingDto(f.Id, f.Kind, FilingKinds.Label(f.Kind), f.State, FilingStates.Label(f.State), f.SystemId, f.SiteId, f.UnitId, FiledFacts.Of(f),
            f.Changes, f.PreviousId, f.FirstSubmittedAt, f.SubmittedAt, f.DecidedAt, f.DecidedByName ?? f.DecidedBy, f.ReturnReason, f.Number,
            f.Steps.Select(s => new FilingStepDto(s.Action, FilingStates.StepLabel(s.Action), s.At, s.By, s.ByName, s.Role, s.Role is null ? null : Roles.Label(s.Role), s.Note)).ToList());
    }

    /// <summary>备案列表</summary>
    /// <remarks>调用者范围内的备案与备案变更（公安机关：辖区内向其备案的；单位：本单位的），按提交时间从近到远，分页。</remarks>
    /// <param name="state">状态：`pending` 待审核、`returned` 已退回、`accepted` 已备案、`superseded` 已取代</param>
    /// <param name="kind">种类：`initial` 备案、`change` 备案变更</param>
    /// <param name="site">场所编号</param>
    /// <param name="system">技防系统编号</param>
    /// <param name="division">行政区划代码前缀（1 至 6 位数字）</param>
    internal static async Task<Results<Ok<Page<FilingDto>>, ValidationProblem>> List(
        JifangDbContext db, string? state, string? kind, Guid? site, Guid? system, string? division, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is { Length: > 0 } && !FilingStates.All.Contains(state)) { errors["state"] = [$"未知的状态 \"{state}\"（可选：{string.Join("、", FilingStates.All)}）"]; }
        if (kind is { Length: > 0 } && kind is not (FilingKinds.Initial or FilingKinds.Change)) { errors["kind"] = [$"未知的种类 \"{kind}\"（可选：initial、change）"]; }
        if (division is { Length: > 0 } && (division.Length > 6 || !division.All(char.IsAsciiDigit))) { errors["division"] = ["行政区划代码前缀应为 1 至 6 位数字"]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var q = db.VideoFilings.AsNoTracking().Include(f => f.Steps).AsQueryable();
        if (state is { Length: > 0 }) { q = q.Where(f => f.State == state); }
        if (kind is { Length: > 0 }) { q = q.Where(f => f.Kind == kind); }
        if (site is { } s) { q = q.Where(f => f.SiteId == s); }
        if (system is { } sys) { q = q.Where(f => f.SystemId == sys); }
        if (division is { Length: > 0 }) { q = q.Where(f => f.DivisionCode.StartsWith(division)); }
        return TypedResults.Ok(await q.OrderByDescending(f => f.SubmittedAt).ThenBy(f => f.Id).ToPageAsync(page, pageSize, ToDto, ct));
    }

    /// <summary>视频系统的备案情况</summary>
    /// <remarks>调用者范围内含视频子系统的技防系统：是否必须备案（第七条规定的场所）、备案期限、逾期天数、现行备案与回执、已备案后登记信息的变化（须办理备案变更）。`overdue=true` 只列逾期未备案的，逾期最久的在前。</remarks>
    /// <param name="site">场所编号</param>
    /// <param name="overdue">`true`：只列逾期未备案的系统</param>
    internal static async Task<Ok<Page<FilingSystemDto>>> Systems(FilingService filings, Guid? site, bool? overdue, int? page, int? pageSize, CancellationToken ct)
    {
        var rows = overdue == true ? await filings.OverdueAsync(ct) : await filings.SystemsAsync(site, null, ct);
        if (overdue == true && site is { } s)
        {
            rows = rows.Where(r => r.SiteId == s).ToList();
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        return TypedResults.Ok(new Page<FilingSystemDto>(rows.Skip((p - 1) * size).Take(size).ToList(), rows.Count, p, size));
    }

    /// <summary>备案详情</summary>
    /// <remarks>所备案的信息、办理经过（何人、何角色、何时、理由）与回执编号。范围外或不存在的答复 404。</remarks>
    /// <param name="id">备案编号</param>
    internal static async Task<Results<Ok<FilingDto>, NotFound>> Get(Guid id, FilingService filings, CancellationToken ct) =>
        await filings.LoadAsync(id, ct) is { } f ? TypedResults.Ok(ToDto(f)) : TypedResults.NotFound();

    /// <summary>提交备案或备案变更（单位）</summary>
    /// <param name="input">要备案的系统与单位的确认</param>
    /// <remarks>平台依登记信息填写所备案的信息（单位、建设位置、图像采集设备数量及类型、存储期限），单位确认后提交，向场所所在地县级公安机关备案。系统已有受理的备案而信息已变化时，提交的是备案变更；信息未变化、已有待审核的备案或备案已退回（应更正后重新提交）的答复 409。不含视频子系统的答复 400 `systemId`，本单位以外的系统答复 403 `systemId`。记入审计日志（`filing.submitted` / `filing.change-submitted`），并重新判定场所。</remarks>
    internal static async Task<Results<Created<FilingDto>, ValidationProblem, ProblemHttpResult>> Create(
        FilingInput input, ClaimsPrincipal user, FilingService filings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.SystemId is null) { errors["systemId"] = ["缺少技防系统编号"]; }
        if (input.Confirmed != true) { errors["confirmed"] = ["请确认所备案的信息真实（第十四条第二款：管理单位对备案信息的真实性负责）"]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await filings.CurrentAsync(input.SystemId!.Value, ct) is not { } current)
        {
            return Registry.UnitsApi.OutsideScope("systemId", input.SystemId.Value.ToString());
        }
        var (system, facts) = current;
        if (!FiledFacts.IsVideo(system))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["systemId"] = [$"系统「{system.Name}」不含视频子系统，无需按第十四条备案"] });
        }
        var existing = await filings.Db.VideoFilings.Where(f => f.SystemId == system.Id && (f.State == FilingStates.Pending || f.State == FilingStates.Returned || f.State == FilingStates.Accepted))
            .OrderByDescending(f => f.SubmittedAt).ToListAsync(ct);
        if (existing.FirstOrDefault(f => f.State == FilingStates.Pending) is { } pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已有待审核的备案", detail: $"系统「{system.Name}」的{FilingKinds.Label(pending.Kind)}已于 {filings.LocalDate(pending.SubmittedAt):yyyy-MM-dd} 提交，待公安机关审核");
        }
        if (existing.FirstOrDefault(f => f.State == FilingStates.Returned) is { } returned)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "备案已退回", detail: $"系统「{system.Name}」的{FilingKinds.Label(returned.Kind)}已被退回（{returned.ReturnReason}），请更正后重新提交该备案（{returned.Id}）");
        }
        var accepted = existing.FirstOrDefault(f => f.State == FilingStates.Accepted);
        var changes = accepted is null ? [] : facts.ChangesSince(FiledFacts.Of(accepted));
        if (accepted is not null && changes.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "备案事项未变化", detail: $"系统「{system.Name}」已备案（{accepted.Number}），登记信息与备案一致，无需办理备案变更");
        }
        var now = filings.Now;
        var filing = new VideoFiling
        {
            Kind = accepted is null ? FilingKinds.Initial : FilingKinds.Change, State = FilingStates.Pending, SystemId = system.Id, SiteId = system.SiteId,
            UnitId = system.Site!.UnitId, PreviousId = accepted?.Id, Changes = changes.ToList(), FirstSubmittedAt = now, SubmittedAt = now,
            SubmittedBy = Actor.Of(user), SubmittedByName = Actor.NameOf(user),
        };
        facts.Into(filing);
        filings.Db.VideoFilings.Add(filing);
        await filings.StepAsync(filing, "submitted", accepted is null ? "filing.submitted" : "filing.change-submitted", Who(user), changes.Count > 0 ? string.Join("；", changes) : null, ct);
        return TypedResults.Created($"/api/filings/{filing.Id}", ToDto(filing));
    }

    /// <summary>更正后重新提交（单位）</summary>
    /// <remarks>退回的备案由单位更正登记信息后重新提交：平台按登记信息重新填写所备案的信息，首次提交时间不变。只有已退回的备案可以重新提交（否则 409）。记入审计日志（`filing.resubmitted`），并重新判定场所。</remarks>
    /// <param name="id">备案编号</param>
    /// <param name="input">确认与更正说明</param>
    internal static async Task<Results<Ok<FilingDto>, NotFound, ValidationProblem, ProblemHttpResult>> Resubmit(
        Guid id, ResubmitInput input, ClaimsPrincipal user, FilingService filings, CancellationToken ct)
    {
        if (input.Confirmed != true)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["confirmed"] = ["请确认更正后的备案信息真实（第十四条第二款）"] });
        }
        if (await filings.LoadAsync(id, ct) is not { } f)
        {
            return TypedResults.NotFound();
        }
        if (f.State != FilingStates.Returned)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无需重新提交", detail: $"该{FilingKinds.Label(f.Kind)}的状态是“{FilingStates.Label(f.State)}”，只有退回的备案可以重新提交");
        }
        if (await filings.CurrentAsync(f.SystemId, ct) is not { } current)
        {
            return TypedResults.NotFound();
        }
        current.Facts.Into(f);
        if (f.PreviousId is { } previous && await filings.Db.VideoFilings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == previous, ct) is { } accepted)
        {
            f.Changes = current.Facts.ChangesSince(FiledFacts.Of(accepted)).ToList();
        }
        f.State = FilingStates.Pending;
        f.SubmittedAt = filings.Now;
        f.SubmittedBy = Actor.Of(user);
        f.SubmittedByName = Actor.NameOf(user);
        await filings.StepAsync(f, "resubmitted", "filing.resubmitted", Who(user), Registry.UnitsApi.NullIfEmpty(input.Note), ct);
        return TypedResults.Ok(ToDto(f));
    }

    /// <summary>受理备案（县级公安机关）</summary>
    /// <remarks>系统所在地县级公安机关受理待审核的备案，给出备案回执编号（如 `150102备〔2026〕0001号`，每县每年从 0001 起，并发受理也不重号）。备案变更受理后取代原备案。辖区外的答复 404，非待审核的答复 409。记入审计日志（`filing.accepted`），并重新判定场所。</remarks>
    /// <param name="id">备案编号</param>
    internal static async Task<Results<Ok<FilingDto>, NotFound, ProblemHttpResult>> Accept(Guid id, ClaimsPrincipal user, FilingService filings, CancellationToken ct)
    {
        if (await DecidableAsync(id, user, filings, ct) is not { } f)
        {
            return TypedResults.NotFound();
        }
        if (f.State != FilingStates.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无法受理", detail: $"该{FilingKinds.Label(f.Kind)}的状态是“{FilingStates.Label(f.State)}”，只有待审核的备案可以受理");
        }
        f.State = FilingStates.Accepted;
        f.DecidedAt = filings.Now;
        f.DecidedBy = Actor.Of(user);
        f.DecidedByName = Actor.NameOf(user);
        f.ReturnReason = null;
        foreach (var old in await filings.Db.VideoFilings.Where(x => x.SystemId == f.SystemId && x.Id != f.Id && x.State == FilingStates.Accepted).ToListAsync(ct))
        {
            old.State = FilingStates.Superseded;
            old.UpdatedAt = filings.Now;
        }
        // The number is taken in the acceptance's transaction: an acceptance that fails (its audit entry not saved) takes none.
        await filings.StepAsync(f, "accepted", "filing.accepted", Who(user), null, ct, async c =>
        {
            var (year, sequence, number) = await filings.AllocateNumberAsync(f.DivisionCode, c);
            (f.NumberYear, f.NumberSequence, f.Number) = (year, sequence, number);
        });
        return TypedResults.Ok(ToDto(f));
    }

    /// <summary>退回备案（县级公安机关）</summary>
    /// <remarks>退回待审核的备案并说明理由（必填，缺少时答复 400 `reason`，备案不变）；单位更正后重新提交。辖区外的答复 404，非待审核的答复 409。记入审计日志（`filing.returned`），并重新判定场所。</remarks>
    /// <param name="id">备案编号</param>
    /// <param name="input">退回理由</param>
    internal static async Task<Results<Ok<FilingDto>, NotFound, ValidationProblem, ProblemHttpResult>> Return(
        Guid id, ReturnInput input, ClaimsPrincipal user, FilingService filings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["退回备案须说明理由"] });
        }
        if (await DecidableAsync(id, user, filings, ct) is not { } f)
        {
            return TypedResults.NotFound();
        }
        if (f.State != FilingStates.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无法退回", detail: $"该{FilingKinds.Label(f.Kind)}的状态是“{FilingStates.Label(f.State)}”，只有待审核的备案可以退回");
        }
        f.State = FilingStates.Returned;
        f.DecidedAt = filings.Now;
        f.DecidedBy = Actor.Of(user);
        f.DecidedByName = Actor.NameOf(user);
        f.ReturnReason = input.Reason.Trim();
        await filings.StepAsync(f, "returned", "filing.returned", Who(user), f.ReturnReason, ct);
        return TypedResults.Ok(ToDto(f));
    }

    /// <summary>备案回执</summary>
    /// <remarks>已受理的备案（或备案变更）的回执：编号、所备案的信息、受理机关与日期，依据第十四条第一款（附原文）。未受理的答复 404。</remarks>
    /// <param name="id">备案编号</param>
    internal static async Task<Results<Ok<FilingCertificateDto>, NotFound>> Certificate(Guid id, FilingService filings, Rules.Packs.PackSet packs, Jifang.Rules.Divisions.DivisionSet divisions, CancellationToken ct) =>
        await CertificateOfAsync(id, filings, packs, divisions, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// <summary>下载备案回执（.docx）</summary>
    /// <remarks>与回执页相同的内容，Word 文档。未受理的答复 404。</remarks>
    /// <param name="id">备案编号</param>
    internal static async Task<Results<FileContentHttpResult, NotFound>> CertificateDocx(Guid id, FilingService filings, Rules.Packs.PackSet packs, Jifang.Rules.Divisions.DivisionSet divisions, CancellationToken ct) =>
        await CertificateOfAsync(id, filings, packs, divisions, ct) is { } c
            ? TypedResults.File(FilingCertificateDocument.Write(c), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"备案回执-{c.Number}.docx")
            : TypedResults.NotFound();

    public static async Task<FilingCertificateDto?> CertificateOfAsync(Guid id, FilingService filings, Rules.Packs.PackSet packs, Jifang.Rules.Divisions.DivisionSet divisions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filings);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(divisions);
        if (await filings.LoadAsync(id, ct) is not { Number: { } number, DecidedAt: { } at } f || f.State is not (FilingStates.Accepted or FilingStates.Superseded))
        {
            return null;
        }
        return new FilingCertificateDto(number, f.Id, FilingKinds.Label(f.Kind), FiledFacts.Of(f), at, filings.LocalDate(at), f.DecidedByName ?? f.DecidedBy ?? "",
            $"{divisions.FullName(f.DivisionCode)}公安机关（{f.DivisionCode}）", CitationTitle, CitationWords(packs), f.State == FilingStates.Accepted);
    }

    /// <summary>第十四条第一款's words from the national pack, or the seed's words when the pack is not loaded.</summary>
    public static string CitationWords(Rules.Packs.PackSet packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return packs.TryGet("national-2025", out var p) && p.Pack.Article(14) is { } article && article.Paragraphs.Count > 0
            ? article.Paragraphs[0].Text
            : "公共安全视频系统管理单位应当在系统投入使用之日起30日内，将单位基本情况、公共安全视频系统建设位置、图像采集设备数量及类型、视频图像信息存储期限等基本信息，向所在地县级人民政府公安机关备案。本条例施行前已经启用的，应当在本条例施行之日起90日内备案。公共安全视频系统备案事项发生变化的，应当及时办理备案变更。";
    }

    /// <summary>A filing the caller may decide: in scope, and the caller is the county police of its place.</summary>
    private static async Task<VideoFiling?> DecidableAsync(Guid id, ClaimsPrincipal user, FilingService filings, CancellationToken ct)
    {
        var f = await filings.LoadAsync(id, ct);
        return f is not null && Scope.From(user).Division == f.DivisionCode ? f : null;
    }

    private static (string By, string? Name, string? Role) Who(ClaimsPrincipal user) => (Actor.Of(user), Actor.NameOf(user), Roles.All.FirstOrDefault(user.IsInRole));
}
