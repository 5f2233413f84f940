using System.ComponentModel;
using System.Security.Claims;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Infrastructure;
using Jifang.Rules.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Access;

/// <summary>
/// Requests to view, copy or retrieve records. Officials: one officer opens, a second officer of the same agency co-signs, the
/// using unit registers (checking credentials and certificate); at each step the engine judges the facts under the site's
/// pack and the platform refuses, with citations, what it finds. Citizens file in the portal (pages); here the unit consents
/// or declines and the police of the site's county approve copies.
/// </summary>
public static class AccessApi
{
    public static RouteGroupBuilder MapAccess(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var requests = api.MapGroup("/access-requests").WithTags("查阅复制调取");
        requests.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        requests.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.RegistryRead);
        requests.MapPost("/", Open).RequireAuthorization(Policies.AccessOfficial);
        requests.MapPost("/{id:guid}/cosign", Cosign).RequireAuthorization(Policies.AccessOfficial);
        requests.MapPost("/{id:guid}/register", Register).RequireAuthorization(Policies.AccessUnit);
        requests.MapPost("/{id:guid}/consent", Consent).RequireAuthorization(Policies.AccessUnit);
        requests.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.AccessOfficial);
        var registrations = api.MapGroup("/access-registrations").WithTags("查阅复制调取");
        registrations.MapGet("/{id:guid}", Slip).RequireAuthorization(Policies.RegistryRead);
        registrations.MapGet("/{id:guid}/package", Package).RequireAuthorization(Policies.RegistryRead);
        // Whoever holds a package may verify it, without an account (PackageVerification answers a file the platform did not
        // issue with "not authentic" and nothing else); rate-limited per client like the citizens' portal.
        api.MapPost("/access-packages/verify", Verify).WithTags("查阅复制调取").AllowAnonymous().RequireRateLimiting(PlatformHost.PortalLimiter)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(PackageVerification.MaxBytes + (1 << 20))).DisableAntiforgery();
        return api;
    }

    /// <summary>查阅、复制、调取申请</summary>
    /// <remarks>调用者范围内的申请（国家机关工作人员的与公民的），按提出时间从近到远，分页。</remarks>
    /// <param name="requester">申请人类别：`official` 国家机关工作人员、`citizen` 公民</param>
    /// <param name="state">状态：`opened` 待会签、`cosigned` 待使用单位登记、`registered` 已登记办理、`filed` 待使用单位答复、`consented` 单位同意、`declined` 单位不同意</param>
    /// <param name="site">场所编号：只列该场所的申请</param>
    /// <param name="record">记录编号：只列申请了该记录的</param>
    internal static async Task<Ok<Page<AccessRequestDto>>> List(JifangDbContext db, string? requester, string? state, Guid? site, Guid? record, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.AccessRequests.AsNoTracking().Include(r => r.Site).Include(r => r.Records).AsQueryable();
        if (requester is { Length: > 0 }) { q = q.Where(r => r.Requester == requester); }
        if (state is { Length: > 0 }) { q = q.Where(r => r.State == state); }
        if (site is { } s) { q = q.Where(r => r.SiteId == s); }
        if (record is { } rec) { q = q.Where(r => r.Records.Any(x => x.RecordId == rec)); }
        return TypedResults.Ok(await q.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).ToPageAsync(page, pageSize, r => AccessService.ToDto(r, db.Scope), ct));
    }

    /// <summary>申请详情</summary>
    /// <remarks>申请、申请的记录、场所所适用条例对这种申请的规定（写明条款）、办理尚缺的条件，以及已办理的登记。范围外或不存在的申请答复 404。</remarks>
    /// <param name="id">申请编号</param>
    internal static async Task<Results<Ok<AccessRequestDetailDto>, NotFound>> Get(Guid id, AccessService access, CancellationToken ct)
    {
        if (await access.LoadAsync(id, false, ct) is not { } loaded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await access.DetailAsync(loaded.Request, loaded.Records, ct));
    }

    /// <summary>提出查阅、复制或调取申请（国家机关工作人员）</summary>
    /// <remarks>公安机关工作人员为案件申请辖区内的记录；此后须由同一机关的第二名工作人员会签，再由使用单位查验证件后登记办理。每一步都由场所所适用的条例判定，不合条件的答复问题详情并写明条款。辖区外或不存在的记录一律答复 403 `recordIds`（不透露其是否存在）。记入审计日志（`access.opened`）。</remarks>
    /// <param name="input">申请的记录、方式、案件编号与事由</param>
    internal static async Task<Results<Created<AccessRequestDetailDto>, ValidationProblem, ProblemHttpResult>> Open(
        OfficialRequestInput input, ClaimsPrincipal user, AccessService access, CancellationToken ct)
    {
        var db = access.Db;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(input.Action)) { errors["action"] = ["缺少查阅方式（view、copy 或 retrieve）"]; }
        else if (!Vocab.AccessActions.TryParse(input.Action, out _)) { errors["action"] = [$"未知的查阅方式 \"{input.Action}\"（可选：view、copy、retrieve）"]; }
        if (string.IsNullOrWhiteSpace(input.CaseNumber)) { errors["caseNumber"] = ["缺少案件编号"]; }
        else if (input.CaseNumber.Length > 100) { errors["caseNumber"] = ["案件编号不能超过 100 字"]; }
        if (string.IsNullOrWhiteSpace(input.Reason)) { errors["reason"] = ["缺少事由"]; }
        else if (input.Reason.Length > 1000) { errors["reason"] = ["事由不能超过 1000 字"]; }
        if (input.CredentialNumber is { Length: > 60 }) { errors["credentialNumber"] = ["工作证件编号不能超过 60 字"]; }
        if (input.UnitCertificate is { Length: > 100 }) { errors["unitCertificate"] = ["单位证明文件编号不能超过 100 字"]; }
        if (input.FromTime is { } f && input.ToTime is { } t && t <= f) { errors["toTime"] = ["结束时间应晚于开始时间"]; }
        if ((input.FromTime is null) != (input.ToTime is null)) { errors[input.FromTime is null ? "fromTime" : "toTime"] = ["时间段须同时填写开始和结束时间"]; }
        var ids = input.RecordIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0) { errors["recordIds"] = ["至少选择一条记录"]; }
        else if (ids.Count > 1000) { errors["recordIds"] = ["一次最多申请 1000 条记录"]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // The query filter keeps the officer to records of their jurisdiction. An id outside it is answered exactly as an id that
        // does not exist (403, looked up nowhere else): the answer must not tell whether another jurisdiction holds such a record.
        var records = await db.Records.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.SiteId, r.Deleted }).ToListAsync(ct);
        var missing = ids.Except(records.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
        {
            return Registry.UnitsApi.OutsideScope("recordIds", string.Join(",", missing));
        }
        if (records.Where(r => r.Deleted).Select(r => r.Id).ToList() is { Count: > 0 } deleted)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["recordIds"] = [$"以下记录已删除：{string.Join("、", deleted)}"] });
        }
        if (records.Select(r => r.SiteId).Distinct().Count() > 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["recordIds"] = ["一份申请只能涉及一个场所的记录（由该场所的使用单位登记），请分别申请"] });
        }
        var role = Roles.Police.FirstOrDefault(user.IsInRole);
        var request = new AccessRequest
        {
            Requester = "official", Action = input.Action!, SiteId = records[0].SiteId, CaseNumber = input.CaseNumber!.Trim(), Reason = input.Reason!.Trim(),
            FromTime = input.FromTime?.UtcDateTime, ToTime = input.ToTime?.UtcDateTime, State = AccessStates.Opened, CreatedAt = access.Now,
            OpenedBy = Actor.Of(user), OpenedByName = Actor.NameOf(user), OpenedRole = role, OpenedDivision = user.FindFirstValue(Scope.DivisionClaim),
            OpenerCredential = Registry.UnitsApi.NullIfEmpty(input.CredentialNumber), UnitCertificate = Registry.UnitsApi.NullIfEmpty(input.UnitCertificate),
            ConfidentialityPledged = input.ConfidentialityPledged,
            Records = ids.Select(r => new AccessRequestRecord { RecordId = r }).ToList(),
        };
        request.Number = access.NewNumber("official", request.Id);
        db.AccessRequests.Add(request);
        var site = await db.Sites.AsNoTracking().FirstAsync(s => s.Id == request.SiteId, ct);
        access.Queue(request, site, "access.opened", request.OpenedBy, $"{AccessLabels.Action(request.Action)} {ids.Count} 条记录；案件 {request.CaseNumber}；{request.Reason}");
        await access.SaveAsync(ct);
        var loaded = (await access.LoadAsync(request.Id, true, ct))!.Value;
        return TypedResults.Created($"/api/access-requests/{request.Id}", await access.DetailAsync(loaded.Request, loaded.Records, ct));
    }

    /// <summary>会签申请</summary>
    /// <remarks>同一机关的第二名工作人员会签（调查取证不得少于二人）；提出人本人会签按条例拒绝并写明条款，已会签的答复 409。记入审计日志（`access.cosigned`）。</remarks>
    /// <param name="id">申请编号</param>
    /// <param name="input">会签人的工作证件编号</param>
    internal static async Task<Results<Ok<AccessRequestDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Cosign(
        Guid id, CosignInput input, ClaimsPrincipal user, AccessService access, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.CredentialNumber) || input.CredentialNumber.Length > 60)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["credentialNumber"] = [string.IsNullOrWhiteSpace(input.CredentialNumber) ? "会签须填写本人工作证件编号" : "工作证件编号不能超过 60 字"],
            });
        }
        if (await access.LoadAsync(id, false, ct) is not { } loaded || loaded.Request.Requester != "official")
        {
            return TypedResults.NotFound();
        }
        var (r, records) = loaded;
        if (r.State != AccessStates.Opened)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无法会签", detail: $"申请 {r.Number} 已由 {r.CosignedByName ?? r.CosignedBy} 会签");
        }
        var who = Actor.Of(user);
        var role = Roles.Police.FirstOrDefault(user.IsInRole);
        var division = user.FindFirstValue(Scope.DivisionClaim);
        // Judge the request with this co-signer: the same officer twice, or an officer of another agency, still counts one person.
        var facts = AccessJudge.OfficialFacts(r, records, access.Today, (who, role, division, Registry.UnitsApi.NullIfEmpty(input.CredentialNumber)));
        if (facts.Persons < 2)
        {
            var judgement = access.Judge.Judge(r.Site!, facts);
            var twoPersons = judgement with { Reasons = [.. judgement.Reasons.Where(x => x.Citations.Count > 0).Take(1).Select(x => x with
            {
                Message = string.Equals(who, r.OpenedBy, StringComparison.Ordinal)
                    ? $"会签人与申请人是同一人（{who}），仍只有一名工作人员；{x.Message}"
                    : $"会签人（{Actor.NameOf(user)}）与申请人（{r.OpenedByName}）不是同一机关的工作人员，不计入人数；{x.Message}",
                Citations = x.Citations.Where(c => IsTwoPersons(judgement.PackId, c.Cite, access)).DefaultIfEmpty(x.Citations[0]).ToList(),
            })] };
            return (await access.RefuseAsync(r, twoPersons, "不予会签：调查取证不得少于二人", who, "会签", ct)).ToProblem();
        }
        r.CosignedBy = who;
        r.CosignedByName = Actor.NameOf(user);
        r.CosignedRole = role;
        r.CosignedDivision = division;
        r.CosignerCredential = Registry.UnitsApi.NullIfEmpty(input.CredentialNumber);
        r.CosignedAt = access.Now;
        r.State = AccessStates.Cosigned;
        access.Queue(r, r.Site!, "access.cosigned", who, $"会签（工作证件 {r.CosignerCredential ?? "未填"}）");
        await access.SaveAsync(ct);
        return TypedResults.Ok(await access.DetailAsync(r, records, ct));
    }

    /// <summary>Whether a cited provision is the pack's two-persons condition.</summary>
    private static bool IsTwoPersons(string packId, string cite, AccessService access) =>
        access.Judge.Packs.TryGet(packId, out var p) && p.Pack.Rules.Select(r => r.Check).OfType<Rules.Packs.AccessSpec>()
            .SelectMany(s => s.Conditions).Any(c => c.Require == AccessCondition.TwoPersons && c.Cite.ToString() == cite);

    /// <summary>登记办理申请（使用单位）</summary>
    /// <remarks>使用单位查验工作证件与单位证明文件后登记办理。条例判定不予办理的（如未会签、未查验证件、记录已删除），答复问题详情写明条款，不留下登记；可以办理的生成登记凭单，复制、调取还生成带水印和签名的导出包。已登记的答复 409。记入审计日志。</remarks>
    /// <param name="id">申请编号</param>
    /// <param name="input">证件与证明文件的查验结果</param>
    internal static async Task<Results<Ok<AccessRegistrationDto>, NotFound, ValidationProblem, ProblemHttpResult>> Register(
        Guid id, RegisterInput input, ClaimsPrincipal user, AccessService access, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.CredentialsChecked is null) { errors["credentialsChecked"] = ["请说明是否已查验工作人员的工作证件（true 或 false）"]; }
        if (input.CertificateChecked is null) { errors["certificateChecked"] = ["请说明是否已查验单位证明文件（true 或 false）"]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await access.LoadAsync(id, false, ct) is not { } loaded || loaded.Request.Requester != "official")
        {
            return TypedResults.NotFound();
        }
        var (r, records) = loaded;
        if (r.State == AccessStates.Registered)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已登记", detail: $"申请 {r.Number} 已于 {r.RegisteredAt:yyyy-MM-dd HH:mm} 登记办理");
        }
        var who = Actor.Of(user);
        r.CredentialsChecked = input.CredentialsChecked == true;
        r.CertificateChecked = input.CertificateChecked == true;
        r.RegisteredBy = who;
        r.RegisteredAt = access.Now;
        var judgement = access.Judge.Judge(r.Site!, AccessJudge.OfficialFacts(r, records, access.Today));
        if (records.Any(x => x.Deleted))
        {
            judgement = judgement with { Reasons = [.. judgement.Reasons, new RefusalReason(null, "申请的记录中有已删除的记录，无法提供", [])] };
        }
        if (!judgement.Lawful)
        {
            // Nothing of the registration is kept: the refusal is logged, and the unit may register again once the conditions are met.
            access.Db.ChangeTracker.Clear();
            return (await access.RefuseAsync(r, judgement, "依据条例不予办理", who, "登记", ct)).ToProblem();
        }
        r.State = AccessStates.Registered;
        var persons = $"{r.OpenedByName}（工作证件 {r.OpenerCredential}）、{r.CosignedByName}（工作证件 {r.CosignerCredential}）";
        var recipient = $"{r.OpenedByName}、{r.CosignedByName}（{Roles.Label(r.OpenedRole ?? "")} {r.OpenedDivision}），案件编号 {r.CaseNumber}";
        var signatures = new List<PackageSignature>
        {
            new("opened", r.OpenedBy!, r.OpenedByName, r.CreatedAt, r.OpenerCredential),
            new("cosigned", r.CosignedBy!, r.CosignedByName, r.CosignedAt, r.CosignerCredential),
            new("registered", who, Actor.NameOf(user), r.RegisteredAt, null),
        };
        var registration = await access.RegisterAccessAsync(r, records, r.Action, who, persons, recipient, signatures, judgement, ct);
        return TypedResults.Ok(access.Slip(registration, r, records));
    }

    /// <summary>答复公民的申请（使用单位）</summary>
    /// <remarks>公民在门户中提出的申请，由使用单位同意或不同意；同意时按公民申请的时间段取现有的记录。已答复的答复 409。记入审计日志（`access.consented` 或 `access.declined`）。</remarks>
    /// <param name="id">申请编号</param>
    /// <param name="input">是否同意与说明</param>
    internal static async Task<Results<Ok<AccessRequestDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Consent(
        Guid id, ConsentInput input, ClaimsPrincipal user, AccessService access, PortalService portal, CancellationToken ct)
    {
        if (input.Consent is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["consent"] = ["请选择同意或不同意"] });
        }
        if (input.Note is { Length: > 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["说明不能超过 500 字"] });
        }
        if (await access.LoadAsync(id, false, ct) is not { } loaded || loaded.Request.Requester != "citizen")
        {
            return TypedResults.NotFound();
        }
        var (r, records) = loaded;
        if (r.State != AccessStates.Filed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已答复", detail: $"申请 {r.Number} 已答复（{AccessStates.Label(r.State)}）");
        }
        var who = Actor.Of(user);
        r.UnitConsent = input.Consent;
        r.ConsentBy = who;
        r.ConsentAt = access.Now;
        r.ConsentNote = Registry.UnitsApi.NullIfEmpty(input.Note);
        r.State = input.Consent == true ? AccessStates.Consented : AccessStates.Declined;
        if (input.Consent == true)
        {
            // What the unit consents to show: the records of the citizen's time range as registered now.
            await portal.RefreshRecordsAsync(r, ct);
        }
        access.Queue(r, r.Site!, input.Consent == true ? "access.consented" : "access.declined", who, r.ConsentNote ?? (input.Consent == true ? "同意查看" : "不同意"));
        await access.SaveAsync(ct);
        if (input.Consent == true && await access.LoadAsync(r.Id, true, ct) is { } reloaded)
        {
            records = reloaded.Records;
        }
        return TypedResults.Ok(await access.DetailAsync(r, records, ct));
    }

    /// <summary>审批公民的复制、调取申请（公安机关）</summary>
    /// <remarks>复制、调取须经技防系统所在地旗县级公安机关批准：其他机关答复 403 并写明条款；只申请查看的无需批准、已审批的，答复 409。记入审计日志（`access.approved` 或 `access.approval-refused`）。</remarks>
    /// <param name="id">申请编号</param>
    /// <param name="input">是否批准与说明</param>
    internal static async Task<Results<Ok<AccessRequestDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, ApprovalInput input, ClaimsPrincipal user, AccessService access, CancellationToken ct)
    {
        if (input.Approve is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["approve"] = ["请选择批准或不批准"] });
        }
        if (input.Note is { Length: > 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["说明不能超过 500 字"] });
        }
        if (await access.LoadAsync(id, false, ct) is not { } loaded || loaded.Request.Requester != "citizen")
        {
            return TypedResults.NotFound();
        }
        var (r, records) = loaded;
        var site = r.Site!;
        var who = Actor.Of(user);
        var scope = Scope.From(user);
        var packId = access.Judge.PackOf(site.DivisionCode)?.Id ?? "";
        // The police approval of a copy or retrieval is the regional text's (nmg-2007 第二十条): its provisions only.
        var provisions = access.Judge.Provisions(site.DivisionCode, RequesterKind.Citizen, access.Today, packId);
        var title = access.Judge.PackOf(site.DivisionCode)?.Title ?? packId;
        if (scope.Role != Roles.PoliceCounty || scope.DivisionPrefix != site.DivisionCode)
        {
            return new Refusal("无权批准：应由技防系统所在地公安机关批准", packId, title,
                [new RefusalReason(null, $"复制、调取须经技防系统所在地（{site.DivisionCode}）旗县级公安机关批准，您不是该机关的工作人员", provisions)])
                .ToProblem(StatusCodes.Status403Forbidden);
        }
        if (r.Action == "view")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "无需批准", detail: "该申请只申请查看，查看不需要公安机关批准");
        }
        if (r.PoliceApproval is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已审批", detail: $"申请 {r.Number} 已于 {r.ApprovedAt:yyyy-MM-dd HH:mm} 审批");
        }
        r.PoliceApproval = input.Approve;
        r.ApprovedBy = who;
        r.ApprovedAt = access.Now;
        r.ApprovalNote = Registry.UnitsApi.NullIfEmpty(input.Note);
        access.Queue(r, r.Site!, input.Approve == true ? "access.approved" : "access.approval-refused", who, r.ApprovalNote ?? (input.Approve == true ? "批准复制" : "不批准"));
        await access.SaveAsync(ct);
        return TypedResults.Ok(await access.DetailAsync(r, records, ct));
    }

    /// <summary>登记凭单</summary>
    /// <remarks>一次查阅、复制或调取的登记：何人、何时、何事由、哪些记录，审计日志中的序号与叶哈希（及其证明的地址），复制、调取的接收人与导出包的 SHA-256。范围外或不存在的答复 404。</remarks>
    /// <param name="id">登记编号</param>
    internal static async Task<Results<Ok<AccessRegistrationDto>, NotFound>> Slip(Guid id, AccessService access, CancellationToken ct)
    {
        var registration = await access.Db.AccessRegistrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (registration is null || await access.LoadAsync(registration.RequestId, false, ct) is not { } loaded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(access.Slip(registration, loaded.Request, loaded.Records));
    }

    /// <summary>下载导出包</summary>
    /// <remarks>复制、调取登记时生成的 zip 导出包，与登记时逐字节相同；每次下载都记入审计日志（`access.package-downloaded`）。只查看的登记没有导出包，答复 404。</remarks>
    /// <param name="id">登记编号</param>
    internal static async Task<Results<FileContentHttpResult, NotFound>> Package(Guid id, ClaimsPrincipal user, AccessService access, CancellationToken ct)
    {
        var registration = await access.Db.AccessRegistrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (registration?.Package is null || await access.LoadAsync(registration.RequestId, false, ct) is not { } loaded)
        {
            return TypedResults.NotFound();
        }
        await access.LogAsync(loaded.Request, "access.package-downloaded", Actor.Of(user), $"导出包 sha256:{registration.PackageSha256}", ct);
        return TypedResults.File(registration.Package, "application/zip", $"{loaded.Request.Number}.zip");
    }

    /// <summary>核验导出包</summary>
    /// <remarks>以 `multipart/form-data` 上传一个导出包（字段 `file`，zip，至多 20 MB）：核对其签名与水印、是否为平台登记的导出包，以及其中每条记录的 SHA-256 与大小是否仍与登记一致。答复每一项的结果与发现的问题。</remarks>
    internal static async Task<Results<Ok<PackageVerificationDto>, ValidationProblem>> Verify(
        [Description("导出包（zip 文件，至多 20 MB）")] IFormFile? file, AccessService access, CancellationToken ct)

    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请上传导出包（zip 文件）"] });
        }
        if (file.Length > PackageVerification.MaxBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [PackageVerification.TooLarge] });
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return TypedResults.Ok(await access.VerifyAsync(buffer.ToArray(), ct));
    }
}
