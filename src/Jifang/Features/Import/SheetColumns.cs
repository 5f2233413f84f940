using System.Collections.Frozen;
using Jifang.Rules.Vocabulary;

using Jifang.Rules.Text;

namespace Jifang.Features.Import;

/// <summary>A column of an import sheet: its Chinese header, the request property it fills (for naming validation errors),
/// and what the text rule (<see cref="PlainText"/>) allows in its cells: at most <paramref name="MaxLength"/> characters
/// (the registry column's length; <see cref="Sheets.Short"/> for yes/no, dates, numbers and codes) and line breaks only in
/// a list, where they separate the items.</summary>
internal sealed record SheetColumn(string Header, string? Property, bool Required = false, int MaxLength = Sheets.Short, bool MultiLine = false);

/// <summary>The sheets a workbook (or CSV file) may have, and their columns. docs/import.md describes them for people.</summary>
internal static class Sheets
{
    public const string Sites = "场所";
    public const string Systems = "技防系统";
    public const string Devices = "设备";
    public const string Products = "技防产品";
    public const string Contractors = "承包单位";

    /// <summary>The longest cell of a yes/no, date, number or code column; a name is <see cref="Name"/>, a list <see cref="List"/>.</summary>
    public const int Short = 40;
    public const int Name = 200;
    public const int Code = 100;
    public const int List = 1000;
    public const int ModelLength = 100;

    /// <summary>The order sheets are read and reported in.</summary>
    public static readonly string[] Order = [Sites, Systems, Devices, Products, Contractors];

    // 场所 (also the columns of a CSV file)
    public const string SiteCode = "场所编号";
    public const string SiteName = "场所名称";
    public const string UnitCreditCode = "单位统一社会信用代码";
    public const string UnitName = "单位名称";
    public const string Division = "行政区划代码";
    public const string Address = "地址";
    public const string ContactPhone = "联系电话";
    public const string Categories = "场所类别";
    public const string Parts = "部位";
    public const string PublicArea = "公共区域";
    public const string Large = "大型";
    public const string Urban = "城镇";
    public const string StateSecrets = "涉及国家秘密";
    public const string ImportantItems = "存放重要物品";
    public const string NonPublicPlace = "非公共场所";

    // 技防系统
    public const string SystemName = "系统名称";
    public const string Subsystems = "子系统";
    public const string Covers = "覆盖部位";
    public const string NewConstruction = "新建改建扩建";
    public const string ReviewHeld = "方案论证";
    public const string ReviewOrganizer = "论证组织者";
    public const string ReviewDate = "论证日期";
    public const string InspectionHeld = "检验";
    public const string InspectionQualified = "检验机构具备资质";
    public const string InspectionPassed = "检验合格";
    public const string InspectionDate = "检验日期";
    public const string AcceptanceHeld = "验收";
    public const string AcceptancePassed = "验收合格";
    public const string AcceptancePolice = "公安机关参与验收";
    public const string AcceptanceDate = "验收日期";
    public const string InService = "投入使用";
    public const string InServiceSince = "投入使用日期";
    public const string InterfaceReserved = "预留联网接口";
    public const string AlarmNetworked = "报警联网";
    public const string RetentionDays = "保存天数";
    public const string PersonnelTrained = "人员经过培训";
    public const string SignagePosted = "已设置提示标识";

    // 设备
    public const string DeviceName = "设备名称";
    public const string DeviceKind = "设备类型";
    public const string Captures = "采集";
    public const string Zone = "安装区域";

    // 技防产品
    public const string Model = "产品型号";
    public const string Manufacturer = "生产厂商";
    public const string InCatalog = "列入产品目录";
    public const string MeetsStandard = "符合质量标准";

    // 承包单位
    public const string ContractorName = "单位名称";
    public const string ContractorRole = "承包角色";
    public const string Qualified = "具备资质";

    public static readonly SheetColumn[] SiteColumns =
    [
        new(SiteCode, null, MaxLength: Code), new(SiteName, "Name", true, Name), new(UnitCreditCode, "UnitId"), new(UnitName, "UnitName", MaxLength: Name),
        new(Division, "DivisionCode"), new(Address, "Address", MaxLength: 300), new(ContactPhone, "ContactPhone", MaxLength: Registry.SiteRequestValidator.PhoneMaxLength), new(Categories, "Categories", true, List, true), new(Parts, "Parts", MaxLength: List, MultiLine: true),
        new(PublicArea, "PublicArea"), new(Large, "Large"), new(Urban, "Urban"), new(StateSecrets, "InvolvesStateSecrets"),
        new(ImportantItems, "HoldsImportantItems"), new(NonPublicPlace, "NonPublicPlace"),
    ];

