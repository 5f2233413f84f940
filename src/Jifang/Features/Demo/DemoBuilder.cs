using Jifang.Features.Compliance;
using Jifang.Features.Registry;
using Jifang.Rules.Engine;

namespace Jifang.Features.Demo;

/// <summary>
/// Builds the demo registry in memory: units, sites, systems, devices and acts, mostly compliant,
/// with a few deliberate violations of every kind the packs judge. Same seed, same data.
/// </summary>
internal sealed class DemoBuilder
{
    /// <summary>The demo's "today": every lifecycle step and act lies before it, so re-runs agree.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 6, 30);

    private const int Seed = 20_260_630;

    private static readonly Dictionary<string, string> SubsystemNames = new(StringComparer.Ordinal)
    {
        ["video"] = "视频安防监控系统",
        ["intrusion-alarm"] = "入侵报警系统",
        ["access-control"] = "出入口控制系统",
        ["explosive-check"] = "防爆安全检查系统",
    };

    private static readonly string[] Makers = ["恒视", "睿盾", "辰安", "卓讯", "锐晟", "衡辉"];
    private static readonly string[] MakerSuffixes = ["安防科技有限公司", "电子技术有限公司", "智能科技有限公司"];

    private readonly DemoRandom _r = new(Seed, ReferenceDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddYears(-1));
    private readonly Func<string, CompiledPack?> _packFor;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, SiteKind> _kindOf = [];
    private readonly Dictionary<Guid, DemoJurisdiction> _jurisdictionOf = [];
    private readonly HashSet<Guid> _violated = [];
    private readonly List<(string Maker, string Prefix)> _makers;

    public DemoBuilder(Func<string, CompiledPack?> packFor)
    {
        _packFor = packFor;
        _makers = Makers.Select((m, i) => ($"{m}{MakerSuffixes[i % MakerSuffixes.Length]}", Initials(i))).ToList();
    }

    public List<Unit> Units { get; } = [];
    /// <summary>The registry entries the systems refer to: products of the catalogue, contractors, and their people.</summary>
    public List<Product> Products { get; } = [];
    public List<Contractor> Contractors { get; } = [];
    public List<Person> Personnel { get; } = [];
    public List<Site> Sites { get; } = [];
    public Dictionary<DemoJurisdiction, Unit> Showcase { get; } = [];
    /// <summary>What was broken on purpose: jurisdiction, the kind of violation, the site.</summary>
    public List<(DemoJurisdiction Jurisdiction, string Kind, Site Site)> Violations { get; } = [];

    public DemoJurisdiction JurisdictionOf(Site site) => _jurisdictionOf[site.Id];

    public static DemoBuilder Build(Func<string, CompiledPack?> packFor)
    {
        var b = new DemoBuilder(packFor);
        b.AddJurisdiction(DemoDivisions.Nmg, DemoCatalog.NmgUnits);
        b.AddJurisdiction(DemoDivisions.Province, DemoCatalog.ProvinceUnits);
        foreach (var j in DemoDivisions.All)
        {
            b.BreakLifecycles(j);
            b.BreakInstallation(j);
            b.RegisterActs(j);
        }
        b.AddExamplesUnit();
        b.AddPersonnel();
        foreach (var system in b.Sites.SelectMany(s => s.Systems))
        {
            // Their places in the system's lists, as the API numbers them.
            system.Products.ForEach(p => p.Position = system.Products.IndexOf(p));
            system.Contractors.ForEach(c => c.Position = system.Contractors.IndexOf(c));
        }
        // Last, so that the rest of the demo stays what the seed made it: a few video systems without the notice of
        // 《公共安全视频图像信息系统管理条例》第十三条 (the others have it, see NewSystem).
        foreach (var j in DemoDivisions.All)
        {
            b.Break(j, 2, "视频系统未设置显著的提示标识", s => s.Subsystems.Contains("video"), s => s.SignagePosted = false);
        }
        return b;
    }

    /// <summary>The unit of docs/examples (统一社会信用代码 <see cref="ExamplesCreditCode"/>), so that the examples import into the demo as they are.</summary>
    public const string ExamplesCreditCode = "91150102MA0N000001";

