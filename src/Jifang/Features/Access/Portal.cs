using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jifang.Features.Records;
using Microsoft.EntityFrameworkCore;
using Jifang.Infrastructure;

namespace Jifang.Features.Access;

/// <summary>What a citizen writes in the portal (nmg-2007 第二十条: identity, reason, the time range; what they ask to do).</summary>
public sealed class PortalInput
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? DivisionCode { get; set; }
    public string? SiteName { get; set; }
    /// <summary>The site chosen from the search (its id); when given, the division and the name are not needed.</summary>
    [Text(36)]
    public string? SiteId { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    [Text(1000, MultiLine = true)]
    public string? Reason { get; set; }
    public string? Action { get; set; } = "view";
    /// <summary>与图像中人员的关系 (national-2025 第二十一条): a code of Vocab.RequesterRelations, required.</summary>
    [Text(20)]
    public string? RequesterRelation { get; set; }
}

/// <summary>A site found by the portal's search: only what is public about it (name, address, county).</summary>
public sealed record PortalSiteHit(Guid Id, string Name, string Address, string DivisionCode, string DivisionName);

/// <summary>The portal's search: the sites found (at most <see cref="PortalService.MaxHits"/>), whether there were more, or the field errors.</summary>
public sealed record PortalSearchResult(IReadOnlyList<PortalSiteHit> Sites, bool More, Dictionary<string, string[]>? Errors);

/// <summary>The outcome of a portal step: done (with the request and, for a view or copy, the registration), invalid input, or refused.</summary>
public sealed record PortalResult(AccessRequest? Request, AccessRegistration? Registration, Dictionary<string, string[]>? Errors, Refusal? Refusal, string? Code = null);

/// <summary>
/// The citizens' portal (公民查看申请), reachable without an account: filing a request, and with the request number and the
/// access code it gave, seeing its state, viewing once the unit consented, copying once the police approved. Every view and copy
/// is judged by the engine under the site's pack, registered and logged; refusals cite the provisions.
/// </summary>
public sealed class PortalService(AccessService access, Jifang.Rules.Divisions.DivisionSet divisions)
{
    public const int MaxRangeDays = 7;

    /// <summary>At most this many sites answer a search; a citizen narrows by more of the name or address, or by the county.</summary>
    public const int MaxHits = 20;

    public const int MinQuery = 2;

