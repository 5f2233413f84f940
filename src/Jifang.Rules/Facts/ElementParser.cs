using System.Globalization;
using System.Text.Json;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Facts;

/// <summary>
/// Parses one complete site, act or request from its bytes. Every problem names its JSON path;
/// a wrong value is skipped so that the rest of the element is still checked.
/// </summary>
internal sealed class ElementParser(FactsProblems problems)
{
    private const int MaxStringLength = 4096;

    private static readonly string[] SiteFields = ["id", "name", "categories", "publicArea", "large", "urban", "involvesStateSecrets", "holdsImportantItems", "parts", "systems", "devices", "nonPublicPlace"];
    private static readonly string[] SystemFields = ["id", "subsystems", "covers", "newConstruction", "designReview", "inspection", "acceptance", "inService", "interfaceReserved", "alarmNetworked", "retentionDays", "products", "contractors", "personnelTrained", "inServiceDate", "filing", "signagePosted"];
    private static readonly string[] DeviceFields = ["id", "systemId", "captures", "zone"];
    private static readonly string[] ActFields = ["id", "kind", "date", "actor", "authorized", "siteId", "systemId", "seriousConsequences"];
    private static readonly string[] RequestFields = ["id", "date", "requester", "investigationPower", "persons", "credentialsShown", "unitCertificateShown", "registered", "withinDutyScope", "action", "usingUnitConsent", "policeApproval", "identityRecorded", "reasonRecorded", "timeRangeRecorded", "siteId", "systemId", "interestHarmed", "requesterRelation"];
    private static readonly string[] ReviewFields = ["held", "organizer", "date", "passed"];
    private static readonly string[] InspectionFields = ["held", "agencyQualified", "passed", "date"];
    private static readonly string[] AcceptanceFields = ["held", "passed", "policeParticipated", "date"];
    private static readonly string[] FilingFields = ["filed", "date"];
    private static readonly string[] ProductFields = ["model", "inCatalog", "meetsStandard"];
    private static readonly string[] ContractorFields = ["role", "qualified"];

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>The string value, or null (with an error) when its bytes or escapes are not valid text.</summary>
    public static string? SafeString(ref Utf8JsonReader r, FactsProblems problems, string path)
    {
        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException)
        {
            problems.Error(path, "字符串含有无效的 UTF-8 字节或转义序列（如不成对的代理字符 U+D800–U+DFFF），不是有效的文本");
            return null;
        }
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reports an unknown field: an error when it looks like a misspelling of a known one, otherwise a warning.</summary>
    public static void UnknownField(FactsProblems problems, string parent, string name, string[] known)
    {
        var path = parent.Length == 0 ? name : $"{parent}.{name}";
        if (NearMiss.Closest(name, known) is { } suggestion)
        {
            problems.Error(path, $"未知字段（是否应为 \"{suggestion}\"？）");
        }
        else
        {
            problems.Warning(path, "未知字段，已忽略");
        }
    }

