using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Jifang.Bench;

/// <summary>What <see cref="FactsGenerator"/> writes.</summary>
public sealed record GeneratorOptions
{
    public required int Sites { get; init; }
    /// <summary>nmg-2007 or province-2012: decides which design-review organizer is the lawful one and the city names.</summary>
    public required string Regulation { get; init; }
    public int Seed { get; init; } = 1;
    public DateOnly AsOf { get; init; } = new(2025, 6, 30);
    public bool Indented { get; init; }
}

/// <summary>What was written: counts, bytes, and the deliberate violations by kind.</summary>
public sealed record GeneratorStats(long Sites, long Systems, long Devices, long Acts, long Requests, long Bytes, IReadOnlyDictionary<string, long> Violations);

/// <summary>
/// Writes a realistic facts file (shared/contract/README.md) of any size: sites of mixed
/// categories with their parts and flags, 1–3 systems each with lifecycle blocks, products and
/// contractors, several devices each, then acts and access requests in proportion. Most of it
/// complies with the chosen regulation; a few percent are deliberate violations of many kinds.
/// It streams through <see cref="Utf8JsonWriter"/>: memory is one byte per site (its system
/// count, so that acts and requests name systems that exist) whatever the size.
/// </summary>
public sealed class FactsGenerator
{
    // Per-subject chances of a deliberate violation.
    private const double SystemViolation = 0.03;
    private const double CoverageGap = 0.02;
    private const double NoSystem = 0.007;
    private const double DeviceInPrivateZone = 0.004;
    private const double ActUnauthorized = 0.05;
    private const double RequestViolation = 0.04;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), SkipValidation = true };
    private static readonly JsonWriterOptions Pretty = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), SkipValidation = true, Indented = true };

    private static readonly string[] NmgCities = ["呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟"];
    private static readonly string[] ProvinceCities = ["甲市", "乙市", "丙市", "丁市", "戊市", "己市", "庚市", "辛市"];
    private static readonly string[] Brands = ["金辉", "华联", "新城", "阳光", "民族", "北方", "草原", "长城", "恒通", "中兴", "万达", "东方", "滨河", "青城", "鹿城", "明珠"];
    private static readonly string[] Models = ["DS-2CD3T47G2", "DS-2DE4425IW", "DH-IPC-HFW4433", "DH-SD49425", "UNV-IPC2124", "HO-DT7225", "HO-PA-461", "ZK-F18", "ZK-ProBio", "TP-TL-IPC44", "EZ-C6CN", "KD-AL-2100", "XR-EX300", "AX-PRO-32", "JR-M2-RF"];
    private static readonly string[] LegalRoles = ["design", "construction", "installation", "maintenance"];

    private static readonly Template[] Templates = BuildTemplates();
    private static readonly int TemplateWeight = Templates.Sum(t => t.Weight);

    private static readonly (string Kind, int Weight, bool Authorizable)[] ActKinds =
    [
        ("device-removed", 10, true), ("system-shut-down", 10, true), ("purpose-changed", 4, true),
        ("program-modified", 4, true), ("records-deleted", 5, true), ("records-modified", 2, true),
        ("records-copied", 8, true), ("records-distributed", 3, true), ("public-area-system-adjusted", 3, true),
        ("public-area-installation", 3, true),
        // Conduct that no authorization makes lawful: rare.
        ("device-destroyed", 1, false), ("system-obstructed", 1, false), ("records-sold", 1, false),
        ("records-concealed", 1, false), ("secrets-leaked", 1, false), ("certificate-forged", 1, false),
        ("vendor-designated", 1, false), ("alarm-not-reported", 1, false),
    ];
    private static readonly int ActWeight = ActKinds.Sum(k => k.Weight);

    private static readonly string[] SystemViolationKinds =
    [
        "design-review-missing", "design-review-organizer", "design-review-late", "inspection-missing",
        "inspection-unqualified", "inspection-failed", "acceptance-before-inspection", "acceptance-without-police",
        "in-service-unaccepted", "in-service-acceptance-failed", "interface-not-reserved", "alarm-not-networked",
        "personnel-untrained", "retention-short", "product-not-in-catalog", "product-substandard", "contractor-unqualified",
    ];

    private static readonly string[] BuildingViolationKinds =
    [
        "design-review-missing", "design-review-organizer", "interface-not-reserved", "alarm-not-networked",
        "personnel-untrained", "retention-short", "product-not-in-catalog", "product-substandard", "contractor-unqualified",
    ];

    private readonly GeneratorOptions _options;
    private readonly Random _rng;
    private readonly bool _nmg;
    private readonly DateOnly _effective;
    private readonly string[] _cities;
    private readonly byte[] _systemCounts;
    private readonly Dictionary<string, long> _violations = new(StringComparer.Ordinal);
    private long _systems;
    private long _devices;

    private FactsGenerator(GeneratorOptions options)
    {
        _options = options;
        _rng = new Random(options.Seed);
        _nmg = options.Regulation == "nmg-2007";
        _effective = _nmg ? new DateOnly(2007, 7, 1) : new DateOnly(2012, 10, 1);
        _cities = _nmg ? NmgCities : ProvinceCities;
        _systemCounts = new byte[options.Sites];
    }

    /// <summary>Writes the facts file to <paramref name="output"/> (not closed).</summary>
    public static GeneratorStats Write(Stream output, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Sites < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Sites must not be negative");
        }
        if (options.Regulation is not ("nmg-2007" or "province-2012"))
        {
            throw new ArgumentException($"unknown regulation \"{options.Regulation}\" (nmg-2007 or province-2012)", nameof(options));
        }
        return new FactsGenerator(options).Run(output);
    }

    /// <summary>The size in bytes of what <see cref="Write"/> would write, without keeping it.</summary>
    public static long Size(GeneratorOptions options) => Write(Stream.Null, options).Bytes;

    private GeneratorStats Run(Stream output)
    {
        using var w = new Utf8JsonWriter(output, _options.Indented ? Pretty : Compact);
        w.WriteStartObject();
        w.WriteString("regulation", _options.Regulation);
        w.WriteString("asOf", Date(_options.AsOf));
        w.WriteStartArray("sites");
        for (var i = 0; i < _options.Sites; i++)
        {
            WriteSite(w, i);
            FlushIfFull(w);
        }
        w.WriteEndArray();
        var acts = (_options.Sites + 19) / 20;
        w.WriteStartArray("acts");
        for (var i = 0; i < acts; i++)
        {
            WriteAct(w, i);
            FlushIfFull(w);
        }
        w.WriteEndArray();
        var requests = (_options.Sites + 9) / 10;
        w.WriteStartArray("accessRequests");
        for (var i = 0; i < requests; i++)
        {
            WriteRequest(w, i);
            FlushIfFull(w);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return new GeneratorStats(_options.Sites, _systems, _devices, acts, requests, w.BytesCommitted, _violations);
    }

    private static void FlushIfFull(Utf8JsonWriter w)
    {
        if (w.BytesPending > 1 << 16)
        {
            w.Flush();
        }
    }

    // ---- sites ----

    private void WriteSite(Utf8JsonWriter w, int index)
    {
        var t = PickTemplate();
        var id = SiteId(index);
        var categories = new List<string>(3) { t.Category };
        if (t.Companions.Length > 0 && Chance(0.15))
        {
            categories.Add(Pick(t.Companions));
        }
        if (t.KeyUnitCandidate && Chance(0.08))
        {
            categories.Add("designated-key-unit");
        }
        var parts = t.Parts.Where((_, i) => i < t.CoreParts || Chance(0.6)).ToArray();
        var publicArea = Chance(t.PublicArea);
        var isPublicForProvince = publicArea || t.ProvincePublicCategory;

        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", $"{Pick(_cities)}{Pick(Brands)}{t.Label}");
        w.WriteStartArray("categories");
        foreach (var c in categories)
        {
            w.WriteStringValue(c);
        }
        w.WriteEndArray();
        w.WriteBoolean("publicArea", publicArea);
        w.WriteBoolean("large", Chance(t.Large));
        w.WriteBoolean("urban", Chance(t.Urban));
        w.WriteBoolean("involvesStateSecrets", Chance(t.StateSecrets));
        w.WriteBoolean("holdsImportantItems", Chance(t.ImportantItems));
        w.WriteStartArray("parts");
        foreach (var p in parts)
        {
            w.WriteStringValue(p);
        }
        w.WriteEndArray();

        // Systems: each part is covered by one system, sometimes two.
        int systemCount;
        if (Chance(NoSystem))
        {
            Count("site-without-system");
            systemCount = 0;
        }
        else
        {
            systemCount = Chance(0.5) ? 1 : Chance(0.7) ? 2 : 3;
        }
        var covers = new int[systemCount];
        if (systemCount > 0)
        {
            for (var p = 0; p < parts.Length; p++)
            {
                covers[_rng.Next(systemCount)] |= 1 << p;
                if (systemCount > 1 && Chance(0.3))
                {
                    covers[_rng.Next(systemCount)] |= 1 << p;
                }
            }
            for (var s = 0; s < systemCount; s++)
            {
                if (covers[s] == 0 && parts.Length > 0)
                {
                    covers[s] = 1 << _rng.Next(parts.Length);
                }
            }
            if (parts.Length > 1 && Chance(CoverageGap))
            {
                // One part that no system covers (e.g. the key part left out of the project).
                Count("coverage-gap");
                var gap = ~(1 << _rng.Next(parts.Length));
                for (var s = 0; s < systemCount; s++)
                {
                    covers[s] &= gap;
                }
            }
        }
        _systemCounts[index] = (byte)systemCount;
        _systems += systemCount;

        var subsystems = new string[systemCount][];
        w.WriteStartArray("systems");
        for (var s = 0; s < systemCount; s++)
        {
            subsystems[s] = WriteSystem(w, id, s, Subsystems(t, s), parts, covers[s], isPublicForProvince);
        }
        w.WriteEndArray();

        w.WriteStartArray("devices");
        if (systemCount > 0)
        {
            var devices = _rng.Next(3, 9) + parts.Length;
            for (var d = 0; d < devices; d++)
            {
                var s = _rng.Next(systemCount);
                WriteDevice(w, id, d, s, subsystems[s], t);
            }
            _devices += devices;
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private string[] Subsystems(Template t, int systemIndex) => systemIndex switch
    {
        0 => Chance(0.4) ? ["video", "access-control"] : ["video"],
        1 => Chance(0.3) ? ["intrusion-alarm", "video"] : ["intrusion-alarm"],
        _ => t.ExplosiveCheck && Chance(0.6) ? ["explosive-check"] : ["access-control"],
    };

    /// <summary>Writes one system; returns its subsystems (a violation may have added one).</summary>
    private string[] WriteSystem(Utf8JsonWriter w, string siteId, int index, string[] subsystems, string[] parts, int covers, bool publicArea)
    {
        // Lifecycle: design review, then inspection 2–8 months later, then acceptance 1–4 weeks after.
        var stage = _rng.NextDouble();
        var legacy = stage < 0.03;            // built before the regulation took effect
        var underConstruction = !legacy && stage < 0.08;
        var asOf = _options.AsOf;
        DateOnly design;
        if (legacy)
        {
            design = _effective.AddDays(-_rng.Next(200, 1500));
        }
        else if (underConstruction)
        {
            design = asOf.AddDays(-_rng.Next(20, 200));
        }
        else
        {
            var earliest = _effective.AddDays(180);
            design = earliest.AddDays(_rng.Next(asOf.DayNumber - 300 - earliest.DayNumber));
        }
        // A system still being built can only break the rules that do not depend on its completion.
        var violation = Chance(SystemViolation) ? Pick(underConstruction ? BuildingViolationKinds : SystemViolationKinds) : null;
        if (violation is not null)
        {
            Count(violation);
        }
        if (violation == "alarm-not-networked" && !subsystems.Contains("intrusion-alarm"))
        {
            subsystems = [.. subsystems, "intrusion-alarm"];
        }
        var inspection = design.AddDays(_rng.Next(60, 240));
        var acceptance = inspection.AddDays(_rng.Next(7, 30));
        var inspected = !underConstruction || (Chance(0.5) && inspection < asOf);
        var accepted = !underConstruction;

        w.WriteStartObject();
        w.WriteString("id", $"{siteId}-T{index + 1}");
        w.WriteStartArray("subsystems");
        foreach (var s in subsystems)
        {
            w.WriteStringValue(s);
        }
        w.WriteEndArray();
        w.WriteStartArray("covers");
        for (var p = 0; p < parts.Length; p++)
        {
            if ((covers & (1 << p)) != 0)
            {
                w.WriteStringValue(parts[p]);
            }
        }
        w.WriteEndArray();
        w.WriteBoolean("newConstruction", underConstruction || Chance(0.6));

        if (violation != "design-review-missing")
        {
            var organizer = violation == "design-review-organizer"
                ? (_nmg ? Pick(["construction-unit", "police"]) : publicArea ? "construction-unit" : "police")
                : _nmg ? "construction-unit-with-police" : publicArea ? "police" : Chance(0.5) ? "construction-unit" : "construction-unit-with-police";
            var reviewDate = violation == "design-review-late" ? acceptance.AddDays(_rng.Next(1, 60)) : design;
            w.WriteStartObject("designReview");
            w.WriteBoolean("held", true);
            w.WriteString("organizer", organizer);
            w.WriteString("date", Date(reviewDate));
            w.WriteEndObject();
        }
        if (inspected && violation != "inspection-missing")
        {
            w.WriteStartObject("inspection");
            w.WriteBoolean("held", true);
            w.WriteBoolean("agencyQualified", violation != "inspection-unqualified");
            w.WriteBoolean("passed", violation != "inspection-failed");
            w.WriteString("date", Date(violation == "acceptance-before-inspection" ? acceptance.AddDays(_rng.Next(1, 30)) : inspection));
            w.WriteEndObject();
        }
        var inService = accepted;
        if (violation == "in-service-unaccepted")
        {
            inService = true;
        }
        else if (accepted)
        {
            w.WriteStartObject("acceptance");
            w.WriteBoolean("held", true);
            w.WriteBoolean("passed", violation != "in-service-acceptance-failed");
            w.WriteBoolean("policeParticipated", violation != "acceptance-without-police");
            w.WriteString("date", Date(acceptance));
            w.WriteEndObject();
        }
        w.WriteBoolean("inService", inService);
        w.WriteBoolean("interfaceReserved", violation != "interface-not-reserved");
        // Only systems with an intrusion alarm must be networked; others often are not.
        w.WriteBoolean("alarmNetworked", violation != "alarm-not-networked" && (subsystems.Contains("intrusion-alarm") || Chance(0.4)));
        w.WriteNumber("retentionDays", violation == "retention-short" ? Pick([7, 10, 15, 20]) : Pick([30, 30, 30, 45, 60, 90]));

        w.WriteStartArray("products");
        var products = _rng.Next(1, 5);
        var badProduct = violation is "product-not-in-catalog" or "product-substandard" ? _rng.Next(products) : -1;
        for (var i = 0; i < products; i++)
        {
            w.WriteStartObject();
            w.WriteString("model", Pick(Models));
            w.WriteBoolean("inCatalog", !(i == badProduct && violation == "product-not-in-catalog"));
            w.WriteBoolean("meetsStandard", !(i == badProduct && violation == "product-substandard"));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("contractors");
        WriteContractor(w, "design", violation != "contractor-unqualified" || Chance(0.5));
        WriteContractor(w, "construction", violation != "contractor-unqualified");
        if (Chance(0.4))
        {
            WriteContractor(w, "maintenance", true);
        }
        if (Chance(0.15))
        {
            // A role neither regulation requires a qualification for; sometimes unqualified, lawfully.
            WriteContractor(w, Pick(["supervision", "operation"]), Chance(0.8));
        }
        w.WriteEndArray();
        w.WriteBoolean("personnelTrained", violation != "personnel-untrained");
        w.WriteEndObject();
        return subsystems;
    }

    private static void WriteContractor(Utf8JsonWriter w, string role, bool qualified)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteBoolean("qualified", qualified);
        w.WriteEndObject();
    }

    private void WriteDevice(Utf8JsonWriter w, string siteId, int index, int system, string[] subsystems, Template t)
    {
        // What the device is follows from its system: cameras record video (some also audio);
        // detectors and card readers record nothing.
        var camera = subsystems.Contains("video") && (subsystems.Length == 1 || Chance(0.7))
            || subsystems.Contains("access-control") && Chance(0.2);
        var audio = camera && Chance(0.1);
        string zone;
        if (camera && Chance(DeviceInPrivateZone))
        {
            Count("camera-in-private-zone");
            zone = t.PrivateZones.Length > 0 ? Pick(t.PrivateZones) : "other-private";
        }
        else if (!camera && t.PrivateZones.Length > 0 && Chance(0.15))
        {
            zone = Pick(t.PrivateZones);   // e.g. an emergency button in a toilet: lawful
        }
        else
        {
            zone = "public";
        }
        w.WriteStartObject();
        w.WriteString("id", $"{siteId}-D{index + 1:D2}");
        if (!Chance(0.02))
        {
            w.WriteString("systemId", $"{siteId}-T{system + 1}");
        }
        w.WriteStartArray("captures");
        if (camera)
        {
            w.WriteStringValue("video");
            if (audio)
            {
                w.WriteStringValue("audio");
            }
        }
        w.WriteEndArray();
        w.WriteString("zone", zone);
        w.WriteEndObject();
    }

    // ---- acts and requests ----

    private void WriteAct(Utf8JsonWriter w, int index)
    {
        var roll = _rng.Next(ActWeight);
        var (kind, _, authorizable) = ActKinds[0];
        foreach (var k in ActKinds)
        {
            if (roll < k.Weight)
            {
                (kind, _, authorizable) = k;
                break;
            }
            roll -= k.Weight;
        }
        var actor = kind switch
        {
            "vendor-designated" => Chance(0.5) ? "police" : "unit",
            "public-area-installation" => Chance(0.5) ? "government" : "unit",
            "alarm-not-reported" => "unit",
            _ => Chance(0.65) ? "unit" : Chance(0.9) ? "individual" : "police",
        };
        var authorized = authorizable && !Chance(ActUnauthorized);
        if (!authorized)
        {
            Count("act-" + kind);
        }
        var site = _options.Sites == 0 ? -1 : _rng.Next(_options.Sites);
        w.WriteStartObject();
        w.WriteString("id", $"A{index + 1:D6}");
        w.WriteString("kind", kind);
        w.WriteString("date", Date(EventDate(0.02)));
        w.WriteString("actor", actor);
        w.WriteBoolean("authorized", authorized);
        WriteSiteReference(w, site);
        w.WriteBoolean("seriousConsequences", !authorized && Chance(0.1));
        w.WriteEndObject();
    }

    private void WriteRequest(Utf8JsonWriter w, int index)
    {
        var official = Chance(0.6);
        var action = Pick(["view", "view", "copy", "retrieve"]);
        var bad = Chance(RequestViolation) ? _rng.Next(5) : -1;
        if (bad >= 0)
        {
            Count(official ? "official-request" : "citizen-request");
        }
        var site = _options.Sites == 0 ? -1 : _rng.Next(_options.Sites);
        w.WriteStartObject();
        w.WriteString("id", $"R{index + 1:D6}");
        w.WriteString("date", Date(EventDate(0.01)));
        w.WriteString("requester", official ? "official" : "citizen");
        if (official)
        {
            w.WriteBoolean("investigationPower", true);
            w.WriteNumber("persons", bad == 0 ? 1 : Pick([2, 2, 2, 3]));
            w.WriteBoolean("credentialsShown", bad != 1);
            w.WriteBoolean("unitCertificateShown", bad != 2);
            w.WriteBoolean("registered", bad != 3);
            w.WriteBoolean("withinDutyScope", bad != 4);
            w.WriteString("action", action);
            w.WriteNull("usingUnitConsent");
            w.WriteNull("policeApproval");
            w.WriteNull("identityRecorded");
            w.WriteNull("reasonRecorded");
            w.WriteNull("timeRangeRecorded");
        }
        else
        {
            w.WriteNumber("persons", 1);
            w.WriteBoolean("registered", true);
            w.WriteString("action", action);
            w.WriteBoolean("usingUnitConsent", bad != 0);
            if (action == "view")
            {
                w.WriteNull("policeApproval");
            }
            else
            {
                w.WriteBoolean("policeApproval", bad != 4);
            }
            w.WriteBoolean("identityRecorded", bad != 1);
            w.WriteBoolean("reasonRecorded", bad != 2);
            w.WriteBoolean("timeRangeRecorded", bad != 3);
        }
        WriteSiteReference(w, site);
        w.WriteEndObject();
    }

    private void WriteSiteReference(Utf8JsonWriter w, int site)
    {
        if (site < 0)
        {
            return;
        }
        w.WriteString("siteId", SiteId(site));
        if (_systemCounts[site] > 0 && Chance(0.7))
        {
            w.WriteString("systemId", $"{SiteId(site)}-T{_rng.Next(_systemCounts[site]) + 1}");
        }
    }

    /// <summary>A date in the three years before the as-of date; now and then one before the regulation took effect.</summary>
    private DateOnly EventDate(double beforeEffective) => Chance(beforeEffective)
        ? _effective.AddDays(-_rng.Next(1, 1000))
        : _options.AsOf.AddDays(-_rng.Next(0, 3 * 365));

    // ---- helpers ----

    private static string SiteId(int index) => $"S{index + 1:D6}";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private bool Chance(double p) => _rng.NextDouble() < p;

    private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];

    private void Count(string violation) => _violations[violation] = _violations.GetValueOrDefault(violation) + 1;

    private Template PickTemplate()
    {
        var roll = _rng.Next(TemplateWeight);
        foreach (var t in Templates)
        {
            if (roll < t.Weight)
            {
                return t;
            }
            roll -= t.Weight;
        }
        return Templates[^1];
    }

    /// <summary>A kind of site: its main category, how common it is, the parts it has (the first <c>CoreParts</c> always) and its usual flags.</summary>
    private sealed record Template(string Category, string Label, int Weight, string[] Parts, int CoreParts)
    {
        public string[] Companions { get; init; } = [];
        public string[] PrivateZones { get; init; } = [];
        public double Large { get; init; }
        public double Urban { get; init; } = 0.8;
        public double PublicArea { get; init; }
        public double StateSecrets { get; init; }
        public double ImportantItems { get; init; }
        public bool KeyUnitCandidate { get; init; }
        public bool ExplosiveCheck { get; init; }
        /// <summary>A category that province-2012 第九条第（一）项 names as public area (its design review is organized by the police).</summary>
        public bool ProvincePublicCategory { get; init; }
    }

    private static Template[] BuildTemplates()
    {
        const string Me = "main-entrance", Pa = "passage", Ca = "common-area", Kp = "key-part", Va = "vault", Bh = "business-hall", Pe = "perimeter", Ot = "other";
        string[] outdoor = [Ca, Pe, Me, Ot];
        return
        [
            new("hotel", "宾馆", 80, [Me, Pa, Ca, Kp, Pe], 2) { Companions = ["entertainment-venue", "parking-lot"], PrivateZones = ["hotel-guest-room", "changing-room", "toilet"], Large = 0.2 },
            new("shopping-center", "商场", 60, [Me, Pa, Bh, Ca, Kp, Pe], 3) { Companions = ["parking-lot", "entertainment-venue"], PrivateZones = ["changing-room", "toilet", "nursing-room"], Large = 0.5, KeyUnitCandidate = true },
            new("internet-cafe", "网吧", 40, [Me, Pa, Bh], 2) { PrivateZones = ["toilet"] },
            new("residential-community", "小区", 120, [Me, Pe, Ca, Pa], 3) { Companions = ["parking-lot"], PrivateZones = ["apartment-room"] },
            new("parking-lot", "停车场", 30, [Me, Pe, Ca], 1),
            new("tourist-attraction", "景区", 15, [Me, Pe, Ca, Kp], 2) { PublicArea = 0.3, Companions = ["heritage-site", "park"], PrivateZones = ["changing-room", "toilet"] },
            new("entertainment-venue", "娱乐城", 30, [Me, Pa, Bh, Kp], 2) { PrivateZones = ["entertainment-private-room", "dressing-room", "toilet"] },
            new("school", "中学", 60, [Me, Pe, Pa, Ca, Kp], 3) { Urban = 0.7, PrivateZones = ["dormitory", "toilet", "changing-room"], KeyUnitCandidate = true },
            new("kindergarten", "幼儿园", 30, [Me, Pe, Pa, Ca], 2) { PrivateZones = ["toilet", "dormitory"] },
            new("hospital", "医院", 40, [Me, Pa, Ca, Kp, Bh], 3) { Large = 0.4, PrivateZones = ["nursing-room", "changing-room", "toilet"], KeyUnitCandidate = true },
            new("welfare-institution", "养老院", 15, [Me, Pa, Ca], 2) { PrivateZones = ["dormitory", "public-bath", "toilet"] },
            new("financial-business-premises", "银行营业网点", 70, [Me, Bh, Kp, Pa], 3) { Companions = ["financial-vault"], PrivateZones = ["financial-customer-info-area"], KeyUnitCandidate = true },
            new("financial-vault", "金库", 8, [Me, Va, Pe, Kp], 2) { KeyUnitCandidate = true },
            new("currency-securities-site", "票据中心", 4, [Me, Va, Kp], 2),
            new("cash-transport-vehicle", "押运车", 10, [Kp, Ot], 1),
            new("government-agency", "人民政府", 30, [Me, Pa, Ca, Kp], 2) { StateSecrets = 0.3, PrivateZones = ["ballot-area"], KeyUnitCandidate = true },
            new("people-organization", "总工会", 8, [Me, Pa, Ca], 1),
            new("public-institution", "事业单位", 20, [Me, Pa, Ca, Kp], 2) { PrivateZones = ["changing-room"] },
            new("large-enterprise", "集团公司", 25, [Me, Pe, Ca, Kp, Pa], 3) { Large = 0.9, PrivateZones = ["dormitory", "changing-room"], KeyUnitCandidate = true },
            new("station", "汽车站", 15, [Me, Pa, Bh, Kp, Ca], 3) { Companions = ["rail-transit"], PublicArea = 0.2, Large = 0.5, ExplosiveCheck = true, PrivateZones = ["nursing-room", "toilet"] },
            new("airport", "机场", 2, [Me, Pa, Kp, Pe, Ca, Bh], 4) { Large = 1, ExplosiveCheck = true, PrivateZones = ["nursing-room", "toilet"], KeyUnitCandidate = true },
            new("port", "码头", 3, [Me, Pe, Kp, Ca], 2) { ExplosiveCheck = true },
            new("rail-transit", "地铁站", 8, [Me, Pa, Kp, Bh], 2) { ExplosiveCheck = true, PrivateZones = ["toilet"] },
            new("road-traffic", "交通枢纽", 5, [Kp, Ot], 1),
            new("logistics-park", "物流园", 8, [Me, Pe, Kp, Ca], 2),
            new("public-transport-vehicle", "公交车队", 15, [Kp, Ot], 1),
            new("special-transport-vehicle", "危货运输车队", 3, [Kp], 1),
            new("square", "广场", 12, outdoor, 2) { PublicArea = 1, ProvincePublicCategory = true, Companions = ["park"] },
            new("park", "公园", 12, outdoor, 2) { PublicArea = 1, ProvincePublicCategory = true, PrivateZones = ["toilet"] },
            new("main-road", "路口", 20, [Ot, Ca], 1) { PublicArea = 1, ProvincePublicCategory = true },
            new("underpass", "地下通道", 5, [Pa, Me], 1) { PublicArea = 1, ProvincePublicCategory = true },
            new("pedestrian-bridge", "过街天桥", 5, [Pa], 1) { PublicArea = 1, ProvincePublicCategory = true },
            new("tunnel", "隧道", 3, [Pa, Me], 2) { PublicArea = 1, ProvincePublicCategory = true },
            new("large-bridge", "大桥", 2, [Pa, Kp], 1) { PublicArea = 1, ProvincePublicCategory = true, Large = 1 },
            new("hazardous-materials-site", "危化品仓库", 10, [Me, Pe, Kp], 2) { KeyUnitCandidate = true },
            new("pathogen-lab", "疾控中心实验室", 2, [Me, Kp, Pa], 2) { KeyUnitCandidate = true },
            new("materials-reserve", "物资储备库", 5, [Me, Pe, Kp, Va], 2) { Large = 0.5 },
            new("grain-depot", "粮库", 6, [Me, Pe, Kp], 2),
            new("energy-facility", "变电站", 10, [Pe, Me, Kp], 2) { Large = 0.5, KeyUnitCandidate = true },
            new("water-conservancy", "水库管理处", 4, [Pe, Kp, Me], 2),
            new("urban-utility-supply", "自来水厂", 6, [Pe, Me, Kp], 2) { KeyUnitCandidate = true },
            new("broadcasting", "广播电台", 2, [Me, Kp, Pa], 2) { Companions = ["television"] },
            new("television", "电视台", 2, [Me, Kp, Pa], 2) { StateSecrets = 0.1 },
            new("telecom", "通信机房", 8, [Me, Kp, Pe], 2),
            new("postal", "邮政支局", 8, [Me, Bh, Kp], 2),
            new("museum", "博物馆", 4, [Me, Pa, Kp, Va, Pe], 3) { Companions = ["heritage-site"], PrivateZones = ["toilet"] },
            new("archive", "档案馆", 3, [Me, Kp, Va], 2) { StateSecrets = 0.2 },
            new("memorial-hall", "纪念馆", 3, [Me, Pa, Kp], 2) { ImportantItems = 0.6 },
            new("exhibition-hall", "展览馆", 4, [Me, Pa, Bh, Kp], 2) { ImportantItems = 0.4, Large = 0.3 },
            new("heritage-site", "文物保护单位", 4, [Me, Pe, Kp], 2),
            new("cultural-venue", "文化馆", 8, [Me, Pa, Ca], 2) { Large = 0.3, PrivateZones = ["dressing-room"] },
            new("sports-venue", "体育馆", 8, [Me, Pa, Ca, Pe], 2) { Large = 0.5, PrivateZones = ["changing-room", "public-bath"] },
            new("defense-industry-site", "研究所", 2, [Me, Pe, Kp, Va], 3) { StateSecrets = 0.9 },
            new("key-national-project", "重点工程指挥部", 2, [Me, Pe, Kp], 2),
            new("other", "写字楼", 40, [Me, Pa, Ca], 2) { PrivateZones = ["toilet"], Large = 0.2 },
        ];
    }
}
