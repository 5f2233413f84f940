using Microsoft.AspNetCore.Authorization;

namespace Jifang.Features.Identity;

/// <summary>Who may call what. Which records they reach is the scope's business (see <see cref="Scope"/>).</summary>
public static class Policies
{
    /// <summary>Read the registry and findings: police, unit users, administrators.</summary>
    public const string RegistryRead = "registry.read";
    /// <summary>Change the registry: police, unit administrators, administrators.</summary>
    public const string RegistryWrite = "registry.write";
    /// <summary>Supervise: register and archive units, see dashboards of a jurisdiction: police and administrators.</summary>
    public const string Supervise = "supervise";
    public const string Admin = "admin";
    /// <summary>Confirm or dismiss alarms (the unit's duty, province art. 14 ¶2): unit administrators and operators, and the platform administrator.</summary>
    public const string AlarmsHandle = "alarms.handle";
    /// <summary>Acknowledge reported alarms at one's level: police.</summary>
    public const string AlarmsAcknowledge = "alarms.acknowledge";

    // —— Records and access (issue 4) ——
    /// <summary>Register records on behalf of a unit's systems: unit users and administrators (a system credential later).</summary>
    public const string RecordsRegister = "records.register";
    /// <summary>Ask for a record's deletion (refused while retention or a hold lasts): unit administrators and administrators.</summary>
    public const string RecordsDelete = "records.delete";
    /// <summary>Propose, confirm and release evidence holds: police, unit administrators, administrators.</summary>
    public const string RecordsHold = "records.hold";
    /// <summary>Open and co-sign official requests: police officers.</summary>
    public const string AccessOfficial = "access.official";
    /// <summary>Act as the using unit on requests (register, consent, decline): unit users.</summary>
    public const string AccessUnit = "access.unit";

    // —— 备案 (issue 11) ——
    /// <summary>File a video system, resubmit a returned filing, file a change (公共安全视频系统管理单位): unit administrators.</summary>
    public const string FilingSubmit = "filing.submit";
    /// <summary>Accept or return a filing: the county police of the system's place (第十四条第一款 县级人民政府公安机关).</summary>
    public const string FilingDecide = "filing.decide";

    // —— Build projects (issue 12) ——
    /// <summary>
    /// See build projects (each sees those it is a party to, or of its jurisdiction) and read the registry of testing agencies
    /// (an owner chooses the agency it commissions): everyone but citizens.
    /// </summary>
    public const string ProjectsRead = "projects.read";
    /// <summary>Open a project (立项): the owner's administrators and the police.</summary>
    public const string ProjectsCreate = "projects.create";
    /// <summary>Take a step of a project (which steps, the project's parties decide): the parties' roles.</summary>
    public const string ProjectsAct = "projects.act";
    /// <summary>Read the expert pool: police (their jurisdiction's experts), experts (themselves) and administrators.</summary>
    public const string ExpertsRead = "experts.read";

    public static AuthorizationBuilder AddJifangPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(RegistryRead, p => p.RequireRole([.. Roles.Police, .. Roles.UnitRoles, Roles.PlatformAdmin]))
            .AddPolicy(RegistryWrite, p => p.RequireRole([.. Roles.Police, Roles.UnitAdmin, Roles.PlatformAdmin]))
            .AddPolicy(Supervise, p => p.RequireRole([.. Roles.Police, Roles.PlatformAdmin]))
            .AddPolicy(Admin, p => p.RequireRole(Roles.PlatformAdmin))
            .AddPolicy(RecordsRegister, p => p.RequireRole([.. Roles.UnitRoles, Roles.PlatformAdmin]))
            .AddPolicy(RecordsDelete, p => p.RequireRole(Roles.UnitAdmin, Roles.PlatformAdmin))
            .AddPolicy(RecordsHold, p => p.RequireRole([.. Roles.Police, Roles.UnitAdmin, Roles.PlatformAdmin]))
            .AddPolicy(AccessOfficial, p => p.RequireRole([.. Roles.Police]))
            .AddPolicy(AccessUnit, p => p.RequireRole([.. Roles.UnitRoles]))
            .AddPolicy(AlarmsHandle, p => p.RequireRole([.. Roles.UnitRoles, Roles.PlatformAdmin]))
            .AddPolicy(AlarmsAcknowledge, p => p.RequireRole([.. Roles.Police]))
            .AddPolicy(FilingSubmit, p => p.RequireRole(Roles.UnitAdmin))
            .AddPolicy(FilingDecide, p => p.RequireRole(Roles.PoliceCounty))
            .AddPolicy(ProjectsRead, p => p.RequireRole([.. Roles.Police, .. Roles.UnitRoles, .. Roles.PartyRoles, Roles.PlatformAdmin]))
            .AddPolicy(ProjectsCreate, p => p.RequireRole([.. Roles.Police, Roles.UnitAdmin]))
            .AddPolicy(ProjectsAct, p => p.RequireRole([.. Roles.Police, Roles.UnitAdmin, .. Roles.PartyRoles]))
            .AddPolicy(ExpertsRead, p => p.RequireRole([.. Roles.Police, Roles.Expert, Roles.PlatformAdmin]));
    }
}
