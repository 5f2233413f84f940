using Jifang.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Jifang.Load;

/// <summary>The platform's own services (never started as a web server) on the database the options name.</summary>
internal static class LoadHost
{
    public static async Task<WebApplication> BuildAsync(Options options, bool logCommands = false)
    {
        var app = PlatformHost.Build(
        [
            $"--Database:Provider={options.Provider}",
            $"--Database:ConnectionString={options.RequireConnection()}",
            "--Database:AutoMigrate=true",
            "--Demo:Seed=false",
            // The seeder, the re-judge timer and explain must see every query: no cached counts.
            "--Database:CountsCacheSeconds=0",
            "--Compliance:RecordTrend=false",
            "--Compliance:Jurisdictions:15=nmg-2007",
            "--Compliance:Jurisdictions:99=province-2012",
            "--Logging:LogLevel:Default=Warning",
            // Migrating a database that does not exist yet logs the failed first connection as an error.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection=None",
            $"--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command={(logCommands ? "Information" : "None")}",
        ]);
        await PlatformHost.InitializeAsync(app.Services);
        return app;
    }
}
