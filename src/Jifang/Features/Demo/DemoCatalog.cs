namespace Jifang.Features.Demo;

/// <summary>
/// A kind of site the demo builds: its contract categories, flags and parts, the subsystems its
/// system usually has, the spots where devices are mounted, and how it is named.
/// </summary>
internal sealed record SiteKind(string Key, string[] Categories, string[] Parts, string[] Subsystems, string[] Spots, Func<NameContext, string> Name)
{
    /// <summary>In the public area of province-2012 第九条第（一）项.</summary>
    public bool PublicArea { get; init; }
    /// <summary>Chance of the <c>large</c> flag.</summary>
    public double Large { get; init; }
    /// <summary>Chance of <c>involvesStateSecrets</c>.</summary>
    public double Secrets { get; init; }
    /// <summary>Chance of <c>holdsImportantItems</c>.</summary>
    public double Important { get; init; }
    /// <summary>May be left without any system where its pack does not require one.</summary>
    public bool Optional { get; init; }
    /// <summary>Where the address is a crossing rather than a street number.</summary>
    public bool AtCrossing { get; init; }
}

/// <summary>How a unit's sites are spread: in its own county, or over its city.</summary>
internal enum Spread
{
    County,
    City,
}

/// <summary>One unit of the demo: where it is registered, how it is named, and the sites it runs.</summary>
internal sealed record UnitPlan(int City, int County, Spread Spread, Func<NameContext, string> Brand, Func<NameContext, string> Name, (string Kind, int Count)[] Sites)
{
    /// <summary>The unit whose administrator and operator are the demo's unit accounts.</summary>
    public bool Showcase { get; init; }
}

internal static class DemoCatalog
{
    private static readonly string[] Video = ["video"];
    private static readonly string[] VideoAlarm = ["video", "intrusion-alarm"];
    private static readonly string[] VideoAccess = ["video", "access-control"];
    private static readonly string[] Full = ["intrusion-alarm", "video", "access-control"];
    private static readonly string[] Transport = ["video", "explosive-check", "access-control"];

