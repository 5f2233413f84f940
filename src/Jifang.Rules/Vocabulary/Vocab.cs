namespace Jifang.Rules.Vocabulary;

/// <summary>
/// The controlled vocabulary of the judging contract (shared/contract/vocabulary.yaml) and the
/// few lists the product adds for its packs. Codes here may be added, never renamed or dropped.
/// </summary>
public static class Vocab
{
    public static readonly VocabTable<SiteCategory> SiteCategories = new("site-categories", "场所类别",
        (SiteCategory.Square, "square", "广场 / 城市广场"),
        (SiteCategory.Park, "park", "公园"),
        (SiteCategory.MainRoad, "main-road", "城市主要道路和路口"),
        (SiteCategory.Underpass, "underpass", "地下通道 / 地下人行通道"),
        (SiteCategory.PedestrianBridge, "pedestrian-bridge", "过街天桥"),
        (SiteCategory.Tunnel, "tunnel", "隧道"),
        (SiteCategory.LargeBridge, "large-bridge", "大型桥梁"),
        (SiteCategory.Airport, "airport", "机场 / 民用机场"),
        (SiteCategory.Station, "station", "车站"),
        (SiteCategory.Port, "port", "码头"),
        (SiteCategory.RoadTraffic, "road-traffic", "道路交通（重要部位）"),
        (SiteCategory.RailTransit, "rail-transit", "轨道交通"),
        (SiteCategory.LogisticsPark, "logistics-park", "物流园区"),
        (SiteCategory.PublicTransportVehicle, "public-transport-vehicle", "公共交通工具"),
        (SiteCategory.SpecialTransportVehicle, "special-transport-vehicle", "专用运输工具"),
        (SiteCategory.CashTransportVehicle, "cash-transport-vehicle", "货币押运车辆"),
        (SiteCategory.ShoppingCenter, "shopping-center", "大型商贸中心 / 商场"),
        (SiteCategory.Hotel, "hotel", "宾馆 / 旅店"),
        (SiteCategory.InternetCafe, "internet-cafe", "网吧"),
        (SiteCategory.ResidentialCommunity, "residential-community", "居民小区 / 居民住宅区"),
        (SiteCategory.ParkingLot, "parking-lot", "停车场"),
        (SiteCategory.TouristAttraction, "tourist-attraction", "旅游景区"),
        (SiteCategory.EntertainmentVenue, "entertainment-venue", "文化娱乐场所"),
        (SiteCategory.GovernmentAgency, "government-agency", "国家机关"),
        (SiteCategory.PeopleOrganization, "people-organization", "人民团体"),
        (SiteCategory.PublicInstitution, "public-institution", "事业单位"),
        (SiteCategory.LargeEnterprise, "large-enterprise", "大型企业"),
        (SiteCategory.KeyNationalProject, "key-national-project", "国家重点建设工程"),
        (SiteCategory.DefenseIndustrySite, "defense-industry-site", "国防科技工业重要产品的研制、生产场所"),
        (SiteCategory.Broadcasting, "broadcasting", "广播"),
        (SiteCategory.Television, "television", "电视"),
        (SiteCategory.Telecom, "telecom", "电信"),
        (SiteCategory.Postal, "postal", "邮政"),
        (SiteCategory.CurrencySecuritiesSite, "currency-securities-site", "货币、有价证券、票据的制造或者集中存放的场所"),
        (SiteCategory.FinancialBusinessPremises, "financial-business-premises", "金融机构的营业场所"),
        (SiteCategory.FinancialVault, "financial-vault", "金融机构的金库"),
        (SiteCategory.HazardousMaterialsSite, "hazardous-materials-site", "研制、生产、销售、储存易燃易爆或危险化学品等危险物品的场所"),
        (SiteCategory.PathogenLab, "pathogen-lab", "实验、保藏传染性菌种、毒种单位"),
        (SiteCategory.MaterialsReserve, "materials-reserve", "大型物资储备单位 / 重要物资仓库"),
        (SiteCategory.GrainDepot, "grain-depot", "粮库"),
        (SiteCategory.EnergyFacility, "energy-facility", "能源动力设施"),
        (SiteCategory.WaterConservancy, "water-conservancy", "水利设施"),
        (SiteCategory.UrbanUtilitySupply, "urban-utility-supply", "城市水、电、燃气（燃油）、热力供应设施"),
        (SiteCategory.School, "school", "学校"),
        (SiteCategory.Kindergarten, "kindergarten", "幼儿园"),
        (SiteCategory.Hospital, "hospital", "医院"),
        (SiteCategory.WelfareInstitution, "welfare-institution", "社会福利机构"),
        (SiteCategory.CulturalVenue, "cultural-venue", "文化场所"),
        (SiteCategory.SportsVenue, "sports-venue", "体育场所 / 体育场馆"),
        (SiteCategory.Museum, "museum", "博物馆"),
        (SiteCategory.Archive, "archive", "档案馆"),
        (SiteCategory.MemorialHall, "memorial-hall", "纪念馆"),
        (SiteCategory.ExhibitionHall, "exhibition-hall", "展览馆"),
        (SiteCategory.HeritageSite, "heritage-site", "重点文物保护单位"),
        (SiteCategory.DesignatedKeyUnit, "designated-key-unit", "旗县级以上人民政府确定的治安保卫重点单位"),
        (SiteCategory.Other, "other", "其他"),
        (SiteCategory.ExhibitionCenter, "exhibition-center", "会展中心"),
        (SiteCategory.GovernmentServiceHall, "government-service-hall", "政务服务大厅"),
        (SiteCategory.EducationInstitution, "education-institution", "教育机构（学校、幼儿园以外的）"),
        (SiteCategory.MedicalInstitution, "medical-institution", "医疗机构（医院以外的）"),
        (SiteCategory.BorderPort, "border-port", "出境入境口岸（通道）"),
        (SiteCategory.NavigationStructure, "navigation-structure", "通航建筑物"),
        (SiteCategory.HighwayServiceArea, "highway-service-area", "高速公路、普通国省干线的服务区"),
        (SiteCategory.DivisionBoundaryRoad, "division-boundary-road", "行政区域道路边界"),
        (SiteCategory.KeyUnitSurroundings, "key-unit-surroundings", "治安保卫重点单位周边区域"));