    /// <summary>
    /// Sites in service (not archived) whose name or address contains the text, optionally in one county: what a citizen needs
    /// to name the site of a request without knowing its registered name. Anonymous, so it answers only what is public.
    /// </summary>
    public async Task<PortalSearchResult> SearchAsync(string? text, string? county, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var q = text?.Trim() ?? "";
        if (q.Length < MinQuery) { errors["q"] = [$"请至少输入场所名称或地址中的 {MinQuery} 个字"]; }
        else if (q.Length > 100) { errors["q"] = ["查找的文字不能超过 100 字"]; }
        var division = string.IsNullOrWhiteSpace(county) ? null : county.Trim();
        if (division is not null)
        {
            var problem = System.Text.RegularExpressions.Regex.IsMatch(division, "^[0-9]{6}\\z") ? divisions.Problem(division) : "请从列表中选择区、县、旗";
            if (problem is not null) { errors["county"] = [problem]; }
        }
        if (errors.Count > 0)
        {
            return new PortalSearchResult([], false, errors);
        }
        var sites = access.Db.Sites.IgnoreQueryFilters().AsNoTracking().Where(s => !s.Archived);
        if (division is not null) { sites = sites.Where(s => s.DivisionCode == division); }
        var found = await access.Db.WhereNameOrAddressContains(sites, q)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).Take(MaxHits + 1)
            .Select(s => new { s.Id, s.Name, s.Address, s.DivisionCode }).ToListAsync(ct);
        var hits = found.Take(MaxHits).Select(s => new PortalSiteHit(s.Id, s.Name, s.Address, s.DivisionCode, divisions.FullName(s.DivisionCode))).ToList();
        return new PortalSearchResult(hits, found.Count > MaxHits, null);
    }

    /// <summary>A site in service chosen by its id (the search's choice), with what is public about it; null when there is none.</summary>
    public async Task<PortalSiteHit?> ChosenAsync(string? siteId, CancellationToken ct)
    {
        if (!Guid.TryParse(siteId, out var id))
        {
            return null;
        }
        var s = await access.Db.Sites.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == id && !s.Archived)
            .Select(s => new { s.Id, s.Name, s.Address, s.DivisionCode }).FirstOrDefaultAsync(ct);
        return s is null ? null : new PortalSiteHit(s.Id, s.Name, s.Address, s.DivisionCode, divisions.FullName(s.DivisionCode));
    }

    public async Task<PortalResult> FileAsync(PortalInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(input.Name)) { Error("name", "请填写姓名"); }
        else if (input.Name.Trim().Length > 100) { Error("name", "姓名不能超过 100 字"); }
        if (string.IsNullOrWhiteSpace(input.IdNumber)) { Error("idNumber", "请填写居民身份证号码"); }
        else if (!IsIdNumber(input.IdNumber.Trim().ToUpperInvariant())) { Error("idNumber", "居民身份证号码应为 18 位且校验位正确"); }
        if (input.Phone is { Length: > 40 }) { Error("phone", "联系电话不能超过 40 字"); }
        if (string.IsNullOrWhiteSpace(input.Reason)) { Error("reason", "请填写查看事由（人身、财产等权益受到何种损害）"); }
        else if (input.Reason.Length > 1000) { Error("reason", "事由不能超过 1000 字"); }
        var chosen = string.IsNullOrWhiteSpace(input.SiteId) ? null : await ChosenAsync(input.SiteId.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(input.SiteId))
        {
            // Chosen from the search: the site's id stands for its division and name.
            if (chosen is null) { Error("siteId", "没有找到所选的场所（或已不在使用），请重新查找"); }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.DivisionCode) || !System.Text.RegularExpressions.Regex.IsMatch(input.DivisionCode.Trim(), "^[0-9]{6}\\z")) { Error("divisionCode", "请选择场所所在的区、县、旗"); }
            else if (divisions.Problem(input.DivisionCode.Trim()) is { } problem) { Error("divisionCode", problem); }
            if (string.IsNullOrWhiteSpace(input.SiteName)) { Error("siteName", "请查找并选择场所，或填写场所全称"); }
            else if (input.SiteName.Length > 200) { Error("siteName", "场所名称不能超过 200 字"); }
        }
        if (input.Action is not ("view" or "copy" or "retrieve")) { Error("action", "请选择查看、复制或调取"); }
        var relation = input.RequesterRelation?.Trim();
        if (string.IsNullOrEmpty(relation)) { Error("requesterRelation", "请选择与图像中人员的关系"); }
        else if (!Jifang.Rules.Vocabulary.Vocab.RequesterRelations.TryParse(relation, out _)) { Error("requesterRelation", "与图像中人员的关系应为本人、近亲属、负有监护、看护、代管责任的人或其他"); }
        var from = ParseLocal(input.From, "from", errors);
        var to = ParseLocal(input.To, "to", errors);
        if (from is { } f && to is { } t)
        {
            if (t <= f) { Error("to", "结束时间应晚于开始时间"); }
            else if (t - f > TimeSpan.FromDays(MaxRangeDays)) { Error("to", $"时间段不能超过 {MaxRangeDays} 日"); }
            else if (f > access.Now) { Error("from", "开始时间不能晚于现在"); }
        }
        if (errors.Count > 0)
        {
            return new PortalResult(null, null, errors, null);
        }
        var sites = chosen is { } c
            ? await access.Db.Sites.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == c.Id && !s.Archived).OrderBy(s => s.Id).Take(1).ToListAsync(ct)
            : await BySiteNameAsync(input.DivisionCode!.Trim(), input.SiteName!.Trim(), ct);
        if (sites.Count != 1)
        {
            return new PortalResult(null, null, new Dictionary<string, string[]>
            {
                ["siteName"] = [sites.Count == 0 ? "该行政区划内没有这个名称的场所，请向场所的管理单位核实名称" : "该名称对应多个场所，请向场所的管理单位核实全称"],
            }, null);
        }
        var site = sites[0];
        var code = NewCode();
        var request = new AccessRequest
        {
            Requester = "citizen", Action = input.Action!, SiteId = site.Id, Site = site, Reason = input.Reason!.Trim(), FromTime = from, ToTime = to,
            State = AccessStates.Filed, CreatedAt = access.Now, CitizenName = input.Name!.Trim(), CitizenIdNumber = input.IdNumber!.Trim().ToUpperInvariant(),
            CitizenPhone = Registry.UnitsApi.NullIfEmpty(input.Phone), RequesterRelation = relation, AccessCodeHash = Hash(code),
        };
        request.Number = access.NewNumber("citizen", request.Id);
        // Under a regulation that gives citizens no access (province-2012), the request is refused, citing who may access.
        var judgement = access.Judge.Judge(site, AccessJudge.CitizenFacts(request, access.Today, request.Action));
        if (judgement.NoRule)
        {
            var refusal = judgement with { Reasons = judgement.Reasons.Where(r => r.Rule is null).ToList() };
            return new PortalResult(null, null, null, refusal.Refusal("本条例没有规定公民查看技防系统信息资料的途径"));
        }
        // What neither the unit's consent nor the police's approval can supply (national-2025 第二十一条: the requester is 本人、
        // 近亲属 or 负有监护、看护、代管责任的人) is refused now, not after the unit has been asked: judged as if both had agreed.
        var ownFacts = AccessJudge.CitizenFacts(request, access.Today, request.Action, asIfAgreed: true);
        var own = access.Judge.Judge(site, ownFacts);
        if (!own.Lawful)
        {
            return new PortalResult(null, null, null, own.Refusal("不能受理：申请人不是可以查看的人员"));
        }
        request.Records = await SelectRecordsAsync(site.Id, from!.Value, to!.Value, ct);
        request.Site = null;
        access.Db.AccessRequests.Add(request);
        access.Queue(request, site, "access.filed", $"citizen:{request.Number}",
            $"公民申请{AccessLabels.Action(request.Action)}；{request.CitizenName}（身份证 {IdentityNumbers.Mask(request.CitizenIdNumber)}）；{request.Reason}");
        await access.SaveAsync(ct);
        request.Site = site;
        return new PortalResult(request, null, null, null, code);
    }

    private Task<List<Registry.Site>> BySiteNameAsync(string division, string name, CancellationToken ct) =>
        access.Db.Sites.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.DivisionCode == division && s.Name == name && !s.Archived).OrderBy(s => s.Id).Take(2).ToListAsync(ct);

    private async Task<List<AccessRequestRecord>> SelectRecordsAsync(Guid siteId, DateTime from, DateTime to, CancellationToken ct) =>
        (await access.Db.Records.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.SiteId == siteId && !r.Deleted && r.StartsAt < to && r.EndsAt > from)
            .OrderBy(r => r.StartsAt).Select(r => r.Id).Take(1000).ToListAsync(ct))
        .Select(id => new AccessRequestRecord { RecordId = id }).ToList();

    /// <summary>The unit consented: the records of the time range are fixed as they are now.</summary>
    public async Task RefreshRecordsAsync(AccessRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = (await SelectRecordsAsync(request.SiteId, request.FromTime!.Value, request.ToTime!.Value, ct)).Select(r => r.RecordId).ToHashSet();
        request.Records.RemoveAll(r => !now.Contains(r.RecordId));
        foreach (var id in now.Where(id => request.Records.All(r => r.RecordId != id)))
        {
            request.Records.Add(new AccessRequestRecord { RequestId = request.Id, RecordId = id });
        }
    }

    /// <summary>A request found by its number and access code (compared in constant time), or null.</summary>
    public async Task<(AccessRequest Request, List<MediaRecord> Records)?> FindAsync(string? number, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(code) || number.Length > 40 || code.Length > 60)
        {
            return null;
        }
        var wanted = number.Trim().ToUpperInvariant();
        var id = await access.Db.AccessRequests.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Number == wanted && r.Requester == "citizen").Select(r => new { r.Id, r.AccessCodeHash }).FirstOrDefaultAsync(ct);
        if (id?.AccessCodeHash is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(id.AccessCodeHash), Encoding.ASCII.GetBytes(Hash(code))))
        {
            return null;
        }
        return await access.LoadAsync(id.Id, true, ct);
    }

    /// <summary>Views (action "view") or copies (the copy or retrieval asked for): judged, then registered and logged.</summary>
    public async Task<PortalResult> ActAsync(AccessRequest request, List<MediaRecord> records, bool copy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(records);
        var action = copy ? request.Action : "view";
        if (copy && request.Action == "view")
        {
            return new PortalResult(request, null, new Dictionary<string, string[]> { ["action"] = ["本申请只申请了查看；如需复制，请另行申请"] }, null);
        }
        var actor = $"citizen:{request.Number}";
        var judgement = access.Judge.Judge(request.Site!, AccessJudge.CitizenFacts(request, access.Today, action));
        if (!judgement.Lawful)
        {
            var title = copy ? "暂不能复制：须经公安机关批准" : "暂不能查看：须经使用单位同意";
            return new PortalResult(request, null, null, await access.RefuseAsync(request, judgement, title, actor, AccessLabels.Action(action), ct));
        }
        if (records.Count == 0)
        {
            return new PortalResult(request, null, new Dictionary<string, string[]> { ["records"] = ["所申请的时间段内没有登记的信息资料"] }, null);
        }
        var persons = $"{request.CitizenName}（身份证 {IdentityNumbers.Mask(request.CitizenIdNumber)}）";
        var signatures = new List<PackageSignature>
        {
            new("filed", actor, request.CitizenName, request.CreatedAt, IdentityNumbers.Mask(request.CitizenIdNumber)),
            new("consented", request.ConsentBy!, null, request.ConsentAt, null),
        };
        if (request.ApprovedBy is not null)
        {
            signatures.Add(new PackageSignature("approved", request.ApprovedBy, null, request.ApprovedAt, null));
        }
        var registration = await access.RegisterAccessAsync(request, records, action, actor, persons, persons, signatures, judgement, ct);
        return new PortalResult(request, registration, null, null);
    }

    private DateTime? ParseLocal(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [field == "from" ? "请填写开始时间" : "请填写结束时间"];
            return null;
        }
        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];
        if (!DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors[field] = ["时间应写作 年-月-日 时:分，例如 2026-06-01 08:30"];
            return null;
        }
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), access.LocalZone), DateTimeKind.Utc);
    }

    /// <summary>GB 11643 citizen identity number: 17 digits and a check character (ISO 7064 MOD 11-2).</summary>
    public static bool IsIdNumber(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }
        return "10X98765432"[sum % 11] == id[17];
    }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A 100-bit access code in five groups of four (no 0/O, 1/I), shown to the citizen once; only its hash is kept.</summary>
    public static string NewCode()
    {
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        var s = new string(chars);
        return string.Join('-', Enumerable.Range(0, 5).Select(i => s.Substring(i * 4, 4)));
    }

    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal)));
    }
}
