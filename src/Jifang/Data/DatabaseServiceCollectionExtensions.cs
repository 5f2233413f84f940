using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Data;

/// <summary>The one place where the database provider is chosen (Database:Provider).</summary>
public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddJifangDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider == "sqlite" || o.ConnectionString is { Length: > 0 }, "Database:ConnectionString 未配置（PostgreSQL 必须提供连接字符串）")
            .ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton<CountsCache>();
        services.AddSingleton<CountsCacheInvalidator>();
        if (options.Provider == "postgres")
        {
            services.AddDbContext<PostgresJifangDbContext>((sp, o) => Strict(o.UseNpgsql(options.EffectiveConnectionString)).AddInterceptors(sp.GetRequiredService<CountsCacheInvalidator>()));
            services.AddScoped<JifangDbContext>(sp => sp.GetRequiredService<PostgresJifangDbContext>());
        }
        else
        {
            var connection = options.EffectiveConnectionString;
            EnsureSqliteFolder(connection);
            services.AddDbContext<SqliteJifangDbContext>((sp, o) => Strict(o.UseSqlite(connection)).AddInterceptors(sp.GetRequiredService<CountsCacheInvalidator>()));
            services.AddScoped<JifangDbContext>(sp => sp.GetRequiredService<SqliteJifangDbContext>());
        }
        return services;
    }

    /// <summary>
    /// A page taken with Skip/Take without an order is unstable (the same row on two pages, another never shown): EF only warned,
    /// and the log filled with the warning. It is an error, so that a new unordered page fails its tests rather than a user.
    /// </summary>
    private static DbContextOptionsBuilder Strict(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Throw(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>Creates the folder of a SQLite file (./data/ by default) so that a fresh checkout starts.</summary>
    private static void EnsureSqliteFolder(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        if (file is { Length: > 0 } && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
    }

    /// <summary>Applies pending migrations, with write-ahead logging on SQLite so that readers never block the writer.</summary>
    public static async Task MigrateAsync(this JifangDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    public static DatabaseOptions Current(this IOptions<DatabaseOptions> options) => options.Value;
}