    public static readonly VocabTable<SiteFlag> SiteFlags = new("site-flags", "场所标志",
        (SiteFlag.PublicArea, "publicArea", "公共区域"),
        (SiteFlag.Large, "large", "大型"),
        (SiteFlag.Urban, "urban", "城镇"),
        (SiteFlag.InvolvesStateSecrets, "involvesStateSecrets", "涉及国家秘密"),
        (SiteFlag.HoldsImportantItems, "holdsImportantItems", "存放有重要物品"),
        (SiteFlag.NonPublicPlace, "nonPublicPlace", "非公共场所"));

    public static readonly VocabTable<Part> Parts = new("parts", "部位",
        (Part.MainEntrance, "main-entrance", "主要出入口"),
        (Part.Passage, "passage", "通道"),
        (Part.CommonArea, "common-area", "公共区域（单位或住宅区内的公共部分）"),
        (Part.KeyPart, "key-part", "重要部位"),
        (Part.Vault, "vault", "金库"),
        (Part.BusinessHall, "business-hall", "营业场所"),
        (Part.Perimeter, "perimeter", "周界"),
        (Part.Other, "other", "其他部位"));

    public static readonly VocabTable<Zone> Zones = new("zones", "安装区域",
        (Zone.HotelGuestRoom, "hotel-guest-room", "宾馆客房 / 旅店业客房"),
        (Zone.EntertainmentPrivateRoom, "entertainment-private-room", "娱乐场所包间"),
        (Zone.Dormitory, "dormitory", "集体宿舍"),
        (Zone.ApartmentRoom, "apartment-room", "公寓房间"),
        (Zone.NursingRoom, "nursing-room", "哺乳室"),
        (Zone.PublicBath, "public-bath", "公共浴室 / 浴室"),
        (Zone.ChangingRoom, "changing-room", "更衣室"),
        (Zone.DressingRoom, "dressing-room", "化妆间"),
        (Zone.Toilet, "toilet", "卫生间"),
        (Zone.FinancialCustomerInfoArea, "financial-customer-info-area", "金融、保险、证券机构内可能泄露客户个人信息的区域"),
        (Zone.BallotArea, "ballot-area", "选举箱、举报箱、投票点等附近"),
        (Zone.OtherPrivate, "other-private", "其他涉及个人隐私的场所和区域"),
        (Zone.FittingRoom, "fitting-room", "试衣间"),
        (Zone.StaffRestRoom, "staff-rest-room", "单位为内部人员提供住宿、休息服务的房间"),
        (Zone.Public, "public", "非隐私区域（出入口、通道、大厅、道路等）"));

