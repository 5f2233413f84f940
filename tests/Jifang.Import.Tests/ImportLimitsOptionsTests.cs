using Jifang.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Jifang.Import.Tests;

/// <summary>The Import:* settings are checked when the platform is built (ValidateOnStart, and earlier by the import
/// endpoint that reads them): a bad value stops it, naming the setting.</summary>
public sealed class ImportLimitsOptionsTests
{
    [Theory]
    [InlineData("Import:MaxColumns", "0")]
    [InlineData("Import:MaxRows", "-5")]
    [InlineData("Import:MaxFileBytes", "10")]
    [InlineData("Import:MaxUncompressedBytes", "0")]
    [InlineData("Import:MaxCells", "-1")]
    public async Task A_bad_limit_stops_the_platform_naming_the_setting(string key, string value)
    {
        var folder = Directory.CreateTempSubdirectory("jifang-import-options-").FullName;
        try
        {
            // Building the platform maps the import endpoint with its body limit, which reads the settings: it fails there,
            // before the platform would start.
            var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            {
                await using var app = PlatformHost.Build([$"--{key}={value}", $"--Database:ConnectionString=Data Source={Path.Combine(folder, "j.db")}",
                    "--Database:AutoMigrate=false", "--Demo:Seed=false", $"--Audit:KeyFile={Path.Combine(folder, "k.key")}"], b => b.WebHost.UseTestServer());
                await app.StartAsync();
            });

            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