    public static readonly SheetColumn[] SystemColumns =
    [
        new(SiteCode, null, true, Code), new(SystemName, "Name", true, Name), new(Subsystems, "Subsystems", true, List, true), new(Covers, "Covers", MaxLength: List, MultiLine: true),
        new(NewConstruction, "NewConstruction"),
        new(ReviewHeld, "DesignReview"), new(ReviewOrganizer, "DesignReview.Organizer"), new(ReviewDate, "DesignReview.Date"),
        new(InspectionHeld, "Inspection"), new(InspectionQualified, "Inspection.AgencyQualified"), new(InspectionPassed, "Inspection.Passed"), new(InspectionDate, "Inspection.Date"),
        new(AcceptanceHeld, "Acceptance"), new(AcceptancePassed, "Acceptance.Passed"), new(AcceptancePolice, "Acceptance.PoliceParticipated"), new(AcceptanceDate, "Acceptance.Date"),
        new(InService, "InService"), new(InServiceSince, "InServiceSince"), new(InterfaceReserved, "InterfaceReserved"), new(AlarmNetworked, "AlarmNetworked"),
        new(RetentionDays, "RetentionDays"), new(PersonnelTrained, "PersonnelTrained"), new(SignagePosted, "SignagePosted"),
    ];

    public static readonly SheetColumn[] DeviceColumns =
    [
        new(SiteCode, null, true, Code), new(DeviceName, "Name", true, Name), new(DeviceKind, "Kind", MaxLength: 100), new(SystemName, "SystemId", MaxLength: Name),
        new(Captures, "Captures", MaxLength: List, MultiLine: true), new(Zone, "Zone", MaxLength: 60),
    ];

    public static readonly SheetColumn[] ProductColumns =
    [
        new(SiteCode, null, true, Code), new(SystemName, null, true, Name), new(Model, "Model", true, ModelLength), new(Manufacturer, "Manufacturer", MaxLength: Name),
        new(InCatalog, "InCatalog"), new(MeetsStandard, "MeetsStandard"),
    ];

    public static readonly SheetColumn[] ContractorColumns =
    [
        new(SiteCode, null, true, Code), new(SystemName, null, true, Name), new(ContractorName, "Name", true, Name), new(ContractorRole, "Role", true),
        new(Qualified, "Qualified"),
    ];

    public static SheetColumn[] ColumnsOf(string sheet) => sheet switch
    {
        Sites => SiteColumns,
        Systems => SystemColumns,
        Devices => DeviceColumns,
        Products => ProductColumns,
        Contractors => ContractorColumns,
        _ => [],
    };

    /// <summary>Request property → column header, for naming validation errors.</summary>
    public static FrozenDictionary<string, string> PropertyColumns(SheetColumn[] columns) =>
        columns.Where(c => c.Property is not null).ToFrozenDictionary(c => c.Property!, c => c.Header, StringComparer.Ordinal);

    /// <summary>Contractor roles (SystemRequestValidator.ContractorRoles) with their Chinese names.</summary>
    public static readonly FrozenDictionary<string, string> RoleLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["design"] = "设计",
        ["construction"] = "施工",
        ["installation"] = "安装",
        ["supervision"] = "监理",
        ["maintenance"] = "维修",
        ["operation"] = "运营",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> RolesByLabel = RoleLabels
        .SelectMany(kv => new[] { (kv.Value, kv.Key), (kv.Value + "单位", kv.Key) })
        .Append(("维护", "maintenance")).Append(("维护单位", "maintenance")).Append(("运维", "operation"))
        .ToFrozenDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    /// <summary>A contractor role written as its code or in Chinese (施工, 施工单位); anything else unchanged, for the validator to name.</summary>
    public static string Role(string text) => RolesByLabel.TryGetValue(text, out var code) ? code : text;
}

/// <summary>Vocabulary values as people write them in a sheet: the contract code (hotel) or the Chinese label (宾馆, 旅店).</summary>
internal static class VocabText
{
    private static readonly Dictionary<object, FrozenDictionary<string, string>> Tables = [];
    private static readonly Lock Gate = new();

    /// <summary>The code for a code or label; an unknown text comes back unchanged so that the validator names it with its near-miss hint.</summary>
    public static string Code<T>(VocabTable<T> table, string text) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(table);
        FrozenDictionary<string, string>? map;
        lock (Gate)
        {
            if (!Tables.TryGetValue(table, out map))
            {
                map = Build(table);
                Tables[table] = map;
            }
        }
        return map.TryGetValue(text, out var code) ? code : text;
    }

    private static FrozenDictionary<string, string> Build<T>(VocabTable<T> table) where T : struct, Enum
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in table.Values)
        {
            var code = table.Code(value);
            map[code] = code;
            var label = table.Label(value);
            map.TryAdd(label, code);
            foreach (var part in label.Split(" / ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                map.TryAdd(part, code);
                var bracket = part.IndexOf('（', StringComparison.Ordinal);
                if (bracket > 0)
                {
                    map.TryAdd(part[..bracket], code);
                }
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
