namespace Jifang.Features.Identity;

/// <summary>The roles of the platform (docs/domain.md: who uses the product). Every user has exactly one.</summary>
public static class Roles
{
    public const string PoliceProvince = "police-province";
    public const string PoliceCity = "police-city";
    public const string PoliceCounty = "police-county";
    public const string UnitAdmin = "unit-admin";
    public const string UnitOperator = "unit-operator";
    public const string Contractor = "contractor";
    public const string TestingAgency = "testing-agency";
    /// <summary>An expert of a jurisdiction's pool (技防专家): files opinions on the design reviews they are drawn for.</summary>
    public const string Expert = "expert";
    public const string Citizen = "citizen";
    public const string PlatformAdmin = "platform-admin";

    public static readonly IReadOnlyList<string> All =
        [PoliceProvince, PoliceCity, PoliceCounty, UnitAdmin, UnitOperator, Contractor, TestingAgency, Expert, Citizen, PlatformAdmin];

    public static readonly IReadOnlyList<string> Police = [PoliceProvince, PoliceCity, PoliceCounty];

    public static readonly IReadOnlyList<string> UnitRoles = [UnitAdmin, UnitOperator];

    /// <summary>Roles that act for a registered party (a contractor, a testing agency, an expert of the pool), bound by its id.</summary>
    public static readonly IReadOnlyList<string> PartyRoles = [Contractor, TestingAgency, Expert];

    public static string Label(string role) => role switch
    {
        PoliceProvince => "省（自治区）级公安机关",
        PoliceCity => "设区的市（盟市）级公安机关",
        PoliceCounty => "县（旗县）级公安机关",
        UnitAdmin => "使用单位管理员",
        UnitOperator => "使用单位操作员",
        Contractor => "设计施工单位",
        TestingAgency => "检测机构",
        Expert => "技防专家",
        Citizen => "公民",
        PlatformAdmin => "平台管理员",
        _ => role,
    };

    /// <summary>How many digits of the GB/T 2260 division code a police level governs: 2 (province), 4 (city), 6 (county).</summary>
    public static int PrefixLength(string role) => role switch
    {
        PoliceProvince => 2,
        PoliceCity => 4,
        PoliceCounty => 6,
        _ => 0,
    };
}