    /// <summary>
    /// The unit the files of docs/examples name (青城实业有限公司, 新城区): without sites of its own, added last so that the
    /// rest of the demo stays what the seed made it.
    /// </summary>
    private void AddExamplesUnit()
    {
        const string name = "青城实业有限公司";
        _names.Add(name);
        var created = Stamp(300);
        Units.Add(new Unit
        {
            Id = _r.NextGuid(), Name = name, DivisionCode = "150102", CreditCode = ExamplesCreditCode,
            Address = "呼和浩特市新城区迎宾路 1 号", ContactPhone = "138-0000-0001", CreatedAt = created, UpdatedAt = created,
        });
    }

    // ---------------------------------------------------------------- units and sites

    private void AddJurisdiction(DemoJurisdiction j, IReadOnlyList<UnitPlan> plans)
    {
        var contractors = ContractorPool(j);
        foreach (var plan in plans)
        {
            var city = j.Cities[plan.City];
            var home = city.Counties[plan.County];
            var ctx = new NameContext(_r, j, home);
            ctx.Brand = plan.Brand(ctx);
            var unit = new Unit
            {
                Id = _r.NextGuid(),
                Name = Unique(() => plan.Name(ctx)),
                DivisionCode = home.Code,
                Address = ctx.Address(),
                ContactPhone = ctx.Phone(),
                CreatedAt = Stamp(_r.Next(300, 900)),
            };
            unit.UpdatedAt = unit.CreatedAt;
            Units.Add(unit);
            if (plan.Showcase)
            {
                Showcase[j] = unit;
            }
            foreach (var (kindKey, count) in plan.Sites)
            {
                var kind = DemoCatalog.Kinds[kindKey];
                for (var i = 0; i < count; i++)
                {
                    var county = plan.Spread == Spread.County ? home : _r.Pick(city.Counties);
                    var siteCtx = new NameContext(_r, j, county) { Brand = ctx.Brand };
                    Sites.Add(NewSite(j, unit, kind, siteCtx, contractors));
                }
            }
        }
    }

    private Site NewSite(DemoJurisdiction j, Unit unit, SiteKind kind, NameContext ctx, IReadOnlyList<Contractor> contractors)
    {
        var created = Stamp(_r.Next(30, 300));
        var site = new Site
        {
            Id = _r.NextGuid(),
            UnitId = unit.Id,
            Name = Unique(() =>
            {
                ctx.MoveStreet();
                return kind.Name(ctx);
            }),
            DivisionCode = ctx.County.Code,
            Address = kind.AtCrossing ? ctx.Crossing() : ctx.Address(),
            ContactPhone = NameContext.SitePhone(created),
            Categories = [.. kind.Categories],
            Parts = [.. kind.Parts],
            PublicArea = kind.PublicArea,
            Large = _r.Chance(kind.Large),
            Urban = ctx.County.Urban,
            InvolvesStateSecrets = _r.Chance(kind.Secrets),
            HoldsImportantItems = _r.Chance(kind.Important),
            CreatedAt = created,
            UpdatedAt = created,
        };
        _kindOf[site.Id] = kind;
        _jurisdictionOf[site.Id] = j;

        var systems = _r.Chance(0.65) ? 1 : _r.Chance(0.8) ? 2 : 3;
        systems = Math.Min(systems, kind.Subsystems.Length);
        for (var n = 0; n < systems; n++)
        {
            var subsystems = kind.Subsystems.Where((_, i) => i % systems == n).ToList();
            List<string> covers = n == 0 || kind.Parts.Length == 0 ? [.. kind.Parts] : _r.Some(kind.Parts, _r.Next(1, kind.Parts.Length + 1));
            var system = NewSystem(j, site, subsystems, covers, contractors);
            site.Systems.Add(system);
            AddDevices(site, kind, system);
        }

        // Some sites that no regulation obliges to install a system have none (the pack decides which).
        if (kind.Optional && _r.Chance(0.35) && !MustInstall(j, site))
        {
            site.Systems.Clear();
            site.Devices.Clear();
        }
        return site;
    }

