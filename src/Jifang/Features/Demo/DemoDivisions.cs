namespace Jifang.Features.Demo;

// The two demo jurisdictions. Inner Mongolia uses its real GB/T 2260 codes; the province of the
// 2012 regulation is not named by its text, so the platform maps it to the prefix "99" (示例省),
// and its cities and counties here are invented, clearly not a real province.

/// <summary>A county-level division (区、县、旗): the unit of a county police officer's scope.</summary>
internal sealed record DemoCounty(string Code, string Name, bool Urban);

/// <summary>A city-level division (设区的市、盟市); <paramref name="Nick"/> is the short name used in generated names.</summary>
internal sealed record DemoCity(string Code, string Name, string Nick, IReadOnlyList<DemoCounty> Counties);

/// <summary>A province-level jurisdiction under one regulation pack, with the word pools its names are built from.</summary>
internal sealed record DemoJurisdiction(
    string PackId,
    string Code,
    string Name,
    string Short,
    string PoliceName,
    DateOnly Effective,
    IReadOnlyList<DemoCity> Cities,
    IReadOnlyList<string> Roads,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Rivers,
    bool IsNmg)
{
    public string Prefix => Code[..2];

    public IEnumerable<DemoCounty> Counties => Cities.SelectMany(c => c.Counties);

    public DemoCity CityOf(DemoCounty county) => Cities.First(c => c.Counties.Contains(county));

    /// <summary>The full written name of a division, as on an address: 内蒙古自治区呼和浩特市新城区.</summary>
    public string FullName(DemoCounty county) => Name + CityOf(county).Name + county.Name;
}

internal static class DemoDivisions
{
    /// <summary>内蒙古自治区 (150000), under 《内蒙古自治区公共安全技术防范管理条例》 (nmg-2007).</summary>
    public static readonly DemoJurisdiction Nmg = new(
        PackId: "nmg-2007",
        Code: "150000",
        Name: "内蒙古自治区",
        Short: "自治区",
        PoliceName: "内蒙古自治区公安厅",
        Effective: new DateOnly(2007, 7, 1),
        Cities:
        [
            new DemoCity("150100", "呼和浩特市", "青城",
            [
                new DemoCounty("150102", "新城区", true),
                new DemoCounty("150103", "回民区", true),
                new DemoCounty("150105", "赛罕区", true),
                new DemoCounty("150121", "土默特左旗", false),
            ]),
            new DemoCity("150200", "包头市", "鹿城",
            [
                new DemoCounty("150202", "东河区", true),
                new DemoCounty("150203", "昆都仑区", true),
                new DemoCounty("150204", "青山区", true),
                new DemoCounty("150221", "土默特右旗", false),
            ]),
        ],
        Roads:
        [
            "新华", "兴安", "锡林", "昭乌达", "乌兰察布", "鄂尔多斯", "呼伦贝尔", "巴彦淖尔", "阿拉善", "海拉尔",
            "大学", "民族", "团结", "友谊", "青年", "建设", "林荫", "文化", "胜利", "黄河", "阴山", "草原",
            "钢铁", "阿尔丁", "白云", "哈达", "通顺", "丰州", "敕勒川", "工业",
        ],
        Words:
        [
            "金桥", "锦华", "瑞丰", "鸿运", "嘉和", "恒泰", "阳光", "康宁", "和美", "东方", "海悦", "星河",
            "天骄", "北疆", "塞上", "蒙源", "阴山", "祥和", "泰和", "润泽", "福泰", "兴隆", "聚福", "万和",
            "宏达", "富源", "安泰", "永盛", "敕勒", "河套", "银河", "锦绣", "春晖", "华苑", "明珠", "松柏",
        ],
        Rivers: ["大黑河", "小黑河", "昆都仑河", "黄河", "哈素海", "什拉乌素河"],
        IsNmg: true);

    /// <summary>示例省 (990000, fictional), under 《省安全技术防范条例》 (province-2012).</summary>
    public static readonly DemoJurisdiction Province = new(
        PackId: "province-2012",
        Code: "990000",
        Name: "示例省",
        Short: "省",
        PoliceName: "示例省公安厅",
        Effective: new DateOnly(2012, 10, 1),
        Cities:
        [
            new DemoCity("990100", "东城市", "东城",
            [
                new DemoCounty("990102", "河东区", true),
                new DemoCounty("990103", "河西区", true),
                new DemoCounty("990121", "临江县", false),
            ]),
            new DemoCity("990200", "西山市", "西山",
            [
                new DemoCounty("990202", "城关区", true),
                new DemoCounty("990221", "青石县", false),
            ]),
        ],
        Roads:
        [
            "人民", "解放", "建设", "和平", "光明", "胜利", "滨江", "临江", "青石", "东风", "朝阳", "工业",
            "学府", "振兴", "长青", "望山", "河东", "迎宾", "健康", "纺织", "翠屏", "枫林", "桂花", "育才",
            "新民", "广场", "南湖", "北湖", "体育", "红旗",
        ],
        Words:
        [
            "金桥", "锦华", "瑞丰", "鸿运", "嘉和", "恒泰", "阳光", "康宁", "和美", "东方", "海悦", "星河",
            "江南", "滨河", "翠屏", "锦江", "临江", "望山", "祥和", "泰和", "润泽", "福泰", "兴隆", "聚福",
            "万和", "宏达", "富源", "安泰", "永盛", "银河", "锦绣", "春晖", "华苑", "明珠", "青石", "丹枫",
        ],
        Rivers: ["东江", "青石河", "临江", "白沙河", "南湖", "清水河"],
        IsNmg: false);

    public static readonly IReadOnlyList<DemoJurisdiction> All = [Nmg, Province];
}
