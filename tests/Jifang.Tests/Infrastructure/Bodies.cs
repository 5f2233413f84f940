namespace Jifang.Tests.Infrastructure;

/// <summary>Request bodies as an API client writes them (camelCase JSON, the contract's vocabulary codes).</summary>
public static class Bodies
{
    public static object Unit(string name, string division, string? creditCode = null) => new
    {
        name,
        divisionCode = division,
        creditCode,
        address = "呼和浩特市新城区测试路 1 号",
        contactPhone = "0471-1234567",
    };

    public static object Site(Guid unitId, string name, string division, string[] categories, string[] parts, bool large = false, bool urban = false) => new
    {
        unitId,
        name,
        divisionCode = division,
        address = name + "的地址",
        categories,
        parts,
        publicArea = false,
        large,
        urban,
        involvesStateSecrets = false,
        holdsImportantItems = false,
    };

    public static object Hotel(Guid unitId, string name, string division) =>
        Site(unitId, name, division, ["hotel"], ["main-entrance", "passage"]);

    /// <summary>A video system that passed every lifecycle step, covering <paramref name="covers"/>, its notice posted (第十三条).</summary>
    public static object System(string name, params string[] covers) => new
    {
        name,
        subsystems = new[] { "video" },
        covers,
        newConstruction = false,
        designReview = new { held = true, organizer = "construction-unit-with-police", agencyQualified = false, passed = true, policeParticipated = true, date = "2020-03-01" },
        inspection = new { held = true, agencyQualified = true, passed = true, date = "2020-05-02" },
        acceptance = new { held = true, passed = true, policeParticipated = true, date = "2020-05-20" },
        inService = true,
        interfaceReserved = true,
        alarmNetworked = true,
        retentionDays = 30,
        personnelTrained = true,
        signagePosted = true,
        products = new[] { new { model = "X-100", manufacturer = "测试厂", inCatalog = true, meetsStandard = true } },
        contractors = new[] { new { name = "测试施工单位", role = "construction", qualified = true } },
    };

    public static object Device(string name, string zone, Guid? systemId = null, params string[] captures) => new
    {
        name,
        kind = "摄像机",
        systemId,
        captures = captures.Length == 0 ? ["video"] : captures,
        zone,
    };

    public static object Act(string kind, string date, Guid? systemId = null, string actor = "unit") => new
    {
        kind,
        date,
        actor,
        authorized = false,
        seriousConsequences = false,
        systemId,
        description = "测试登记的行为",
    };

    public static object Product(string model, string manufacturer = "测试厂", string? certificateNumber = null, bool inCatalog = true, bool meetsStandard = true) => new
    {
        model,
        manufacturer,
        certificateNumber,
        inCatalog,
        meetsStandard,
    };

    public static object Contractor(string name, string division, string? creditCode = null, bool qualified = true, string? qualifiedUntil = "2028-12-31") => new
    {
        name,
        creditCode,
        divisionCode = division,
        qualificationLevel = qualified ? "一级" : null,
        qualified,
        qualifiedUntil = qualified ? qualifiedUntil : null,
    };

    public static object Person(string name, Guid? unitId, Guid? contractorId, string job = "operation", bool trained = true) => new
    {
        name,
        employerUnitId = unitId,
        employerContractorId = contractorId,
        job,
        trained,
        trainingCertificate = trained ? "PX-0001" : null,
        trainedOn = trained ? "2026-03-01" : null,
    };

    /// <summary>A testing agency (检测机构) registered in the division, qualified until the date.</summary>
    public static object TestingAgency(string name, string division, string qualifiedUntil = "2028-12-31", string? creditCode = null) => new
    {
        name,
        creditCode,
        divisionCode = division,
        certificateNumber = "CMA-" + division,
        qualifiedUntil,
    };

    /// <summary>An expert of the division's pool, employed by a university (other) unless told.</summary>
    public static object Expert(string name, string division, string employerKind = "other", Guid? employerId = null, bool available = true) => new
    {
        name,
        divisionCode = division,
        specialty = "视频监控",
        employer = "测试大学",
        employerKind,
        employerId,
        available,
    };
}