    public SiteFacts? ParseSite(ReadOnlySpan<byte> json, string path)
    {
        var r = new Utf8JsonReader(json, Options);
        r.Read();
        string? id = null, name = null;
        var categories = UInt128.Zero;
        var categoryCount = 0;
        var flags = SiteFlag.None;
        var parts = 0;
        List<SystemFacts>? systems = null;
        List<DeviceFacts>? devices = null;
        var seen = new Seen();
        var before = problems.Errors.Count;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { id = Id(ref r, path, "id", ref seen, 0); }
            else if (r.ValueTextEquals("name"u8)) { name = Str(ref r, path, "name", ref seen, 1); }
            else if (r.ValueTextEquals("categories"u8))
            {
                Next(ref r, path, "categories", ref seen, 2);
                foreach (var c in EnumList(ref r, Vocab.SiteCategories, $"{path}.categories"))
                {
                    categories |= CategoryBits.Of(c);
                    categoryCount++;
                }
            }
            else if (r.ValueTextEquals("publicArea"u8)) { if (Bool(ref r, path, "publicArea", ref seen, 3)) { flags |= SiteFlag.PublicArea; } }
            else if (r.ValueTextEquals("large"u8)) { if (Bool(ref r, path, "large", ref seen, 4)) { flags |= SiteFlag.Large; } }
            else if (r.ValueTextEquals("urban"u8)) { if (Bool(ref r, path, "urban", ref seen, 5)) { flags |= SiteFlag.Urban; } }
            else if (r.ValueTextEquals("involvesStateSecrets"u8)) { if (Bool(ref r, path, "involvesStateSecrets", ref seen, 6)) { flags |= SiteFlag.InvolvesStateSecrets; } }
            else if (r.ValueTextEquals("holdsImportantItems"u8)) { if (Bool(ref r, path, "holdsImportantItems", ref seen, 7)) { flags |= SiteFlag.HoldsImportantItems; } }
            else if (r.ValueTextEquals("nonPublicPlace"u8)) { if (Bool(ref r, path, "nonPublicPlace", ref seen, 11)) { flags |= SiteFlag.NonPublicPlace; } }
            else if (r.ValueTextEquals("parts"u8))
            {
                Next(ref r, path, "parts", ref seen, 8);
                foreach (var p in EnumList(ref r, Vocab.Parts, $"{path}.parts"))
                {
                    parts |= 1 << (int)p;
                }
            }
            else if (r.ValueTextEquals("systems"u8))
            {
                Next(ref r, path, "systems", ref seen, 9);
                systems = ObjectList(ref r, $"{path}.systems", ParseSystem);
            }
            else if (r.ValueTextEquals("devices"u8))
            {
                Next(ref r, path, "devices", ref seen, 10);
                devices = ObjectList(ref r, $"{path}.devices", ParseDevice);
            }
            else { Unknown(ref r, path, SiteFields); }
        }
        if (id is null)
        {
            problems.Error($"{path}.id", "缺少场所标识");
        }
        if (categoryCount == 0 && !seen.Has(2))
        {
            problems.Error($"{path}.categories", "缺少场所类别（至少一项）");
        }
        else if (categoryCount == 0 && problems.Errors.Count == before)
        {
            problems.Error($"{path}.categories", "场所类别不能为空（至少一项）");
        }
        systems ??= [];
        devices ??= [];
        CheckSite(path, parts, systems, devices);
        if (problems.Errors.Count > before || id is null)
        {
            return null;
        }
        return new SiteFacts { Id = id, Name = name, Categories = categories, Flags = flags, Parts = parts, Systems = systems, Devices = devices };
    }

    private void CheckSite(string path, int parts, List<SystemFacts> systems, List<DeviceFacts> devices)
    {
        var systemIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < systems.Count; i++)
        {
            if (!systemIds.TryAdd(systems[i].Id, i))
            {
                problems.Error($"{path}.systems[{i}].id", $"系统标识 \"{systems[i].Id}\" 与 {path}.systems[{systemIds[systems[i].Id]}] 重复");
            }
            var extra = systems[i].Covers & ~parts;
            if (extra != 0)
            {
                var names = Vocab.Parts.Values.Where(p => (extra & (1 << (int)p)) != 0).Select(p => $"\"{Vocab.Parts.Code(p)}\"");
                problems.Error($"{path}.systems[{i}].covers", $"覆盖了场所未登记的部位 {string.Join("、", names)}（covers 必须是该场所 parts 的子集）");
            }
        }
        var deviceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            if (!deviceIds.TryAdd(devices[i].Id, i))
            {
                problems.Error($"{path}.devices[{i}].id", $"设备标识 \"{devices[i].Id}\" 与 {path}.devices[{deviceIds[devices[i].Id]}] 重复");
            }
            if (devices[i].SystemId is { } sid && !systemIds.ContainsKey(sid))
            {
                var hint = NearMiss.Closest(sid, systemIds.Keys) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                problems.Error($"{path}.devices[{i}].systemId", $"该场所没有系统 \"{sid}\"{hint}");
            }
        }
    }

    private SystemFacts? ParseSystem(ref Utf8JsonReader r, string path)
    {
        string? id = null;
        var subsystems = Subsystem.None;
        var covers = 0;
        bool newConstruction = false, inService = false, interfaceReserved = false, alarmNetworked = false, trained = false, signage = false;
        DateOnly? inServiceDate = null;
        var filing = FilingFacts.None;
        var review = DesignReviewFacts.None;
        var inspection = InspectionFacts.None;
        var acceptance = AcceptanceFacts.None;
        int? retention = null;
        List<ProductFacts>? products = null;
        List<ContractorFacts>? contractors = null;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { id = Id(ref r, path, "id", ref seen, 0); }
            else if (r.ValueTextEquals("subsystems"u8))
            {
                Next(ref r, path, "subsystems", ref seen, 1);
                foreach (var s in EnumList(ref r, Vocab.Subsystems, $"{path}.subsystems"))
                {
                    subsystems |= s;
                }
            }
            else if (r.ValueTextEquals("covers"u8))
            {
                Next(ref r, path, "covers", ref seen, 2);
                foreach (var p in EnumList(ref r, Vocab.Parts, $"{path}.covers"))
                {
                    covers |= 1 << (int)p;
                }
            }
            else if (r.ValueTextEquals("newConstruction"u8)) { newConstruction = Bool(ref r, path, "newConstruction", ref seen, 3); }
            else if (r.ValueTextEquals("designReview"u8))
            {
                Next(ref r, path, "designReview", ref seen, 4);
                review = Block(ref r, $"{path}.designReview", ParseReview) ?? DesignReviewFacts.None;
            }
            else if (r.ValueTextEquals("inspection"u8))
            {
                Next(ref r, path, "inspection", ref seen, 5);
                inspection = Block(ref r, $"{path}.inspection", ParseInspection) ?? InspectionFacts.None;
            }
            else if (r.ValueTextEquals("acceptance"u8))
            {
                Next(ref r, path, "acceptance", ref seen, 6);
                acceptance = Block(ref r, $"{path}.acceptance", ParseAcceptance) ?? AcceptanceFacts.None;
            }
            else if (r.ValueTextEquals("inService"u8)) { inService = Bool(ref r, path, "inService", ref seen, 7); }
            else if (r.ValueTextEquals("interfaceReserved"u8)) { interfaceReserved = Bool(ref r, path, "interfaceReserved", ref seen, 8); }
            else if (r.ValueTextEquals("alarmNetworked"u8)) { alarmNetworked = Bool(ref r, path, "alarmNetworked", ref seen, 9); }
            else if (r.ValueTextEquals("retentionDays"u8)) { retention = Int(ref r, path, "retentionDays", ref seen, 10); }
            else if (r.ValueTextEquals("products"u8))
            {
                Next(ref r, path, "products", ref seen, 11);
                products = ObjectList(ref r, $"{path}.products", ParseProduct);
            }
            else if (r.ValueTextEquals("contractors"u8))
            {
                Next(ref r, path, "contractors", ref seen, 12);
                contractors = ObjectList(ref r, $"{path}.contractors", ParseContractor);
            }
            else if (r.ValueTextEquals("personnelTrained"u8)) { trained = Bool(ref r, path, "personnelTrained", ref seen, 13); }
            else if (r.ValueTextEquals("inServiceDate"u8)) { inServiceDate = Date(ref r, path, "inServiceDate", ref seen, 14); }
            else if (r.ValueTextEquals("filing"u8))
            {
                Next(ref r, path, "filing", ref seen, 15);
                filing = Block(ref r, $"{path}.filing", ParseFiling) ?? FilingFacts.None;
            }
            else if (r.ValueTextEquals("signagePosted"u8)) { signage = Bool(ref r, path, "signagePosted", ref seen, 16); }
            else { Unknown(ref r, path, SystemFields); }
        }
        if (id is null)
        {
            problems.Error($"{path}.id", "缺少系统标识");
            return null;
        }
        return new SystemFacts
        {
            Id = id, Subsystems = subsystems, Covers = covers, NewConstruction = newConstruction,
            DesignReview = review, Inspection = inspection, Acceptance = acceptance, InService = inService,
            InterfaceReserved = interfaceReserved, AlarmNetworked = alarmNetworked, RetentionDays = retention,
            Products = products ?? [], Contractors = contractors ?? [], PersonnelTrained = trained,
            InServiceDate = inServiceDate, Filing = filing, SignagePosted = signage,
        };
    }

    private DesignReviewFacts? ParseReview(ref Utf8JsonReader r, string path)
    {
        bool held = false;
        bool? passed = null;
        Organizer? organizer = null;
        DateOnly? date = null;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("held"u8)) { held = Bool(ref r, path, "held", ref seen, 0); }
            else if (r.ValueTextEquals("organizer"u8)) { organizer = Enum(ref r, Vocab.Organizers, path, "organizer", ref seen, 1); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 2); }
            else if (r.ValueTextEquals("passed"u8)) { passed = NullableBool(ref r, path, "passed", ref seen, 3); }
            else { Unknown(ref r, path, ReviewFields); }
        }
        return new DesignReviewFacts(held, organizer, date) { Passed = passed };
    }

    private InspectionFacts? ParseInspection(ref Utf8JsonReader r, string path)
    {
        bool held = false, qualified = false, passed = false;
        DateOnly? date = null;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("held"u8)) { held = Bool(ref r, path, "held", ref seen, 0); }
            else if (r.ValueTextEquals("agencyQualified"u8)) { qualified = Bool(ref r, path, "agencyQualified", ref seen, 1); }
            else if (r.ValueTextEquals("passed"u8)) { passed = Bool(ref r, path, "passed", ref seen, 2); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 3); }
            else { Unknown(ref r, path, InspectionFields); }
        }
        return new InspectionFacts(held, qualified, passed, date);
    }

    private AcceptanceFacts? ParseAcceptance(ref Utf8JsonReader r, string path)
    {
        bool held = false, passed = false, police = false;
        DateOnly? date = null;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("held"u8)) { held = Bool(ref r, path, "held", ref seen, 0); }
            else if (r.ValueTextEquals("passed"u8)) { passed = Bool(ref r, path, "passed", ref seen, 1); }
            else if (r.ValueTextEquals("policeParticipated"u8)) { police = Bool(ref r, path, "policeParticipated", ref seen, 2); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 3); }
            else { Unknown(ref r, path, AcceptanceFields); }
        }
        return new AcceptanceFacts(held, passed, police, date);
    }

    private FilingFacts? ParseFiling(ref Utf8JsonReader r, string path)
    {
        var filed = false;
        DateOnly? date = null;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("filed"u8)) { filed = Bool(ref r, path, "filed", ref seen, 0); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 1); }
            else { Unknown(ref r, path, FilingFields); }
        }
        return new FilingFacts(filed, date);
    }

    private ProductFacts? ParseProduct(ref Utf8JsonReader r, string path)
    {
        string? model = null;
        bool inCatalog = false, meetsStandard = false;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("model"u8)) { model = Str(ref r, path, "model", ref seen, 0); }
            else if (r.ValueTextEquals("inCatalog"u8)) { inCatalog = Bool(ref r, path, "inCatalog", ref seen, 1); }
            else if (r.ValueTextEquals("meetsStandard"u8)) { meetsStandard = Bool(ref r, path, "meetsStandard", ref seen, 2); }
            else { Unknown(ref r, path, ProductFields); }
        }
        return new ProductFacts(model, inCatalog, meetsStandard);
    }

    private ContractorFacts? ParseContractor(ref Utf8JsonReader r, string path)
    {
        string? role = null;
        var qualified = false;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("role"u8)) { role = Str(ref r, path, "role", ref seen, 0); }
            else if (r.ValueTextEquals("qualified"u8)) { qualified = Bool(ref r, path, "qualified", ref seen, 1); }
            else { Unknown(ref r, path, ContractorFields); }
        }
        if (string.IsNullOrWhiteSpace(role))
        {
            problems.Error($"{path}.role", "缺少承包单位角色（如 \"design\"、\"construction\"）");
            return null;
        }
        return new ContractorFacts(role, qualified);
    }

    private DeviceFacts? ParseDevice(ref Utf8JsonReader r, string path)
    {
        string? id = null, systemId = null;
        var captures = Capture.None;
        var zone = Zone.Public;
        var seen = new Seen();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { id = Id(ref r, path, "id", ref seen, 0); }
            else if (r.ValueTextEquals("systemId"u8)) { systemId = Id(ref r, path, "systemId", ref seen, 1); }
            else if (r.ValueTextEquals("captures"u8))
            {
                Next(ref r, path, "captures", ref seen, 2);
                foreach (var c in EnumList(ref r, Vocab.Captures, $"{path}.captures"))
                {
                    captures |= c;
                }
            }
            else if (r.ValueTextEquals("zone"u8)) { zone = Enum(ref r, Vocab.Zones, path, "zone", ref seen, 3) ?? Zone.Public; }
            else { Unknown(ref r, path, DeviceFields); }
        }
        if (id is null)
        {
            problems.Error($"{path}.id", "缺少设备标识");
            return null;
        }
        return new DeviceFacts { Id = id, SystemId = systemId, Captures = captures, Zone = zone };
    }

    public ActFacts? ParseAct(ReadOnlySpan<byte> json, string path)
    {
        var r = new Utf8JsonReader(json, Options);
        r.Read();
        string? id = null, siteId = null, systemId = null;
        ActKind? kind = null;
        DateOnly? date = null;
        ActorKind? actor = null;
        bool authorized = false, serious = false;
        var seen = new Seen();
        var before = problems.Errors.Count;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { id = Id(ref r, path, "id", ref seen, 0); }
            else if (r.ValueTextEquals("kind"u8)) { kind = Enum(ref r, Vocab.ActKinds, path, "kind", ref seen, 1); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 2); }
            else if (r.ValueTextEquals("actor"u8)) { actor = Enum(ref r, Vocab.ActorKinds, path, "actor", ref seen, 3); }
            else if (r.ValueTextEquals("authorized"u8)) { authorized = Bool(ref r, path, "authorized", ref seen, 4); }
            else if (r.ValueTextEquals("siteId"u8)) { siteId = Id(ref r, path, "siteId", ref seen, 5); }
            else if (r.ValueTextEquals("systemId"u8)) { systemId = Id(ref r, path, "systemId", ref seen, 6); }
            else if (r.ValueTextEquals("seriousConsequences"u8)) { serious = Bool(ref r, path, "seriousConsequences", ref seen, 7); }
            else { Unknown(ref r, path, ActFields); }
        }
        Require(id, path, "id", "缺少行为标识");
        if (kind is null && !seen.Has(1))
        {
            problems.Error($"{path}.kind", "缺少行为类型");
        }
        if (date is null && !seen.Has(2))
        {
            problems.Error($"{path}.date", "缺少行为日期（YYYY-MM-DD）");
        }
        if (problems.Errors.Count > before || id is null || kind is null || date is null)
        {
            return null;
        }
        return new ActFacts
        {
            Id = id, Kind = kind.Value, Date = date.Value, Actor = actor, Authorized = authorized,
            SiteId = siteId, SystemId = systemId, SeriousConsequences = serious,
        };
    }

    public AccessRequestFacts? ParseRequest(ReadOnlySpan<byte> json, string path)
    {
        var r = new Utf8JsonReader(json, Options);
        r.Read();
        string? id = null, siteId = null, systemId = null;
        DateOnly? date = null;
        RequesterKind? requester = null;
        AccessAction? action = null;
        int persons = 0;
        bool power = false, credentials = false, certificate = false, registered = false, scope = false;
        bool consent = false, approval = false, identity = false, reason = false, range = false;
        bool? harmed = null;
        RequesterRelation? relation = null;
        var seen = new Seen();
        var before = problems.Errors.Count;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { id = Id(ref r, path, "id", ref seen, 0); }
            else if (r.ValueTextEquals("date"u8)) { date = Date(ref r, path, "date", ref seen, 1); }
            else if (r.ValueTextEquals("requester"u8)) { requester = Enum(ref r, Vocab.RequesterKinds, path, "requester", ref seen, 2); }
            else if (r.ValueTextEquals("investigationPower"u8)) { power = Bool(ref r, path, "investigationPower", ref seen, 3); }
            else if (r.ValueTextEquals("persons"u8)) { persons = Int(ref r, path, "persons", ref seen, 4) ?? 0; }
            else if (r.ValueTextEquals("credentialsShown"u8)) { credentials = Bool(ref r, path, "credentialsShown", ref seen, 5); }
            else if (r.ValueTextEquals("unitCertificateShown"u8)) { certificate = Bool(ref r, path, "unitCertificateShown", ref seen, 6); }
            else if (r.ValueTextEquals("registered"u8)) { registered = Bool(ref r, path, "registered", ref seen, 7); }
            else if (r.ValueTextEquals("withinDutyScope"u8)) { scope = Bool(ref r, path, "withinDutyScope", ref seen, 8); }
            else if (r.ValueTextEquals("action"u8)) { action = Enum(ref r, Vocab.AccessActions, path, "action", ref seen, 9); }
            else if (r.ValueTextEquals("usingUnitConsent"u8)) { consent = Bool(ref r, path, "usingUnitConsent", ref seen, 10); }
            else if (r.ValueTextEquals("policeApproval"u8)) { approval = Bool(ref r, path, "policeApproval", ref seen, 11); }
            else if (r.ValueTextEquals("identityRecorded"u8)) { identity = Bool(ref r, path, "identityRecorded", ref seen, 12); }
            else if (r.ValueTextEquals("reasonRecorded"u8)) { reason = Bool(ref r, path, "reasonRecorded", ref seen, 13); }
            else if (r.ValueTextEquals("timeRangeRecorded"u8)) { range = Bool(ref r, path, "timeRangeRecorded", ref seen, 14); }
            else if (r.ValueTextEquals("siteId"u8)) { siteId = Id(ref r, path, "siteId", ref seen, 15); }
            else if (r.ValueTextEquals("systemId"u8)) { systemId = Id(ref r, path, "systemId", ref seen, 16); }
            else if (r.ValueTextEquals("interestHarmed"u8)) { harmed = NullableBool(ref r, path, "interestHarmed", ref seen, 17); }
            else if (r.ValueTextEquals("requesterRelation"u8)) { relation = Enum(ref r, Vocab.RequesterRelations, path, "requesterRelation", ref seen, 18); }
            else { Unknown(ref r, path, RequestFields); }
        }
        Require(id, path, "id", "缺少申请标识");
        if (date is null && !seen.Has(1))
        {
            problems.Error($"{path}.date", "缺少申请日期（YYYY-MM-DD）");
        }
        if (requester is null && !seen.Has(2))
        {
            problems.Error($"{path}.requester", "缺少申请人类型（\"official\" 或 \"citizen\"）");
        }
        if (persons < 0)
        {
            problems.Error($"{path}.persons", "人数不能为负数");
        }
        if (problems.Errors.Count > before || id is null || date is null || requester is null)
        {
            return null;
        }
        return new AccessRequestFacts
        {
            Id = id, Date = date.Value, Requester = requester.Value, Action = action ?? AccessAction.View,
            InvestigationPower = power, Persons = persons, CredentialsShown = credentials,
            UnitCertificateShown = certificate, Registered = registered, WithinDutyScope = scope,
            UsingUnitConsent = consent, PoliceApproval = approval, IdentityRecorded = identity,
            ReasonRecorded = reason, TimeRangeRecorded = range, SiteId = siteId, SystemId = systemId,
            InterestHarmed = harmed,
            RequesterRelation = relation,
        };
    }

    // ---- values ----

    private void Require(string? value, string path, string field, string message)
    {
        if (value is null)
        {
            problems.Error($"{path}.{field}", message);
        }
    }

    private delegate T? ElementFunc<T>(ref Utf8JsonReader r, string path);

    /// <summary>Moves to the value of the current property and records it as seen (a repeated field is an error).</summary>
    private void Next(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot)
    {
        if (!seen.Add(slot))
        {
            problems.Error($"{path}.{field}", "字段重复");
        }
        r.Read();
    }

    private string? Id(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot)
    {
        var value = Str(ref r, path, field, ref seen, slot);
        if (value is not null && value.Trim().Length == 0)
        {
            problems.Error($"{path}.{field}", "标识不能为空");
            return null;
        }
        if (value is { Length: > 200 })
        {
            problems.Error($"{path}.{field}", "标识过长（最多 200 个字符）");
            return null;
        }
        return value;
    }

    private string? Str(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot)
    {
        Next(ref r, path, field, ref seen, slot);
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                if (r.ValueSpan.Length > MaxStringLength * 3)
                {
                    problems.Error($"{path}.{field}", $"字符串过长（最多 {MaxStringLength} 个字符）");
                    return null;
                }
                var s = SafeString(ref r, problems, $"{path}.{field}");
                if (s is null)
                {
                    return null;
                }
                if (s.Length > MaxStringLength)
                {
                    problems.Error($"{path}.{field}", $"字符串过长（最多 {MaxStringLength} 个字符）");
                    return null;
                }
                // The platform's text rule (a facts field may span lines: a description, a reason).
                if (Text.PlainText.Problem(s, multiLine: true, MaxStringLength) is { } problem)
                {
                    problems.Error($"{path}.{field}", problem);
                    return null;
                }
                return s;
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref r, $"{path}.{field}", "字符串");
                return null;
        }
    }

    /// <summary>A boolean whose absence or null means false (the contract's general rule).</summary>
    private bool Bool(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot) =>
        NullableBool(ref r, path, field, ref seen, slot, "true 或 false") ?? false;

    /// <summary>A boolean whose absence or null means "not stated" (a field an older pack could read).</summary>
    private bool? NullableBool(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot, string expected = "true、false 或 null")
    {
        Next(ref r, path, field, ref seen, slot);
        switch (r.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref r, $"{path}.{field}", expected);
                return null;
        }
    }

    private int? Int(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot)
    {
        Next(ref r, path, field, ref seen, slot);
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                if (r.TryGetInt32(out var value) && value >= 0)
                {
                    return value;
                }
                problems.Error($"{path}.{field}", $"应为非负整数，实际为 {System.Text.Encoding.UTF8.GetString(r.ValueSpan)}");
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref r, $"{path}.{field}", "非负整数");
                return null;
        }
    }

    private DateOnly? Date(ref Utf8JsonReader r, string path, string field, ref Seen seen, int slot)
    {
        var text = Str(ref r, path, field, ref seen, slot);
        if (text is null)
        {
            return null;
        }
        if (TryParseDate(text, out var date))
        {
            return date;
        }
        problems.Error($"{path}.{field}", $"日期应为 YYYY-MM-DD，实际为 \"{Clip(text)}\"");
        return null;
    }

    private T? Enum<T>(ref Utf8JsonReader r, VocabTable<T> table, string path, string field, ref Seen seen, int slot) where T : struct, System.Enum
    {
        Next(ref r, path, field, ref seen, slot);
        return EnumValue(ref r, table, $"{path}.{field}");
    }

    private T? EnumValue<T>(ref Utf8JsonReader r, VocabTable<T> table, string path) where T : struct, System.Enum
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                if (!r.ValueIsEscaped && table.TryParseUtf8(r.ValueSpan, out var value))
                {
                    return value;
                }
                if (SafeString(ref r, problems, path) is not { } text)
                {
                    return null;
                }
                if (table.TryParse(text, out value))
                {
                    return value;
                }
                var hint = table.Suggest(text) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                problems.Error(path, $"未知的{table.Noun} \"{Clip(text)}\"{hint}");
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref r, path, $"{table.Noun}（字符串）");
                return null;
        }
    }

    private List<T> EnumList<T>(ref Utf8JsonReader r, VocabTable<T> table, string path) where T : struct, System.Enum
    {
        var list = new List<T>();
        if (r.TokenType == JsonTokenType.Null)
        {
            return list;
        }
        if (r.TokenType != JsonTokenType.StartArray)
        {
            WrongType(ref r, path, $"{table.Noun}数组");
            return list;
        }
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (EnumValue(ref r, table, $"{path}[{i}]") is { } v)
            {
                if (list.Contains(v))
                {
                    problems.Error($"{path}[{i}]", $"{table.Noun} \"{table.Code(v)}\" 重复");
                }
                list.Add(v);
            }
            else if (r.TokenType == JsonTokenType.Null)
            {
                problems.Error($"{path}[{i}]", $"应为{table.Noun}，不能为 null");
            }
            i++;
        }
        return list;
    }

    private List<T>? ObjectList<T>(ref Utf8JsonReader r, string path, ElementFunc<T> parse) where T : class
    {
        var list = new List<T>();
        if (r.TokenType == JsonTokenType.Null)
        {
            return list;
        }
        if (r.TokenType != JsonTokenType.StartArray)
        {
            WrongType(ref r, path, "数组");
            return list;
        }
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = $"{path}[{i}]";
            if (r.TokenType != JsonTokenType.StartObject)
            {
                WrongType(ref r, itemPath, "对象");
            }
            else if (parse(ref r, itemPath) is { } item)
            {
                list.Add(item);
            }
            i++;
        }
        return list;
    }

    private T? Block<T>(ref Utf8JsonReader r, string path, ElementFunc<T> parse) where T : class
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref r, path, "对象");
            return null;
        }
        return parse(ref r, path);
    }

    private void Unknown(ref Utf8JsonReader r, string path, string[] known)
    {
        var name = SafeString(ref r, problems, path) ?? "\uFFFD";
        UnknownField(problems, path, Clip(name), known);
        r.Read();
        r.Skip();
    }

    private void WrongType(ref Utf8JsonReader r, string path, string expected)
    {
        var actual = r.TokenType switch
        {
            JsonTokenType.StartObject => "对象",
            JsonTokenType.StartArray => "数组",
            JsonTokenType.String => $"字符串 \"{Clip(SafeString(ref r, problems, path) ?? "\uFFFD")}\"",
            JsonTokenType.Number => "数字 " + System.Text.Encoding.UTF8.GetString(r.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => "null",
        };
        problems.Error(path, $"应为{expected}，实际为{actual}");
        r.Skip();
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "…";

    /// <summary>Which fields of one object were already read (slots 0..63).</summary>
    private struct Seen
    {
        private ulong _bits;

        public bool Add(int slot)
        {
            var bit = 1UL << slot;
            var fresh = (_bits & bit) == 0;
            _bits |= bit;
            return fresh;
        }

        public readonly bool Has(int slot) => (_bits & (1UL << slot)) != 0;
    }
}