    public static readonly IReadOnlyDictionary<string, SiteKind> Kinds = new[]
    {
        // crowded commercial and service places
        new SiteKind("hotel", ["hotel"], ["main-entrance", "passage", "common-area"], VideoAccess,
            ["大堂", "主要出入口", "前台", "客房走廊", "电梯厅", "地下车库入口", "楼梯间", "后门"],
            c => $"{c.Brand}{c.Pick("商务酒店", "大酒店", "宾馆", "快捷酒店", "假日酒店")}（{c.Street}店）"),
        new SiteKind("shopping-center", ["shopping-center"], ["main-entrance", "passage", "key-part"], VideoAlarm,
            ["主要出入口", "中庭", "扶梯口", "收银区", "货梯通道", "地下车库", "监控中心", "金银首饰柜台"],
            c => $"{c.Word}{c.Pick("购物中心", "商厦", "百货大楼", "商业广场", "商贸城")}") { Large = 0.7 },
        new SiteKind("internet-cafe", ["internet-cafe"], ["main-entrance", "passage"], Video,
            ["主要出入口", "前台", "上网大厅", "安全出口"],
            c => $"{c.Brand}{c.Pick("网咖", "网吧", "电竞馆")}（{c.Street}店）") { Optional = true },
        new SiteKind("residential", ["residential-community"], ["main-entrance", "common-area", "perimeter"], ["video", "access-control", "intrusion-alarm"],
            ["小区正门", "小区侧门", "周界围墙", "地下车库", "单元楼道", "中心花园", "快递柜区"],
            c => $"{c.Word}{c.Pick("小区", "花园", "家园", "嘉园", "新村", "华府", "雅苑")}"),
        new SiteKind("parking-lot", ["parking-lot"], ["main-entrance", "passage"], Video,
            ["车辆出入口", "收费岗亭", "行人通道", "车位区"],
            c => $"{c.Street}{c.Pick("公共停车场", "立体停车场", "地下停车场")}") { Optional = true },
        new SiteKind("tourist-attraction", ["tourist-attraction"], ["main-entrance", "passage"], Video,
            ["景区大门", "游客中心", "主游览道", "景区停车场"],
            c => c.Jurisdiction.IsNmg ? $"{c.Word}{c.Pick("草原旅游区", "民俗文化村", "生态旅游区")}" : $"{c.Word}{c.Pick("生态旅游区", "古镇景区", "湿地公园景区")}")
        { Optional = true },
        new SiteKind("entertainment", ["entertainment-venue"], ["main-entrance", "passage"], Video,
            ["主要出入口", "大厅", "包间走廊", "收银台", "安全出口"],
            c => $"{c.Brand}{c.Pick("量贩式KTV", "歌舞厅", "KTV")}（{c.Street}店）") { Optional = true },

        // education, health, welfare, culture
        new SiteKind("school", ["school"], ["main-entrance", "perimeter", "key-part"], Full,
            ["校门", "教学楼走廊", "操场", "周界围墙", "食堂", "实验室", "宿舍楼出入口"],
            c => c.Pick("middle", "primary", "experimental") switch
            {
                "middle" => $"{c.CountyName}第{c.Ordinal(12)}中学",
                "primary" => $"{c.CountyName}{c.Street}小学",
                _ => $"{c.CityShort}{c.Word}实验学校",
            }),
        new SiteKind("kindergarten", ["kindergarten"], ["main-entrance", "perimeter"], VideoAlarm,
            ["园门", "活动室走廊", "户外活动场", "周界围墙", "厨房"],
            c => $"{c.CountyName}{c.Word}幼儿园"),
        new SiteKind("hospital", ["hospital"], ["main-entrance", "passage", "key-part"], Full,
            ["门诊大厅", "急诊部", "住院部出入口", "药房", "收费处", "病区走廊", "配电室"],
            c => c.Pick("a", "b", "c") switch
            {
                "a" => $"{c.City.Name}第{c.Ordinal(6)}人民医院",
                "b" => $"{c.CountyName}{c.Pick("中医医院", "人民医院", "妇幼保健院")}",
                _ => $"{c.City.Name}{c.Pick("中心医院", "口腔医院", "儿童医院")}",
            }),
        new SiteKind("welfare", ["welfare-institution"], ["main-entrance", "common-area"], Video,
            ["正门", "院内通道", "活动室", "周界围墙", "食堂"],
            c => c.Pick("a", "b") == "a" ? $"{c.CountyName}{c.Pick("社会福利院", "敬老院", "儿童福利院")}" : $"{c.Word}{c.Pick("养老院", "颐养中心")}")
        { Optional = true },
        new SiteKind("museum", ["museum"], ["main-entrance", "key-part", "perimeter"], Full,
            ["展厅", "文物库房", "主要出入口", "安检区", "周界"],
            c => $"{c.City.Name}{c.Pick("博物馆", "民俗博物馆", "自然博物馆")}"),
        new SiteKind("archive", ["archive"], ["main-entrance", "key-part"], Full,
            ["档案库房", "查阅室", "主要出入口"],
            c => $"{c.CountyName}档案馆"),
        new SiteKind("memorial", ["memorial-hall"], ["main-entrance", "key-part"], VideoAlarm,
            ["展厅", "主要出入口", "文物库房"],
            c => $"{c.Word}{c.Pick("革命纪念馆", "烈士纪念馆", "名人纪念馆")}") { Important = 0.7, Optional = true },
        new SiteKind("exhibition", ["exhibition-hall"], ["main-entrance", "key-part"], VideoAlarm,
            ["展厅", "登录大厅", "主要出入口", "货运通道"],
            c => $"{c.CityShort}{c.Pick("国际会展中心", "规划展览馆", "美术展览馆")}") { Important = 0.5, Optional = true },
        new SiteKind("heritage", ["heritage-site"], ["main-entrance", "key-part", "perimeter"], VideoAlarm,
            ["山门", "主殿", "文物库房", "周界"],
            c => c.Jurisdiction.IsNmg ? $"{c.Word}{c.Pick("召", "古城遗址", "古建筑群")}" : $"{c.Word}{c.Pick("古塔", "古城墙遗址", "古建筑群")}"),
        new SiteKind("cultural-venue", ["cultural-venue"], ["main-entrance", "common-area"], Video,
            ["主要出入口", "大厅", "阅览区", "演出厅"],
            c => $"{c.CountyName}{c.Pick("图书馆", "文化馆", "青少年活动中心")}") { Large = 0.3, Optional = true },
        new SiteKind("sports-venue", ["sports-venue"], ["main-entrance", "passage", "common-area"], ["video", "explosive-check"],
            ["主要出入口", "观众通道", "看台", "运动员通道", "停车场"],
            c => $"{c.CityShort}{c.Pick("体育中心", "全民健身中心", "奥体中心体育馆", "游泳馆")}") { Large = 0.6 },

        // public areas
        new SiteKind("square", ["square"], ["main-entrance", "common-area"], Video,
            ["广场中心", "广场入口", "步道", "地下停车场入口"], c => $"{c.Word}广场") { PublicArea = true, AtCrossing = true },
        new SiteKind("park", ["park"], ["main-entrance", "common-area"], Video,
            ["公园正门", "湖边步道", "游乐区", "公园侧门"], c => $"{c.Word}公园") { PublicArea = true },
        new SiteKind("underpass", ["underpass"], ["passage"], Video,
            ["通道北入口", "通道南入口", "通道中部"], c => $"{c.Street}地下通道") { PublicArea = true, AtCrossing = true },
        new SiteKind("pedestrian-bridge", ["pedestrian-bridge"], ["passage"], Video,
            ["桥面", "东侧梯道", "西侧梯道"], c => $"{c.Street}过街天桥") { PublicArea = true, AtCrossing = true, Optional = true },
        new SiteKind("main-road", ["main-road"], [], Video,
            ["路口东侧", "路口西侧", "路口南侧", "路口北侧"], c => $"{c.Street}{c.Pick("主要路口", "与环城路交叉口", "中段")}")
        { PublicArea = true, AtCrossing = true, Optional = true },
        new SiteKind("tunnel", ["tunnel"], ["passage"], Video,
            ["隧道入口", "隧道出口", "隧道中段"], c => $"{c.Word}山隧道") { PublicArea = true, Optional = true },
        new SiteKind("large-bridge", ["large-bridge"], ["passage"], Video,
            ["桥头东侧", "桥头西侧", "桥面中段"], c => $"{c.River}大桥") { PublicArea = true, Optional = true },

        // transport
        new SiteKind("station", ["station"], ["main-entrance", "passage", "key-part"], Transport,
            ["候车大厅", "售票厅", "进站口", "出站口", "安检区", "站前广场"],
            c => $"{c.CityShort}{c.Pick("长途汽车客运站", "公交枢纽站", "东站", "汽车客运北站")}"),
        new SiteKind("airport", ["airport"], ["main-entrance", "passage", "key-part", "perimeter"], Transport,
            ["航站楼出发厅", "到达厅", "安检通道", "停车楼", "周界", "货运区"], c => $"{c.CityShort}机场"),
        new SiteKind("rail-transit", ["rail-transit"], ["main-entrance", "passage", "key-part"], Transport,
            ["站厅", "站台", "A 出入口", "B 出入口", "安检区"], c => $"地铁{c.Ordinal(2)}号线{c.Street}站") { Optional = true },
        new SiteKind("bus-fleet", ["public-transport-vehicle"], [], Video,
            ["车厢前部", "车厢后部", "驾驶区"], c => $"{c.CityShort}公交第{c.Ordinal(9)}车队营运车辆"),
        new SiteKind("cash-vehicle", ["cash-transport-vehicle"], [], VideoAlarm,
            ["车厢", "驾驶室", "车外"], c => $"{c.Brand}运钞车队"),
        new SiteKind("logistics", ["logistics-park"], ["main-entrance", "key-part", "perimeter"], VideoAlarm,
            ["园区大门", "仓储区", "分拣中心", "周界"], c => $"{c.Word}物流园") { Optional = true },
        new SiteKind("port", ["port"], ["main-entrance", "key-part"], Transport,
            ["码头大门", "候船厅", "泊位", "周界"], c => $"{c.River}{c.Word}码头"),

        // money
        new SiteKind("bank-branch", ["financial-business-premises"], ["main-entrance", "business-hall", "key-part"], Full,
            ["营业厅", "现金区", "自助银行", "主要出入口", "运钞交接区", "监控室"],
            c => $"{c.Brand}{c.Pick(c.Word, c.Street)}支行"),
        new SiteKind("bank-vault", ["financial-vault"], ["vault", "key-part", "perimeter"], Full,
            ["金库门", "金库通道", "周界", "守库室", "交接区"], c => $"{c.Brand}{c.Pick("中心金库", "业务库")}"),
        new SiteKind("cash-center", ["currency-securities-site"], ["main-entrance", "key-part", "vault"], Full,
            ["清分车间", "库房", "交接区", "主要出入口"], c => $"{c.CityShort}现金清分中心"),

        // reserves, hazards, infrastructure
        new SiteKind("grain-depot", ["grain-depot"], ["main-entrance", "perimeter", "key-part"], VideoAlarm,
            ["库区大门", "粮仓", "周界", "化验室", "装卸区"],
            c => $"{c.CountyName}{c.Pick("城北", "城南", "城东", "城西", c.Word)}{c.Pick("粮库", "粮食储备库")}") { Optional = true },
        new SiteKind("materials-reserve", ["materials-reserve"], ["main-entrance", "perimeter", "key-part"], VideoAlarm,
            ["库区大门", "仓库", "周界", "装卸区"], c => $"{c.CityShort}{c.Pick("应急物资储备库", "重要物资仓库")}") { Large = 0.6, Optional = true },
        new SiteKind("energy", ["energy-facility"], ["main-entrance", "perimeter", "key-part"], VideoAlarm,
            ["厂站大门", "主控室", "周界", "变压器区", "电缆隧道入口"],
            c => $"{c.Word}{c.Pick("220千伏变电站", "110千伏变电站", "热电厂")}") { Large = 0.6 },
        new SiteKind("utility", ["urban-utility-supply"], ["main-entrance", "perimeter", "key-part"], VideoAlarm,
            ["厂区大门", "加药间", "清水池", "周界", "调度室"],
            c => $"{c.CityShort}{c.Pick("第一水厂", "第二水厂", "第三水厂", "燃气门站", "城东供热站", "城西供热站")}"),
        new SiteKind("water-conservancy", ["water-conservancy"], ["perimeter", "key-part"], VideoAlarm,
            ["管理站大门", "闸门启闭室", "坝顶", "周界"], c => $"{c.River}{c.Pick("水库", "泵站", "节制闸")}"),
        new SiteKind("fuel-station", ["hazardous-materials-site"], ["main-entrance", "key-part"], VideoAlarm,
            ["站区出入口", "加油区", "油罐区", "便利店收银台", "卸油口"], c => $"{c.Brand}{c.Street}加油站"),
        new SiteKind("chemical-store", ["hazardous-materials-site"], ["main-entrance", "key-part", "perimeter"], VideoAlarm,
            ["库区大门", "危化品仓库", "周界", "装卸区"], c => $"{c.Brand}危险化学品仓库"),
        new SiteKind("pathogen-lab", ["pathogen-lab"], ["main-entrance", "key-part"], Full,
            ["实验室出入口", "菌毒种保藏室", "走廊", "周界"], c => $"{c.City.Name}疾病预防控制中心实验楼"),

        // state, media, enterprises
        new SiteKind("government", ["government-agency"], ["main-entrance", "common-area", "key-part"], Full,
            ["办公楼大厅", "主要出入口", "机要室", "档案室", "周界"],
            c => $"{c.CountyName}{c.Pick("人民政府办公楼", "行政中心", "机关综合楼")}") { Secrets = 0.5 },
        new SiteKind("service-center", ["public-institution"], ["main-entrance", "common-area"], VideoAccess,
            ["服务大厅", "主要出入口", "档案室"], c => $"{c.CountyName}{c.Pick("政务服务中心", "不动产登记中心", "社会保险服务中心")}") { Optional = true },
        new SiteKind("people-organization", ["people-organization"], ["main-entrance", "common-area"], VideoAccess,
            ["办公楼大厅", "主要出入口", "财务室"], c => $"{c.City.Name}{c.Pick("总工会", "妇女联合会", "青年活动中心", "残疾人联合会")}办公楼")
        { Optional = true },
        new SiteKind("enterprise", ["large-enterprise"], ["main-entrance", "common-area", "key-part", "perimeter"], VideoAlarm,
            ["厂区大门", "生产车间", "成品仓库", "周界", "财务室"], c => $"{c.Brand}{c.Pick("一号厂区", "二号厂区", "生产基地", "总部园区")}"),
        new SiteKind("key-enterprise", ["large-enterprise", "designated-key-unit"], ["main-entrance", "common-area", "key-part", "perimeter"], Full,
            ["厂区大门", "炼钢车间", "调度中心", "周界", "危化品库"], c => $"{c.Brand}{c.Pick("炼钢厂区", "热电厂区", "冶炼厂区")}"),
        new SiteKind("defense", ["defense-industry-site"], ["main-entrance", "key-part", "perimeter"], Full,
            ["厂区大门", "试制车间", "涉密载体室", "周界"], c => $"{c.Brand}试制车间") { Secrets = 1 },
        new SiteKind("key-project", ["key-national-project"], ["key-part", "perimeter"], VideoAlarm,
            ["工程区大门", "控制楼", "坝区", "周界"], c => $"{c.River}水利枢纽工程"),
        new SiteKind("broadcast", ["broadcasting", "television"], ["main-entrance", "key-part"], Full,
            ["播出机房", "发射机房", "主要出入口", "演播厅"], c => $"{c.City.Name}广播电视台{c.Pick("播出中心", "发射台")}"),
        new SiteKind("telecom", ["telecom"], ["main-entrance", "key-part"], Full,
            ["核心机房", "主要出入口", "电力室", "周界"], c => $"{c.CityShort}{c.Pick("通信枢纽楼", "数据中心", c.CountyName + "通信机房")}"),
        new SiteKind("postal", ["postal"], ["main-entrance", "key-part"], Full,
            ["营业厅", "邮件处理区", "主要出入口", "机要通信室"], c => $"{c.CountyName}{c.Pick("邮政支局", "邮件处理中心", "邮政营业部")}"),
        new SiteKind("office", ["other"], ["main-entrance", "common-area"], VideoAccess,
            ["大堂", "主要出入口", "地下车库", "电梯厅"], c => $"{c.Word}{c.Pick("大厦", "写字楼", "商务中心")}") { Optional = true },
    }.ToDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>About thirty units and 150 sites in Inner Mongolia: Hohhot (0) and Baotou (1).</summary>
    public static readonly IReadOnlyList<UnitPlan> NmgUnits =
    [
        new(0, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}酒店管理有限公司", [("hotel", 7)]) { Showcase = true },
        new(0, 1, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}商业集团有限公司", [("shopping-center", 3), ("parking-lot", 2), ("entertainment", 2)]),
        new(0, 2, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}物业服务有限公司", [("residential", 8)]),
        new(0, 1, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}网络文化有限公司", [("internet-cafe", 4)]),
        new(0, 0, Spread.County, c => "", c => $"{c.CountyName}教育局", [("school", 5), ("kindergarten", 3)]),
        new(0, 3, Spread.County, c => "", c => $"{c.CountyName}教育局", [("school", 4), ("kindergarten", 2)]),
        new(0, 2, Spread.City, c => "", c => $"{c.City.Name}卫生健康委员会", [("hospital", 4)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}民政局", [("welfare", 3)]),
        new(0, 0, Spread.City, c => "北疆商业银行", c => $"{c.Brand}{c.CityShort}分行", [("bank-branch", 6), ("bank-vault", 1)]),
        new(0, 3, Spread.City, c => "", c => $"{c.CityShort}{c.Word}粮食储备有限公司", [("grain-depot", 3), ("materials-reserve", 1)]),
        new(0, 2, Spread.City, c => "", c => $"{c.CityShort}{c.Word}能源有限公司", [("energy", 3), ("utility", 2), ("water-conservancy", 1)]),
        new(0, 0, Spread.City, c => "", c => $"{c.City.Name}文化旅游局", [("museum", 1), ("memorial", 1), ("exhibition", 1), ("heritage", 2), ("tourist-attraction", 2), ("cultural-venue", 2)]),
        new(0, 0, Spread.City, c => "", c => $"{c.City.Name}城市管理综合执法局", [("square", 2), ("park", 2), ("underpass", 1), ("pedestrian-bridge", 1), ("main-road", 2)]),
        new(0, 2, Spread.City, c => "", c => $"{c.CityShort}{c.Word}交通运输集团有限公司", [("station", 2), ("bus-fleet", 2), ("airport", 1), ("rail-transit", 3)]),
        new(0, 0, Spread.County, c => "", c => $"{c.CountyName}人民政府办公室", [("government", 2), ("archive", 1), ("service-center", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}总工会", [("people-organization", 1)]),
        new(0, 2, Spread.City, c => $"{c.Word}石化", c => $"{c.CityShort}{c.Brand}销售有限公司", [("fuel-station", 3)]),
        new(0, 2, Spread.City, c => "", c => $"{c.City.Name}疾病预防控制中心", [("pathogen-lab", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.CityShort}{c.Word}通信服务有限公司", [("telecom", 2), ("postal", 2), ("broadcast", 1)]),
        new(0, 2, Spread.City, c => "", c => $"{c.City.Name}体育局", [("sports-venue", 2)]),

        new(1, 1, Spread.City, c => c.Word, c => $"{c.City.Nick}{c.Brand}酒店管理有限公司", [("hotel", 5), ("entertainment", 2)]),
        new(1, 1, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}物业管理有限公司", [("residential", 6), ("parking-lot", 1), ("office", 2)]),
        new(1, 1, Spread.City, c => "", c => $"{c.CityShort}市教育局", [("school", 5), ("kindergarten", 2)]),
        new(1, 0, Spread.City, c => "", c => $"{c.CityShort}{c.Word}养老服务中心", [("welfare", 2)]),
        new(1, 1, Spread.City, c => $"{c.CityShort}农商银行", c => $"{c.Brand}股份有限公司", [("bank-branch", 5), ("bank-vault", 1), ("cash-center", 1)]),
        new(1, 1, Spread.County, c => $"{c.Word}钢铁集团", c => $"{c.CityShort}{c.Brand}有限责任公司", [("key-enterprise", 2), ("enterprise", 1), ("chemical-store", 1)]),
        new(1, 2, Spread.City, c => "", c => $"{c.City.Name}第{c.Ordinal(4)}人民医院", [("hospital", 2)]),
        new(1, 0, Spread.City, c => $"{c.Word}保安押运", c => $"{c.CityShort}{c.Brand}有限公司", [("cash-vehicle", 1), ("logistics", 1)]),
        new(1, 2, Spread.County, c => $"{c.Word}精密机械研究所", c => $"{c.CityShort}{c.Brand}", [("defense", 1)]),
        new(1, 1, Spread.City, c => "", c => $"{c.City.Name}市政公用事业管理局", [("square", 1), ("park", 1), ("large-bridge", 1), ("underpass", 1), ("utility", 2), ("energy", 1)]),
        new(1, 3, Spread.County, c => "", c => $"{c.CountyName}{c.Word}粮油购销有限公司", [("grain-depot", 2)]),
        new(1, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}网络科技有限公司", [("internet-cafe", 3), ("shopping-center", 2), ("tourist-attraction", 1)]),
    ];

    /// <summary>About thirty units and 150 sites in 示例省: 东城市 (0) and 西山市 (1).</summary>
    public static readonly IReadOnlyList<UnitPlan> ProvinceUnits =
    [
        new(0, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}酒店管理有限公司", [("hotel", 7)]) { Showcase = true },
        new(0, 1, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}商业集团有限公司", [("shopping-center", 3), ("parking-lot", 3), ("entertainment", 2)]),
        new(0, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}物业服务有限公司", [("residential", 8)]),
        new(0, 1, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}网络文化有限公司", [("internet-cafe", 5)]),
        new(0, 0, Spread.County, c => "", c => $"{c.CountyName}教育局", [("school", 5), ("kindergarten", 3)]),
        new(0, 2, Spread.County, c => "", c => $"{c.CountyName}教育局", [("school", 4), ("kindergarten", 2)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}卫生健康委员会", [("hospital", 4)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}民政局", [("welfare", 3)]),
        new(0, 0, Spread.City, c => $"{c.CityShort}农商银行", c => $"{c.Brand}股份有限公司", [("bank-branch", 6), ("bank-vault", 1), ("cash-center", 1)]),
        new(0, 2, Spread.City, c => "", c => $"{c.CityShort}{c.Word}粮食储备有限公司", [("grain-depot", 3), ("materials-reserve", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.CityShort}{c.Word}水务集团有限公司", [("utility", 3), ("water-conservancy", 1), ("key-project", 1)]),
        new(0, 0, Spread.City, c => "", c => $"{c.City.Name}文化广电旅游局", [("museum", 1), ("memorial", 1), ("exhibition", 1), ("heritage", 1), ("tourist-attraction", 2), ("cultural-venue", 2)]),
        new(0, 0, Spread.City, c => "", c => $"{c.City.Name}城市管理局", [("square", 2), ("park", 2), ("underpass", 1), ("pedestrian-bridge", 1), ("main-road", 2), ("tunnel", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.CityShort}{c.Word}交通投资集团有限公司", [("station", 2), ("bus-fleet", 2), ("airport", 1), ("port", 2)]),
        new(0, 0, Spread.County, c => "", c => $"{c.CountyName}人民政府办公室", [("government", 3), ("archive", 1), ("service-center", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}总工会", [("people-organization", 1)]),
        new(0, 2, Spread.City, c => $"{c.Word}能源", c => $"{c.CityShort}{c.Brand}销售有限公司", [("fuel-station", 3)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}疾病预防控制中心", [("pathogen-lab", 1)]),
        new(0, 0, Spread.City, c => "", c => $"{c.CityShort}{c.Word}通信服务有限公司", [("telecom", 2), ("postal", 2), ("broadcast", 1)]),
        new(0, 1, Spread.City, c => "", c => $"{c.City.Name}体育局", [("sports-venue", 2)]),

        new(1, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}酒店有限公司", [("hotel", 5), ("entertainment", 2)]),
        new(1, 0, Spread.City, c => c.Word, c => $"{c.CityShort}{c.Brand}物业管理有限公司", [("residential", 5), ("parking-lot", 1), ("office", 2)]),
        new(1, 0, Spread.City, c => "", c => $"{c.City.Name}教育局", [("school", 5), ("kindergarten", 2)]),
        new(1, 1, Spread.City, c => "", c => $"{c.CityShort}{c.Word}颐养中心", [("welfare", 2)]),
        new(1, 0, Spread.City, c => "示例省城市商业银行", c => $"{c.Brand}{c.CityShort}分行", [("bank-branch", 5), ("bank-vault", 1)]),
        new(1, 1, Spread.County, c => $"{c.Word}化工集团", c => $"{c.CityShort}{c.Brand}有限公司", [("enterprise", 2), ("chemical-store", 2)]),
        new(1, 0, Spread.City, c => "", c => $"{c.City.Name}人民医院", [("hospital", 2)]),
        new(1, 0, Spread.City, c => $"{c.Word}押运", c => $"{c.CityShort}{c.Brand}保安服务有限公司", [("cash-vehicle", 1), ("logistics", 1)]),
        new(1, 1, Spread.County, c => $"{c.Word}电子研究所", c => $"{c.CityShort}{c.Brand}", [("defense", 1)]),
        new(1, 0, Spread.City, c => "", c => $"{c.City.Name}市政公用事业管理局", [("square", 1), ("park", 1), ("large-bridge", 1), ("energy", 3), ("utility", 1)]),
        new(1, 1, Spread.County, c => c.Word, c => $"{c.CityShort}{c.Brand}网络科技有限公司", [("internet-cafe", 3), ("shopping-center", 2), ("tourist-attraction", 1)]),
    ];
}
