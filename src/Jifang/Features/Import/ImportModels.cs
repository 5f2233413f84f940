using System.Text.Json.Serialization;

namespace Jifang.Features.Import;

/// <summary>What kind of file is being imported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportFormat>))]
public enum ImportFormat
{
    /// <summary>A facts file of the judging contract (JSON).</summary>
    [JsonStringEnumMemberName("facts")] Facts,
    /// <summary>A CSV sheet of sites (场所).</summary>
    [JsonStringEnumMemberName("csv")] Csv,
    /// <summary>An .xlsx workbook: 场所, 技防系统 and the optional sheets.</summary>
    [JsonStringEnumMemberName("xlsx")] Xlsx,
}

[JsonConverter(typeof(JsonStringEnumConverter<ImportStage>))]
public enum ImportStage
{
    [JsonStringEnumMemberName("reading")] Reading,
    [JsonStringEnumMemberName("validating")] Validating,
    [JsonStringEnumMemberName("saving")] Saving,
    [JsonStringEnumMemberName("judging")] Judging,
    [JsonStringEnumMemberName("done")] Done,
}

/// <summary>How far an import has got: <paramref name="Done"/> of <paramref name="Total"/> in a stage.</summary>
public sealed record ImportProgress(ImportStage Stage, int Done, int Total)
{
    public string Label => Stage switch
    {
        ImportStage.Reading => "读取文件",
        ImportStage.Validating => "逐行校验",
        ImportStage.Saving => "写入数据库",
        ImportStage.Judging => "评判场所",
        _ => "完成",
    };
}

/// <summary>Who the imported sites belong to and where they are, unless a row says otherwise.</summary>
/// <param name="Unit">The unit's id, 统一社会信用代码 or exact name: the default for rows that name no unit (required for facts files).</param>
/// <param name="Division">The GB/T 2260 division code for rows that give none; else the unit's own.</param>
/// <param name="DryRun">Read and validate everything, judge in memory, write nothing.</param>
public sealed record ImportOptions(string? Unit = null, string? Division = null, bool DryRun = false);

/// <summary>One problem with the input, located the way the user sees the file.</summary>
/// <param name="Sheet">The worksheet (xlsx), or null for CSV and facts files.</param>
/// <param name="Row">The row number as a spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column header.</param>
/// <param name="Path">For facts files: the JSON path (sites[2].categories[0]).</param>
public sealed record ImportError(string? Sheet, int? Row, string? Column, string? Path, string Message)
{
    /// <summary>"第 3 行 场所类别: 未知的场所类别 "hotle"" (with the sheet first for workbooks), or "sites[2].categories[0]: …".</summary>
    public string Text
    {
        get
        {
            if (Path is not null)
            {
                return $"{Path}: {Message}";
            }
            if (Row is null)
            {
                return Column is null ? Message : $"{Column}: {Message}";
            }
            var sheet = Sheet is null ? "" : $"{Sheet} ";
            var column = Column is null ? "" : $" {Column}";
            return $"{sheet}第 {Row} 行{column}: {Message}";
        }
    }

    public static ImportError General(string message) => new(null, null, null, null, message);

    public static ImportError Option(string option, string message) => new(null, null, option, null, message);
}

/// <summary>A site that was (or, in a dry run, would be) imported.</summary>
/// <param name="Code">The site's 场所编号 in the sheet, or its id in the facts file.</param>
/// <param name="PackId">The regional pack of its place (none where only the national one judges it).</param>
/// <param name="PackIds">Every pack it was judged under: the nationwide ones in force and the regional one.</param>
public sealed record ImportedSite(string? Code, Guid Id, string Name, Guid UnitId, string DivisionCode, string? PackId, int Systems, int Devices, int Acts, int Findings,
    IReadOnlyList<string> PackIds);

/// <summary>The outcome of an import: everything imported, or (when <see cref="Accepted"/> is false) nothing and the reasons row by row.</summary>
public sealed record ImportReport(
    string FileName,
    ImportFormat? Format,
    bool Accepted,
    bool DryRun,
    int Sites,
    int Systems,
    int Devices,
    int Acts,
    int Findings,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ImportedSite> Imported)
{
    public static ImportReport Rejected(string fileName, ImportFormat? format, bool dryRun, IReadOnlyList<ImportError> errors, IReadOnlyList<string> warnings) =>
        new(fileName, format, false, dryRun, 0, 0, 0, 0, 0, errors, warnings, []);
}