    public static readonly VocabTable<Capture> Captures = new("captures", "采集功能",
        (Capture.Video, "video", "视频"),
        (Capture.Audio, "audio", "音频"));

    public static readonly VocabTable<Subsystem> Subsystems = new("subsystems", "子系统",
        (Subsystem.IntrusionAlarm, "intrusion-alarm", "入侵报警 / 探测与报警"),
        (Subsystem.Video, "video", "视频安防监控 / 视频探测与监控"),
        (Subsystem.AccessControl, "access-control", "出入口控制 / 出入口目标识别与控制"),
        (Subsystem.ExplosiveCheck, "explosive-check", "防爆安全检查"));

    public static readonly VocabTable<Organizer> Organizers = new("organizers", "论证组织者",
        (Organizer.Police, "police", "公安机关"),
        (Organizer.ConstructionUnit, "construction-unit", "建设单位"),
        (Organizer.ConstructionUnitWithPolice, "construction-unit-with-police", "建设单位会同公安机关"));

    public static readonly VocabTable<ActKind> ActKinds = new("act-kinds", "行为类型",
        (ActKind.DeviceDestroyed, "device-destroyed", "损毁技防系统设备、设施"),
        (ActKind.DeviceRemoved, "device-removed", "拆除技防系统设备、设施"),
        (ActKind.SystemShutDown, "system-shut-down", "关闭技防系统"),
        (ActKind.SystemObstructed, "system-obstructed", "妨碍技防系统正常使用"),
        (ActKind.PurposeChanged, "purpose-changed", "改变技防系统的用途和使用范围"),
        (ActKind.ProgramModified, "program-modified", "删除、修改、破坏技防系统的运行程序"),
        (ActKind.RecordsDeleted, "records-deleted", "删除技防系统的记录"),
        (ActKind.RecordsModified, "records-modified", "修改技防系统的记录"),
        (ActKind.RecordsSold, "records-sold", "买卖技防系统信息资料"),
        (ActKind.RecordsDistributed, "records-distributed", "传播技防系统信息资料"),
        (ActKind.RecordsConcealed, "records-concealed", "隐匿技防系统信息资料"),
        (ActKind.RecordsCopied, "records-copied", "复制技防系统的记录资料"),
        (ActKind.SecretsLeaked, "secrets-leaked", "泄露技防系统的秘密 / 利用技防系统泄露国家秘密、商业秘密、个人隐私"),
        (ActKind.CertificateForged, "certificate-forged", "伪造、变造、涂改技防产品或者技防系统的有关证书"),
        (ActKind.VendorDesignated, "vendor-designated", "指定技防产品的品牌、销售单位或技防系统的设计、施工、安装、监理、运营、维修单位"),
        (ActKind.PublicAreaInstallation, "public-area-installation", "在公共区域安装技防系统"),
        (ActKind.PublicAreaSystemAdjusted, "public-area-system-adjusted", "调整公共区域技防系统"),
        (ActKind.AlarmNotReported, "alarm-not-reported", "接到报警信息并确认后未报告公安机关"),
        (ActKind.UnauthorizedInstallation, "unauthorized-installation", "在公共场所安装图像采集设备（不负有建设责任或者安全防范义务）"),
        (ActKind.InstalledNearSecretUnit, "installed-near-secret-unit", "在军事禁区、军事管理区以及国家机关等涉密单位周边安装图像采集设备"),
        (ActKind.PrivacyDeviceNotReported, "privacy-device-not-reported", "未履行隐私区域的日常管理和检查义务，发现图像采集设备后未报告公安机关"),
        (ActKind.DeviceMoved, "device-moved", "迁移图像采集设备及相关设施"),
        (ActKind.DeviceAltered, "device-altered", "改动图像采集设备及相关设施"),
        (ActKind.DeviceObscured, "device-obscured", "以喷涂、遮挡等方式妨碍图像采集设备正常运行"),
        (ActKind.SystemIntruded, "system-intruded", "非法侵入、控制公共安全视频系统"),
        (ActKind.DataIllegallyObtained, "data-illegally-obtained", "非法获取公共安全视频系统中的数据"),
        (ActKind.DataAdded, "data-added", "非法增加公共安全视频系统中的数据或者应用程序"),
        (ActKind.FalseFiling, "false-filing", "提供虚假备案信息"));

