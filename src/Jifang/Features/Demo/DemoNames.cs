namespace Jifang.Features.Demo;

/// <summary>
/// What a generated name may draw on: the jurisdiction's word pools, the city and county it lies in,
/// and the brand of the unit that owns it. Names are put together from these, not copied from anywhere.
/// </summary>
internal sealed class NameContext(DemoRandom random, DemoJurisdiction jurisdiction, DemoCounty county)
{
    private static readonly string[] RoadSuffixes = ["路", "路", "大街", "街", "东路", "西路", "南路", "北路"];
    private static readonly string[] Numerals = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public DemoRandom Random { get; } = random;
    public DemoJurisdiction Jurisdiction { get; } = jurisdiction;
    public DemoCounty County { get; } = county;
    public DemoCity City { get; } = jurisdiction.CityOf(county);

    /// <summary>The owning unit's brand or short name (酒店集团的字号、银行名), set by the unit plan.</summary>
    public string Brand { get; set; } = "";

    /// <summary>The city without its 市: 呼和浩特, 包头, 东城.</summary>
    public string CityShort => City.Name.TrimEnd('市');

    /// <summary>The county name for a prefix in a school or office name: 新城区, 土默特左旗.</summary>
    public string CountyName => County.Name;

    public string Word => Random.Pick(Jurisdiction.Words);

    public string River => Random.Pick(Jurisdiction.Rivers);

    public string Road => Random.Pick(Jurisdiction.Roads) + Random.Pick(RoadSuffixes);

    /// <summary>The street the site or unit is on: its address, and its name where a name gives one (…（兴安北路店）).</summary>
    public string Street => _street ??= Road;

    private string? _street;

    /// <summary>Forgets the street, so that another try at a unique name may pick another one.</summary>
    public void MoveStreet() => _street = null;

    public string Pick(params string[] options) => Random.Pick(options);

    /// <summary>A Chinese ordinal numeral from 1 to 99: 一, 十二, 二十三.</summary>
    public static string Cn(int n) => n switch
    {
        <= 0 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        <= 10 => Numerals[n],
        < 20 => "十" + Numerals[n - 10],
        _ => Numerals[n / 10] + "十" + (n % 10 == 0 ? "" : Numerals[n % 10]),
    };

    public string Ordinal(int max) => Cn(Random.Next(1, max + 1));

    /// <summary>A street address in the county: 内蒙古自治区呼和浩特市新城区兴安北路 128 号.</summary>
    public string Address() => $"{Jurisdiction.FullName(County)}{Street}{Random.Next(1, 400)}号";

    /// <summary>An address at a crossing, for roads and public areas.</summary>
    public string Crossing()
    {
        var a = Street;
        var b = Road;
        while (b == a)
        {
            b = Road;
        }
        return $"{Jurisdiction.FullName(County)}{a}与{b}交叉口";
    }

    /// <summary>A contact number of the obviously fictional 138-0000-xxxx series: no real person's number.</summary>
    public string Phone() => $"138-0000-{Random.Next(0, 10000):D4}";

    /// <summary>
    /// A site's duty phone of the same fictional series, from the site's own creation time: it draws nothing from the
    /// seeded random stream, so adding it changed none of the other demo data.
    /// </summary>
    public static string SitePhone(DateTime created) => $"138-0000-{created.Ticks / TimeSpan.TicksPerMinute % 10000:D4}";
}
