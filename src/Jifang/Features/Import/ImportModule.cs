namespace Jifang.Features.Import;

/// <summary>Registers imports: the limits (validated at start) and the importer.</summary>
public static class ImportModule
{
    public static IServiceCollection AddImport(this IServiceCollection s, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        s.AddOptions<ImportLimits>().Bind(config.GetSection(ImportLimits.Section))
            .Validate(o => o.MaxFileBytes is >= 1024 and <= 2L << 30, "Import:MaxFileBytes 应在 1024 字节至 2 GiB 之间")
            .Validate(o => o.MaxUncompressedBytes >= 1024 && o.MaxUncompressedBytes <= 16L << 30, "Import:MaxUncompressedBytes 应在 1024 字节至 16 GiB 之间")
            .Validate(o => o.MaxRows is >= 1 and <= 10_000_000, "Import:MaxRows 应在 1 至 10000000 之间")
            .Validate(o => o.MaxColumns is >= 16 and <= 16_384, "Import:MaxColumns 应在 16 至 16384 之间（导入表最多有 21 列）")
            .Validate(o => o.MaxCells >= 0, "Import:MaxCells 不能为负数（0 表示 MaxRows × MaxColumns）")
            .ValidateOnStart();
        s.AddScoped<Importer>();
        return s;
    }
}