    public static readonly VocabTable<ActorKind> ActorKinds = new("actor-kinds", "行为人类型",
        (ActorKind.Unit, "unit", "单位"),
        (ActorKind.Individual, "individual", "个人"),
        (ActorKind.Police, "police", "公安机关及其工作人员"),
        (ActorKind.Government, "government", "人民政府"));

    public static readonly VocabTable<Payer> Payers = new("payers", "受罚对象",
        (Payer.Unit, "unit", "单位"),
        (Payer.Individual, "individual", "个人"),
        (Payer.ResponsiblePerson, "responsible-person", "直接负责的主管人员和其他直接责任人员"),
        (Payer.ConstructionUnit, "construction-unit", "建设单位"),
        (Payer.Offender, "offender", "违法行为人（条文未区分单位或个人）"));

    public static readonly VocabTable<FineCondition> FineConditions = new("fine-conditions", "罚款条件",
        (FineCondition.Immediately, "immediately", "责令改正并处罚款"),
        (FineCondition.IfNotCorrected, "if-not-corrected", "逾期不改正的"),
        (FineCondition.IfSeriousConsequences, "if-serious-consequences", "造成严重后果的"));

    public static readonly VocabTable<RequesterKind> RequesterKinds = new("requester-kinds", "申请人类型",
        (RequesterKind.Official, "official", "国家机关工作人员"),
        (RequesterKind.Citizen, "citizen", "公民"));

    public static readonly VocabTable<AccessAction> AccessActions = new("access-actions", "查阅方式",
        (AccessAction.View, "view", "查阅 / 查看"),
        (AccessAction.Copy, "copy", "复制"),
        (AccessAction.Retrieve, "retrieve", "调取"));

    public static readonly VocabTable<RequesterRelation> RequesterRelations = new("requester-relations", "申请人与当事人的关系",
        (RequesterRelation.Self, "self", "本人"),
        (RequesterRelation.CloseRelative, "close-relative", "近亲属"),
        (RequesterRelation.Guardian, "guardian", "负有监护、看护、代管责任的人"),
        (RequesterRelation.Other, "other", "其他"));

    // Lists the product adds for its packs (not part of the facts contract).

