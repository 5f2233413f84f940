using System.Text;
using Jifang.Cli;
using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jifang.Tests.Features.Audit;

/// <summary>
/// A database of its own for a test that edits the audit log behind the platform's back (SQLite: a temporary file;
/// PostgreSQL: a database on the test server), with its own signing key, and the configuration arguments that point
/// the platform (<see cref="Build"/>) and the command line (<c>Cli</c>) at it.
/// </summary>
public sealed class AuditScratch : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jifang-audit-").FullName;
    private string? _server;
    private string? _database;

    public string Provider { get; }
    public string ConnectionString { get; private set; } = "";
    public string KeyFile => Path.Combine(_folder, "audit-signing.key");
    public string Folder => _folder;

    public string[] HostArgs =>
        [$"--Database:Provider={Provider}", $"--Database:ConnectionString={ConnectionString}", $"--Audit:KeyFile={KeyFile}", "--Demo:Seed=false",
         "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None"];

    private AuditScratch(string provider) => Provider = provider;

    public static async Task<AuditScratch> CreateAsync(string provider)
    {
        var scratch = new AuditScratch(provider);
        if (provider == "sqlite")
        {
            scratch.ConnectionString = $"Data Source={Path.Combine(scratch._folder, "jifang.db")}";
        }
        else
        {
            scratch._server = Environment.GetEnvironmentVariable(PostgresFixture.Variable)
                ?? throw new InvalidOperationException($"{PostgresFixture.Variable} is not set: run ./test.sh, which starts PostgreSQL");
            scratch._database = $"jifang_audit_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(scratch._server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{scratch._database}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
            scratch.ConnectionString = new NpgsqlConnectionStringBuilder(scratch._server) { Database = scratch._database }.ConnectionString;
        }
        await using var app = scratch.Build();
        await PlatformHost.InitializeAsync(app.Services);
        return scratch;
    }

    /// <summary>The platform on this database (not listening), migrated; dispose it to stop its writer.</summary>
    public WebApplication Build(params string[] extra) => PlatformHost.Build([.. HostArgs, "--Audit:SignTreeHeads=false", .. extra]);

    /// <summary>A DbContext on this database, with every scope.</summary>
    public static JifangDbContext Db(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return db;
    }

    /// <summary>Runs <c>jifang ARGS</c> in-process against this database; returns the exit status and what it wrote.</summary>
    public (int Code, string Out, string Err) Cli(params string[] args) => Cli(args, "");

    /// <summary>Runs <c>jifang ARGS</c> with <paramref name="stdin"/> as standard input.</summary>
    public (int Code, string Out, string Err) Cli(string[] args, string stdin)
    {
        var stdout = new MemoryStream();
        var err = new StringWriter();
        var console = new CliConsole
        {
            StdOut = stdout,
            Out = new StreamWriter(stdout, new UTF8Encoding(false), 4096, leaveOpen: true),
            Error = err,
            OpenStdIn = () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)),
            OutIsTerminal = false,
        };
        var code = JifangCli.Run([.. args, .. HostArgs], console);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), err.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == "sqlite")
        {
            SqliteConnection.ClearAllPools();
        }
        else if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
