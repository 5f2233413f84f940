using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jifang.Tests.Infrastructure;

/// <summary>SQLite: a file of its own in the temporary folder, deleted at the end.</summary>
public sealed class SqliteFixture : PlatformFixture
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jifang-tests-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={_file}");

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: a database of its own, created on the server that <c>JIFANG_TEST_POSTGRES</c> names (a connection string
/// to its <c>postgres</c> database; ./test.sh starts a throwaway PostgreSQL 15 and sets it) and dropped at the end.
/// Without the variable, or without a server, every PostgreSQL test fails: a skipped test in CI is a test that does not exist.
/// </summary>
public sealed class PostgresFixture : PlatformFixture
{
    public const string Variable = "JIFANG_TEST_POSTGRES";

    private string? _server;
    private bool _created;
    private readonly string _database = $"jifang_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..50];

    public override string Provider => "postgres";

    protected override async Task<string> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            var why = Environment.GetEnvironmentVariable(Variable + "_ERROR");
            throw new InvalidOperationException(
                (string.IsNullOrWhiteSpace(why) ? "" : $"./test.sh could not start PostgreSQL: {why}\n") +
                $"{Variable} is not set. The PostgreSQL tests need a server: run ./test.sh, which starts a throwaway PostgreSQL 15 " +
                $"and sets {Variable}, or set it to a connection string to the postgres database of a server you may create databases on " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        }
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }
        return new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (!_created)
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