    /// <summary>Whether the site's pack requires it to have a system: asks the engine itself, with the systems taken away.</summary>
    private bool MustInstall(DemoJurisdiction j, Site site)
    {
        if (_packFor(site.DivisionCode) is not { } pack)
        {
            return false;
        }
        var bare = new Site
        {
            Id = site.Id, DivisionCode = site.DivisionCode, Categories = site.Categories, Parts = site.Parts,
            PublicArea = site.PublicArea, Large = site.Large, Urban = site.Urban,
            InvolvesStateSecrets = site.InvolvesStateSecrets, HoldsImportantItems = site.HoldsImportantItems,
        };
        return ComplianceService.Judge(bare, pack, ReferenceDate, DateTime.UnixEpoch)
            .Any(f => f.Rule.StartsWith("mandatory-installation", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- systems and devices

    private SecuritySystem NewSystem(DemoJurisdiction j, Site site, List<string> subsystems, List<string> covers, IReadOnlyList<Contractor> contractors)
    {
        var system = new SecuritySystem
        {
            Id = _r.NextGuid(),
            SiteId = site.Id,
            Name = subsystems.Count == 1 ? SubsystemNames[subsystems[0]] : "综合安防系统",
            Subsystems = subsystems,
            Covers = covers,
            NewConstruction = _r.Chance(0.35),
            InterfaceReserved = true,
            AlarmNetworked = subsystems.Contains("intrusion-alarm") || _r.Chance(0.3),
            PersonnelTrained = true,
            // 《公共安全视频图像信息系统管理条例》第十三条: the notice is posted where video is recorded (a few are broken later).
            SignagePosted = subsystems.Contains("video"),
            RetentionDays = j.IsNmg ? _r.Pick([15, 30, 30, 60, 90, 90]) : _r.Pick([30, 30, 45, 60, 90, 90, 180]),
            UpdatedAt = site.CreatedAt,
        };

        // Design review, inspection by a qualified agency, acceptance with the police: in that order,
        // all after the regulation took effect and before the reference date.
        var building = _r.Chance(0.06);
        var earliest = j.Effective.AddMonths(6);
        var review = building
            ? _r.Date(ReferenceDate.AddDays(-200), ReferenceDate.AddDays(-30))
            : _r.Date(earliest, ReferenceDate.AddDays(-420));
        // nmg 第十三条第三款: a review only where national rules require one; province 第十一条第一款: always.
        if (!j.IsNmg || _r.Chance(0.7))
        {
            system.DesignReviewHeld = true;
            system.DesignReviewDate = review;
            system.DesignReviewOrganizer = j.IsNmg ? "construction-unit-with-police"
                : site.PublicArea ? "police"
                : _r.Chance(0.5) ? "construction-unit" : "construction-unit-with-police";
        }
        if (!building)
        {
            var inspection = review.AddDays(_r.Next(90, 300));
            system.InspectionHeld = true;
            system.InspectionAgencyQualified = true;
            system.InspectionPassed = true;
            system.InspectionDate = inspection;
            system.AcceptanceHeld = true;
            system.AcceptancePassed = true;
            system.AcceptancePoliceParticipated = true;
            system.AcceptanceDate = inspection.AddDays(_r.Next(7, 40));
            system.InService = true;
        }

        foreach (var subsystem in subsystems)
        {
            var maker = _r.Pick(_makers);
            foreach (var line in ProductLines(subsystem))
            {
                var product = new Product
                {
                    Id = Derived($"product:{system.Id}:{system.Products.Count}"),
                    Model = $"{maker.Prefix}-{line}{_r.Next(100, 990)}",
                    Manufacturer = maker.Maker,
                    InCatalog = true,
                    MeetsStandard = true,
                    CreatedAt = site.CreatedAt,
                    UpdatedAt = site.CreatedAt,
                };
                Products.Add(product);
                system.Products.Add(new ProductEntry { ProductId = product.Id, Product = product });
            }
        }

        var builder = _r.Pick(contractors);
        system.Contractors.Add(Copy(builder, "design"));
        system.Contractors.Add(Copy(_r.Chance(0.7) ? builder : _r.Pick(contractors), "construction"));
        if (_r.Chance(0.4))
        {
            system.Contractors.Add(Copy(NewContractor($"{j.Cities[0].Nick}{_r.Pick(j.Words)}工程监理有限公司", true, j.Cities[0].Counties[0].Code), "supervision"));
        }
        if (system.InService)
        {
            system.Contractors.Add(Copy(_r.Pick(contractors), "maintenance"));
        }
        return system;
    }

    /// <summary>Model-number stems of the products a subsystem is built from: camera and recorder, detector and panel…</summary>
    private static string[] ProductLines(string subsystem) => subsystem switch
    {
        "video" => ["IPC", "NVR"],
        "intrusion-alarm" => ["PIR", "AP"],
        "access-control" => ["AC", "CR"],
        "explosive-check" => ["XR", "MD"],
        _ => [],
    };

    private void AddDevices(Site site, SiteKind kind, SecuritySystem system)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string spot, string what, string kindName, string[] captures, string zone = "public")
        {
            var name = spot + what;
            var n = counts[name] = counts.GetValueOrDefault(name) + 1;
            site.Devices.Add(new Device
            {
                Id = _r.NextGuid(),
                SiteId = site.Id,
                SystemId = system.Id,
                Name = n == 1 ? name : $"{name}{n}",
                Kind = kindName,
                Captures = [.. captures],
                Zone = zone,
                UpdatedAt = site.CreatedAt,
            });
        }
        foreach (var subsystem in system.Subsystems)
        {
            switch (subsystem)
            {
                case "video":
                    for (var i = _r.Next(2, 7); i > 0; i--)
                    {
                        Add(_r.Pick(kind.Spots), "摄像机", _r.Pick(["枪型网络摄像机", "半球网络摄像机", "球形网络摄像机"]), ["video"]);
                    }
                    if (kind.Key == "bank-branch")
                    {
                        Add("柜台", "拾音器", "拾音器", ["audio"]);
                    }
                    Add("监控室", "录像机", "网络硬盘录像机", []);
                    break;
                case "intrusion-alarm":
                    for (var i = _r.Next(1, 5); i > 0; i--)
                    {
                        var (what, kindName) = _r.Pick<(string, string)>(
                            [("探测器", "被动红外探测器"), ("探测器", "双鉴探测器"), ("门磁", "门磁开关"), ("紧急按钮", "紧急报警按钮")]);
                        Add(_r.Pick(kind.Spots), what, kindName, []);
                    }
                    if (kind.Key == "school")
                    {
                        // A detector without capture in a dormitory is lawful (0002: captures decide).
                        Add("宿舍", "紧急按钮", "紧急报警按钮", [], "dormitory");
                    }
                    Add("值班室", "报警主机", "报警控制主机", []);
                    break;
                case "access-control":
                    for (var i = _r.Next(1, 3); i > 0; i--)
                    {
                        Add(_r.Pick(kind.Spots), "门禁读卡器", "门禁读卡器", []);
                    }
                    if (_r.Chance(0.4))
                    {
                        Add(kind.Spots[0], "人脸识别门禁", "人脸识别门禁一体机", ["video"]);
                    }
                    break;
                case "explosive-check":
                    Add(_r.Pick(kind.Spots), "安检机", "X射线安全检查设备", []);
                    Add(_r.Pick(kind.Spots), "安检门", "通过式金属探测门", []);
                    break;
                default:
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- deliberate violations

    /// <summary>The build lifecycle and the system's own duties: one kind at a time, each on a site of its own.</summary>
    private void BreakLifecycles(DemoJurisdiction j)
    {
        // Acceptance (province 第十一条第二款 / nmg 第十三条第四、五款).
        Break(j, 2, "在用系统未经验收", null, s =>
        {
            s.AcceptanceHeld = false;
            s.AcceptancePassed = false;
            s.AcceptancePoliceParticipated = false;
            s.AcceptanceDate = null;
            s.NewConstruction = true;
        });
        Break(j, 1, "验收不合格仍投入使用", null, s => s.AcceptancePassed = false);
        Break(j, 2, "验收无公安机关参加", null, s => s.AcceptancePoliceParticipated = false);
        Break(j, 1, "未经检测即验收", null, s =>
        {
            s.InspectionHeld = false;
            s.InspectionAgencyQualified = false;
            s.InspectionPassed = false;
            s.InspectionDate = null;
        });
        Break(j, 1, "检测机构不具备资质", null, s => s.InspectionAgencyQualified = false);
        Break(j, 1, "验收早于检测", null, s => s.AcceptanceDate = s.InspectionDate!.Value.AddDays(-12));

        // Design review (province 第十一条第一款 / nmg 第十三条第三款).
        if (j.IsNmg)
        {
            Break(j, 2, "论证未会同公安机关组织", s => s.DesignReviewHeld, s => s.DesignReviewOrganizer = "construction-unit");
            Break(j, 1, "论证晚于检测", s => s.DesignReviewHeld, s => s.DesignReviewDate = s.InspectionDate!.Value.AddDays(5));
        }
        else
        {
            Break(j, 1, "公共区域论证未由公安机关组织", s => SiteOf(s).PublicArea, s => s.DesignReviewOrganizer = "construction-unit-with-police");
            Break(j, 1, "论证由公安机关代替建设单位组织", s => !SiteOf(s).PublicArea, s => s.DesignReviewOrganizer = "police");
            Break(j, 1, "设计方案未经论证", null, s =>
            {
                s.DesignReviewHeld = false;
                s.DesignReviewOrganizer = null;
                s.DesignReviewDate = null;
            });
        }

        // Products (province 第十二条第一款 / nmg 第十三条第一款).
        Break(j, 2, "使用未列入目录的产品", null, s =>
        {
            // The system's own product (every system has models of its own): changing it changes no other system.
            var p = s.Products[0].Product!;
            p.InCatalog = false;
            p.Model = $"JY-{p.Model[3..]}";
            p.Manufacturer = "未标明生产厂家";
        });
        Break(j, 1, "产品不符合标准", null, s => s.Products[^1].Product!.MeetsStandard = false);

        if (j.IsNmg)
        {
            Break(j, 2, "施工单位不具备资质", null, s =>
            {
                var i = s.Contractors.FindIndex(x => x.Role == "construction");
                s.Contractors[i] = Copy(NewContractor($"{j.Cities[1].Nick}{_r.Pick(j.Words)}装饰工程有限公司", false, j.Cities[1].Counties[0].Code), "construction");
            });
            Break(j, 1, "维修单位不具备资质", s => s.Contractors.Any(x => x.Role == "maintenance"), s =>
            {
                var i = s.Contractors.FindIndex(x => x.Role == "maintenance");
                s.Contractors[i] = Copy(NewContractor($"{j.Cities[0].Nick}{_r.Pick(j.Words)}电器维修部", false, j.Cities[0].Counties[0].Code), "maintenance");
            });
            Break(j, 2, "操作人员未经培训", null, s => s.PersonnelTrained = false);
            Break(j, 3, "报警装置未联网", s => s.Subsystems.Contains("intrusion-alarm"), s => s.AlarmNetworked = false);
        }
        else
        {
            Break(j, 3, "未预留公安联网接口", null, s => s.InterfaceReserved = false);
            var days = new Queue<int>([7, 15, 20]);
            Break(j, 3, "录像保存不足三十日", null, s => s.RetentionDays = days.Count > 0 ? days.Dequeue() : 10);
        }
    }

    /// <summary>Mandatory installation and privacy zones: sites without systems, parts left uncovered, cameras where they may not be.</summary>
    private void BreakInstallation(DemoJurisdiction j)
    {
        // A site the regulation obliges to install a system, without any; in the province also a
        // public area (第九条第（一）项, its own consequence under 第二十四条第一款).
        string[] bare = j.IsNmg ? ["grain-depot", "kindergarten", "welfare"] : ["internet-cafe", "kindergarten", "parking-lot", "public-area"];
        foreach (var key in bare)
        {
            if (PickSite(j, (site, kind) => (kind.Key == key || (key == "public-area" && kind.PublicArea)) && site.Systems.Count > 0) is { } site)
            {
                site.Systems.Clear();
                site.Devices.Clear();
                Violations.Add((j, "应当安装而未安装技防系统", site));
            }
        }

        // Named parts not covered by any system.
        (string Kind, string Part)[] uncovered = j.IsNmg
            ? [("hotel", "passage"), ("bank-branch", "business-hall"), ("residential", "common-area"), ("shopping-center", "passage"), ("government", "common-area")]
            : [("telecom", "key-part"), ("broadcast", "key-part"), ("key-project", "key-part"), ("postal", "key-part")];
        var left = 3;
        foreach (var (key, part) in uncovered)
        {
            if (left > 0 && PickSite(j, (site, kind) => kind.Key == key && site.Systems.Count > 0) is { } site)
            {
                left--;
                foreach (var system in site.Systems)
                {
                    system.Covers.Remove(part);
                }
                Violations.Add((j, "应当覆盖的部位未被覆盖", site));
            }
        }

        // Video or audio capture in a privacy zone.
        (string Kind, string Spot, string Zone, string[] Captures)[] privacy = j.IsNmg
            ?
            [
                ("hotel", "客房内", "hotel-guest-room", ["video"]),
                ("entertainment", "包间内", "entertainment-private-room", ["video", "audio"]),
                ("bank-branch", "理财室客户座席", "financial-customer-info-area", ["video"]),
                ("shopping-center", "母婴室", "nursing-room", ["video"]),
            ]
            :
            [
                ("hotel", "客房内", "hotel-guest-room", ["video"]),
                ("sports-venue", "更衣室", "changing-room", ["video"]),
                ("school", "学生宿舍内", "dormitory", ["video", "audio"]),
            ];
        foreach (var (key, spot, zone, captures) in privacy)
        {
            if (PickSite(j, (site, kind) => kind.Key == key && site.Systems.Any(s => s.Subsystems.Contains("video"))) is { } site)
            {
                var system = site.Systems.First(s => s.Subsystems.Contains("video"));
                site.Devices.Add(new Device
                {
                    Id = _r.NextGuid(),
                    SiteId = site.Id,
                    SystemId = system.Id,
                    Name = $"{spot}摄像机",
                    Kind = captures.Length == 2 ? "音视频一体摄像机" : "半球网络摄像机",
                    Captures = [.. captures],
                    Zone = zone,
                    UpdatedAt = site.UpdatedAt,
                });
                Violations.Add((j, "隐私区域安装音视频采集设备", site));
            }
        }
    }

    /// <summary>Registered conduct: prohibited acts of each kind, and a few lawful ones for contrast.</summary>
    private void RegisterActs(DemoJurisdiction j)
    {
        (string[] Kinds, string Act, string Actor, bool Authorized, bool Serious, string Description)[] acts = j.IsNmg
            ?
            [
                (["entertainment"], "system-shut-down", "unit", false, false, "营业期间擅自关闭包间走廊视频监控约 5 小时"),
                (["internet-cafe"], "system-obstructed", "individual", false, false, "顾客用纸板遮挡上网大厅摄像机镜头"),
                (["hotel"], "device-removed", "unit", false, false, "装修期间擅自拆除大堂及电梯厅摄像机 3 台，未恢复"),
                (["shopping-center"], "records-modified", "individual", false, false, "值班人员擅自修改收银区录像的时间信息"),
                (["residential"], "records-distributed", "individual", false, true, "保安员将小区出入口监控视频上传至网络，造成恶劣影响"),
                (["hospital"], "records-copied", "individual", false, false, "工作人员未经批准私自复制门诊大厅录像"),
                (["office", "shopping-center"], "certificate-forged", "unit", false, false, "涂改技防系统检测报告的检测日期"),
                (["school"], "purpose-changed", "unit", false, false, "擅自将校园视频监控系统改作教职工考勤之用"),
                (["underpass", "square", "main-road"], "public-area-system-adjusted", "unit", false, false, "市政管线施工迁移路口摄像机，未事先通知公安机关"),
                (["shopping-center", "residential"], "vendor-designated", "unit", false, false, "管理方要求入驻商户只能由其指定的公司安装监控设备"),
                (["bank-branch", "hotel"], "vendor-designated", "police", false, false, "民警在验收前向建设单位指定技防产品的销售单位"),
                (["telecom"], "secrets-leaked", "individual", false, false, "维护人员将机房技防系统布防图发给无关人员"),
                (["parking-lot", "residential"], "device-destroyed", "individual", false, false, "车辆出入口摄像机被人为砸毁"),
                (["bank-branch"], "program-modified", "individual", false, false, "外包维护人员擅自修改报警主机布撤防程序"),
                (["hospital"], "system-shut-down", "unit", true, false, "经报备停机检修 4 小时（合法）"),
                (["park", "square"], "public-area-system-adjusted", "government", true, false, "道路改造前已事先通知公安机关调整摄像机位置（合法）"),
            ]
            :
            [
                (["internet-cafe", "entertainment"], "system-shut-down", "unit", false, false, "营业期间擅自关闭视频监控系统约 6 小时"),
                (["hotel"], "device-removed", "unit", false, false, "装修期间擅自拆除大堂及电梯厅摄像机 3 台，未恢复"),
                (["shopping-center"], "records-deleted", "individual", false, false, "值班人员擅自删除收银区当日录像"),
                (["residential"], "records-sold", "individual", false, false, "保安员将小区出入口监控录像出售给他人"),
                (["entertainment", "internet-cafe"], "records-concealed", "unit", false, false, "公安机关调查时隐匿案发当晚的录像"),
                (["bank-branch"], "alarm-not-reported", "unit", false, false, "自助银行入侵报警经确认后未立即报告公安机关"),
                (["school"], "purpose-changed", "unit", false, false, "擅自将校园视频监控系统改作教职工考勤之用"),
                (["parking-lot", "residential"], "device-destroyed", "individual", false, false, "车辆出入口摄像机被人为砸毁"),
                (["square", "park"], "public-area-installation", "unit", false, false, "商户未经批准在广场灯杆上安装摄像机"),
                (["hotel", "shopping-center"], "vendor-designated", "police", false, false, "民警在方案论证时要求建设单位采用指定品牌的摄像机"),
                (["residential"], "secrets-leaked", "individual", false, false, "监控值班人员向他人泄露住户出入信息"),
                (["hospital"], "records-modified", "individual", false, false, "工作人员擅自修改药房录像记录"),
                (["hospital"], "system-shut-down", "unit", true, false, "经报备停机检修 4 小时（合法）"),
                (["park", "square"], "public-area-installation", "government", false, false, "区人民政府组织在公园加装视频监控（第八条，合法）"),
            ];
        foreach (var (kinds, act, actor, authorized, serious, description) in acts)
        {
            var site = PickSite(j, (s, k) => kinds.Contains(k.Key) && s.Systems.Count > 0, mark: !authorized && actor != "government");
            if (site is null)
            {
                continue;
            }
            site.Acts.Add(new RegisteredAct
            {
                Id = _r.NextGuid(),
                SiteId = site.Id,
                SystemId = site.Systems[0].Id,
                Kind = act,
                Date = _r.Date(ReferenceDate.AddDays(-300), ReferenceDate.AddDays(-10)),
                Actor = actor,
                Authorized = authorized,
                SeriousConsequences = serious,
                Description = description,
                CreatedAt = site.UpdatedAt,
            });
            if (!authorized && actor != "government")
            {
                Violations.Add((j, "登记的违规行为：" + act, site));
            }
        }
    }

    /// <summary>Breaks the first in-service system of <paramref name="count"/> compliant sites, one site each.</summary>
    private void Break(DemoJurisdiction j, int count, string label, Func<SecuritySystem, bool>? where, Action<SecuritySystem> change)
    {
        for (var i = 0; i < count; i++)
        {
            var site = PickSite(j, (s, _) => s.Systems.Count > 0 && s.Systems[0].InService && (where is null || where(s.Systems[0])));
            if (site is null)
            {
                return;
            }
            change(site.Systems[0]);
            Violations.Add((j, label, site));
        }
    }

    private Site? PickSite(DemoJurisdiction j, Func<Site, SiteKind, bool> where, bool mark = true)
    {
        var candidates = Sites.Where(s => _jurisdictionOf[s.Id] == j && !_violated.Contains(s.Id) && where(s, _kindOf[s.Id])).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var site = _r.Pick(candidates);
        if (mark)
        {
            _violated.Add(site.Id);
        }
        return site;
    }

    private Site SiteOf(SecuritySystem system) => Sites.First(s => s.Id == system.SiteId);

    // ---------------------------------------------------------------- helpers

    /// <summary>The qualified contractors of a jurisdiction the systems choose from, registered in the counties of its cities.</summary>
    private List<Contractor> ContractorPool(DemoJurisdiction j)
    {
        string[] kinds = ["安防工程有限公司", "智能科技有限公司", "电子工程有限公司", "系统集成有限公司"];
        return Enumerable.Range(0, 6).Select(i =>
        {
            var city = j.Cities[i % j.Cities.Count];
            var county = city.Counties[i / j.Cities.Count % city.Counties.Count];
            return NewContractor(Unique(() => $"{city.Name.TrimEnd('市')}{_r.Pick(j.Words)}{_r.Pick(kinds)}"), true, county.Code);
        }).ToList();
    }

    /// <summary>A contractor of the registry: one entry per name and qualification (a name drawn again is the same contractor).</summary>
    private Contractor NewContractor(string name, bool qualified, string division)
    {
        if (Contractors.Find(x => x.Name == name && x.Qualified == qualified) is { } known)
        {
            return known;
        }
        var created = Stamp(600);
        var c = new Contractor
        {
            Id = Derived($"contractor:{name}:{qualified}"), Name = name, DivisionCode = division, Qualified = qualified, QualificationLevel = qualified ? "二级" : null,
            QualifiedUntil = qualified ? ReferenceDate.AddYears(2) : null, CreatedAt = created, UpdatedAt = created,
        };
        Contractors.Add(c);
        return c;
    }

    private static ContractorEntry Copy(Contractor c, string role) => new() { ContractorId = c.Id, Contractor = c, Role = role };

    /// <summary>
    /// The people of the qualified contractors (a designer and an installer each), trained: added last, so that the rest of
    /// the demo stays what the seed made it. Named by their job and employer, not as persons.
    /// </summary>
    private void AddPersonnel()
    {
        foreach (var c in Contractors.Where(c => c.Qualified).ToList())
        {
            var short_ = c.Name.Length > 4 ? c.Name[..4] : c.Name;
            foreach (var (job, label) in new[] { ("design", "设计员"), ("construction", "施工员") })
            {
                var created = Stamp(500);
                Personnel.Add(new Person
                {
                    Id = Derived($"person:{c.Id}:{job}"), Name = $"{short_}{label}", EmployerContractorId = c.Id, Job = job, Trained = true,
                    TrainedOn = ReferenceDate.AddDays(-400), CreatedAt = created, UpdatedAt = created,
                });
            }
        }
    }

    /// <summary>
    /// An id made from a key, not drawn: the registry entries the systems refer to take no draw from the seed, so that the
    /// sites, systems and violations stay what the seed made them before systems referred to the registry.
    /// </summary>
    internal static Guid Derived(string key)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("jifang-demo:" + key));
        return new Guid(bytes.AsSpan(0, 16));
    }

    private static string Initials(int i) => ((char)('A' + (i * 7 % 26))).ToString() + (char)('H' + (i * 3 % 18));

    private string Unique(Func<string> make)
    {
        for (var i = 0; i < 40; i++)
        {
            var name = make();
            if (_names.Add(name))
            {
                return name;
            }
        }
        var fallback = make();
        for (var n = 2; ; n++)
        {
            var name = $"{fallback}（{NameContext.Cn(n)}）";
            if (_names.Add(name))
            {
                return name;
            }
        }
    }

    private static DateTime Stamp(int daysBefore) =>
        ReferenceDate.AddDays(-daysBefore).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
}
