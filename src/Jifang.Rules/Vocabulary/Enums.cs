namespace Jifang.Rules.Vocabulary;

#pragma warning disable CA1028, CA1008 // explicit underlying values: these index bit sets

public enum SiteCategory
{
    Square, Park, MainRoad, Underpass, PedestrianBridge, Tunnel, LargeBridge,
    Airport, Station, Port, RoadTraffic, RailTransit, LogisticsPark, PublicTransportVehicle,
    SpecialTransportVehicle, CashTransportVehicle,
    ShoppingCenter, Hotel, InternetCafe, ResidentialCommunity, ParkingLot, TouristAttraction,
    EntertainmentVenue,
    GovernmentAgency, PeopleOrganization, PublicInstitution, LargeEnterprise, KeyNationalProject,
    DefenseIndustrySite, Broadcasting, Television, Telecom, Postal,
    CurrencySecuritiesSite, FinancialBusinessPremises, FinancialVault,
    HazardousMaterialsSite, PathogenLab, MaterialsReserve, GrainDepot, EnergyFacility,
    WaterConservancy, UrbanUtilitySupply,
    School, Kindergarten, Hospital, WelfareInstitution, CulturalVenue, SportsVenue, Museum,
    Archive, MemorialHall, ExhibitionHall, HeritageSite,
    DesignatedKeyUnit, Other,
    // 公共安全视频图像信息系统管理条例 第七条 (vocabulary-national.yaml)
    ExhibitionCenter, GovernmentServiceHall, EducationInstitution, MedicalInstitution, BorderPort,
    NavigationStructure, HighwayServiceArea, DivisionBoundaryRoad, KeyUnitSurroundings,
}

/// <summary>Boolean flags of a site (vocabulary site-flags).</summary>
[Flags]
public enum SiteFlag
{
    None = 0,
    PublicArea = 1,
    Large = 2,
    Urban = 4,
    InvolvesStateSecrets = 8,
    HoldsImportantItems = 16,
    NonPublicPlace = 32,
}

public enum Part { MainEntrance, Passage, CommonArea, KeyPart, Vault, BusinessHall, Perimeter, Other }

public enum Zone
{
    HotelGuestRoom, EntertainmentPrivateRoom, Dormitory, ApartmentRoom, NursingRoom, PublicBath,
    ChangingRoom, DressingRoom, Toilet, FinancialCustomerInfoArea, BallotArea, OtherPrivate, Public,
    FittingRoom, StaffRestRoom,
}

[Flags]
public enum Capture { None = 0, Video = 1, Audio = 2 }

[Flags]
public enum Subsystem { None = 0, IntrusionAlarm = 1, Video = 2, AccessControl = 4, ExplosiveCheck = 8 }

public enum Organizer { Police, ConstructionUnit, ConstructionUnitWithPolice }

public enum ActKind
{
    DeviceDestroyed, DeviceRemoved, SystemShutDown, SystemObstructed, PurposeChanged, ProgramModified,
    RecordsDeleted, RecordsModified, RecordsSold, RecordsDistributed, RecordsConcealed, RecordsCopied,
    SecretsLeaked, CertificateForged, VendorDesignated, PublicAreaInstallation, PublicAreaSystemAdjusted,
    AlarmNotReported,
    UnauthorizedInstallation, InstalledNearSecretUnit, PrivacyDeviceNotReported, DeviceMoved, DeviceAltered,
    DeviceObscured, SystemIntruded, DataIllegallyObtained, DataAdded, FalseFiling,
}

public enum ActorKind { Unit, Individual, Police, Government }

public enum Payer { Unit, Individual, ResponsiblePerson, ConstructionUnit, Offender }

public enum FineCondition { Immediately, IfNotCorrected, IfSeriousConsequences }

public enum RequesterKind { Official, Citizen }

public enum AccessAction { View, Copy, Retrieve }

/// <summary>Who a citizen requester is to the person in the images (national-2025 第二十一条).</summary>
public enum RequesterRelation { Self, CloseRelative, Guardian, Other }

/// <summary>Boolean fields of a system that a rule may require (product vocabulary).</summary>
public enum SystemFlag { InterfaceReserved, AlarmNetworked, PersonnelTrained, NewConstruction, InService, SignagePosted }

/// <summary>Conditions of lawful access to records (product vocabulary, used by packs).</summary>
public enum AccessCondition
{
    InvestigationPower, TwoPersons, Credentials, UnitCertificate, Registered, WithinDutyScope,
    UsingUnitConsent, IdentityRecorded, ReasonRecorded, TimeRangeRecorded, PoliceApproval,
    InterestHarmed,
    RelatedPerson,
}

/// <summary>Product requirements a rule may check (product vocabulary, used by packs).</summary>
public enum ProductRequirement { InCatalog, MeetsStandard }

public enum SubjectKind { Site, System, Device, Act, Request }

/// <summary>Why an act or request was not judged (the findings document's notJudged[].reason).</summary>
public enum NotJudgedReason { NotInForce, NoRule, AfterAsOf }
