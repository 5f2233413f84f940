using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jifang.Import.Tests;

/// <summary>SQLite: a file in the fixture's folder, removed with it.</summary>
public sealed class SqliteFixture : PlatformFixture
{
    public override string Provider => "sqlite";

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={Path.Combine(Folder, "jifang.db")}");

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: a database of its own on the server <c>JIFANG_TEST_POSTGRES</c> names (./test.sh starts one and sets it),
/// dropped at the end. Without the variable or the server every PostgreSQL test fails, as in tests/Jifang.Tests: a skipped
/// test in CI is a test that does not exist.
/// </summary>
public sealed class PostgresFixture : PlatformFixture
{
    public const string Variable = "JIFANG_TEST_POSTGRES";

    private readonly string _database = $"jifang_import_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..50];
    private string? _server;

    public override string Provider => "postgres";

    protected override async Task<string> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. The PostgreSQL import tests need a server: run ./test.sh, or set {Variable} to a connection " +
                "string to the postgres database of a server you may create databases on (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        }
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_server is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

// One collection per provider: its test classes share one platform and run one after another; the two run side by side.

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