    public static readonly VocabTable<SystemFlag> SystemFlags = new("system-flags", "系统属性",
        (SystemFlag.InterfaceReserved, "interfaceReserved", "预留与公安机关联网的接口"),
        (SystemFlag.AlarmNetworked, "alarmNetworked", "报警装置与公安机关或者保卫部门联网"),
        (SystemFlag.PersonnelTrained, "personnelTrained", "设计、施工、维修和操作人员经过专业培训"),
        (SystemFlag.NewConstruction, "newConstruction", "属新建、改建、扩建建设工程"),
        (SystemFlag.InService, "inService", "已投入使用"),
        (SystemFlag.SignagePosted, "signagePosted", "设置显著的提示标识"));

    public static readonly VocabTable<AccessCondition> AccessConditions = new("access-conditions", "查阅条件",
        (AccessCondition.InvestigationPower, "investigation-power", "所在机关具有刑事侦查权或者突发公共事件事故调查权"),
        (AccessCondition.TwoPersons, "two-persons", "工作人员不少于二人"),
        (AccessCondition.Credentials, "credentials", "出示工作证件"),
        (AccessCondition.UnitCertificate, "unit-certificate", "出示单位证明文件"),
        (AccessCondition.Registered, "registered", "履行登记手续"),
        (AccessCondition.WithinDutyScope, "within-duty-scope", "获取的信息限于执行职务需要范围"),
        (AccessCondition.UsingUnitConsent, "using-unit-consent", "经技防系统使用单位同意"),
        (AccessCondition.IdentityRecorded, "identity-recorded", "登记查看人员身份信息"),
        (AccessCondition.ReasonRecorded, "reason-recorded", "登记查看事由"),
        (AccessCondition.TimeRangeRecorded, "time-range-recorded", "登记信息起止段"),
        (AccessCondition.PoliceApproval, "police-approval", "经技防系统所在地公安机关批准"),
        (AccessCondition.InterestHarmed, "interest-harmed", "因人身、财产等权益受到损害而需要查看"),
        (AccessCondition.RelatedPerson, "related-person", "申请人为本人、近亲属或者负有监护、看护、代管责任的人"));

    public static readonly VocabTable<ProductRequirement> ProductRequirements = new("product-requirements", "产品要求",
        (ProductRequirement.InCatalog, "inCatalog", "列入《安全技术防范产品目录》"),
        (ProductRequirement.MeetsStandard, "meetsStandard", "符合产品质量标准"));

    public static readonly VocabTable<SubjectKind> SubjectKinds = new("subject-kinds", "对象类型",
        (SubjectKind.Site, "site", "场所"),
        (SubjectKind.System, "system", "技防系统"),
        (SubjectKind.Device, "device", "设备"),
        (SubjectKind.Act, "act", "行为"),
        (SubjectKind.Request, "request", "查阅申请"));

    public static readonly VocabTable<NotJudgedReason> NotJudgedReasons = new("not-judged-reasons", "未评判原因",
        (NotJudgedReason.NotInForce, "not-in-force", "不在施行期内"),
        (NotJudgedReason.NoRule, "no-rule", "无适用规定"),
        (NotJudgedReason.AfterAsOf, "after-as-of", "晚于评判日期，尚未发生"));

    /// <summary>Every list of the contract's vocabulary.yaml, by its name there.</summary>
    public static IReadOnlyDictionary<string, IEnumerable<string>> ContractLists { get; } = new Dictionary<string, IEnumerable<string>>
    {
        [SiteCategories.Name] = SiteCategories.Codes,
        [SiteFlags.Name] = SiteFlags.Codes,
        [Parts.Name] = Parts.Codes,
        [Zones.Name] = Zones.Codes,
        [Captures.Name] = Captures.Codes,
        [Subsystems.Name] = Subsystems.Codes,
        [Organizers.Name] = Organizers.Codes,
        [ActKinds.Name] = ActKinds.Codes,
        [ActorKinds.Name] = ActorKinds.Codes,
        [Payers.Name] = Payers.Codes,
        [FineConditions.Name] = FineConditions.Codes,
        [RequesterKinds.Name] = RequesterKinds.Codes,
        [AccessActions.Name] = AccessActions.Codes,
        [RequesterRelations.Name] = RequesterRelations.Codes,
    };
}
