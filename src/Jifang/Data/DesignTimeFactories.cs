using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jifang.Data;

// Used only by `dotnet ef migrations add` to build each provider's model.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJifangDbContext>
{
    public SqliteJifangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteJifangDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJifangDbContext>
{
    public PostgresJifangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresJifangDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
