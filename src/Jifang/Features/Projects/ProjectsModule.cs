namespace Jifang.Features.Projects;

/// <summary>Build projects (issue 12): the workflow, its documents, and the settings per jurisdiction.</summary>
public static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<ProjectOptions>().Bind(config.GetSection(ProjectOptions.Section))
            .Validate(o => o.PanelSize is >= 1 and <= 15, "Projects:PanelSize 应在 1 至 15 之间")
            .Validate(o => o.OpinionDays is >= 1 and <= 90, "Projects:OpinionDays 应在 1 至 90 之间")
            .Validate(o => o.PoolPrefixLength is >= 2 and <= 6, "Projects:PoolPrefixLength 应在 2 至 6 之间")
            .Validate(o => o.MaxDocumentBytes is > 0 and <= 1L << 30, "Projects:MaxDocumentBytes 应为 1 字节至 1 GB")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DocumentsFolder), "Projects:DocumentsFolder 不能为空")
            .Validate(o => o.Jurisdictions.Keys.All(k => k.Length is >= 2 and <= 6 && k.All(char.IsAsciiDigit)), "Projects:Jurisdictions 的键应为 2 至 6 位行政区划代码前缀")
            .Validate(o => o.Jurisdictions.Values.All(j => j.PanelRule is null || PanelRules.All.Contains(j.PanelRule)), "Projects:Jurisdictions:*:PanelRule 应为 majority 或 unanimous")
            .Validate(o => o.Jurisdictions.Values.All(j => j.Conflicts is null || j.Conflicts.All(ConflictRules.All.Contains)),
                "Projects:Jurisdictions:*:Conflicts 只能含 police、testing-agency、project-contractors、owner")
            .Validate(o => o.Jurisdictions.Values.All(j => j.Grading is null || (j.Grading.Bands.Count > 0 && j.Grading.Bands.All(b => b.Grade is >= 1 and <= 3 && b.From >= 0)
                && j.Grading.Grades.All(g => g.Key is "1" or "2" or "3" && g.Value.PoliceLevel is "city" or "county") && !string.IsNullOrWhiteSpace(j.Grading.Source))),
                "Projects:Jurisdictions:*:Grading 应有投资额分档（Grade 1 至 3）、各级的 PoliceLevel（city 或 county）与 Source（分级表的来源）")
            .Validate(o => o.Jurisdictions.Values.All(j => j.Checklists is null || j.Checklists.All(kv => ProjectStates.All.Contains(kv.Key) && kv.Value.All(i => DocumentTypes.All.Contains(i.Type)))),
                "Projects:Jurisdictions:*:Checklists 的键应为项目状态、值为文件类型")
            .ValidateOnStart();
        services.AddSingleton<ProjectDocumentStore>();
        services.AddScoped<ProjectService>();
        return services;
    }
}
