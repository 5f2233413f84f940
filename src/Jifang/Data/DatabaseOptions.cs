using System.ComponentModel.DataAnnotations;

namespace Jifang.Data;

/// <summary>Database settings (section "Database"). The provider is chosen here and nowhere else.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (default: an embedded file) or "postgres".</summary>
    [Required]
    [RegularExpression("^(sqlite|postgres)\\z", ErrorMessage = "Database:Provider 只能是 sqlite 或 postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite a file under ./data/ by default; for PostgreSQL required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start. On for the demo and tests; production runs <c>jifang admin migrate</c>.</summary>
    public bool AutoMigrate { get; set; } = true;

    /// <summary>
    /// How long the dashboard's counts and the site list's totals may be answered from memory (<see cref="CountsCache"/>).
    /// Every write of this process clears them at once; writes of another process show after at most this long. 0: no cache.
    /// </summary>
    [Range(0, 3600)]
    public int CountsCacheSeconds { get; set; } = 10;

    public string EffectiveConnectionString => ConnectionString is { Length: > 0 } c
        ? c
        : Provider == "sqlite" ? "Data Source=data/jifang.db" : throw new InvalidOperationException("Database:ConnectionString 未配置（PostgreSQL 必须提供连接字符串）");
}
